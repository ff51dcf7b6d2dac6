/** Image types the server accepts for the ID document. */
export const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Largest document photo the server accepts. */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/** Why a chosen file cannot be sent, before sending it. */
export type FileProblem = 'not_image' | 'too_large';

/** Check a chosen file's declared type and size (the server checks the real bytes again). */
export function fileProblem(file: { type: string; size: number }): FileProblem | undefined {
  if (!(DOCUMENT_TYPES as readonly string[]).includes(file.type)) return 'not_image';
  if (file.size > MAX_DOCUMENT_BYTES) return 'too_large';
  return undefined;
}

/** A file as a data URL (what the API takes). */
export function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}
