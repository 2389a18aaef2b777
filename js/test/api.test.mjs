// The JavaScript contract of DESIGN.md: createChecker, check, fix, rules, dispose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createChecker, PLATFORMS, CATEGORIES } from '../dist/chatlint.mjs';

const pdd = await createChecker({ platform: 'pdd' });

test('check() reports a finding with every field, and ok is false for a block', () => {
  const text = '亲,加我微信聊';
  const { ok, findings } = pdd.check(text);
  assert.equal(ok, false);
  const wechat = findings.find((f) => f.category === 'offsite_platform');
  assert.ok(wechat, JSON.stringify(findings));
  assert.deepEqual(Object.keys(wechat).sort(),
    ['category', 'end', 'match', 'message', 'ruleId', 'severity', 'start', 'suggestion']);
  assert.equal(wechat.match, '微信');
  assert.equal(text.slice(wechat.start, wechat.end), wechat.match);
  assert.equal(wechat.severity, 'block');
  assert.match(wechat.message, /微信/);
  assert.ok(wechat.suggestion.length > 0);
  for (const f of findings) {
    assert.equal(text.slice(f.start, f.end), f.match);
    assert.ok(CATEGORIES.includes(f.category));
  }
});

test('ordinary replies are ok with no findings', () => {
  for (const text of ['亲,最近天气转凉,注意保暖哦', '第一次购买的话可以先拍小码', '订单号231122-123456789012345已发货',
    '单号SF1234567890123,请注意查收', '感谢您的好评', '退款会原路返回', '']) {
    assert.deepEqual(pdd.check(text), { ok: true, findings: [] }, text);
  }
});

test('findings come in order of start', () => {
  const { findings } = pdd.check('这是最好的宝贝,加我微信13812345678');
  const starts = findings.map((f) => f.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  assert.ok(findings.length >= 4);
});

test('every platform loads and applies its own rules', async () => {
  const text = '这个宝贝下午发货';
  for (const platform of PLATFORMS) {
    const c = await createChecker({ platform });
    assert.equal(c.platform, platform);
    const hasTerm = c.check(text).findings.some((f) => f.category === 'platform_term');
    assert.equal(hasTerm, platform === 'pdd', platform);
    assert.ok(c.rules().length > 40, platform);
    c.dispose();
  }
  const taobao = await createChecker({ platform: 'taobao' });
  assert.equal(taobao.check('支持支付宝付款').ok, true);
  assert.equal(pdd.check('支持支付宝付款').ok, false);
  const jd = await createChecker({ platform: 'jd' });
  assert.equal(jd.check('京东快递明天送到').ok, true);
  assert.equal(jd.check('你问我,我问谁?').ok, false);
  taobao.dispose();
  jd.dispose();
});

test('fix() applies the safe rewrites and reports them', () => {
  const { text, applied } = pdd.fix('亲,这个宝贝的收件电话是13812345678');
  assert.equal(text, '亲,这个商品的收件电话是138****5678');
  assert.deepEqual(applied.map((f) => f.match), ['宝贝', '13812345678']);
  assert.equal(applied[1].suggestion, '138****5678');
  assert.deepEqual(pdd.fix('没有问题'), { text: '没有问题', applied: [] });
});

test('rules() lists the rules in force, with what a rule browser needs', () => {
  const rules = pdd.rules();
  const baobei = rules.find((r) => r.id === 'term.baobei');
  assert.ok(baobei);
  assert.equal(baobei.category, 'platform_term');
  assert.deepEqual(baobei.platforms, ['pdd']);
  assert.ok(baobei.words.includes('宝贝'));
  assert.equal(baobei.fixable, true);
  assert.match(baobei.source, /\.txt$/);
  assert.deepEqual(baobei.detect, []);
  // Phone numbers are found by a built-in scanner, not by words or patterns.
  const mobile = rules.find((r) => r.id === 'contact.mobile');
  assert.deepEqual([mobile.words, mobile.patterns, mobile.detect], [[], [], ['mobile']]);
  rules.length = 0;  // a copy: the checker's list is untouched
  assert.ok(pdd.rules().length > 40);
});

test('bad arguments throw Errors that say what is wrong', async () => {
  await assert.rejects(createChecker(), /createChecker\(options\) expects an object/);
  await assert.rejects(createChecker({ platform: 'weibo' }),
    /options\.platform must be one of pdd, taobao, tmall, jd, douyin, kuaishou, generic, got the string "weibo"/);
  await assert.rejects(createChecker({}), /options\.platform must be one of/);
  await assert.rejects(createChecker({ platform: 'pdd', customword: [] }), /unknown option "customword"/);
  await assert.rejects(createChecker({ platform: 'pdd', customWords: '竞品' }), /customWords must be an array/);
  await assert.rejects(createChecker({ platform: 'pdd', customWords: [42] }), /customWords\[0\] must be a string or an object, got number/);
  await assert.rejects(createChecker({ platform: 'pdd', customWords: [''] }), /^Error: chatlint: options\.customWords\[0\] is empty$/);
  await assert.rejects(createChecker({ platform: 'pdd', customWords: [{ word: '' }] }), /options\.customWords\[0\]\.word is empty/);
  await assert.rejects(createChecker({ platform: 'pdd', customWords: [{ word: 'x', category: 'spam' }] }), /category "spam" is not one of/);
  await assert.rejects(createChecker({ platform: 'pdd', customWords: [{ word: 'x', severity: 'fatal' }] }), /severity "fatal" is not one of/);
  await assert.rejects(createChecker({ platform: 'pdd', customWords: [{ word: 'x', colour: 1 }] }), /unknown key "colour"/);
  await assert.rejects(createChecker({ platform: 'pdd', customWords: ['。。'] }), /options\.customWords\[0\] \("。。"\) has nothing to match/);
  await assert.rejects(createChecker({ platform: 'pdd', allowWords: [null] }), /allowWords\[0\] must be a string, got null/);
  await assert.rejects(createChecker({ platform: 'pdd', wasm: 42 }), /options\.wasm must be a URL/);
  await assert.rejects(createChecker({ platform: 'pdd', wasm: '/nonexistent/chatlint.wasm' }), /cannot read the WebAssembly module at \/nonexistent/);
  assert.throws(() => pdd.check(42), { name: 'TypeError', message: /check\(text\) expects a string, got number/ });
  assert.throws(() => pdd.check(), /got undefined/);
  assert.throws(() => pdd.fix(null), /fix\(text\) expects a string, got null/);
  // A failed call leaves the checker working.
  assert.equal(pdd.check('加我微信').ok, false);
});

test('dispose() frees the checker; later calls throw, dispose() again is harmless', async () => {
  const c = await createChecker({ platform: 'tmall' });
  assert.equal(c.check('加我微信').ok, false);
  c.dispose();
  c.dispose();
  assert.throws(() => c.check('x'), /check\(\) called on a disposed checker/);
  assert.throws(() => c.fix('x'), /disposed/);
  assert.throws(() => c.rules(), /disposed/);
  // Other checkers are unaffected.
  assert.equal(pdd.check('加我微信').ok, false);
});
