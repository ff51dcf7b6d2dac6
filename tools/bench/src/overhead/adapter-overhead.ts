// Adapter overhead: the same 1:1 comparison through facegate (client + adapter)
// and through the vendor's own SDK / plain axios, against the same local stub
// server with a fixed latency. Both pay real HTTP on loopback.
import { CompareFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { AzureKeyCredential } from '@azure/core-auth';
import createFaceClient from '@azure-rest/ai-vision-face';
import { createAwsProvider } from '@facegate/adapter-aws';
import { createAzureProvider } from '@facegate/adapter-azure';
import { createDecentroProvider } from '@facegate/adapter-decentro';
import { createFaciaProvider } from '@facegate/adapter-facia';
import { createFacegate, type FaceProvider } from '@facegate/core';
import axios from 'axios';
import { readFixture } from '../fixtures';
import { type Summary, summarize } from '../stats/summary';
import { measurePaired } from '../stats/timing';
import { startVendorStubServer } from '../stubs/vendor-stub-server';

/** One vendor's row. */
export interface OverheadRow {
  vendor: string;
  operation: string;
  facegate: Summary;
  raw: Summary;
  /** Per-iteration facegate − raw wall time (ms). */
  diff: Summary;
  /** median(facegate) / median(raw). */
  ratio: number;
  /** Mean CPU per call in this process (µs), stub server included (it does the same work for both). */
  cpuFacegate: number;
  cpuRaw: number;
  httpCallsPerOp: number;
}

interface VendorCase {
  vendor: string;
  operation: string;
  httpCallsPerOp: number;
  facegate: () => Promise<unknown>;
  raw: () => Promise<unknown>;
}

const AWS_CONFIG = (endpoint: string) => ({
  region: 'eu-west-1',
  endpoint,
  credentials: { accessKeyId: 'AKIDBENCHSTUB000000', secretAccessKey: 'stub-secret-not-real' },
  maxAttempts: 1,
});

function cases(url: string, source: Uint8Array, target: Uint8Array): VendorCase[] {
  const viaFacegate = (provider: FaceProvider) => {
    const client = createFacegate({ provider });
    return () => client.compareFaces({ source, target });
  };

  const rawAws = new RekognitionClient(AWS_CONFIG(url));
  const aws: VendorCase = {
    vendor: 'AWS Rekognition',
    operation: 'CompareFaces',
    httpCallsPerOp: 1,
    facegate: viaFacegate(createAwsProvider({ httpClient: new RekognitionClient(AWS_CONFIG(url)) })),
    raw: () =>
      rawAws.send(
        new CompareFacesCommand({
          SourceImage: { Bytes: source },
          TargetImage: { Bytes: target },
          SimilarityThreshold: 0,
        }),
      ),
  };

  const azureClientFor = () =>
    createFaceClient(url, new AzureKeyCredential('stub-key'), {
      apiVersion: 'v1.2',
      retryOptions: { maxRetries: 0 },
      allowInsecureConnection: true,
    });
  const azureClient = azureClientFor();
  const detect = async (image: Uint8Array): Promise<string> => {
    const res = await azureClient.path('/detect').post({
      contentType: 'application/octet-stream',
      body: image,
      queryParameters: {
        detectionModel: 'detection_03',
        recognitionModel: 'recognition_04',
        returnFaceId: true,
        returnFaceAttributes: { value: ['qualityForRecognition'], explode: false, style: 'form' },
        faceIdTimeToLive: 60,
      },
    });
    if (res.status !== '200') throw new Error(`detect answered ${res.status}`);
    return (res.body as { faceId: string }[])[0]?.faceId as string;
  };
  const azure: VendorCase = {
    vendor: 'Azure AI Face',
    operation: 'detect ×2 + verify',
    httpCallsPerOp: 3,
    facegate: viaFacegate(createAzureProvider({ httpClient: azureClientFor(), env: {} })),
    raw: async () => {
      const faceId1 = await detect(source);
      const faceId2 = await detect(target);
      const res = await azureClient
        .path('/verify')
        .post({ contentType: 'application/json', body: { faceId1, faceId2 } });
      if (res.status !== '200') throw new Error(`verify answered ${res.status}`);
      return res.body;
    },
  };

  const purpose = 'Identity check for account signup';
  const decentro: VendorCase = {
    vendor: 'Decentro',
    operation: 'face_match (multipart)',
    httpCallsPerOp: 1,
    facegate: viaFacegate(
      createDecentroProvider({
        clientId: 'stub-client',
        clientSecret: 'stub-secret',
        moduleSecret: 'stub-module',
        baseUrl: url,
        consent: true,
        consentPurpose: purpose,
        env: {},
      }),
    ),
    raw: async () => {
      const form = new FormData();
      form.append('reference_id', crypto.randomUUID());
      form.append('consent', 'Y');
      form.append('consent_purpose', purpose);
      form.append('image1', new Blob([source], { type: 'image/jpeg' }), 'image1.jpg');
      form.append('image2', new Blob([target], { type: 'image/jpeg' }), 'image2.jpg');
      const res = await axios.post(`${url}/v2/kyc/forensics/face_match`, form, {
        headers: { client_id: 'stub-client', client_secret: 'stub-secret', module_secret: 'stub-module' },
      });
      return res.data;
    },
  };

  const dataUrl = (b: Uint8Array) => `data:image/jpeg;base64,${Buffer.from(b).toString('base64')}`;
  const facia: VendorCase = {
    vendor: 'Facia',
    operation: 'process_face (JSON, base64)',
    httpCallsPerOp: 1,
    facegate: viaFacegate(createFaciaProvider({ baseUrl: url, hashId: 'stub-hash', env: {} })),
    raw: async () => {
      const res = await axios.post(`${url}/process_face`, {
        hash_id: 'stub-hash',
        selfie_image: dataUrl(source),
        document_image: dataUrl(target),
      });
      return res.data;
    },
  };
  return [aws, azure, decentro, facia];
}

/** Options for {@link runAdapterOverhead}. */
export interface OverheadOptions {
  latencyMs: number;
  /** Wall-time budget per vendor (ms). */
  budgetMs: number;
  maxPairs: number;
}

/** Measure every vendor; `onRow` sees each row as it completes. */
export async function runAdapterOverhead(
  options: OverheadOptions,
  onRow: (row: OverheadRow) => void = () => {},
): Promise<OverheadRow[]> {
  const stub = await startVendorStubServer(options.latencyMs);
  const source = readFixture('faces/obama-1.jpg');
  const target = readFixture('faces/obama-2.jpg');
  const rows: OverheadRow[] = [];
  try {
    for (const c of cases(stub.url, source, target)) {
      const t = await measurePaired(c.facegate, c.raw, {
        budgetMs: options.budgetMs,
        maxPairs: options.maxPairs,
        warmup: 5,
      });
      const facegate = summarize(t.a);
      const raw = summarize(t.b);
      const row: OverheadRow = {
        vendor: c.vendor,
        operation: c.operation,
        facegate,
        raw,
        diff: summarize(t.diff),
        ratio: facegate.median / raw.median,
        cpuFacegate: t.cpuA / t.a.length,
        cpuRaw: t.cpuB / t.b.length,
        httpCallsPerOp: c.httpCallsPerOp,
      };
      rows.push(row);
      onRow(row);
    }
  } finally {
    await stub.close();
  }
  return rows;
}
