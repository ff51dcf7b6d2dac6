import type { AnalyzeOptions, DescribedFace, EngineFrame, FivePoints } from './face-engine';

/** Decoded pixels as they cross to a worker: the buffer is transferred, not copied. */
export interface WirePixels {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** One task for an engine worker. */
export type EngineTask =
  | { readonly op: 'warm' }
  | { readonly op: 'analyze'; readonly image: WirePixels; readonly options: AnalyzeOptions }
  | { readonly op: 'describe'; readonly image: WirePixels }
  | { readonly op: 'embed'; readonly image: WirePixels; readonly points: FivePoints };

/** What each task answers. */
export interface EngineTaskResult {
  warm: { loadMs: number };
  analyze: EngineFrame;
  describe: DescribedFace[];
  embed: Float32Array;
}

/** Data every worker starts with. */
export interface EngineWorkerData {
  /** Intra-op threads per inference session. */
  readonly intraOp: number;
}
