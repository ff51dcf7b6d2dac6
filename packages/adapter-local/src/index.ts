export { MATCH_CALIBRATION, similarityFromDistance } from './analysis/similarity';
export type { RgbImage } from './engine/decode-image';
export type { EnginePool, EnginePoolOptions } from './engine/engine-pool';
export { EMBEDDING_LENGTH } from './engine/face-embedding';
export type {
  AnalyzeOptions,
  AntiSpoof,
  DescribedFace,
  EngineBox,
  EngineCallOptions,
  EngineFace,
  EngineFrame,
  EnginePoint,
  EnginePose,
  EyeState,
  FaceEngine,
  FivePoints,
} from './engine/face-engine';
export { createOnnxEngine, type OnnxEngine, RECOGNITION_MODEL, sharedOnnxEngine } from './engine/onnx-engine';
export { EngineBusyError, EngineCrashError, TemplateStoreError } from './local-errors';
export {
  createLocalProvider,
  LOCAL_CAPABILITIES,
  LOCAL_MEDIA_CONSTRAINTS,
  LOCAL_POLICY_DEFAULTS,
  type LocalProvider,
  type LocalProviderOptions,
} from './local-provider';
export { localProviderFactory } from './local-provider-factory';
export {
  binaryParameterSerializers,
  DEFAULT_EXACT_SHORTLIST,
  DEFAULT_HNSW,
  type HnswParameters,
  openSqlTemplateStore,
  type SqlClient,
  type SqlQuery,
  type SqlSearchMethod,
  type SqlTemplateStore,
  type SqlTemplateStoreInfo,
  type SqlTemplateStoreOptions,
} from './search/sql-template-store';
export {
  createMemoryTemplateStore,
  decodeEmbedding,
  encodeEmbedding,
  type FaceTemplate,
  type FaceTemplateStore,
  type TemplateMatch,
  type TemplateProbe,
  type TemplateSearchResult,
  type TemplateSelector,
} from './search/template-store';
