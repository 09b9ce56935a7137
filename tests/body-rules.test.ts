// validate's body rules: each repair, made alone, leaves the text of the rendered HTML as it
// was but for the characters the rule removes (markdown-it, CommonMark), on every real post
// of the sample and on generated Markdown full of the syntax the repairs touch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BODY_CHECKS } from '../src/validate/body.js';
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
    if (rule !== 'body-empty-parens' && rule !== 'body-lost-link') expect(repaired, 'the sample holds this defect').toBeGreaterThan(0);
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
