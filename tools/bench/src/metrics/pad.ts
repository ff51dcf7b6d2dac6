/**
 * Presentation attack detection metrics in ISO/IEC 30107-3 terms.
 *
 * - APCER (attack presentation classification error rate), per PAI species:
 *   the share of attack presentations of that species accepted as bona fide.
 *   The headline is the worst species (APCER_max, as 30107-3 asks).
 * - BPCER (bona fide presentation classification error rate): the share of
 *   bona fide presentations classified as attacks.
 *
 * "Accepted as bona fide" means the decision that would let the person go on
 * (facegate's `pass`); `retry`, `review` and `reject` all stop an attack, and
 * all fail a bona fide user (counted, and broken down, separately).
 */

/** One classified presentation. */
export interface Presentation {
  /** `attack` with its PAI species, or `bona_fide`. */
  kind: 'attack' | 'bona_fide';
  /** PAI species (attack type), e.g. `still-photo-replay`; ignored for bona fide. */
  species?: string;
  /** The system's outcome, e.g. `pass` | `retry` | `review` | `reject`. */
  outcome: string;
}

/** APCER of one PAI species. */
export interface SpeciesRate {
  species: string;
  attacks: number;
  accepted: number;
  apcer: number;
  outcomes: Record<string, number>;
}

/** PAD summary. */
export interface PadReport {
  species: SpeciesRate[];
  /** The worst species' APCER, or null without attack presentations. */
  apcerMax: number | null;
  /** Attack presentations accepted / attack presentations, all species pooled. */
  apcerPooled: number | null;
  bonaFide: number;
  /** Bona fide presentations not accepted / bona fide presentations, or null when there are none (not measurable). */
  bpcer: number | null;
  bonaFideOutcomes: Record<string, number>;
}

const ACCEPTED = 'pass';

/** Compute APCER per species, APCER_max, pooled APCER and BPCER. */
export function padMetrics(presentations: readonly Presentation[], accepted: string = ACCEPTED): PadReport {
  const bySpecies = new Map<string, SpeciesRate>();
  const bonaFideOutcomes: Record<string, number> = {};
  let bonaFide = 0;
  let bonaFideRejected = 0;
  for (const p of presentations) {
    if (p.kind === 'bona_fide') {
      bonaFide += 1;
      bonaFideOutcomes[p.outcome] = (bonaFideOutcomes[p.outcome] ?? 0) + 1;
      if (p.outcome !== accepted) bonaFideRejected += 1;
      continue;
    }
    const name = p.species ?? 'unspecified';
    const rate = bySpecies.get(name) ?? { species: name, attacks: 0, accepted: 0, apcer: 0, outcomes: {} };
    rate.attacks += 1;
    if (p.outcome === accepted) rate.accepted += 1;
    rate.outcomes[p.outcome] = (rate.outcomes[p.outcome] ?? 0) + 1;
    rate.apcer = rate.accepted / rate.attacks;
    bySpecies.set(name, rate);
  }
  const species = [...bySpecies.values()];
  const attacks = species.reduce((n, s) => n + s.attacks, 0);
  const acceptedAttacks = species.reduce((n, s) => n + s.accepted, 0);
  return {
    species,
    apcerMax: species.length === 0 ? null : Math.max(...species.map((s) => s.apcer)),
    apcerPooled: attacks === 0 ? null : acceptedAttacks / attacks,
    bonaFide,
    bpcer: bonaFide === 0 ? null : bonaFideRejected / bonaFide,
    bonaFideOutcomes,
  };
}
