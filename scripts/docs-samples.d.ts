// Placeholders the ```ts samples in the docs may use without declaring them
// (scripts/check-docs.mjs type-checks every sample with this file). Keep the
// list short: a sample should otherwise compile as written.
import type { Challenge, FaceProvider, Frame } from '@facegate/core';

declare global {
  /** Any provider (an adapter's `create…Provider()`). */
  const myAdapter: FaceProvider;
  /** A selfie / live capture, as bytes. */
  const selfie: Uint8Array;
  /** Same, as the adapter pages name it. */
  const selfieBytes: Uint8Array;
  /** The photo of an ID document (or its face), as bytes. */
  const idPhoto: Uint8Array;
  /** Same, as the adapter pages name it. */
  const idDocumentBytes: Uint8Array;
  /** Frames captured for a challenge. */
  const frames: Frame[];
  /** The challenge the server issued (`createChallenge()`). */
  const challenge: Challenge;
  /** The app's own registration step. */
  function register(): void;
}
