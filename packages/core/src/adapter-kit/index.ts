/**
 * `@facegate/core/adapter-kit`: helpers every adapter shares — HTTP error
 * mapping, lenient parsing of vendor answers, settings read from options or
 * the environment, per-vendor `providerOptions`, raw-response redaction,
 * media header readers and the HTTP transport for vendors without an SDK.
 *
 * ```ts
 * import { httpError, parseVendorBody, toRawResponse } from '@facegate/core/adapter-kit';
 * ```
 * @module
 */

export { type ExifSummary, readExif } from '../media/exif';
export { CorruptMediaError, type ImageHeader, readImageHeader } from '../media/image-header';
export { readVideoHeader, type VideoHeader } from '../media/video-header';
export { toRawResponse } from '../results/common';
export { redactBiometrics } from '../results/redact';
export {
  codeForHttpStatus,
  type HttpErrorInput,
  httpError,
  isNetworkError,
  parseRetryAfter,
  unreachableError,
} from './http-errors';
export {
  createHttpTransport,
  type HttpAnswer,
  type HttpAnswerErrorInput,
  type HttpClient,
  type HttpRequest,
  type HttpTransport,
  type HttpTransportOptions,
  httpAnswerError,
} from './http-transport';
export {
  malformedResponse,
  parseJsonBody,
  parseLooseNumber,
  parseVendorBody,
  type ResponseLabel,
  toUnitScore,
} from './parse-vendor-response';
export { readProviderOptions } from './provider-options';
export { type EnvSource, loadSetting, optionalSetting, type SettingSpec } from './settings';
