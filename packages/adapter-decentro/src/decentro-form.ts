import type { MediaFormat, ValidatedMedia } from '@facegate/core';

const EXTENSIONS: Record<MediaFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', mp4: 'mp4', webm: 'webm' };

/**
 * Build a multipart body. Files are named with the extension of their sniffed
 * format, since Decentro checks file types by extension.
 */
export function decentroForm(fields: Record<string, string>, files: Record<string, ValidatedMedia>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, media] of Object.entries(files)) {
    // Blob copies its parts, so the image goes in as it is (no copy of our own first).
    form.append(
      name,
      new Blob([media.data as Uint8Array<ArrayBuffer>], { type: media.mediaType }),
      `${name}.${EXTENSIONS[media.format]}`,
    );
  }
  return form;
}
