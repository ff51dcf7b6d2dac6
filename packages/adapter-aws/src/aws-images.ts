import { type BoundingBox, MEDIA_TYPES, type ReturnedImage, sniffFormat } from '@facegate/core';
import type { z } from 'zod';
import type { auditImageWire, boundingBoxWire } from './aws-schemas';

/** A Rekognition box (`Left`, `Top`, `Width`, `Height`) in our lower-case form. */
export function toBoundingBox(box: z.infer<typeof boundingBoxWire>): BoundingBox {
  return { left: box.Left, top: box.Top, width: Math.max(0, box.Width), height: Math.max(0, box.Height) };
}

/**
 * A liveness reference or audit image: the bytes Rekognition returned (with
 * their sniffed media type), or the S3 object it stored them in. Null when it
 * carries neither (an unusable image).
 */
export function toReturnedImage(image: z.infer<typeof auditImageWire>): ReturnedImage | null {
  let out: ReturnedImage | null = null;
  if (image.Bytes && image.Bytes.byteLength > 0) {
    const data = new Uint8Array(image.Bytes);
    const format = sniffFormat(data);
    out = { data };
    if (format && format in MEDIA_TYPES) out.mediaType = MEDIA_TYPES[format as keyof typeof MEDIA_TYPES];
  } else if (image.S3Object) {
    const { Bucket, Name, Version } = image.S3Object;
    out = { storedAt: Version ? { bucket: Bucket, key: Name, version: Version } : { bucket: Bucket, key: Name } };
  }
  if (out && image.BoundingBox) out.boundingBox = toBoundingBox(image.BoundingBox);
  return out;
}
