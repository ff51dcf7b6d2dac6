import type * as TfCore from '@tensorflow/tfjs-core';

interface WasmBackend {
  makeOutput(shape: number[], dtype: TfCore.DataType): TfCore.TensorInfo;
  typedArrayFromHeap(t: TfCore.TensorInfo): TfCore.TypedArray;
}
type KernelArgs = { inputs: TfCore.TensorInfo[]; backend: WasmBackend; attrs: { axis: number | number[] } };
type KernelFn = ((args: KernelArgs) => TfCore.TensorInfo) & { facegatePatched?: boolean };

/**
 * Faster `Concat` for tfjs-backend-wasm 4.22 in Node. The stock kernel copies
 * with one `subarray().set()` per row, which for face-api's channel-axis concat
 * of a whole image ([1,H,W,1]×3) is H·W·3 calls (~40 ms per 640 px frame). This
 * one copies small inner blocks with plain loops and keeps the stock kernel for
 * everything else. Outputs are bit-identical (checked in the prototype).
 */
export function patchWasmConcat(tf: typeof TfCore): boolean {
  const stock = tf.getKernel('Concat', 'wasm');
  const stockFn = stock?.kernelFunc as unknown as KernelFn | undefined;
  if (!stock || !stockFn || stockFn.facegatePatched) return false;
  const fast: KernelFn = (args) => {
    const { inputs, backend, attrs } = args;
    const first = inputs[0];
    if (!first || first.dtype === 'string' || inputs.length < 2) return stockFn(args);
    const axis = tf.util.parseAxisParam(attrs.axis, first.shape)[0] ?? 0;
    const ins = inputs.filter((t) => tf.util.sizeFromShape(t.shape) > 0);
    const head = ins[0];
    if (!head || ins.length < 2) return stockFn(args);
    const rows = tf.util.sizeFromShape(head.shape.slice(0, axis));
    const widths = ins.map((t) => tf.util.sizeFromShape(t.shape.slice(axis)));
    if (rows < 256 || Math.max(...widths) > 64) return stockFn(args);
    const shapes = inputs.map((t) => t.shape);
    tf.backend_util.assertParamsConsistent(shapes, axis);
    const out = backend.makeOutput(tf.backend_util.computeOutShape(shapes, axis), first.dtype);
    const outVals = backend.typedArrayFromHeap(out);
    const total = widths.reduce((a, b) => a + b, 0);
    let column = 0;
    ins.forEach((input, i) => {
      const src = backend.typedArrayFromHeap(input);
      const w = widths[i] ?? 0;
      for (let r = 0, s = 0, o = column; r < rows; r++, o += total)
        for (let k = 0; k < w; k++) outVals[o + k] = src[s++] as number;
      column += w;
    });
    return out;
  };
  fast.facegatePatched = true;
  tf.unregisterKernel('Concat', 'wasm');
  tf.registerKernel({ ...stock, kernelFunc: fast as unknown as TfCore.KernelFunc });
  return true;
}
