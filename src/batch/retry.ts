// Fetching for a batch: each attempt waits its host's turn; network errors, timeouts,
// 5xx, 408 and 429 are retried with exponential backoff and jitter, honouring Retry-After.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fetcher } from '../commands/import.js';
import { fetchPage, FetchError } from '../fetch.js';
import type { Politeness } from './scheduler.js';

export interface RetryPolicy {
  retries: number;
  /** The first backoff; each retry doubles it. */
  baseMs: number;
  /** No single wait is longer; a Retry-After beyond it fails the input instead. */
  maxWaitMs: number;
}

/** Seconds or an HTTP date, as milliseconds from now. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Full jitter around an exponential step: between half and all of base x 2^(attempt-1). */
export const backoffMs = (attempt: number, policy: RetryPolicy, random = Math.random) =>
  Math.min(policy.maxWaitMs, policy.baseMs * 2 ** (attempt - 1) * (0.5 + random() / 2));

/**
 * Fetches with retries. When `stop` aborts (the user interrupted the batch), no retry starts and
 * a retry being waited for ends at once with the error that caused it.
 */
export function politeFetcher(politeness: Politeness, policy: RetryPolicy, stop: AbortSignal, onRetry?: (url: string, error: FetchError, waitMs: number) => void): Fetcher {
  return async (url, options) => {
    const host = new URL(url).host;
    for (let attempt = 1; ; attempt++) {
      await politeness.turn(host);
      try {
        return await fetchPage(url, options);
      } catch (error) {
        if (!(error instanceof FetchError) || !error.retryable || attempt > policy.retries || stop.aborted) throw error;
        const asked = retryAfterMs(error.retryAfter);
        if (asked !== undefined && asked > policy.maxWaitMs) throw new FetchError(`${error.message} (Retry-After ${Math.round(asked / 1000)} s is beyond the ${Math.round(policy.maxWaitMs / 1000)} s limit)`, false, error.status);
        const wait = asked ?? backoffMs(attempt, policy);
        onRetry?.(url, error, wait);
        await sleep(wait, undefined, { signal: stop }).catch(() => {
          throw error;
        });
      }
    }
  };
}
