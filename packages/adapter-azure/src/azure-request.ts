import { isRestError } from '@azure/core-rest-pipeline';
import type { RawResponseCallback } from '@azure-rest/core-client';
import { FacegateError } from '@facegate/core';
import {
  isNetworkError,
  malformedResponse,
  parseJsonBody,
  parseVendorBody,
  type ResponseLabel,
  unreachableError,
} from '@facegate/core/adapter-kit';
import type { CallContext } from '@facegate/core/spec';
import type { z } from 'zod';
import { type AzureAnswer, type AzureCallKind, azureError } from './azure-errors';
import { AZURE_PROVIDER_ID } from './azure-settings';

/** What every request through the Face client gets: the call's abort signal and the raw-answer hook. */
export interface AzureRequestHooks {
  abortSignal: AbortSignal;
  onResponse: RawResponseCallback;
}

/** Sends one request with the given hooks, e.g. `(hooks) => client.path('/verify').post({ ...hooks, body })`. */
export type AzureSend = (hooks: AzureRequestHooks) => PromiseLike<unknown>;

/**
 * Send one request through the Azure SDK and return the answer exactly as it
 * came off the wire (status, body text, headers). The SDK's own parsing is
 * not trusted: bodies are read by {@link readAzureJson}. Aborts surface as the
 * signal's reason; a vendor that cannot be reached is `provider_unavailable`.
 */
export async function sendToAzure(operation: string, ctx: CallContext, send: AzureSend): Promise<AzureAnswer> {
  let answer: AzureAnswer | undefined;
  const onResponse: RawResponseCallback = (raw) => {
    const headers = raw.headers.toJSON();
    answer = {
      status: raw.status,
      text: raw.bodyAsText ?? '',
      headers,
      requestId: headers['apim-request-id'] ?? headers['x-ms-request-id'],
    };
  };
  try {
    await send({ abortSignal: ctx.signal, onResponse });
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason ?? error;
    if (FacegateError.isInstance(error)) throw error; // refused before sending (e.g. an unimplemented API version)
    if (!answer) {
      if (isNetworkError(error) || (isRestError(error) && error.code === 'REQUEST_SEND_ERROR'))
        throw unreachableError(AZURE_PROVIDER_ID, operation, error);
      throw new FacegateError({
        code: 'provider_error',
        message: `${AZURE_PROVIDER_ID} ${operation} failed in the Azure SDK before an answer arrived`,
        provider: AZURE_PROVIDER_ID,
        cause: error,
      });
    }
    // An answer arrived but the SDK could not parse it (e.g. truncated JSON): it is read below like any other.
  }
  if (!answer) throw malformedResponse({ provider: AZURE_PROVIDER_ID, operation }, 'no answer');
  return answer;
}

/** The label for errors about one answer. */
export function answerLabel(operation: string, answer: AzureAnswer): ResponseLabel {
  return { provider: AZURE_PROVIDER_ID, operation, requestId: answer.requestId, httpStatus: answer.status };
}

/** Throw the mapped error for a non-2xx answer. */
export function assertSuccess(operation: string, answer: AzureAnswer, kind: AzureCallKind): void {
  if (answer.status < 200 || answer.status >= 300) throw azureError(operation, answer, kind);
}

/**
 * Read a 2xx JSON answer with a lenient schema; error answers become their
 * mapped {@link FacegateError}, unusable bodies `provider_error`.
 */
export function readAzureJson<S extends z.ZodType>(
  operation: string,
  answer: AzureAnswer,
  schema: S,
  kind: AzureCallKind,
): z.infer<S> {
  assertSuccess(operation, answer, kind);
  const label = answerLabel(operation, answer);
  return parseVendorBody(schema, parseJsonBody(answer.text, label), label);
}
