// How many threads a pool of pressclip starts when --jobs does not say.
import { availableParallelism } from 'node:os';

/**
 * One per core but one, at least one: the core left over runs what the pool's threads lean
 * on - the main thread's I/O, and V8's own threads that optimise the hot code and collect
 * garbage. On this 2-core machine a second thread lost to one, for import's workers as for
 * validate's checking threads: more CPU for the same or a longer wall time (README, Benchmark).
 */
export const defaultJobs = () => Math.max(1, availableParallelism() - 1);
