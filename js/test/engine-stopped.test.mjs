// When the engine runs out of memory. The WebAssembly build has no exceptions, so a
// failed allocation aborts the module: its stack is unwound without destructors and
// nothing in it can be trusted again. The package must say so clearly, on the
// failing call and on every later call of that engine's checkers, and the next
// createChecker() must get a fresh engine, never the dead one.
// (Its own file: node --test runs each file in its own process, and this one fills
// a 2 GiB WebAssembly memory.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as chatlint from '../dist/chatlint.mjs';

const { createChecker, heapSize } = chatlint;
const MB = 1024 * 1024;

test('a text longer than MAX_TEXT_LENGTH is refused up front with a RangeError, and the checker goes on', async () => {
  assert.equal(chatlint.MAX_TEXT_LENGTH, 16 * MB);
  const c = await createChecker({ platform: 'pdd' });
  const tooLong = ' '.repeat(chatlint.MAX_TEXT_LENGTH) + '微信';
  assert.throws(() => c.check(tooLong), {
    name: 'RangeError',
    message: 'chatlint: check(text): the text is 16777218 UTF-16 units long, more than the 16777216 (MAX_TEXT_LENGTH) ' +
      'chatlint checks at once (its WebAssembly memory is limited): split it',
  });
  assert.throws(() => c.fix(tooLong), { name: 'RangeError', message: /^chatlint: fix\(text\): the text is 16777218 UTF-16 units long/ });
  // Refused before it reached the engine: nothing was copied in, and the checker works.
  assert.ok(await heapSize() < 64 * MB, `heap ${await heapSize()}`);
  assert.deepEqual(c.check('加我微信').findings.map((f) => [f.start, f.end, f.ruleId]),
    [[0, 2, 'trade.add_me'], [2, 4, 'offsite.wechat']]);
  // The longest text allowed is checked, to its last unit.
  const longest = ' '.repeat(chatlint.MAX_TEXT_LENGTH - 2) + '微信';
  assert.deepEqual(c.check(longest).findings.map((f) => [f.start, f.end, f.ruleId]),
    [[chatlint.MAX_TEXT_LENGTH - 2, chatlint.MAX_TEXT_LENGTH, 'offsite.wechat']]);
  c.dispose();
});

test('an engine that runs out of memory is retired: a clear Error now and on every later call, then a fresh engine', { timeout: 120000 }, async () => {
  const bystander = await createChecker({ platform: 'jd' });
  assert.equal(bystander.check('你问我,我问谁').ok, false);
  // Each checker keeps its scratch buffers sized to the longest message it has
  // checked (about 24 bytes per UTF-16 unit for a paste of spaces), in the one
  // WebAssembly memory its engine shares, which cannot grow past 2 GiB: a few
  // checkers that each checked a paste of the longest length allowed exhaust it.
  const paste = ' '.repeat(chatlint.MAX_TEXT_LENGTH || 16 * MB);
  const checkers = [];
  let failure = null;
  for (let i = 0; i < 12 && failure === null; i++) {
    let c;
    try {
      c = await createChecker({ platform: 'pdd' });
    } catch (e) {
      failure = e;
      break;
    }
    checkers.push(c);
    let result;
    try {
      result = c.check(paste);
    } catch (e) {
      failure = e;
      break;
    }
    assert.deepEqual(result, { ok: true, findings: [] });
  }
  assert.ok(failure !== null, 'no abort after 12 long pastes: checkers no longer keep their scratch; fill the heap another way');

  // The failing call says what happened, as an Error (not a bare WebAssembly.RuntimeError).
  assert.equal(failure.constructor, Error, `${failure.constructor.name}: ${failure.message}`);
  assert.match(failure.message, /^chatlint: the engine stopped \(out of memory: the engine needed more than the \d+ MB of WebAssembly memory it can have \(it had \d+ MB\)\); create a new checker$/);
  assert.ok(failure.cause instanceof WebAssembly.RuntimeError);

  // Every checker of the stopped engine says so, on every method; dispose() stays harmless.
  for (const c of [bystander, ...checkers]) {
    assert.throws(() => c.check('加我微信'), { name: 'Error', message: failure.message });
    assert.throws(() => c.fix('这个宝贝'), { name: 'Error', message: failure.message });
    assert.throws(() => c.rules(), { name: 'Error', message: failure.message });
    c.dispose();
    c.dispose();
    assert.throws(() => c.check('加我微信'), /check\(\) called on a disposed checker/);
  }

  // The next createChecker() instantiates a fresh engine: a small heap, exact results.
  const fresh = await createChecker({ platform: 'pdd' });
  assert.ok(await heapSize() < 64 * MB, `the dead engine was handed out again: heap ${await heapSize()} bytes`);
  assert.deepEqual(fresh.check('加我微信').findings.map((f) => [f.start, f.end, f.ruleId]),
    [[0, 2, 'trade.add_me'], [2, 4, 'offsite.wechat']]);
  assert.equal(fresh.fix('这个宝贝的收件电话是13812345678').text, '这个商品的收件电话是138****5678');
  assert.deepEqual(fresh.check(paste.slice(2) + '微信').findings.map((f) => [f.start, f.end]), [[paste.length - 2, paste.length]]);
  const jd = await createChecker({ platform: 'jd' });
  assert.equal(jd.check('你问我,我问谁').ok, false);
  fresh.dispose();
  jd.dispose();
});
