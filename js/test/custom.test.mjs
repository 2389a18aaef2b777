// Custom words and allowed words from the caller: same disguise detection as built-in rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createChecker } from '../dist/chatlint.mjs';

test('a custom word is matched through disguises, with its own message and fix', async () => {
  const c = await createChecker({
    platform: 'pdd',
    customWords: ['竞品优选', { words: ['抖商'], category: 'offsite_platform', severity: 'warn', message: '不要提抖商', replace: '平台', homophones: true }],
  });
  for (const text of ['去竞 品 优 选看看', '去競品優選看看', '去竞品优选😀看看']) {
    const f = c.check(text).findings.find((x) => x.ruleId === 'custom.1');
    assert.ok(f, text);
    assert.equal(f.category, 'offsite_platform');
    assert.equal(f.severity, 'block');
    assert.equal(f.message, '自定义违禁词:竞品优选');
    assert.equal(text.slice(f.start, f.end), f.match);
  }
  const warn = c.check('在斗商上买的');  // homophone of 抖商
  const f = warn.findings.find((x) => x.ruleId === 'custom.2');
  assert.ok(f);
  assert.equal(warn.ok, true);  // warn does not block
  assert.equal(f.message, '不要提抖商');
  assert.equal(c.fix('在抖商上买的').text, '在平台上买的');
  assert.ok(c.rules().some((r) => r.id === 'custom.2' && r.source === 'custom'));
  c.dispose();
});

test('allow words drop the findings they cover', async () => {
  const plain = await createChecker({ platform: 'pdd' });
  // A shop whose brand name contains an advertising-law word.
  const allowing = await createChecker({ platform: 'pdd', allowWords: ['唯一家居'] });
  const text = '欢迎光临唯一家居旗舰店';
  assert.equal(plain.check(text).ok, false);
  assert.deepEqual(allowing.check(text), { ok: true, findings: [] });
  assert.deepEqual(allowing.check('欢迎光临唯 一 家 居').findings, []);  // disguised the same way
  assert.equal(allowing.check('这是唯一的正品').ok, false);  // only what the allow word covers
  plain.dispose();
  allowing.dispose();
});

test('checkers with different words do not affect each other', async () => {
  const a = await createChecker({ platform: 'jd', customWords: ['甲字号'] });
  const b = await createChecker({ platform: 'jd' });
  assert.equal(a.check('甲字号').ok, false);
  assert.equal(b.check('甲字号').ok, true);
  a.dispose();
  b.dispose();
});
