// Stage 1: bytes and headers from the network, nothing else.
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Readable } from 'node:stream';
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
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
  /** An API call instead of a page: a POST with its body and headers, answered in JSON. */
  api?: { method: 'POST'; headers: Record<string, string>; body: string };
}

export const USER_AGENT = `pressclip/${VERSION} (news archiver; +https://www.npmjs.com/package/pressclip)`;
export const DEFAULTS = { timeoutMs: 30_000, connectTimeoutMs: 10_000, headersTimeoutMs: 15_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5 };

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

let sharedAgent: Dispatcher | undefined;
/** HTTP_PROXY, HTTPS_PROXY and NO_PROXY are honoured by undici's EnvHttpProxyAgent. */
function defaultAgent(): Dispatcher {
  sharedAgent ??= new EnvHttpProxyAgent({ connect: { timeout: DEFAULTS.connectTimeoutMs } });
  return sharedAgent;
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;
const JSON_TYPES = /^application\/([\w.+-]*\+)?json\b/i;

export async function fetchPage(url: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const opts = { ...DEFAULTS, ...options };
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const dispatcher = opts.dispatcher ?? defaultAgent();
  let current = url;
  for (let hop = 0; ; hop++) {
    // A redirect answers an API call with a page to GET, as browsers do after a POST.
    const res = await send(current, dispatcher, opts.headersTimeoutMs, opts.timeoutMs, deadline, hop === 0 ? opts.api : undefined);
    const headers = flatHeaders(res.headers);
    if (res.statusCode >= 300 && res.statusCode < 400 && headers.location) {
      await res.body.dump().catch(() => undefined);
      if (hop >= opts.maxRedirects) throw new FetchError(`too many redirects (more than ${opts.maxRedirects})`, false);
      const next = new URL(headers.location, current);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new FetchError(`redirect to a non-http URL (${next.protocol})`, false);
      }
      current = next.href;
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
    const body = await readBody(res.body, headers['content-encoding'], opts.maxBytes, opts.timeoutMs, deadline);
    return { url: current, status: res.statusCode, headers, body, fetchedAt: new Date() };
  }
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
  const agent = sharedAgent;
  sharedAgent = undefined;
  await agent?.destroy().catch(() => undefined);
}

async function send(url: string, dispatcher: Dispatcher, headersTimeout: number, timeoutMs: number, signal: AbortSignal, api?: FetchOptions['api']) {
  try {
    return await Promise.race([deadlineOf(signal), request(url, {
      dispatcher,
      signal,
      headersTimeout,
      bodyTimeout: timeoutMs,
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
    throw networkError(error, timeoutMs, 'waiting for a response');
  }
}

async function readBody(body: Readable, encoding: string | undefined, maxBytes: number, timeoutMs: number, signal: AbortSignal): Promise<Buffer> {
  const stream = decompressor(body, encoding);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      if (signal.aborted) throw signal.reason;
      size += chunk.length;
      // Counted after decompression, so a compression bomb stops here too.
      if (size > maxBytes) throw new FetchError(`page larger than ${Math.round(maxBytes / 1048576)} MB`, false);
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

function decompressor(body: Readable, encoding: string | undefined): Readable {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return body.pipe(createGunzip());
    case 'br':
      return body.pipe(createBrotliDecompress());
    case 'deflate':
      return body.pipe(createInflate());
    default:
      return body;
  }
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function networkError(error: unknown, timeoutMs: number, phase: string): FetchError {
  if (error instanceof FetchError) return error;
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || /TIMEOUT/.test(code)) {
    const what = code === 'UND_ERR_CONNECT_TIMEOUT' ? 'connecting' : code === 'UND_ERR_HEADERS_TIMEOUT' ? 'waiting for headers' : phase;
    return new FetchError(`timed out ${what} (limit ${Math.round(timeoutMs / 1000)} s)`, true);
  }
  if (code === 'Z_DATA_ERROR' || code === 'ERR_PADDING_1' || /incorrect header|invalid/i.test(e.message ?? '') && /zlib|Z_|Decompress/i.test(String(code) + e.message)) {
    return new FetchError(`broken compressed body (${e.message})`, false);
  }
  const detail = code || e.message || String(error);
  return new FetchError(`network error (${detail})`, true);
}
