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

// Custom words reach the engine as rule text (js/src/custom_rules.js -> the packs' parser):
// nothing a caller may write is lost or misread on the way.
test('any text survives the trip as rule text: separators, line breaks, escapes, spaces at the ends', async () => {
  const message = '第一行\n第二行\t反斜杠\\n 不是换行 ';
  const c = await createChecker({
    platform: 'pdd',
    customWords: [
      { words: ['抖|商', '快团\n团', 'a\x1fbc', '#竞品', '[甲乙]'], message, suggestion: ' 请改用平台 ', replace: ' 平台 ' },
      { word: '不要提', message: '' },
    ],
    allowWords: ['抖商学院|官方', '快团团\r\n商城'],
  });
  const rule = c.rules().find((r) => r.id === 'custom.1');
  assert.equal(rule.message, message);
  assert.equal(rule.suggestion, ' 平台 ');  // the replacement is what fix() writes
  assert.equal(c.rules().find((r) => r.id === 'custom.2').message, '自定义违禁词:不要提');  // empty: the default
  for (const [text, match] of [['去抖商看看', '抖商'], ['上快团团下单', '快团团'], ['搜ABC店', 'ABC'], ['买#竞品', '竞品'], ['是甲乙的', '甲乙']]) {
    const f = c.check(text).findings.find((x) => x.ruleId === 'custom.1');
    assert.ok(f, text);
    assert.equal(f.match, match);
    assert.equal(f.message, message);
  }
  assert.equal(c.fix('去抖商看看').text, '去 平台 看看');
  assert.deepEqual(c.check('报名抖商学院官方课程').findings, []);  // allow word with '|' as written
  assert.deepEqual(c.check('快团团商城').findings, []);
  c.dispose();
});

test('a custom word that is nothing once written and normalized is named by its place', async () => {
  for (const [word, where] of [['！！！', /options\.customWords\[1\]\.word \("！！！"\)/], ['|', /options\.customWords\[1\]\.word \("\|"\)/], ['\n|\r', /options\.customWords\[1\]\.word/]]) {
    await assert.rejects(createChecker({ platform: 'pdd', customWords: ['甲', { word }] }), (e) => {
      assert.match(e.message, /^chatlint: /);
      assert.match(e.message, where);
      assert.match(e.message, /has nothing to match/);
      return true;
    });
  }
});
