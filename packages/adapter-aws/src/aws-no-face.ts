import { FacegateError, type RawResponse, type Warning } from '@facegate/core';
import { toRawResponse } from '@facegate/core/adapter-kit';

/**
 * CompareFaces and SearchFacesByImage answer `InvalidParameterException` when
 * they find no face in an input image (SDK docs of both operations). Every
 * other parameter they get is set by the adapter and its inputs are validated
 * by core first, so the adapter reads this error on these two operations as
 * "no face", a finding the user can fix, rather than as a bad request.
 */
export function isNoFaceAnswer(error: unknown): error is FacegateError {
  return FacegateError.isInstance(error) && error.vendorCode === 'InvalidParameterException';
}

/** Settle to the no-face error answer instead of rejecting with it; other errors still reject. */
export function orNoFace<T>(call: Promise<T>): Promise<T | FacegateError> {
  return call.catch((error: unknown) => {
    if (isNoFaceAnswer(error)) return error;
    throw error;
  });
}

/** The raw response and the warning that go with a no-face finding read from an error answer. */
export function noFaceFinding(error: FacegateError, operation: string): { raw: RawResponse; warning: Warning } {
  return {
    raw: toRawResponse({ __type: error.vendorCode }, error.requestId ?? null, error.httpStatus),
    warning: {
      type: 'assumption',
      message: `Rekognition ${operation} answered InvalidParameterException, which it uses when an image has no detectable face; reported as no_face`,
    },
  };
}
