// Reading a post's front matter with positions. The archive's canonical shape (double-
// quoted strings, true/false, two-space lists of double-quoted strings) is read by a
// line scanner; anything else goes to a full YAML 1.1 parser (Hugo's dialect), so the
// common case is fast and every case is read as Hugo would read it.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, Scalar as YamlScalar } from 'yaml';
import { MAX_FRONT_MATTER, POST_KEYS } from '../post/schema.js';

export type ScalarValue = string | boolean | number | null | Date;

export interface ScalarNode {
  kind: 'scalar';
  value: ScalarValue;
  /** The source text of the value. */
  raw: string;
  style: 'double' | 'single' | 'plain' | 'block';
  line: number;
  col: number;
}

export interface ListNode {
  kind: 'list';
  items: ScalarNode[];
  /** Whether the list is written the archive's way: `  - "item"` lines. */
  canonical: boolean;
  line: number;
  col: number;
}

export interface OtherNode {
  kind: 'other';
  line: number;
  col: number;
}

export interface Entry {
  key: string;
  line: number;
  col: number;
  value: ScalarNode | ListNode | OtherNode;
}

export interface Problem {
  rule: 'frontmatter-missing' | 'frontmatter-unclosed' | 'frontmatter-size' | 'yaml-syntax' | 'duplicate-key';
  message: string;
  line: number;
  col: number;
}

export interface FrontMatter {
  entries: Entry[];
  problems: Problem[];
  /** Offset of the first byte after the closing `---` line; -1 when there is none. */
  bodyStart: number;
  /** Whether the block was read by the fast scanner (canonical shape). */
  canonical: boolean;
  /** Characters YAML refuses to read anywhere in the block, the first of each line. */
  controls: Control[];
}

export interface Control {
  line: number;
  col: number;
  char: string;
}

/**
 * What the YAML reader of Hugo (go-yaml) refuses anywhere in the block, failing the whole
 * build: C0 controls but tab, LF and CR; DEL; C1 controls but NEL; U+FFFE and U+FFFF.
 */
const REFUSED_CLASS = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u0084\\u0086-\\u009f\\ufffe\\uffff';
const YAML_REFUSED = new RegExp(`[${REFUSED_CLASS}]`);

function findControls(block: string): Control[] {
  if (!YAML_REFUSED.test(block)) return [];
  const out: Control[] = [];
  block.split('\n').forEach((line, i) => {
    const m = YAML_REFUSED.exec(line);
    if (m) out.push({ line: i + 2, col: m.index + 1, char: m[0] });
  });
  return out;
}

const KEY_LINE = /^([A-Za-z_][\w-]*):(?: (.*))?$/;

/**
 * The value of a double-quoted scalar in the archive's escaping (only \\ and \"), or
 * undefined for anything else. A hand scan: a regex with per-character alternation is
 * several times slower on long Chinese summaries.
 */
function doubleQuoted(text: string): string | undefined {
  const n = text.length;
  if (n < 2 || text.charCodeAt(0) !== 34 || text.charCodeAt(n - 1) !== 34) return undefined;
  const inner = text.slice(1, -1);
  if (!inner.includes('"') && !inner.includes('\\')) return inner;
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '"') return undefined;
    if (c === '\\') {
      const next = inner[++i];
      if (next !== '"' && next !== '\\') return undefined;
      out += next;
    } else out += c;
  }
  return out;
}

/** A canonical list item line, `  - "value"`. */
const listItem = (line: string) => (line.startsWith('  - "') ? doubleQuoted(line.slice(4)) : undefined);

/**
 * The whole canonical block as one regular expression, derived from the schema: fixed
 * keys as their literal lines, the others as double-quoted values. One match reads an
 * archive post in about a microsecond; a post it does not match is read line by line.
 */
// Unrolled (a run of plain characters, then escapes each followed by another run): the
// same strings as an alternation per character, matched several times faster.
const DQ_PLAIN = `[^"\\\\\\n${REFUSED_CLASS}]*`;
const DQ_SOURCE = `"(${DQ_PLAIN}(?:\\\\["\\\\]${DQ_PLAIN})*)"`;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The block's keys in the schema's order: a fixed key's node, shared by every post, or the capture group of its value. */
type TemplatePart = { key: string; line: number; fixed: Entry['value'] } | { key: string; line: number; group: number; list: boolean };
const TEMPLATE = (() => {
  let source = '^---\\n';
  let line = 2;
  const parts: TemplatePart[] = [];
  for (const spec of POST_KEYS) {
    if (spec.fixed !== undefined) {
      const rendered = renderFrontMatterLines(spec.key, spec.type, spec.fixed);
      source += rendered.map((l) => escapeRe(l) + '\\n').join('');
      parts.push({ key: spec.key, line, fixed: fixedNode(spec.type, spec.fixed, line, spec.key) });
      line += rendered.length;
    } else if (spec.type === 'list') {
      source += `${spec.key}:\\n  - ${DQ_SOURCE}\\n`;
      parts.push({ key: spec.key, line, group: parts.filter((p) => 'group' in p).length + 1, list: true });
      line += 2;
    } else {
      source += `${spec.key}: ${DQ_SOURCE}\\n`;
      parts.push({ key: spec.key, line, group: parts.filter((p) => 'group' in p).length + 1, list: false });
      line += 1;
    }
  }
  return { re: new RegExp(source + '---[ \\t]*(?:\\n|$)'), parts };
})();

function renderFrontMatterLines(key: string, type: string, value: string | boolean | readonly string[]): string[] {
  if (type === 'bool') return [`${key}: ${value}`];
  if (type === 'list') return [`${key}:`, ...(value as readonly string[]).map((v) => `  - "${v}"`)];
  return [`${key}: "${value}"`];
}

function fixedNode(type: string, value: string | boolean | readonly string[], line: number, key: string): Entry['value'] {
  if (type === 'list') {
    const items = (value as readonly string[]).map((v, i): ScalarNode => ({ kind: 'scalar', value: v, raw: `"${v}"`, style: 'double', line: line + 1 + i, col: 5 }));
    return { kind: 'list', items, canonical: true, line: line + 1, col: 3 };
  }
  return { kind: 'scalar', value: value as string | boolean, raw: type === 'bool' ? String(value) : `"${value}"`, style: type === 'bool' ? 'plain' : 'double', line, col: key.length + 3 };
}

const unescapeDq = (s: string) => (s.includes('\\') ? s.replace(/\\(["\\])/g, '$1') : s);

function matchTemplate(text: string): FrontMatter | undefined {
  const m = TEMPLATE.re.exec(text);
  if (!m) return undefined;
  const entries: Entry[] = [];
  for (const part of TEMPLATE.parts) {
    if ('fixed' in part) {
      entries.push({ key: part.key, line: part.line, col: 1, value: part.fixed });
      continue;
    }
    const raw = m[part.group];
    const value = unescapeDq(raw);
    const node: ScalarNode = part.list
      ? { kind: 'scalar', value, raw: `"${raw}"`, style: 'double', line: part.line + 1, col: 5 }
      : { kind: 'scalar', value, raw: `"${raw}"`, style: 'double', line: part.line, col: part.key.length + 3 };
    entries.push({ key: part.key, line: part.line, col: 1, value: part.list ? { kind: 'list', items: [node], canonical: true, line: part.line + 1, col: 3 } : node });
  }
  return { entries, problems: [], bodyStart: m[0].length, canonical: true, controls: [] };
}

const problem = (rule: Problem['rule'], message: string): Problem => ({ rule, message, line: 1, col: 1 });
const only = (p: Problem, bodyStart: number): FrontMatter => ({ entries: [], problems: [p], bodyStart, canonical: false, controls: [] });

/** Splits a post into its front matter block and the rest, and reads the block. */
export function readFrontMatter(text: string): FrontMatter {
  // The archive's own shape, in one match; its values hold no character YAML refuses. Tried
  // on a text within the size limit only: a match over megabytes could exhaust the stack.
  const fast = text.length <= MAX_FRONT_MATTER.chars ? matchTemplate(text) : undefined;
  if (fast) return fast;
  if (!text.startsWith('---\n') && !text.startsWith('---\r\n')) {
    return only(problem('frontmatter-missing', 'the file does not start with a front matter block (---)'), -1);
  }
  const close = /\n---[ \t]*(?:\r?\n|$)/g;
  close.lastIndex = 3;
  const m = close.exec(text);
  if (!m) return only(problem('frontmatter-unclosed', 'the front matter block is never closed by a --- line'), -1);
  const block = text.slice(4, m.index + 1);
  const bodyStart = m.index + m[0].length;
  const { chars, keys } = MAX_FRONT_MATTER;
  if (block.length > chars) {
    return only(problem('frontmatter-size', `the front matter holds ${block.length.toLocaleString('en')} characters: at most ${chars.toLocaleString('en')} are read (the archive's hold under 1,000)`), bodyStart);
  }
  const read = { ...(scanCanonical(block) ?? parseYaml(block)), bodyStart };
  if (read.entries.length > keys) {
    return only(problem('frontmatter-size', `the front matter holds ${read.entries.length} keys: at most ${keys} are read (the archive's hold 17)`), bodyStart);
  }
  return { ...read, controls: findControls(block) };
}

/** The fast path: undefined as soon as a line is not in the canonical shape. */
function scanCanonical(block: string): Omit<FrontMatter, 'bodyStart' | 'controls'> | undefined {
  const lines = block.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const entries: Entry[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  let list: ListNode | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 2; // the opening --- is line 1
    if (list) {
      const item = listItem(line);
      if (item !== undefined) {
        list.items.push({ kind: 'scalar', value: item, raw: line.slice(4), style: 'double', line: lineNo, col: 5 });
        continue;
      }
      list = undefined;
    }
    const km = KEY_LINE.exec(line);
    if (!km) return undefined;
    const [, key, rest] = km;
    let value: Entry['value'];
    if (rest === undefined) {
      if (listItem(lines[i + 1] ?? '') === undefined) return undefined; // an empty value, or a list of another shape
      value = list = { kind: 'list', items: [], canonical: true, line: lineNo + 1, col: 3 };
    } else if (rest === 'true' || rest === 'false') {
      value = { kind: 'scalar', value: rest === 'true', raw: rest, style: 'plain', line: lineNo, col: key.length + 3 };
    } else {
      const dq = doubleQuoted(rest);
      if (dq === undefined) return undefined;
      value = { kind: 'scalar', value: dq, raw: rest, style: 'double', line: lineNo, col: key.length + 3 };
    }
    if (seen.has(key)) problems.push({ rule: 'duplicate-key', message: `duplicate key "${key}"`, line: lineNo, col: 1 });
    seen.add(key);
    entries.push({ key, line: lineNo, col: 1, value });
  }
  return { entries, problems, canonical: true };
}

/** The YAML library, loaded for the first block outside the canonical shape: a run over a healthy archive never needs it. */
let yaml: typeof Yaml | undefined;
const loadYaml = () => (yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

/** The full YAML 1.1 reading, for any block outside the canonical shape. */
function parseYaml(block: string): Omit<FrontMatter, 'bodyStart' | 'controls'> {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = loadYaml();
  const counter = new LineCounter();
  // The library's own duplicate check compares each key with every earlier one (quadratic:
  // 40,000 keys take a minute); duplicateKeys below does it with a set.
  const doc = parseDocument(block, { version: '1.1', uniqueKeys: false, lineCounter: counter, prettyErrors: false });
  const at = (offset: number) => {
    const p = counter.linePos(offset);
    return { line: p.line + 1, col: p.col };
  };
  // After the first syntax error the parser's further errors are its own confusion: keep one.
  // The library reports its own stack overflow (nesting in the thousands) as an error too.
  const said = (message: string) => (/call stack/i.test(message) ? 'nested too deeply to read' : message.split('\n')[0]);
  const problems: Problem[] = doc.errors.slice(0, 1).map((e) => ({ rule: 'yaml-syntax', message: `YAML: ${said(e.message)}`, ...at(e.pos[0]) }));
  const entries: Entry[] = [];
  if (problems.length) return { entries, problems, canonical: false };
  problems.push(...duplicateKeys(doc).map(([key, offset]): Problem => ({ rule: 'duplicate-key', message: `duplicate key ${JSON.stringify(key)}`, ...at(offset) })));
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { entries, problems, canonical: false };
  if (!isMap(root)) {
    return { entries, problems: [...problems, { rule: 'yaml-syntax', message: 'the front matter is not a mapping of keys to values', ...at(root.range?.[0] ?? 0) }], canonical: false };
  }
  const scalarNode = (node: YamlScalar): ScalarNode => {
    const pos = at(node.range?.[0] ?? 0);
    const style = node.type === 'QUOTE_DOUBLE' ? 'double' : node.type === 'QUOTE_SINGLE' ? 'single' : node.type === 'PLAIN' ? 'plain' : 'block';
    const raw = block.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
    return { kind: 'scalar', value: node.value as ScalarValue, raw, style, ...pos };
  };
  for (const pair of root.items) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const keyPos = at(isScalar(keyNode) ? (keyNode.range?.[0] ?? 0) : 0);
    const v = pair.value;
    let value: Entry['value'];
    if (isScalar(v)) value = scalarNode(v);
    else if (isSeq(v)) {
      const pos = at(v.range?.[0] ?? 0);
      const items = v.items.filter(isScalar).map((n) => scalarNode(n as YamlScalar));
      const canonical = items.length === v.items.length && items.every((it) => it.style === 'double' && it.col === 5);
      value = { kind: 'list', items, canonical: canonical && v.items.length > 0, ...pos };
    } else if (v === null || v === undefined) {
      value = { kind: 'scalar', value: null, raw: '', style: 'plain', line: keyPos.line, col: keyPos.col + key.length + 1 };
    } else value = { kind: 'other', ...at((v as { range?: number[] }).range?.[0] ?? 0) };
    entries.push({ key, ...keyPos, value });
  }
  return { entries, problems, canonical: false };
}

/** Every key that repeats an earlier key of its mapping (at any depth), with its offset. */
function duplicateKeys(doc: Document): [string, number][] {
  const { isScalar, visit } = loadYaml();
  const out: [string, number][] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        // 1 and "1" are two keys, as YAML (and the library's own check) has it.
        const id = `${typeof key.value}:${String(key.value)}`;
        if (seen.has(id)) out.push([String(key.value), key.range?.[0] ?? 0]);
        seen.add(id);
      }
    },
  });
  return out;
}
