// Stage 2: bytes to text. Order: HTTP charset, BOM, <meta>; then a check that the
// declared charset did not garble the page (browser-saved pages often declare gb2312
// while holding UTF-8 bytes, and servers sometimes declare utf-8 for GBK bytes).
import { isUtf8 } from 'node:buffer';

/**
 * Pages are decoded into parts of at most PART_BYTES bytes (whole characters), never into
 * one string: V8 puts a string of more than 128 KB in a space of its own, mapping fresh
 * memory for each and unmapping it at the next collection, and on a page of 200 KB that
 * cost more than parsing it. The parser reads the parts one after another (parse.ts); the
 * whole text is joined only where something needs it (a site adapter's script scan).
 */
const PART_BYTES = 32_768;

export class Decoded {
  #text: string | undefined;
  constructor(
    /** The page's text, in order, each part under 64K characters. */
    readonly parts: readonly string[],
    /** The charset actually used. */
    readonly charset: string,
    /** Where the charset came from: http, bom, meta, sniffed or default. */
    readonly source: 'http' | 'bom' | 'meta' | 'sniffed' | 'default',
  ) {}

  /** The whole text, joined on first use. */
  get text(): string {
    return (this.#text ??= this.parts.join(''));
  }
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

/** Valid UTF-8 in parts, each cut before a character's first byte. */
function utf8Parts(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  for (let at = 0; at < buffer.length; ) {
    let end = Math.min(buffer.length, at + PART_BYTES);
    while (end < buffer.length && (buffer[end] & 0xc0) === 0x80) end--; // a continuation byte
    parts.push(buffer.toString('utf8', at, end));
    at = end;
  }
  return parts;
}

/** The bytes in parts, by a streaming TextDecoder (which carries a character cut between parts). */
function decoderParts(bytes: Uint8Array, decoder: TextDecoder): string[] {
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += PART_BYTES) parts.push(decoder.decode(bytes.subarray(at, at + PART_BYTES), { stream: true }));
  parts.push(decoder.decode());
  return parts.filter((part) => part.length > 0);
}

function decodeStrict(bytes: Uint8Array, charset: string): string[] | undefined {
  // Node's native check and decoder are several times faster than a fatal TextDecoder.
  if (charset === 'utf-8') return isUtf8(bytes) ? utf8Parts(bytes) : undefined;
  try {
    return decoderParts(bytes, new TextDecoder(charset, { fatal: true }));
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
    if (asUtf8 !== undefined) return new Decoded(stripBom(asUtf8), 'utf-8', 'sniffed');
  }
  const strict = decodeStrict(bytes, charset);
  if (strict !== undefined) return new Decoded(stripBom(strict), charset, source);
  // Declared (or defaulted) UTF-8 that is not: try the other charset these sites use.
  if (charset === 'utf-8') {
    const other = (meta && meta !== 'utf-8' ? meta : undefined) ?? 'gb18030';
    const parts = decodeStrict(bytes, other);
    if (parts !== undefined) return new Decoded(parts, other, 'sniffed');
  }
  return new Decoded(stripBom(decoderParts(bytes, new TextDecoder(charset))), charset, source);
}

function stripBom(parts: string[]): string[] {
  if (parts[0]?.charCodeAt(0) === 0xfeff) parts[0] = parts[0].slice(1);
  return parts;
}
