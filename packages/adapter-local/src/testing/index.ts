export {
  createLocalVendorMock,
  LOCAL_DOCUMENTED_ERRORS,
  LOCAL_KIT_CAPABILITIES,
  type LocalVendorMock,
} from './scripted-engine';
export { type SyntheticPoint, type SyntheticPose, syntheticLandmarks } from './synthetic-face';
