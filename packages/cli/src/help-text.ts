import { PROVIDER_IDS } from '@facegate/core';
import { LIVENESS_USAGE } from './commands/liveness-command';
import { MATCH_USAGE } from './commands/match-command';
import { PROVIDERS_USAGE } from './commands/providers-command';
import { QUALITY_USAGE } from './commands/quality-command';
import { SEARCH_USAGE_LINES } from './commands/search-command';

const COMMON = `Options for every command:
  -p, --provider ID   ${PROVIDER_IDS.join(' | ')}
                      (default: FACEGATE_PROVIDER, else local)
      --json          print one JSON document on stdout (schema: see README)
  -q, --quiet         no progress or warnings on stderr (errors still print)
      --debug         stack traces for errors
  -h, --help          help for a command
  -V, --version       print the version

Exit codes: 0 passed, 1 checked and not passed, 2 usage or input error,
3 provider, configuration or system error.`;

/** Help text per command, and the overview under `general`. */
export const HELP: Readonly<Record<string, string>> = {
  general: `facegate — face liveness, face match, quality and 1:N search on your own files,
against any facegate provider.

Usage:
  ${MATCH_USAGE}
  ${LIVENESS_USAGE}
  ${QUALITY_USAGE}
  ${SEARCH_USAGE_LINES.join('\n  ')}
  ${PROVIDERS_USAGE}

Run \`facegate help COMMAND\` for details.

${COMMON}`,
  match: `Usage: ${MATCH_USAGE}

Compare the face in SOURCE (e.g. a selfie) with the face in TARGET (e.g. an ID
photo). Prints similarity (0..1), the decision and its reasons.
  --threshold X   similarity at or above which the faces match (0..1;
                  default: the provider's, or FACEGATE_MATCH_PASS_AT)

${COMMON}`,
  liveness: `Usage: ${LIVENESS_USAGE}

Check that a face is live. FILE is a still image (JPEG, PNG, WebP) or a short
clip (MP4, WebM), checked passively. DIR_OF_FRAMES is a directory of frames
(.jpg/.png/.webp, ordered by name: frame-2 before frame-10), checked as an
active challenge when the provider supports it.

A server normally issues a random challenge and the user performs it on camera.
The CLI cannot show your photos a challenge, so you state which actions the
frames perform, in order:
  --challenge turn_left,blink   look_straight is put first if you leave it out;
                                actions: look_straight, turn_left, turn_right,
                                look_up, look_down, blink (default: look_straight
                                only, a passive check over the sequence)
  --frame-interval MS   frames are MS apart in name order (default 200)
  --frame-times mtime   use the files' modification times instead
  --step-timeout MS     time allowed per step (default 5000)
  --threshold X         liveness confidence at or above which the check passes

Session-only vendors (aws, azure) film the user with their own browser
component; the CLI cannot do that and says so.

${COMMON}`,
  quality: `Usage: ${QUALITY_USAGE}

Check whether a photo is usable: faces found with their boxes (fractions of the
image size), brightness, sharpness, size, pose, and feedback codes. Exit 1 means
"retake the photo".

${COMMON}`,
  search: `Usage:
  ${SEARCH_USAGE_LINES.join('\n  ')}

1:N search in a named collection (duplicate checks).
  add     index the face in FILE under your --id
  find    search for faces like the one in FILE; exit 0 = no duplicate,
          1 = duplicate or possible duplicate
          --max-results N (default 5), --min-similarity X (default: the review
          threshold), --threshold X (similarity that counts as a duplicate)
  remove  remove faces by --id (your ids) or --face-id (the provider's ids)

  -c, --collection NAME   the collection (letters, digits, . _ -)
      --store DIR         keep the local engine's gallery in a PGlite database folder
                          (it holds biometric templates: keep it private)

Cloud providers keep collections on their side. The local engine and the
scenario provider keep them in memory, so without --store each run starts empty.

${COMMON}`,
  providers: `Usage: ${PROVIDERS_USAGE}

List the providers, whether each adapter package is installed, whether the
environment configures it (which variables are missing; values are never
printed) and what it supports. No network calls.

${COMMON}`,
};
