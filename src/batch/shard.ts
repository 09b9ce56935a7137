// `--shard i/n`: a deterministic share of the inputs, by a hash of the canonical link,
// so n machines split one list with no coordinator and no overlap.

/** FNV-1a, 32 bits: stable across machines and Node versions. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  const bytes = Buffer.from(text, 'utf8');
  for (const b of bytes) {
    hash ^= b;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export interface Shard {
  index: number;
  count: number;
}

/** "i/n" with 1 <= i <= n, or undefined when the text is not one. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const [index, count] = [Number(m[1]), Number(m[2])];
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

export const inShard = (key: string, shard: Shard | undefined) => !shard || (fnv1a(key) % shard.count) + 1 === shard.index;
