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

const whole = (value: string | undefined) => (value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined);

/**
 * `--shard auto`: this job's share as its CI names it, or why none is found.
 * - GitLab (`parallel: n`): CI_NODE_INDEX, 1 to n, and CI_NODE_TOTAL; a job without
 *   `parallel` has CI_NODE_TOTAL=1 and no index, and is the whole list.
 * - A Kubernetes indexed Job: JOB_COMPLETION_INDEX, 0 to n-1; the pod is not told the
 *   Job's completions, so the count is PRESSCLIP_SHARDS, set in the Job's template.
 * - GitHub Actions tells a step nothing of its matrix in the environment: the workflow
 *   passes `--shard ${{ matrix.shard }}/${{ strategy.job-total }}` itself.
 */
export function shardFromEnvironment(env: NodeJS.ProcessEnv): { shard: Shard; from: string } | { error: string } {
  const gitlab = env.CI_NODE_TOTAL !== undefined || env.CI_NODE_INDEX !== undefined;
  const kubernetes = env.JOB_COMPLETION_INDEX !== undefined || env.PRESSCLIP_SHARDS !== undefined;
  const shown = (...names: string[]) => names.map((n) => `${n}=${env[n] === undefined ? '(unset)' : JSON.stringify(env[n])}`).join(', ');
  if (gitlab && kubernetes) return { error: `both GitLab's and Kubernetes' variables are set (${shown('CI_NODE_INDEX', 'CI_NODE_TOTAL', 'JOB_COMPLETION_INDEX', 'PRESSCLIP_SHARDS')}): give --shard i/n` };
  if (gitlab) {
    const count = whole(env.CI_NODE_TOTAL);
    const index = env.CI_NODE_INDEX === undefined && count === 1 ? 1 : whole(env.CI_NODE_INDEX);
    const shard = index !== undefined && count !== undefined ? parseShard(`${index}/${count}`) : undefined;
    if (!shard) return { error: `GitLab's CI_NODE_INDEX (1 to CI_NODE_TOTAL) and CI_NODE_TOTAL make no share (${shown('CI_NODE_INDEX', 'CI_NODE_TOTAL')})` };
    return { shard, from: `GitLab (${shown('CI_NODE_INDEX', 'CI_NODE_TOTAL')})` };
  }
  if (kubernetes) {
    const index = whole(env.JOB_COMPLETION_INDEX);
    const count = whole(env.PRESSCLIP_SHARDS);
    if (env.PRESSCLIP_SHARDS === undefined) return { error: `JOB_COMPLETION_INDEX is set (a Kubernetes indexed Job), but not PRESSCLIP_SHARDS: set it to the Job's completions in its pod template` };
    const shard = index !== undefined && count !== undefined ? parseShard(`${index + 1}/${count}`) : undefined;
    if (!shard) return { error: `Kubernetes' JOB_COMPLETION_INDEX (0 to PRESSCLIP_SHARDS - 1) and PRESSCLIP_SHARDS make no share (${shown('JOB_COMPLETION_INDEX', 'PRESSCLIP_SHARDS')})` };
    return { shard, from: `a Kubernetes indexed Job (${shown('JOB_COMPLETION_INDEX', 'PRESSCLIP_SHARDS')})` };
  }
  return {
    error:
      'no CI names a share here: GitLab sets CI_NODE_INDEX and CI_NODE_TOTAL (parallel:), a Kubernetes indexed Job JOB_COMPLETION_INDEX (with PRESSCLIP_SHARDS set to its completions); on GitHub Actions give --shard ${{ matrix.shard }}/${{ strategy.job-total }}',
  };
}
