// The tfjs WASM binaries are bundled by Vite as hashed assets of this page (same origin, no CDN).
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

/** File name → URL, as tfjs's setWasmPaths takes them (no threaded build: the page is not cross-origin isolated). */
export const WASM_PATHS: Record<string, string> = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
};
