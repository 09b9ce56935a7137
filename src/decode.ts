// Stage 2: bytes to text. Order: HTTP charset, BOM, <meta>; then a check that the
// declared charset did not garble the page (browser-saved pages often declare gb2312
// while holding UTF-8 bytes, and servers sometimes declare utf-8 for GBK bytes).
import { isUtf8 } from 'node:buffer';

export interface Decoded {
  text: string;
  /** The charset actually used. */
  charset: string;
  /** Where the charset came from: http, bom, meta, sniffed or default. */
  source: 'http' | 'bom' | 'meta' | 'sniffed' | 'default';
}

/** gbk and gb2312 are subsets of gb18030; decoding as gb18030 loses nothing. */
function normalizeLabel(label: string): string | undefined {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return undefined;
  if (/^(gb2312|gbk|x-gbk|gb_2312-80|csgb2312|cp936|windows-936|gb18030|chinese)$/.test(l)) return 'gb18030';
  if (l === 'utf8') return 'utf-8';
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return undefined;
  }
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '');
  return m ? normalizeLabel(m[1]) : undefined;
}

function charsetFromBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** `<meta charset>` or `<meta http-equiv="Content-Type" content="...; charset=...">` in the first 64 KB. */
export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  // A view of the bytes, not a copy; the tags read one at a time, up to the first that names a charset.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 65536)).toString('latin1');
  const tags = /<meta\b[^>]*>/gi;
  for (let tag = tags.exec(head)?.[0]; tag !== undefined; tag = tags.exec(head)?.[0]) {
    const direct = /\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(tag);
    if (direct) {
      const label = normalizeLabel(direct[1]);
      if (label) return label;
    }
  }
  return undefined;
}

function decodeStrict(bytes: Uint8Array, charset: string): string | undefined {
  // Node's native check and decoder are several times faster than a fatal TextDecoder.
  if (charset === 'utf-8') return isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : undefined;
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const hasNonAscii = (bytes: Uint8Array) => bytes.some((b) => b >= 0x80);

export function decodeHtml(bytes: Uint8Array, contentType?: string): Decoded {
  const http = charsetFromContentType(contentType);
  const bom = charsetFromBom(bytes);
  const meta = bom ? undefined : charsetFromMeta(bytes);
  const declared: [string, Decoded['source']] | undefined = http ? [http, 'http'] : bom ? [bom, 'bom'] : meta ? [meta, 'meta'] : undefined;
  const [charset, source] = declared ?? ['utf-8', 'default'];

  // Valid multi-byte UTF-8 is vanishingly unlikely in real GBK or Latin text, so a page
  // whose bytes are valid UTF-8 is read as UTF-8 whatever it declares.
  if (charset !== 'utf-8' && !charset.startsWith('utf-16') && hasNonAscii(bytes)) {
    const asUtf8 = decodeStrict(bytes, 'utf-8');
    if (asUtf8 !== undefined) return { text: stripBom(asUtf8), charset: 'utf-8', source: 'sniffed' };
  }
  const strict = decodeStrict(bytes, charset);
  if (strict !== undefined) return { text: stripBom(strict), charset, source };
  // Declared (or defaulted) UTF-8 that is not: try the other charset these sites use.
  if (charset === 'utf-8') {
    const other = (meta && meta !== 'utf-8' ? meta : undefined) ?? 'gb18030';
    const text = decodeStrict(bytes, other);
    if (text !== undefined) return { text, charset: other, source: 'sniffed' };
  }
  return { text: stripBom(new TextDecoder(charset).decode(bytes)), charset, source };
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
