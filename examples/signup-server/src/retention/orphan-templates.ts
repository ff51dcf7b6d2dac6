import type { Logger } from '@facegate/core';
import type { TemplateRepository } from '../db/template-repository';

/** A template without an account is kept this long (a registration in flight writes its user seconds later). */
export const ORPHAN_TEMPLATE_AGE_MS = 10 * 60_000;
/** How often orphan templates are swept after the sweep at start-up. */
export const ORPHAN_SWEEP_INTERVAL_MS = 60 * 60_000;

/**
 * Sweep orphan face templates of the server's `collections`
 * ({@link TemplateRepository.sweepOrphans}) now and every `intervalMs`; the
 * timer does not keep the process alive. Returns a function that stops it.
 */
export function startOrphanTemplateSweep(
  templates: Pick<TemplateRepository, 'sweepOrphans'>,
  collections: readonly string[],
  logger: Logger,
  intervalMs = ORPHAN_SWEEP_INTERVAL_MS,
  olderThanMs = ORPHAN_TEMPLATE_AGE_MS,
): () => void {
  const sweep = () =>
    templates
      .sweepOrphans(collections, olderThanMs)
      .then((removed) => {
        if (removed > 0) logger.info({ removed }, 'orphan face templates deleted');
      })
      .catch((error: unknown) => logger.error({ name: (error as Error)?.name }, 'orphan template sweep failed'));
  void sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
