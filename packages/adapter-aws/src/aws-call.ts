import type { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { RawResponse } from '@facegate/core';
import { parseVendorBody, type ResponseLabel, toRawResponse } from '@facegate/core/adapter-kit';
import type { CallContext } from '@facegate/core/spec';
import type { z } from 'zod';
import { toAwsError } from './aws-errors';
import { AWS_PROVIDER_ID } from './aws-limits';
import type { ResolvedAwsClient } from './aws-settings';

/** An SDK output: the operation's fields plus the SDK's `$metadata`. */
interface SdkOutput {
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** A parsed Rekognition answer: the checked body, its label and the redacted raw response. */
export interface AwsAnswer<T> {
  body: T;
  label: ResponseLabel;
  raw: RawResponse;
}

/** Sends Rekognition commands for the adapter: abort signal in, errors mapped, answers checked. */
export interface AwsCaller {
  readonly client: RekognitionClient;
  /** Send one command through `send` and check its answer against `schema`. */
  call<S extends z.ZodType>(
    operation: string,
    ctx: CallContext,
    schema: S,
    send: (options: { abortSignal: AbortSignal }) => Promise<SdkOutput>,
  ): Promise<AwsAnswer<z.infer<S>>>;
  /** The client's region (for the browser component). */
  region(): Promise<string>;
}

/** Build the caller around a resolved client. */
export function createAwsCaller(resolved: ResolvedAwsClient): AwsCaller {
  const { client } = resolved;
  let retriesChecked = resolved.ownClient;
  let region: string | undefined;

  /** Warn once when a caller-supplied client retries on its own (retries would multiply). */
  async function checkRetries(ctx: CallContext): Promise<void> {
    if (retriesChecked) return;
    retriesChecked = true;
    try {
      const attempts = await client.config.maxAttempts();
      if (attempts > 1)
        ctx.logger.warn(
          { provider: AWS_PROVIDER_ID, maxAttempts: attempts },
          'the Rekognition client retries on its own; build it with maxAttempts: 1 so only facegate retries',
        );
    } catch {
      // A client whose config cannot be read still works; nothing to warn about.
    }
  }

  return {
    client,
    async call(operation, ctx, schema, send) {
      await checkRetries(ctx);
      let output: SdkOutput;
      try {
        output = await send({ abortSignal: ctx.signal });
      } catch (error) {
        throw toAwsError(error, operation, ctx.signal);
      }
      const { $metadata, ...body } = output;
      const requestId = $metadata?.requestId || undefined;
      const httpStatus = $metadata?.httpStatusCode;
      const label: ResponseLabel = { provider: AWS_PROVIDER_ID, operation, requestId, httpStatus };
      return { body: parseVendorBody(schema, body, label), label, raw: toRawResponse(body, requestId, httpStatus) };
    },
    async region() {
      region ??= await client.config.region();
      return region;
    },
  };
}
