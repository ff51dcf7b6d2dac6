/**
 * Whether the camera delivered a new picture since the last grab: the page
 * must not send one camera frame twice (the server's frozen-frames rule calls
 * the same picture again a replay). Uses `requestVideoFrameCallback` where the
 * browser has it; elsewhere every grab counts as new.
 */
export interface FrameWatch {
  /** True once per new camera frame. */
  hasNewFrame(): boolean;
  stop(): void;
}

type VideoWithFrames = HTMLVideoElement & {
  requestVideoFrameCallback?(cb: () => void): number;
  cancelVideoFrameCallback?(handle: number): void;
};

export function newFrameWatch(video: HTMLVideoElement): FrameWatch {
  const v = video as VideoWithFrames;
  if (typeof v.requestVideoFrameCallback !== 'function') return { hasNewFrame: () => true, stop: () => {} };
  let fresh = true;
  let handle = 0;
  let stopped = false;
  const onFrame = () => {
    fresh = true;
    if (!stopped) handle = v.requestVideoFrameCallback?.(onFrame) ?? 0;
  };
  handle = v.requestVideoFrameCallback(onFrame);
  return {
    hasNewFrame() {
      const was = fresh;
      fresh = false;
      return was;
    },
    stop() {
      stopped = true;
      v.cancelVideoFrameCallback?.(handle);
    },
  };
}
