// franc-min's answer (its script expressions and trigram models), computed as franc 6.2
// computes it but several times faster. franc measures every trigram of the sample
// against every model of the sample's script, a dictionary lookup per pair (44 models for
// Latin text: a fifth of a generic page's time); here each trigram is looked up once, in
// one index of all the script's models, and counted as a small number, not a string.
import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';
import { charCounter } from '../char-counts.js';

/** franc's constants: the longest sample read, and the distance of a trigram a model lacks. */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

interface ScriptModels {
  languages: string[];
  /** Per UTF-16 code unit, its number among the characters of the script's models, from 1 (0: in no model). */
  alphabet: Uint8Array;
  /** The base of a trigram's key: its characters' numbers as three digits. */
  base: number;
  /** Per trigram key, where its entry starts in `ranks`: an open-addressing table of (key, start) pairs (see `find`). */
  at: Int32Array;
  /** Entries: how many models hold the trigram, then (language index, rank in its model) for each. */
  ranks: Int32Array;
}

const indexes = new Map<string, ScriptModels>();

function modelsOf(script: string): ScriptModels {
  let found = indexes.get(script);
  if (found) return found;
  const languages = Object.keys(data[script]);
  const models = languages.map((language) => data[script][language].split('|'));
  const alphabet = new Uint8Array(65536);
  let size = 0;
  for (const chars of models.map((m) => m.join(''))) for (let i = 0; i < chars.length; i++) alphabet[chars.charCodeAt(i)] ||= ++size;
  // franc-min's scripts use under a hundred characters each: a trigram's key stays a small integer.
  if (size >= 128) throw new Error(`franc's ${script} models use ${size} characters`);
  const base = size + 1;
  const lists = new Map<number, number[]>();
  models.forEach((model, l) =>
    model.forEach((trigram, rank) => {
      const key = (alphabet[trigram.charCodeAt(0)] * base + alphabet[trigram.charCodeAt(1)]) * base + alphabet[trigram.charCodeAt(2)];
      const list = lists.get(key);
      if (list) list.push(l, rank);
      else lists.set(key, [l, rank]);
    }),
  );
  // One flat array: an entry is read where its key points, without another object to reach.
  const at = new Int32Array(2 * 2 ** Math.ceil(Math.log2(2 * lists.size))).fill(-1);
  const flat: number[] = [];
  for (const [key, list] of lists) {
    const slot = find(at, key);
    [at[slot], at[slot + 1]] = [key, flat.length];
    flat.push(list.length / 2, ...list);
  }
  indexes.set(script, (found = { languages, alphabet, base, at, ranks: Int32Array.from(flat) }));
  return found;
}

const SCRIPTS = Object.keys(expressions);
const countScripts = charCounter(Object.values(expressions));

/** The script whose characters are the largest share of the text (franc's getTopScript: the first of equals). */
function topScript(value: string): [string, number] {
  const counts = countScripts(value);
  let top = -1;
  let topShare = -1;
  SCRIPTS.forEach((_, i) => {
    const share = counts[i] / value.length || 0;
    if (share > topShare) [top, topShare] = [i, share];
  });
  return [SCRIPTS[top], topShare];
}

/**
 * Where `key` is, or would go, in an open-addressing table of (key, value) pairs whose
 * empty pairs hold -1 (its length a power of two): the pair at the key's hash, else the
 * first after it that holds the key or is empty.
 */
function find(table: Int32Array, key: number): number {
  // Fibonacci hashing: the high bits of the key times 2^32 / golden ratio, one per pair.
  let at = (Math.imul(key, 0x9e3779b1) >>> (Math.clz32(table.length >>> 1) + 1)) * 2;
  while (table[at] !== key && table[at] !== -1) at = (at + 2) & (table.length - 1);
  return at;
}

/**
 * A sample's trigram counts, by key: an open-addressing table of twice as many pairs as a
 * sample has trigrams (2,046 at most), small enough to stay in the processor's cache
 * between pages. A pair is emptied (-1) once read.
 */
const counted = new Int32Array(2 * 4096).fill(-1);

/**
 * The trigrams of franc's cleaned and padded sample: the slots of those made of the models'
 * characters, each once, and how many distinct others there are (they count only as
 * missing from every model).
 */
function trigramCounts(value: string, { alphabet, base }: ScriptModels): { slots: number[]; others: number } {
  // franc's clean: runs of ASCII punctuation, digits and whitespace as one space, trimmed, lowercased.
  const cleaned = ` ${value.replace(/[\s\u0021-\u0040]+/g, ' ').trim().toLowerCase()} `;
  const slots: number[] = [];
  const others = new Set<number>();
  for (let i = 2; i < cleaned.length; i++) {
    const a = alphabet[cleaned.charCodeAt(i - 2)];
    const b = alphabet[cleaned.charCodeAt(i - 1)];
    const c = alphabet[cleaned.charCodeAt(i)];
    if (a && b && c) {
      const key = (a * base + b) * base + c;
      const slot = find(counted, key);
      if (counted[slot] === -1) {
        [counted[slot], counted[slot + 1]] = [key, 0];
        slots.push(slot);
      }
      counted[slot + 1]++;
    } else others.add(cleaned.charCodeAt(i - 2) * 4294967296 + cleaned.charCodeAt(i - 1) * 65536 + cleaned.charCodeAt(i));
  }
  return { slots, others: others.size };
}

/**
 * What `franc(text, { minLength })` returns: an ISO 639-3 code, a script's one language,
 * or `und`. The closest model is the one with the least distance summed over the sample's
 * distinct trigrams (|count - rank - 1|, or MAX_DIFFERENCE when the model lacks the
 * trigram); on a tie the first in franc's order, as its stable sort leaves it.
 */
export function trigramLanguage(text: string, minLength: number): string {
  if (!text || text.length < minLength) return 'und';
  const value = text.slice(0, MAX_LENGTH);
  const [script, share] = topScript(value);
  if (!(script in data)) return script && share !== 0 ? script : 'und';
  const models = modelsOf(script);
  const { languages, at, ranks } = models;
  const { slots, others } = trigramCounts(value, models);
  const distances = new Array<number>(languages.length).fill((slots.length + others) * MAX_DIFFERENCE);
  for (const slot of slots) {
    const [key, count] = [counted[slot], counted[slot + 1]];
    counted[slot] = -1;
    const found = find(at, key);
    if (at[found] === -1) continue;
    const start = at[found + 1];
    for (let i = start + 1; i < start + 1 + 2 * ranks[start]; i += 2) distances[ranks[i]] += Math.abs(count - ranks[i + 1] - 1) - MAX_DIFFERENCE;
  }
  let best = 0;
  for (let l = 1; l < languages.length; l++) if (distances[l] < distances[best]) best = l;
  return languages[best];
}
