import { createHash } from 'node:crypto';
import path from 'node:path';

// Files kept with a case: photographs, letters, scans. What a file is comes from its first bytes, never from its name
// or from the type the browser claims, so a script renamed .pdf is refused rather than served back to a colleague.

export const maxAttachmentBytes = 10 * 1024 * 1024;

export const allowedMediaTypes = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;
export type AttachmentMediaType = (typeof allowedMediaTypes)[number];

export type AttachmentCheck = { ok: true; mediaType: AttachmentMediaType; sha256: string } | { ok: false; problem: string };

const signatures: Array<{ mediaType: AttachmentMediaType; bytes: readonly number[] }> = [
  { mediaType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mediaType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** The media type the content shows, or undefined for anything else. */
export function sniffMediaType(content: Buffer): AttachmentMediaType | undefined {
  for (const signature of signatures) {
    if (content.length >= signature.bytes.length && signature.bytes.every((byte, index) => content[index] === byte)) return signature.mediaType;
  }
  return isPlainText(content) ? 'text/plain' : undefined;
}

/**
 * Plain text is UTF-8 without control characters other than tab, line feed, carriage return and form feed, and
 * without markup a browser would run if it ever guessed HTML (we also send nosniff, but a refusal costs nothing).
 */
function isPlainText(content: Buffer): boolean {
  if (content.length === 0) return false;
  const head = content.subarray(0, 8192);
  for (const byte of head) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return false;
  }
  return !/<\s*(script|html|svg|iframe|object|embed)\b/i.test(text.slice(0, 8192));
}

export function checkAttachment(content: Buffer): AttachmentCheck {
  if (content.length === 0) return { ok: false, problem: 'The selected file is empty' };
  if (content.length > maxAttachmentBytes) return { ok: false, problem: 'The selected file must be smaller than 10MB' };
  const mediaType = sniffMediaType(content);
  if (!mediaType) return { ok: false, problem: 'The selected file must be a PDF, PNG, JPEG or plain text file' };
  return { ok: true, mediaType, sha256: createHash('sha256').update(content).digest('hex') };
}

/** A file name safe to store and to send back in Content-Disposition: no folders, no control characters. */
export function cleanFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base === '' || base === '.' || base === '..' ? 'attachment' : base).slice(-255);
}

/** Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266, RFC 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
