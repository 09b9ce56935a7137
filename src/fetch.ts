// Stage 1: bytes and headers from the network, nothing else.
import { createBrotliDecompress, createGunzip, createInflate, type Gunzip } from 'node:zlib';
import { addAbortSignal, pipeline, type Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { checkingLookup, privateKind, PrivateAddressError } from './address.js';
import { MAX_PAGE_BYTES } from './inputs.js';
import { VERSION } from './version.js';

export interface FetchedPage {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  fetchedAt: Date;
}

export interface FetchOptions {
  /** Whole-request deadline in milliseconds (connect, headers and body together). */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  dispatcher?: Dispatcher;
  /**
   * Refuse every loopback, private, link-local and unique-local address (`--no-private`).
   * Without it, such addresses are reached when asked for (`import http://localhost:8000/x`),
   * but a redirect chain that reached a public address may not lead back to a private one.
   */
  noPrivate?: boolean;
  /** An API call instead of a page: a POST with its body and headers, answered in JSON. */
  api?: { method: 'POST'; headers: Record<string, string>; body: string };
}

export const USER_AGENT = `pressclip/${VERSION} (news archiver; +https://www.npmjs.com/package/pressclip)`;
export const DEFAULTS = { timeoutMs: 30_000, connectTimeoutMs: 10_000, headersTimeoutMs: 15_000, maxBytes: MAX_PAGE_BYTES, maxRedirects: 5 };

/** A fetch failure with a message fit for one line of output. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfter?: string,
  ) {
    super(message);
  }
}

/**
 * The HTTP client, loaded by the first fetch: an import of saved files, validate and the
 * other commands that read this module for its constants never load it (a megabyte of code).
 */
let undici: typeof import('undici') | undefined;

/** Pooled connections: one agent that reaches any address, one that refuses non-public ones. */
const agents = new Map<'any' | 'public', Dispatcher>();
/** The kind of non-public address each name resolved to when connected directly ('' for public). */
const resolvedKinds = new Map<string, string>();

/** HTTP_PROXY, HTTPS_PROXY and NO_PROXY are honoured by undici's EnvHttpProxyAgent. */
function agentFor(reach: 'any' | 'public'): Dispatcher {
  let agent = agents.get(reach);
  if (!agent) {
    const lookup = checkingLookup(reach === 'public', (name, kind) => {
      if (resolvedKinds.size > 10_000) resolvedKinds.clear();
      resolvedKinds.set(name, kind ?? '');
    });
    agent = new undici!.EnvHttpProxyAgent({ connect: { timeout: DEFAULTS.connectTimeoutMs, lookup } });
    agents.set(reach, agent);
  }
  return agent;
}

/**
 * Whether a URL's host is on the public internet, as far as this process saw: an address by
 * its range, a name by what it resolved to. A name fetched through a proxy was resolved by the
 * proxy: it counts as public.
 */
const isPublic = (url: URL) => !(privateKind(url.hostname) ?? resolvedKinds.get(url.hostname));

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;
const JSON_TYPES = /^application\/([\w.+-]*\+)?json\b/i;

export async function fetchPage(url: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const opts = { ...DEFAULTS, ...options };
  // CommonJS: its exports are the default export, unbundled and bundled alike.
  undici ??= ((await import('undici')) as unknown as { default: typeof import('undici') }).default;
  // A timer of our own, not AbortSignal.timeout (which is unref'd): whatever stalls - the
  // server, a proxy, a decompressor - the request ends at its deadline, and the process
  // never exits early with the request unsettled.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DOMException('the request deadline passed', 'TimeoutError')), opts.timeoutMs);
  try {
    return await fetchWithin(url, opts, deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}

async function fetchWithin(url: string, opts: FetchOptions & typeof DEFAULTS, deadline: AbortSignal): Promise<FetchedPage> {
  let current = new URL(url);
  let publicOnly = Boolean(opts.noPrivate);
  for (let hop = 0; ; hop++) {
    if (publicOnly) refusePrivateLiteral(current, opts.noPrivate);
    const dispatcher = opts.dispatcher ?? agentFor(publicOnly ? 'public' : 'any');
    // A redirect answers an API call with a page to GET, as browsers do after a POST.
    const res = await send(current.href, dispatcher, opts, deadline, hop === 0 ? opts.api : undefined);
    const headers = flatHeaders(res.headers);
    if (res.statusCode >= 300 && res.statusCode < 400 && headers.location) {
      await res.body.dump().catch(() => undefined);
      if (hop >= opts.maxRedirects) throw new FetchError(`too many redirects (more than ${opts.maxRedirects})`, false);
      const next = new URL(headers.location, current);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new FetchError(`redirect to a non-http URL (${next.protocol})`, false);
      }
      // Once on the internet, a chain stays there: a public page that redirects to
      // 127.0.0.1 or 192.168.1.1 is reaching into the fetching machine's own network.
      publicOnly ||= isPublic(current);
      current = next;
      continue;
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      await res.body.dump().catch(() => undefined);
      const retryable = res.statusCode >= 500 || res.statusCode === 408 || res.statusCode === 429;
      throw new FetchError(`HTTP ${res.statusCode}`, retryable, res.statusCode, headers['retry-after']);
    }
    const type = headers['content-type'];
    if (type && !(opts.api ? JSON_TYPES : HTML_TYPES).test(type)) {
      discard(res.body);
      throw new FetchError(`${opts.api ? 'not a JSON answer' : 'not an HTML page'} (content-type ${type.split(';')[0]})`, false, res.statusCode);
    }
    const body = await readBody(res.body, headers, opts.maxBytes, opts.timeoutMs, deadline);
    return { url: current.href, status: res.statusCode, headers, body, fetchedAt: new Date() };
  }
}

/** An address literal is not looked up: it is checked here (names are checked by the lookup). */
function refusePrivateLiteral(url: URL, noPrivate: boolean | undefined): void {
  const kind = privateKind(url.hostname);
  if (kind) throw refused(new PrivateAddressError(url.hostname, url.hostname, kind), noPrivate);
}

function refused(e: PrivateAddressError, noPrivate: boolean | undefined): FetchError {
  const where = `${e.host}${e.address === e.host ? '' : ` is ${e.address},`} ${e.address === e.host ? 'is ' : ''}a ${e.kind} address`;
  return new FetchError(noPrivate ? `refused: ${where} (--no-private)` : `refused a redirect from a public address to a private one: ${where}`, false);
}

/**
 * Rejects when the deadline passes, whatever undici is doing: a proxy that drops every
 * CONNECT keeps undici reconnecting without ever looking at the request's signal.
 */
function deadlineOf(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** Closes the shared connections (and any reconnect loop a failing proxy started): the process can end. */
export async function closeConnections(): Promise<void> {
  const open = [...agents.values()];
  agents.clear();
  await Promise.all(open.map((agent) => agent.destroy().catch(() => undefined)));
}

async function send(url: string, dispatcher: Dispatcher, opts: FetchOptions & typeof DEFAULTS, signal: AbortSignal, api?: FetchOptions['api']) {
  try {
    return await Promise.race([deadlineOf(signal), undici!.request(url, {
      dispatcher,
      signal,
      headersTimeout: opts.headersTimeoutMs,
      bodyTimeout: opts.timeoutMs,
      method: api?.method ?? 'GET',
      body: api?.body,
      headers: {
        'user-agent': USER_AGENT,
        accept: api ? 'application/json' : 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
        'accept-encoding': 'gzip, deflate, br',
        'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
        ...api?.headers,
      },
    })]);
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    const refusal = error instanceof PrivateAddressError ? error : cause instanceof PrivateAddressError ? cause : undefined;
    if (refusal) throw refused(refusal, opts.noPrivate);
    throw networkError(error, opts.timeoutMs, 'waiting for a response');
  }
}

const sizeError = (maxBytes: number, detail = '') => new FetchError(`page larger than ${Math.round(maxBytes / 1048576)} MB${detail}`, false);

async function readBody(body: Readable, headers: Record<string, string>, maxBytes: number, timeoutMs: number, signal: AbortSignal): Promise<Buffer> {
  const decoder = decompressor(headers['content-encoding']);
  const length = Number(headers['content-length']);
  // Said before a byte is read, the same answer however slow the link.
  if (!decoder && length > maxBytes) {
    discard(body);
    throw sizeError(maxBytes, ` (content-length ${length.toLocaleString('en')} bytes)`);
  }
  // pipeline, not .pipe(): an error or a stall of either stream reaches the reader, which
  // would otherwise wait forever on a decompressor whose input died. The deadline destroys
  // the last stream, and pipeline the others.
  const stream = addAbortSignal(signal, decoder ? pipeline(body, decoder, () => undefined) : body);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += chunk.length;
      // Counted after decompression, so a compression bomb stops here too.
      if (size > maxBytes) throw sizeError(maxBytes);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    discard(body);
    if (stream !== body) discard(stream);
    throw networkError(error, timeoutMs, 'reading the page');
  }
  return Buffer.concat(chunks);
}

/** Stops reading a body; the abort it causes is expected, not an error to report. */
function discard(stream: Readable): void {
  stream.on('error', () => undefined);
  stream.destroy();
}

function decompressor(encoding: string | undefined): Gunzip | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'br':
      return createBrotliDecompress();
    case 'deflate':
      return createInflate();
    default:
      return undefined;
  }
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function networkError(error: unknown, timeoutMs: number, phase: string): FetchError {
  if (error instanceof FetchError) return error;
  const e = error as { name?: string; code?: string; message?: string; cause?: { name?: string; code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  if (e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError' || e.name === 'AbortError' || /TIMEOUT/.test(code)) {
    const what = code === 'UND_ERR_CONNECT_TIMEOUT' ? 'connecting' : code === 'UND_ERR_HEADERS_TIMEOUT' ? 'waiting for headers' : phase;
    return new FetchError(`timed out ${what} (limit ${Math.round(timeoutMs / 1000)} s)`, true);
  }
  // The stream ended inside a compressed block: the connection was closed early, as a
  // reset is, and worth another try.
  if (code === 'Z_BUF_ERROR') return new FetchError(`compressed body cut short (${e.message})`, true);
  if (/^Z_|^ERR__ERROR_/.test(code)) return new FetchError(`broken compressed body (${e.message})`, false);
  const detail = code || e.message || String(error);
  return new FetchError(`network error (${detail})`, true);
}
