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
  /** Per trigram key: pairs of (language index, rank in its model). */
  ranks: Map<number, number[]>;
  /** A sample's count of each trigram key, set back to zero once read. */
  tally: Uint16Array;
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
  // franc-min's scripts use under a hundred characters each: a trigram's key stays a small
  // integer, and a table of counts by key under a million entries.
  if (size >= 128) throw new Error(`franc's ${script} models use ${size} characters`);
  const base = size + 1;
  const ranks = new Map<number, number[]>();
  models.forEach((model, l) =>
    model.forEach((trigram, rank) => {
      const key = (alphabet[trigram.charCodeAt(0)] * base + alphabet[trigram.charCodeAt(1)]) * base + alphabet[trigram.charCodeAt(2)];
      const list = ranks.get(key);
      if (list) list.push(l, rank);
      else ranks.set(key, [l, rank]);
    }),
  );
  indexes.set(script, (found = { languages, alphabet, base, ranks, tally: new Uint16Array(base ** 3) }));
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
 * The trigrams of franc's cleaned and padded sample: the keys of those made of the models'
 * characters, each once (their counts in the script's tally), and how many distinct others
 * there are (they count only as missing from every model).
 */
function trigramCounts(value: string, { alphabet, base, tally }: ScriptModels): { keys: number[]; others: number } {
  // franc's clean: runs of ASCII punctuation, digits and whitespace as one space, trimmed, lowercased.
  const cleaned = ` ${value.replace(/[\s\u0021-\u0040]+/g, ' ').trim().toLowerCase()} `;
  const keys: number[] = [];
  const others = new Set<number>();
  for (let i = 2; i < cleaned.length; i++) {
    const a = alphabet[cleaned.charCodeAt(i - 2)];
    const b = alphabet[cleaned.charCodeAt(i - 1)];
    const c = alphabet[cleaned.charCodeAt(i)];
    if (a && b && c) {
      const key = (a * base + b) * base + c;
      if (tally[key]++ === 0) keys.push(key);
    } else others.add(cleaned.charCodeAt(i - 2) * 4294967296 + cleaned.charCodeAt(i - 1) * 65536 + cleaned.charCodeAt(i));
  }
  return { keys, others: others.size };
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
  const { languages, ranks, tally } = models;
  const { keys, others } = trigramCounts(value, models);
  const distances = new Array<number>(languages.length).fill((keys.length + others) * MAX_DIFFERENCE);
  for (const key of keys) {
    const count = tally[key];
    tally[key] = 0;
    const found = ranks.get(key);
    if (!found) continue;
    for (let i = 0; i < found.length; i += 2) distances[found[i]] += Math.abs(count - found[i + 1] - 1) - MAX_DIFFERENCE;
  }
  let best = 0;
  for (let l = 1; l < languages.length; l++) if (distances[l] < distances[best]) best = l;
  return languages[best];
}
