import type * as TfCore from '@tensorflow/tfjs-core';

type Tf = typeof TfCore;
type Method = (this: TfCore.Tensor, ...args: unknown[]) => unknown;
type OpTable = Record<string, (...args: unknown[]) => unknown>;

// Tensor methods of @tensorflow/tfjs 4.22 that are exactly `op(this, ...args)`.
const SAME_AS_OP = [
  'abs',
  'acos',
  'acosh',
  'add',
  'all',
  'any',
  'argMax',
  'argMin',
  'asin',
  'asinh',
  'atan',
  'atan2',
  'atanh',
  'batchToSpaceND',
  'batchNorm',
  'broadcastTo',
  'cast',
  'ceil',
  'clipByValue',
  'conv1d',
  'conv2d',
  'cos',
  'cosh',
  'cumprod',
  'cumsum',
  'depthToSpace',
  'div',
  'divNoNan',
  'dot',
  'elu',
  'equal',
  'erf',
  'euclideanNorm',
  'exp',
  'expandDims',
  'expm1',
  'fft',
  'floor',
  'floorDiv',
  'gather',
  'greater',
  'greaterEqual',
  'ifft',
  'irfft',
  'isFinite',
  'isInf',
  'isNaN',
  'leakyRelu',
  'less',
  'lessEqual',
  'log',
  'log1p',
  'logSigmoid',
  'logSoftmax',
  'logSumExp',
  'logicalAnd',
  'logicalNot',
  'logicalOr',
  'logicalXor',
  'matMul',
  'max',
  'maximum',
  'mean',
  'min',
  'minimum',
  'mirrorPad',
  'mod',
  'mul',
  'neg',
  'norm',
  'notEqual',
  'onesLike',
  'pad',
  'pool',
  'pow',
  'prelu',
  'prod',
  'reciprocal',
  'relu',
  'relu6',
  'reshape',
  'reverse',
  'rfft',
  'round',
  'rsqrt',
  'selu',
  'sigmoid',
  'sign',
  'sin',
  'sinh',
  'slice',
  'softmax',
  'softplus',
  'spaceToBatchND',
  'split',
  'sqrt',
  'square',
  'squaredDifference',
  'squeeze',
  'step',
  'stridedSlice',
  'sub',
  'sum',
  'tan',
  'tanh',
  'tile',
  'topk',
  'transpose',
  'unique',
  'unstack',
  'zerosLike',
] as const;

/**
 * Register the Tensor "chained ops" (`t.as3D()`, `t.expandDims()`, …) on the
 * tfjs-core Tensor class. The `@tensorflow/tfjs` union package does this;
 * tfjs-core's CommonJS build does not, and face-api calls them. Same semantics
 * as tfjs-core 4.22's `public/chained_ops`. Idempotent.
 */
export function registerChainedOps(tf: Tf): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, Method>;
  if (typeof proto.as3D === 'function') return;
  const ops = tf as unknown as OpTable;
  for (const name of SAME_AS_OP) {
    const op = ops[name];
    if (!op) continue;
    proto[name] = function chained(...args) {
      this.throwIfDisposed();
      return op(this, ...args);
    };
  }
  const define = (name: string, fn: (self: TfCore.Tensor, ...args: never[]) => unknown): void => {
    proto[name] = function chained(...args) {
      this.throwIfDisposed();
      return (fn as (self: TfCore.Tensor, ...a: unknown[]) => unknown)(this, ...args);
    };
  };
  const asList = (self: TfCore.Tensor, x: TfCore.Tensor | TfCore.Tensor[]) =>
    x instanceof tf.Tensor ? [self, x] : [self, ...x];
  define('as1D', (t) => tf.reshape(t, [t.size]));
  define('flatten', (t) => tf.reshape(t, [t.size]));
  define('as2D', (t, r: number, c: number) => tf.reshape(t, [r, c]));
  define('as3D', (t, r: number, c: number, d: number) => tf.reshape(t, [r, c, d]));
  define('as4D', (t, r: number, c: number, d: number, d2: number) => tf.reshape(t, [r, c, d, d2]));
  define('as5D', (t, r: number, c: number, d: number, d2: number, d3: number) => tf.reshape(t, [r, c, d, d2, d3]));
  define('asScalar', (t) => {
    tf.util.assert(t.size === 1, () => 'The array must have only 1 element.');
    return tf.reshape(t, []);
  });
  define('asType', (t, dtype: TfCore.DataType) => tf.cast(t, dtype));
  define('toBool', (t) => tf.cast(t, 'bool'));
  define('toFloat', (t) => tf.cast(t, 'float32'));
  define('toInt', (t) => tf.cast(t, 'int32'));
  define('reshapeAs', (t, x: TfCore.Tensor) => tf.reshape(t, x.shape));
  define('concat', (t, x: TfCore.Tensor | TfCore.Tensor[], axis?: number) => tf.concat(asList(t, x), axis));
  define('stack', (t, x: TfCore.Tensor | TfCore.Tensor[], axis?: number) => tf.stack(asList(t, x), axis));
  define('oneHot', (t, depth: number, on?: number, off?: number) => tf.oneHot(t as TfCore.Tensor1D, depth, on, off));
  define('where', (t, condition: TfCore.Tensor, x: TfCore.Tensor) => tf.where(condition, t, x));
  define('resizeBilinear', (t, size: [number, number], align?: boolean, half?: boolean) =>
    tf.image.resizeBilinear(t as TfCore.Tensor3D, size, align, half),
  );
  define('resizeNearestNeighbor', (t, size: [number, number], align?: boolean, half?: boolean) =>
    tf.image.resizeNearestNeighbor(t as TfCore.Tensor3D, size, align, half),
  );
}
