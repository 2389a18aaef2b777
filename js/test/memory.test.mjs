// The wasm heap does not grow over 200,000 checks (and checkers are freed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createChecker, heapSize } from '../dist/chatlint.mjs';

const replies = ['亲,在的,请问有什么可以帮您', '加我微信13812345678', '这是全网最低价,绝对正品', '宝贝今天发货',
  '好评返现5元', '不支持开发票', '😀👍🏻 收到啦', '你问我,我问谁?', '订单号231122-123456789012345'];

test('200,000 checks and fixes leave the heap where it was', async () => {
  const c = await createChecker({ platform: 'pdd' });
  for (let i = 0; i < 2000; i++) c.check(replies[i % replies.length]);  // warm up: caches, lazy regexes
  const before = await heapSize();
  for (let i = 0; i < 200000; i++) {
    const r = replies[i % replies.length];
    if (i % 10 === 0) c.fix(r); else c.check(r);
  }
  assert.equal(await heapSize(), before);
  c.dispose();
});

test('creating and disposing checkers does not leak', async () => {
  const platforms = ['pdd', 'taobao', 'tmall', 'jd', 'generic'];
  // Warm up: the engine builds each platform's tables once, on its first checker, and keeps them.
  for (const platform of platforms) {
    const warm = await createChecker({ platform, customWords: ['某词'] });
    warm.check('加我微信');
    warm.dispose();
  }
  const before = await heapSize();
  for (let i = 0; i < 300; i++) {
    const c = await createChecker({ platform: platforms[i % 5], customWords: ['某词'] });
    c.check('加我微信');
    c.dispose();
  }
  assert.equal(await heapSize(), before);
});
