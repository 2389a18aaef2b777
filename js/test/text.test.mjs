// Offsets on tricky text: emoji, astral characters, lone surrogates, controls, big pastes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createChecker } from '../dist/chatlint.mjs';

const pdd = await createChecker({ platform: 'pdd' });
const only = (text, category) => pdd.check(text).findings.filter((f) => f.category === category);

test('offsets are UTF-16 code units after emoji and astral characters', () => {
  for (const prefix of ['😀', '👍🏻', '👨‍👩‍👧', '𠀀𠀁', '🇨🇳', 'é', '\u200b']) {
    const text = `${prefix}请拍微信同款`;
    const [f] = only(text, 'offsite_platform');
    assert.ok(f, prefix);
    assert.equal(f.start, prefix.length + 2, prefix);
    assert.equal(text.slice(f.start, f.end), '微信');
  }
});

test('a disguised match covers the disguise itself', () => {
  for (const disguised of ['微 信', '微😀信', '微\u200b信', 'Ｖ Ｘ', '薇信', 'wei xin', '微.信', '徽信'.replace('徽', '微')]) {
    const text = `请拍${disguised}同款`;
    const [f] = only(text, 'offsite_platform');
    assert.ok(f, disguised);
    assert.equal(f.match, disguised);
    assert.equal(f.start, 2);
  }
  const phone = '收件人电话 一三八 一二三四 五六七八 谢谢';
  const [p] = only(phone, 'contact_info');
  assert.equal(p.match, '一三八 一二三四 五六七八');
  assert.equal(p.suggestion, '138****5678');
});

test('lone surrogates are checked without corrupting anything', () => {
  const text = '\ud83d加我\udc00微\ud800信\ud83d';
  const [f] = only(text, 'offsite_platform');
  assert.ok(f);
  assert.equal(f.match, '微\ud800信');
  assert.equal(text.slice(f.start, f.end), f.match);
  const { text: fixed } = pdd.fix(`\ud83d宝贝\udc00`);
  assert.equal(fixed, '\ud83d商品\udc00');  // every unit outside the fix kept as it was
  assert.equal(pdd.check('\ud800').ok, true);
});

test('control characters and odd whitespace', () => {
  const text = '加\u0000我\u0007微\u0001信\r\n\t13812345678\u007f';
  const res = pdd.check(text);
  assert.equal(res.ok, false);
  for (const f of res.findings) assert.equal(text.slice(f.start, f.end), f.match);
  assert.ok(res.findings.some((f) => f.category === 'contact_info'));
});

test('a 1 MB paste is checked completely, with exact offsets at the end', () => {
  const filler = '亲,这款衣服是纯棉的,今天下单明天发货。';
  const big = filler.repeat(Math.ceil((1 << 20) / filler.length)) + '加我微信';
  assert.ok(big.length > 1 << 20);
  const res = pdd.check(big);
  const wechat = res.findings.filter((f) => f.category === 'offsite_platform');
  assert.equal(wechat.length, 1);
  assert.equal(wechat[0].start, big.length - 2);
  assert.equal(pdd.fix(big).text.length, big.length);
  // And the next small check is unaffected.
  assert.deepEqual(pdd.check('你好'), { ok: true, findings: [] });
});

test('random odd text: every finding slices to its match, ok means no block, fix() never throws', () => {
  const pieces = ['微信', '淘宝', '最好', '第一', '线下', '好评返现', '宝贝', '13812345678', '一三八', '①', 'ＶＸ', 'vx', ' ',
    '，', '😀', '👍🏻', '\u200b', '\u0000', '\r\n', '亲', '今天发货', '最近', '第一次', '淘寶', '薇', '信', 'wei', 'xin', '𠀀',
    '\ud83d', '\udc00', '\ufffd', '\ue000'];
  let seed = 20261122;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) >>> 0; return seed % n; };
  for (let iter = 0; iter < 3000; iter++) {
    let text = '';
    for (let i = rand(24); i > 0; i--) text += pieces[rand(pieces.length)];
    const { ok, findings } = pdd.check(text);
    for (const f of findings) {
      assert.ok(f.start < f.end && f.end <= text.length, text);
      assert.equal(text.slice(f.start, f.end), f.match);
    }
    assert.equal(ok, !findings.some((f) => f.severity === 'block'));
    const fixed = pdd.fix(text);
    assert.equal(typeof fixed.text, 'string');
  }
});
