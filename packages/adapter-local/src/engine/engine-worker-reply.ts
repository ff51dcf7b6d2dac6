/**
 * What a worker answers: a value, or a failure it caught itself. Anything the
 * pool sees rejected instead (the thread died) is a crash.
 */
export type WorkerReply =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly kind: 'load' | 'inference'; readonly message: string };
