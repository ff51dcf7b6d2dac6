import { type CameraProblem, cameraProblem } from './camera-error';

/** A started camera; `release` stops every track (the camera light goes off). */
export interface Camera {
  stream: MediaStream;
  release(): void;
}

/** The camera could not start. */
export class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(`camera: ${problem}`);
    this.name = 'CameraError';
  }
}

/**
 * Open a camera: the front one for the face (`user`), the back one for a
 * document (`environment`; laptops fall back to whatever they have). 640×480
 * ideal and ≥15 fps, as liveness vendors expect; a device whose label says
 * infrared or virtual is avoided when another one exists.
 */
export async function openCamera(facing: 'user' | 'environment'): Promise<Camera> {
  if (!window.isSecureContext) throw new CameraError('insecure');
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('not_found');
  const video: MediaTrackConstraints = {
    facingMode: { ideal: facing },
    width: { ideal: 640 },
    height: { ideal: 480 },
    frameRate: { ideal: 30, min: 15 },
  };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
  } catch (error) {
    // Some cameras cannot do 15 fps at this size: ask again without the frame-rate floor.
    if ((error as { name?: string }).name === 'OverconstrainedError') {
      stream = await navigator.mediaDevices
        .getUserMedia({ video: { facingMode: { ideal: facing } }, audio: false })
        .catch((e: unknown) => {
          throw new CameraError(cameraProblem(e));
        });
    } else throw new CameraError(cameraProblem(error));
  }
  stream = await avoidUnsuitableCamera(stream, facing);
  return {
    stream,
    release() {
      for (const track of stream.getTracks()) track.stop();
    },
  };
}

const UNSUITABLE = /infrared|\bir\b|virtual/i;

// Phones with face unlock may expose an infrared camera as "front" (an Amplify complaint); pick another if there is one.
async function avoidUnsuitableCamera(stream: MediaStream, facing: 'user' | 'environment'): Promise<MediaStream> {
  const track = stream.getVideoTracks()[0];
  if (!track || !UNSUITABLE.test(track.label)) return stream;
  const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
  const better = devices.find((d) => d.kind === 'videoinput' && !UNSUITABLE.test(d.label));
  if (!better) return stream;
  for (const t of stream.getTracks()) t.stop();
  return navigator.mediaDevices
    .getUserMedia({ video: { deviceId: { exact: better.deviceId }, facingMode: { ideal: facing } }, audio: false })
    .catch((e: unknown) => {
      throw new CameraError(cameraProblem(e));
    });
}

/** Attach a stream to a video element and wait until it shows frames. */
export async function playInto(video: HTMLVideoElement, stream: MediaStream): Promise<void> {
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  if (video.readyState < 2) {
    await new Promise<void>((resolve) => video.addEventListener('loadeddata', () => resolve(), { once: true }));
  }
  await video.play().catch(() => {});
}
