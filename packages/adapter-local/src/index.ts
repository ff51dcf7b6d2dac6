export { MATCH_CALIBRATION, similarityFromDistance } from './analysis/similarity';
export type { RgbImage } from './engine/decode-image';
export type {
  DescribedFace,
  EngineBox,
  EngineFace,
  EngineFrame,
  EnginePoint,
  FaceEngine,
  MeshFace,
} from './engine/face-engine';
export { RECOGNITION_MODEL } from './engine/model-engine';
export { EngineBusyError, TemplateStoreError } from './local-errors';
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
  createMemoryTemplateStore,
  decodeEmbedding,
  encodeEmbedding,
  type FaceTemplate,
  type FaceTemplateStore,
} from './search/template-store';
