// pressclip.config.json: its JSON schema (shipped, and the validator generated from it),
// misspelt keys rejected by name, `pressclip sources add` and the listing of the site's rows.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the generator is a plain ES module of the build scripts
import { generate } from '../scripts/config-validator.mjs';
import { configProblem, didYouMean } from '../src/config.js';
import { pressclip } from './cli.js';
import { ROOT } from './helpers.js';

const site = (config?: unknown) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pressclip-config-'));
  if (config !== undefined) writeFileSync(path.join(dir, 'pressclip.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
};

describe('the config schema', () => {
  it('ships with the package, and the validator is the one generated from it (npm run schema)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.files).toContain('schema');
    expect(readFileSync(path.join(ROOT, 'src/config-schema.ts'), 'utf8')).toBe(generate());
  });

  it('accepts the forms the README shows, $schema included', () => {
    expect(
      configProblem({
        $schema: './node_modules/pressclip/schema/pressclip.config.schema.json',
        languages: ['de', 'pt-BR'],
        ignores: ['content/en/news/drafts', '**/*.draft.md'],
        sources: [
          { folder: 'theverge', hosts: ['theverge.com'], langs: ['en'], zone: 'America/New_York', idPattern: '^/(\\d{4}/\\d+/\\d+/\\d+)/' },
          { folder: 'sina', categories: ['sina_tech'] },
          { folder: 'wire', categories: '*' },
        ],
      }),
    ).toBeUndefined();
  });

  it.each([
    [{ source: [] }, 'unknown key "source" (did you mean "sources"?)'],
    [{ sources: [{ folder: 'x', host: ['a.com'] }] }, 'unknown key "host" in sources[0] (did you mean "hosts"?)'],
    [{ sources: [{ folder: 'x', category: 'x' }] }, 'unknown key "category" in sources[0] (did you mean "categories"?)'],
    [{ ignore: ['x'] }, 'unknown key "ignore" (did you mean "ignores"?)'],
    [{ ignores: 'drafts' }, 'ignores "drafts": must be array'],
    [{ ignores: ['!content/keep'] }, 'ignores[0]: "!content/keep" starts with !: ignores only leave files out'],
    [{ sources: [{ hosts: ['a.com'] }] }, 'sources[0] has no "folder"'],
    [{ sources: [{ folder: 'My Site' }] }, 'sources[0].folder "My Site": must match pattern "^[A-Za-z0-9][A-Za-z0-9_-]*$"'],
    [{ sources: [{ folder: 'x', categories: 'x' }] }, 'sources[0].categories: "x" is not allowed here'],
    [{ sources: [{ folder: 'x', hosts: ['https://a.com/'] }] }, 'sources[0].hosts[0] "https://a.com/": must match pattern'],
    [{ sources: [{ folder: 'x', hosts: ['Example.COM'] }] }, 'sources[0].hosts: "Example.COM" is not a host name as URLs write it ("example.com")'],
    [{ sources: [{ folder: 'x', zone: 'Mars/Olympus' }] }, 'sources[0].zone: "Mars/Olympus" is not an IANA time zone'],
    [{ sources: [{ folder: 'x', idPattern: '/a/\\d+' }] }, 'sources[0].idPattern: "/a/\\d+" has no group to take the id from'],
    [{ sources: [{ folder: 'x', idPattern: '(' }] }, 'sources[0].idPattern: Invalid regular expression'],
    [{ languages: ['German'] }, 'languages[0] "German": must match pattern'],
    [{ languages: 'de' }, 'languages "de": must be array'],
  ])('rejects %j: %s', (config, message) => {
    expect(configProblem(config)).toContain(message);
  });

  it('suggests the key a misspelling was meant to be, and nothing for a stranger', () => {
    expect(didYouMean('langauges', ['$schema', 'languages', 'sources'])).toBe('languages');
    expect(didYouMean('Sources', ['$schema', 'languages', 'sources'])).toBe('sources');
    expect(didYouMean('ignores', ['$schema', 'languages', 'sources'])).toBeUndefined();
  });

  it('makes validate, import, batch and sources exit 2 with one line naming the file and the key', async () => {
    const dir = site({ source: [{ folder: 'x' }] });
    const line = `usage error: ${path.join(dir, 'pressclip.config.json')}: unknown key "source" (did you mean "sources"?)\n`;
    for (const args of [['validate'], ['import', 'https://example.com/a'], ['batch', '-'], ['sources']]) {
      const run = await pressclip(args, { cwd: dir });
      expect(run.code, args[0]).toBe(2);
      expect(run.stderr, args[0]).toBe(line);
    }
  });
});

describe('pressclip sources add', () => {
  it('creates the config at the site root, saying where, and the next add merges into it', async () => {
    const root = site();
    const add = await pressclip(['sources', 'add', 'theverge', '--host', 'theverge.com', '--lang', 'en', '--root', root]);
    expect(add.code).toBe(0);
    const file = path.join(root, 'pressclip.config.json');
    expect(add.stderr).toBe(`registered theverge in ${path.relative(ROOT, file)} (created at the site root ${root}): source theverge; host theverge.com; language en\n`);
    expect(existsSync(path.join(ROOT, 'pressclip.config.json'))).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ sources: [{ folder: 'theverge', hosts: ['theverge.com'], langs: ['en'] }] });
    const more = await pressclip(['sources', 'add', 'theverge', '--host', 'https://www.vox.com/', '--category', 'theverge', '--category', 'verge_reviews', '--zone', 'America/New_York'], { cwd: root });
    expect(more.stderr).toBe('registered theverge in pressclip.config.json: host www.vox.com; category verge_reviews; zone America/New_York\n');
    expect(JSON.parse(readFileSync(file, 'utf8')).sources).toEqual([
      { folder: 'theverge', hosts: ['theverge.com', 'www.vox.com'], langs: ['en'], categories: ['theverge', 'verge_reviews'], zone: 'America/New_York' },
    ]);
    expect((await pressclip(['sources', 'add', 'theverge', '--host', 'theverge.com'], { cwd: root })).stderr).toBe('theverge: already registered in pressclip.config.json\n');
    const listed = JSON.parse((await pressclip(['sources', '--json'], { cwd: root })).stdout);
    expect(listed[0]).toEqual({ folder: 'theverge', category: 'theverge, verge_reviews', lang: 'en', hosts: 'theverge.com, www.vox.com', id: "the page's own id, else md5(title + date)", from: file });
    expect((await pressclip(['sources'], { cwd: root })).stdout).toMatch(/^theverge +theverge, verge_reviews +en +theverge\.com, www\.vox\.com +the page's own id, else md5\(title \+ date\) +config$/m);
  });

  it('refuses a host another source holds, a language the site has not, a second zone and a bad folder name (exit 2, config unchanged)', async () => {
    const root = site({ sources: [{ folder: 'a', hosts: ['a.com'], zone: 'Europe/Berlin' }] });
    const before = readFileSync(path.join(root, 'pressclip.config.json'), 'utf8');
    const cases: [string[], RegExp][] = [
      [['b', '--host', 'a.com'], /a\.com is already a host of source a in /],
      [['b', '--lang', 'de'], /de is not a language of the site \(en, zh-CN, zh-HK\): add it to "languages" in .*pressclip\.config\.json \(and to Hugo's languages\) first/],
      [['a', '--zone', 'Asia/Tokyo'], /source a already has zone "Europe\/Berlin" \(not "Asia\/Tokyo"\)/],
      [['b', '--zone', 'Nowhere/Zone'], /sources\[1\]\.zone: "Nowhere\/Zone" is not an IANA time zone/],
      [['My Site'], /sources\[1\]\.folder "My Site": must match pattern/],
    ];
    for (const [args, message] of cases) {
      const run = await pressclip(['sources', 'add', ...args], { cwd: root });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(readFileSync(path.join(root, 'pressclip.config.json'), 'utf8')).toBe(before);
    }
  });
});
