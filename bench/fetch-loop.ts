// The loop a user would otherwise write to fetch a list: its URLs, `concurrency` at a
// time, each body read whole with undici - no parsing, no writing. The yardstick of the
// batch bench (bench/batch.ts): `node dist/bench/fetch-loop.js <list> <concurrency>`.
import { readFileSync } from 'node:fs';
import { request } from 'undici';

const [list, concurrency] = [process.argv[2], Number(process.argv[3])];
const urls = readFileSync(list, 'utf8').split('\n').filter(Boolean);
let next = 0;
let bytes = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < urls.length) {
      const { body } = await request(urls[next++]);
      bytes += (await body.arrayBuffer()).byteLength;
    }
  }),
);
process.stdout.write(`${bytes}\n`);
