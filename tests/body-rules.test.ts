// validate's body rules: each repair, made alone, leaves the text of the rendered HTML as it
// was but for the characters the rule removes (markdown-it, CommonMark), on every real post
// of the sample and on generated Markdown full of the syntax the repairs touch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BODY_CHECKS, checkBody, healBody, signedChecks } from '../src/validate/body.js';
import { BODY_RULES, type Finding } from '../src/validate/body-rules.js';
import { readBody, readBodyBytes } from '../src/validate/body-text.js';
import { listFixtures, readFixture } from './helpers.js';
import { proveFix } from './visible-text.js';

/** A post's body region: after the front matter, up to the last line's link. */
const bodyOf = (post: string) => post.slice(post.indexOf('\n---\n', 3) + 5, post.lastIndexOf('\n[') + 1);

const posts = listFixtures('archive-sample', '.md').map((name) => ({ name, body: bodyOf(readFixture('archive-sample', name)) }));

describe.each(BODY_CHECKS)('%s: the repair keeps the visible text', (rule, check) => {
  it('on every real post of the sample', () => {
    const failures: string[] = [];
    let repaired = 0;
    for (const { name, body } of posts) {
      const proof = proveFix(check, body, rule === 'body-empty-image');
      if (proof.changed) repaired++;
      if (!proof.ok) failures.push(`${name}: ${proof.why}`);
    }
    expect(failures).toEqual([]);
    if (rule !== 'body-empty-parens' && rule !== 'body-lost-link' && rule !== 'body-zero-width') expect(repaired, 'the sample holds this defect').toBeGreaterThan(0);
  });

  it('on generated Markdown', () => {
    const token = fc.constantFrom(
      'a', 'b', 'Word', '中', '文', '。', '，', '“', '”', '｜', '！', ' ', ' ', '\n', '\n', '\n\n', '\n\n\n', '  \n', '\u00a0', '\u3000',
      '*', '**', '***', '****', '******', '********', '_', '__', '`', '\\', '!', '[', ']', '(', ')', '()', '<', '>', '&', '#', '|', ':', '-', '=', '+', '1.', '😀', '👨\u200d👩',
      '![](x.png)', '![图片](y.png)', '[![](z.png)](https://l.example)', '![]()', '![a]()', '![]()https://i.example/p.png![]()', '[t]()', '[]()', '[u](https://u.example)',
      '\u200b', '\u200d', '\u200c', '\ufeff', '\u2060',
      '\n# ', '\n### ', '\n###### ', '\n=====', '\n---', '\n> ', '\n* ', '\n1. ', '\n```\n', '\n    ', '\n图片', ' ###',
    );
    const markdown = fc.array(token, { minLength: 1, maxLength: 40 }).map((t) => `\n${t.join('')}\n\n`);
    fc.assert(
      fc.property(markdown, (body) => {
        const proof = proveFix(check, body, rule === 'body-empty-image');
        if (!proof.ok) throw new Error(`${proof.why}\n--- before\n${JSON.stringify(body)}\n--- after\n${JSON.stringify(proof.fixed)}`);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 3000), seed: Number(process.env.FUZZ_SEED ?? 13) },
    );
  });
});

// Each rule on the seed post with its defect put in, at the line it is put.
const SEED = readFixture('archive-sample', '20250209A06L0J.zh-CN.md');
const SEED_LINE = SEED.split('\n').findIndex((l) => l.startsWith('以下为奥特曼')) + 1;
/** The seed with `lines` in place of its line "以下为奥特曼...". */
const withLines = (...lines: string[]) => SEED.replace(/^以下为奥特曼.*$/m, lines.join('\n'));

const INJECTED: [rule: string, text: string, line: number][] = [
  ['body-star-run', withLines('**达利欧****观点**'), SEED_LINE],
  ['body-empty-image', withLines('![]()'), SEED_LINE],
  ['body-empty-image', withLines('![]()https://static001.geekbang.org/infoq/fc/fcc6.png![]()'), SEED_LINE],
  ['body-glued-image', withLines('![图片](https://inews.gtimg.com/om_bt/x/641)为什么写这本书'), SEED_LINE],
  ['body-image-heading', withLines('### '), SEED_LINE],
  ['body-image-heading', withLines('### 图片'), SEED_LINE],
  ['body-image-heading', withLines('### ![图片](https://inews.gtimg.com/om_bt/x/641)'), SEED_LINE],
  ['body-setext-paragraph', withLines('又一家国内EDA公司，向着二级市场前进。', '===================='), SEED_LINE + 1],
  ['body-heading-paragraph', withLines(`##### ${'这是一段被放进标题里的导读文字，'.repeat(5)}`), SEED_LINE],
  ['body-blank-lines', withLines('以下', '  ', '为'), SEED_LINE + 1],
  ['body-blank-lines', withLines('以下', '', '', '', '为'), SEED_LINE + 1],
  ['body-zero-width', withLines('以下\u200b为'), SEED_LINE],
  ['body-idle-joiner', withLines('以下\u200d\u200d为'), SEED_LINE],
  ['body-lost-link', withLines('原文：[Gitpod Flex]()'), SEED_LINE],
  ['body-empty-parens', withLines('原文链接：', '', 'Gitpod Flex, Cloud Development after Kubernetes()'), SEED_LINE + 2],
];

describe('each body rule on a mutated real post', () => {
  it('covers every body rule', () => {
    expect(new Set(INJECTED.map((c) => c[0]))).toEqual(new Set(Object.keys(BODY_RULES)));
  });
  it('the seed post itself is clean', () => {
    expect(checkBody(Buffer.from(SEED))).toEqual([]);
  });
  it.each(INJECTED)('%s', (rule, text, line) => {
    const found = checkBody(Buffer.from(text));
    expect(found.map((d) => d.rule)).toEqual(found.map(() => rule));
    expect(found[0].line).toBe(line);
    expect(found[0].severity).toBe(BODY_RULES[rule as keyof typeof BODY_RULES][0]);
    const healed = healBody(Buffer.from(text));
    if (rule === 'body-empty-parens') expect(healed).toBeUndefined();
    else expect(checkBody(Buffer.from(healed!))).toEqual([]);
  });
});

describe('validate --fix on bodies', () => {
  const samples = listFixtures('archive-sample', '.md').map((name) => readFixture('archive-sample', name));
  it('changes nothing outside the body, and nothing the second time', () => {
    let healedPosts = 0;
    for (const post of samples) {
      const healed = healBody(Buffer.from(post));
      if (healed === undefined) continue;
      healedPosts++;
      const head = post.slice(0, post.indexOf('\n---\n', 3) + 5);
      const lastLine = post.slice(post.lastIndexOf('\n[') + 1);
      expect(healed.startsWith(head) && healed.endsWith(lastLine)).toBe(true);
      expect(healBody(Buffer.from(healed))).toBeUndefined();
    }
    expect(healedPosts).toBeGreaterThan(40);
  });
  it('leaves no error in any real post of the sample', () => {
    const left = samples.flatMap((post) => checkBody(Buffer.from(healBody(Buffer.from(post)) ?? post))).filter((d) => d.severity === 'error');
    expect(left).toEqual([]);
  });
  it('leaves a file that is not valid UTF-8 as it is', () => {
    const bytes = Buffer.concat([Buffer.from(withLines('**达利欧****观点**')), Buffer.from([0xff, 0x0a])]);
    expect(healBody(bytes)).toBeUndefined();
  });
});

describe('checking from bytes, decoding only the lines that show a sign', () => {
  it('finds what checking the decoded text finds, on every real post', () => {
    for (const name of listFixtures('archive-sample', '.md')) {
      const bytes = Buffer.from(readFixture('archive-sample', name));
      const start = bytes.indexOf('\n---\n', 3) + 5;
      const end = bytes.lastIndexOf('\n[') + 1;
      const strip = (fs: Finding[]) => fs.map(({ rule, message, line, col, unfixed }) => ({ rule, message, line, col, unfixed }));
      for (const [rule, check] of BODY_CHECKS) {
        expect(strip(check(readBodyBytes(bytes, start, bytes.toString('latin1', start - 1, end)))), `${name} ${rule}`).toEqual(strip(check(readBody(bytes.toString('utf8', start, end)))));
      }
    }
  });
  it('reads no line past the last one: a defect on the line right above the link line', () => {
    // The rules look at the line after a finding's; from bytes, that line was once read past the end (the file came out check-failed).
    const post = (body: string) => Buffer.from(`---\ntitle: "t"\n---\n\n以下为正文\n${body}\n[c](https://e.example/a)\n`);
    expect(checkBody(post('![图片](https://inews.gtimg.com/om_bt/x/641)为什么写这本书')).map((d) => [d.rule, d.line])).toEqual([['body-glued-image', 6]]);
    expect(checkBody(post('以下\u200b为')).map((d) => [d.rule, d.line])).toEqual([['body-zero-width', 6]]);
    expect(checkBody(post('\u00a0')).map((d) => [d.rule, d.line])).toEqual([['body-blank-lines', 6]]);
  });
});

describe('the pre-scan: a check is spared only where it finds nothing', () => {
  /** The checks the pre-scan spares on a post that finds something anyway. */
  const sparedButFinding = (post: string) => {
    const bytes = Buffer.from(post);
    const start = bytes.indexOf('\n---\n', 3) + 5;
    const end = bytes.lastIndexOf('\n[') + 1;
    const raw = bytes.toString('latin1', start - 1, end);
    const signed = signedChecks(bytes, start, raw);
    const body = readBodyBytes(bytes, start, raw);
    return [...new Map(BODY_CHECKS.map(([rule, check]) => [check, rule])).entries()].filter(([check]) => !signed.has(check) && check(body).length).map(([, rule]) => rule);
  };
  const post = (body: string) => `---\ntitle: "t"\n---\n${body}[c](https://e.example/a)\n`;

  it('on every real post of the sample, and on each with its defect put in', () => {
    for (const text of [...listFixtures('archive-sample', '.md').map((name) => readFixture('archive-sample', name)), ...INJECTED.map((c) => c[1])]) expect(sparedButFinding(text)).toEqual([]);
  });

  it('on generated Markdown', () => {
    // The syntax the signs look for, and what the narrow ones pass by: headings and paragraphs
    // short and long (Han, words, a full stop), underlines, images alone, indented, in emphasis,
    // with targets of other characters, code that changes where a paragraph starts, () at a line's end.
    const token = fc.constantFrom(
      'a', 'Word', '中', '。', '，', '“', ' ', '  ', '   ', '\t', '\n', '\n', '\n\n', '\n\n\n', '\n\n\n\n', '\u00a0', '\u3000', '\u2003',
      '*', '**', '****', '_', '`', '\\', '!', '[', ']', '(', ')', '()', '<', '>', '|', '#', '-', '=',
      '![](x.png)', '![图片](y.png)', ' ![图片](y.png)', '**![](x.png)**', '_![a](b.png "t")_', '![a](图.png)', '![a](x\u3000y.png)', '[![](z.png)](https://l.example)', '![]()', '[t]()', '[t]( <> )',
      '\u200b', '\u200d', '\ufeff', '\u2060', '\u500b', '\u6eff',
      '\n# ', '\n### ', '\n  ## ', '\n=====', '\n---', '\n  -', '\n> ', '\n* ', '\n1. ', '\n```\n', '\n~~~\n', '\n    ', '\n图片', ' ###',
      '一二三四五六七八九十'.repeat(7), 'word '.repeat(27), 'a '.repeat(26), 'a '.repeat(24), 'x'.repeat(50), '短句。', 'f()', 'g()\u00a0',
      '\n\n    code\n', '\n```\ncode\n```\n', `\n${'a '.repeat(26)}\n===\n`, `\n\n    code\n${'a '.repeat(26)}\n---\n`, `\n${'一二三四五六七八九十'.repeat(7)}\n===\n`,
    );
    const body = fc.array(token, { minLength: 1, maxLength: 40 }).map((t) => `\n${t.join('')}\n\n`);
    fc.assert(
      fc.property(body, (b) => {
        const spared = sparedButFinding(post(b));
        if (spared.length) throw new Error(`${spared.join(', ')} spared on ${JSON.stringify(b)}`);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 3000), seed: Number(process.env.FUZZ_SEED ?? 13) },
    );
  });
});
