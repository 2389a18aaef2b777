// The demo page (dist/demo/, issue 9) in Debian's Chromium, served on 127.0.0.1.
// Run: node --test tests/demo/   (after scripts/build.sh). Screenshots: tests/demo/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../browser/browser.mjs';
import { serveDemo } from '../../scripts/serve-demo.mjs';
import { createChecker } from '../../js/dist/chatlint.mjs';

const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
mkdirSync(shots, { recursive: true });

let server, url, browser, context, page;
const outside = [], errors = [];

before(async () => {
  ({ server, url } = await serveDemo({ port: 0 }));
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  context.on('request', (r) => { if (!r.url().startsWith(url) && !/^(data|blob):/.test(r.url())) outside.push(r.url()); });
  page = await context.newPage();
  watch(page);
  const t0 = Date.now();
  await page.goto(url);
  await ready(page);
  console.log(`# navigation to first check: ${await page.evaluate(() => Math.round(window.chatlintDemo.firstCheckMs))} ms ` +
    `(page clock), ${Date.now() - t0} ms (test clock)`);
});
after(async () => { await browser?.close(); server?.close(); });

function watch(p) {
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  p.on('pageerror', (e) => errors.push(e.message));
}
const ready = (p) => p.waitForFunction(() => window.chatlintDemo?.ready === true);
const findings = (p = page) => p.evaluate(() => window.chatlintDemo.result.findings);

// The text under each finding's marks, and where the first of them starts in the backdrop.
const marked = (p = page) => p.evaluate(() => {
  const out = {};
  let offset = 0;
  for (const node of document.getElementById('backdrop').childNodes) {
    const text = node.textContent;
    if (node.nodeName === 'MARK') {
      for (const k of node.dataset.f.split(' ')) {
        out[k] ??= { start: offset, text: '' };
        out[k].text += text;
      }
    }
    offset += text.length;
  }
  return out;
});

async function setReply(text) {
  await page.fill('#reply', '');
  await page.focus('#reply');
  await page.keyboard.insertText(text);
}

async function assertMarksMatch() {
  const fs = await findings();
  const marks = await marked();
  assert.equal(Object.keys(marks).length, fs.length, 'one set of marks per finding');
  fs.forEach((f, k) => {
    assert.equal(marks[k].text, f.match, `finding ${k} (${f.ruleId}) marked text`);
    assert.equal(marks[k].start, f.start, `finding ${k} (${f.ruleId}) marked start`);
  });
  return fs;
}

test('typing marks exactly the flagged spans, with the count announced', async () => {
  await page.selectOption('#platform', 'pdd');
  await page.fill('#reply', '');
  await page.focus('#reply');
  await page.keyboard.type('亲,这款宝贝是全网最好的,加我微信好吗');
  const fs = await assertMarksMatch();
  const ids = fs.map((f) => f.ruleId);
  for (const id of ['term.baobei', 'absolute.zui_best', 'offsite.wechat']) assert.ok(ids.includes(id), `${id} in ${ids}`);
  assert.match(await page.textContent('#status'), new RegExp(`发现 ${fs.length} 个问题`));
  assert.equal(await page.getAttribute('#status', 'aria-live'), 'polite');
  assert.equal(await page.locator('#findings > li').count(), fs.length);
  console.log(`# ${await page.textContent('#timing')}`);
  // The card: hovering a mark shows its category, why and suggestion.
  const box = await page.locator('#backdrop mark').first().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector('#card:not([hidden])');
  const card = await page.textContent('#card');
  assert.ok(card.includes('平台用语') && card.includes(fs[0].message) && card.includes('商品'), card);
  await page.screenshot({ path: shots + 'desktop-card.png' });
  await page.mouse.move(5, 5);
});

test('typing in the middle keeps the caret where it is', async () => {
  await setReply('亲,这款很好');
  await page.evaluate(() => document.getElementById('reply').setSelectionRange(4, 4));
  await page.keyboard.type('宝贝');
  assert.equal(await page.inputValue('#reply'), '亲,这款宝贝很好');
  assert.deepEqual(await page.evaluate(() => [reply.selectionStart, reply.selectionEnd]), [6, 6]);
  await assertMarksMatch();
});

test('the platform changes the result: 宝贝 is flagged on pdd, not on taobao', async () => {
  await setReply('这款宝贝今天就能发货');
  await page.selectOption('#platform', 'pdd');
  await page.waitForFunction(() => window.chatlintDemo.result.findings.some((f) => f.ruleId === 'term.baobei'));
  await page.selectOption('#platform', 'taobao');
  await page.waitForFunction(() => !window.chatlintDemo.result.findings.some((f) => f.ruleId === 'term.baobei'));
  assert.equal((await findings()).length, 0);
  assert.match(await page.textContent('#status'), /没有发现问题/);
  await page.selectOption('#platform', 'pdd');
  await page.waitForFunction(() => window.chatlintDemo.result.findings.length === 1);
});

test('抖店 and 快手小店 are offered: their own names are fine, their own rules and wording apply', async () => {
  const offered = await page.$$eval('#platform option', (os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(offered.map(([v]) => v), ['pdd', 'taobao', 'tmall', 'jd', 'douyin', 'kuaishou', 'generic']);
  assert.deepEqual(offered.filter(([v]) => v === 'douyin' || v === 'kuaishou'), [['douyin', '抖店'], ['kuaishou', '快手小店']]);
  await setReply('抖音直播间下单,我说好几遍了,你有病吧');
  await page.selectOption('#platform', 'douyin');
  await page.waitForFunction(() => window.chatlintDemo.result.findings.some((f) => f.ruleId === 'douyin.rebuke'));
  let fs = await assertMarksMatch();
  assert.ok(!fs.some((f) => f.ruleId === 'offsite.douyin'), '抖音 is fine on douyin');
  const douyinWording = fs.find((f) => f.ruleId === 'abuse.rude_person').message;
  assert.match(douyinWording, /抖店/, "Douyin's own wording of the rule");
  assert.ok((await page.textContent('#findings')).includes(douyinWording));
  await page.screenshot({ path: shots + 'desktop-douyin.png' });
  await page.selectOption('#platform', 'kuaishou');
  await page.waitForFunction(() => window.chatlintDemo.result.findings.some((f) => f.ruleId === 'offsite.douyin'));
  fs = await assertMarksMatch();
  assert.ok(!fs.some((f) => f.ruleId === 'douyin.rebuke'), "Douyin's own rules are not Kuaishou's");
  assert.notEqual(fs.find((f) => f.ruleId === 'abuse.rude_person').message, douyinWording, 'not Douyin\'s wording on kuaishou');
  await page.screenshot({ path: shots + 'desktop-kuaishou.png' });
  await page.selectOption('#platform', 'pdd');
});

test('修改 rewrites one finding, 全部修改 every safe one', async () => {
  await setReply('这款宝贝是最好的,收货人13812345678');
  const before = await findings();
  const k = before.findIndex((f) => f.ruleId === 'term.baobei');
  await page.locator(`#findings > li[data-k="${k}"] .cl-fix-one`).click();
  assert.equal(await page.inputValue('#reply'), '这款商品是最好的,收货人13812345678');
  await assertMarksMatch();
  await page.click('#fix-all');
  const text = await page.inputValue('#reply');
  assert.equal(text, '这款商品是最好的,收货人138****5678');
  const left = await assertMarksMatch();
  assert.ok(left.some((f) => f.ruleId === 'absolute.zui_best'));
  assert.ok(!left.some((f) => f.ruleId === 'term.baobei' || f.ruleId === 'contact.mobile'));
  assert.match(await page.textContent('#fix-note'), new RegExp(`已修改 1 处;还有 ${left.length} 处需要手动改写`));
});

test('an IME composition is not disturbed: no check, no rewrite, caret kept', async () => {
  await setReply('加我');
  const n0 = await page.evaluate(() => window.chatlintDemo.checks);
  const during = await page.evaluate(() => {
    const t = document.getElementById('reply');
    const backdrop = document.getElementById('backdrop').innerHTML;
    const seen = [];
    t.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
    for (const v of ['加我w', '加我微', '加我微x', '加我微信']) {
      t.value = v;                       // what the IME does to the box
      t.setSelectionRange(v.length, v.length);
      t.dispatchEvent(new CompositionEvent('compositionupdate', { data: v.slice(2) }));
      t.dispatchEvent(new InputEvent('input', { isComposing: true, inputType: 'insertCompositionText', data: v.slice(2) }));
      seen.push([t.value, t.selectionStart, document.getElementById('backdrop').innerHTML === backdrop]);
    }
    return { seen, checks: window.chatlintDemo.checks };
  });
  assert.equal(during.checks, n0, 'no check while composing');
  for (const [v, caret, same] of during.seen) {
    assert.equal(caret, v.length, `caret after ${v}`);
    assert.ok(same, 'marks untouched while composing');
  }
  await page.evaluate(() => document.getElementById('reply').dispatchEvent(new CompositionEvent('compositionend', { data: '微信' })));
  assert.equal(await page.evaluate(() => window.chatlintDemo.checks), n0 + 1, 'one check at compositionend');
  assert.equal(await page.inputValue('#reply'), '加我微信');
  assert.deepEqual(await page.evaluate(() => [reply.selectionStart, reply.selectionEnd]), [4, 4]);
  assert.ok((await assertMarksMatch()).some((f) => f.ruleId === 'offsite.wechat'));
});

test('the reply and platform round-trip through the link', async () => {
  await page.selectOption('#platform', 'jd');
  await setReply('亲,支持线下交易,私聊我 #1 & 2');
  await page.waitForFunction(() => location.hash.includes('p=jd'));
  const link = page.url();
  const other = await context.newPage();
  watch(other);
  await other.goto(link);
  await ready(other);
  assert.equal(await other.inputValue('#platform'), 'jd');
  assert.equal(await other.inputValue('#reply'), '亲,支持线下交易,私聊我 #1 & 2');
  assert.deepEqual(await findings(other), await findings());
  await other.close();
  await page.selectOption('#platform', 'pdd');
});

test('custom and allowed words take part at once and survive a reload', async () => {
  await setReply('这款是某某同款,颜色最好看');
  assert.ok(!(await findings()).some((f) => f.match === '某某同款'));
  await page.fill('#custom-words', '某某同款');
  await page.waitForFunction(() => window.chatlintDemo.result.findings.some((f) => f.match === '某某同款'));
  await page.fill('#allow-words', '最好看');
  await page.waitForFunction(() => !window.chatlintDemo.result.findings.some((f) => f.match.includes('最好')));
  assert.match(await page.textContent('#words-status'), /自定义违禁词 1 个,允许的词 1 个/);
  await page.reload();
  await ready(page);
  assert.equal(await page.inputValue('#custom-words'), '某某同款');
  const fs = await assertMarksMatch();
  assert.ok(fs.some((f) => f.match === '某某同款'), JSON.stringify(fs));
  assert.ok(!fs.some((f) => f.match.includes('最好')));
  // A word the package refuses is named in Chinese; the other words keep working.
  await page.fill('#custom-words', '!!!\n某某同款');
  await page.waitForFunction(() => document.getElementById('words-status').classList.contains('error'));
  assert.match(await page.textContent('#words-status'), /自定义违禁词“!!!”只有空格、标点、表情或看不见的字符,没有可以匹配的文字/);
  assert.ok((await findings()).some((f) => f.match === '某某同款'));
  await page.fill('#custom-words', '');
  await page.fill('#allow-words', '');
  await page.waitForFunction(() => !window.chatlintDemo.result.findings.some((f) => f.match === '某某同款'));
  assert.equal(await page.textContent('#words-status'), '');
});

test('the rule browser finds a rule by word and loads its example', async () => {
  await page.selectOption('#platform', 'pdd');
  await page.fill('#rule-q', '薇信');   // a disguise: found through the engine
  const rule = page.locator('li[data-rule="offsite.wechat"]');
  await rule.waitFor();
  assert.ok(await page.locator('#rules > li').count() < 10);
  const example = rule.locator('.examples.flag .example').first();
  const text = await example.textContent();
  await example.click();
  assert.equal(await page.inputValue('#reply'), text);
  assert.ok((await assertMarksMatch()).some((f) => f.ruleId === 'offsite.wechat'));
  await page.locator('#rules-section').screenshot({ path: shots + 'desktop-rules.png' });
  await page.fill('#rule-q', '');
});

test('a 100,000-line library is checked in a worker with progress, and the export holds every flagged line', async () => {
  const samples = ['亲,在的,有什么可以帮您', '这款宝贝今天就能发货', '全网最低价,加我微信', '好的亲,马上给您发货',
    '好评返现5元', '您的快递已经到了', '电话13812345678', '亲亲,尺码表在详情页'];
  const lines = Array.from({ length: 100000 }, (_, i) => `${samples[i % samples.length]} ${i}`);
  const checker = await createChecker({ platform: 'pdd' });
  const expected = [];
  lines.forEach((l, i) => { if (checker.check(l).findings.length) expected.push(i + 1); });
  checker.dispose();
  // The page's long tasks (over 50 ms) from the moment the file is chosen: printed, not asserted.
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask' });
    document.getElementById('bulk-file').addEventListener('change', () => { window.chosenAt = performance.now(); }, { once: true });
  });
  await page.setInputFiles('#bulk-file', { name: 'library.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
  const values = [];
  let slowest = 0;
  for (;;) {
    const t0 = Date.now();
    const [value, max, finished] = await page.evaluate(() => {
      const p = document.getElementById('bulk-progress');
      return [p.value, p.max, !document.getElementById('bulk-results').hidden];
    });
    slowest = Math.max(slowest, Date.now() - t0);
    values.push(value);
    if (finished) { assert.equal(value, max); break; }
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(values.some((v) => v > 0 && v < lines.length), `progress between: ${values.slice(0, 20)}`);
  const bulk = await page.evaluate(() => window.chatlintDemo.bulk);
  const longest = await page.evaluate(() => Math.max(0, ...window.longTasks.filter(([s]) => s >= window.chosenAt).map(([, d]) => d)));
  console.log(`# bulk: the page's longest task after the file was chosen: ${Math.round(longest)} ms`);
  console.log(`# bulk: ${bulk.total} lines, ${bulk.flagged} flagged, ${Math.round(bulk.total / (bulk.wallMs / 1000))} lines/s ` +
    `(engine ${Math.round(bulk.total / (bulk.engineMs / 1000))} lines/s); slowest page round trip while checking ${slowest} ms`);
  assert.equal(bulk.flagged, expected.length);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csv = readFileSync(await download.path(), 'utf8');
  const exported = new Set(csv.split('\r\n').slice(1).filter(Boolean).map((row) => Number(row.split(',')[0])));
  assert.deepEqual([...exported].sort((a, b) => a - b), expected);
  const [fixedDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-fixed')]);
  const fixed = readFileSync(await fixedDl.path(), 'utf8').split('\n');
  assert.equal(fixed[1], '这款商品今天就能发货 1');
  assert.equal(fixed.length - 1, lines.length);
  // Filters narrow the table.
  await page.selectOption('#bulk-cat', 'contact_info');
  const cells = await page.locator('#bulk-table tbody tr td:nth-child(2)').allTextContents();
  assert.ok(cells.length > 0 && cells.every((c) => c.startsWith('电话')), cells.slice(0, 3).join('|'));
  await page.selectOption('#bulk-cat', '');
  await page.locator('#bulk-section').screenshot({ path: shots + 'desktop-bulk.png' });
});

// A minimal .xlsx (stored as Excel writes it: deflated parts, shared strings and an inline string).
function xlsx(parts) {
  const locals = [], central = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const raw = Buffer.from(text), data = deflateRawSync(raw), nameBytes = Buffer.from(name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc32(raw), 14); head.writeUInt32LE(data.length, 18); head.writeUInt32LE(raw.length, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc32(raw), 16); dir.writeUInt32LE(data.length, 20); dir.writeUInt32LE(raw.length, 24);
    dir.writeUInt16LE(nameBytes.length, 28); dir.writeUInt32LE(offset, 42);
    locals.push(head, nameBytes, data);
    central.push(dir, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dirBytes = Buffer.concat(central), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(parts).length, 8); end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(dirBytes.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

test('a quick-reply export as CSV or XLSX: the text column is checked, the fixed library keeps the table', async () => {
  await page.selectOption('#platform', 'pdd');
  const csv = '编号,快捷短语,分组\r\n1,"亲,在的",欢迎\r\n2,"这款宝贝今天发货,""包邮""",发货\r\n3,"多行\n加我微信",其他\r\n';
  await page.setInputFiles('#bulk-file', { name: 'kuaijie.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => /检查完成\(kuaijie\.csv\):3 条回复,2 条有问题/.test(document.getElementById('bulk-status').textContent));
  assert.deepEqual(await page.locator('#bulk-table tbody tr td:first-child').allTextContents(), ['3', '4']);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-fixed')]);
  assert.equal(readFileSync(await dl.path(), 'utf8'),
    '\ufeff编号,快捷短语,分组\r\n1,"亲,在的",欢迎\r\n2,"这款商品今天发货,""包邮""",发货\r\n3,"多行\n加我微信",其他\r\n');

  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const book = xlsx({
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?><sst ${ns}><si><t>序号</t></si><si><t>内容</t></si>` +
      `<si><r><t>这款</t></r><r><t>宝贝很好</t></r></si><si><t>亲,在的</t></si></sst>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><sheetData>` +
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>` +
      `<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>2</v></c></row>` +
      `<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="s"><v>3</v></c></row>` +
      `<row r="5"><c r="A5"><v>3</v></c><c r="B5" t="inlineStr"><is><t>好评返现5元</t></is></c></row>` +
      `</sheetData></worksheet>`,
  });
  await page.setInputFiles('#bulk-file', { name: 'kuaijie.xlsx', mimeType: 'application/octet-stream', buffer: book });
  await page.waitForFunction(() => /检查完成\(kuaijie\.xlsx\):3 条回复,2 条有问题/.test(document.getElementById('bulk-status').textContent));
  assert.deepEqual(await page.locator('#bulk-table tbody tr td:first-child').allTextContents(), ['2', '5']);
  assert.match(await page.textContent('#bulk-table tbody tr:first-child'), /这款宝贝很好/);
});

test('phone width: one column, still usable', async () => {
  const phone = await context.newPage();
  watch(phone);
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(url + '#p=pdd&t=' + encodeURIComponent('亲,这款宝贝是全网最好的,加我微信13812345678发你优惠'));
  await ready(phone);
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling');
  await phone.focus('#findings > li');   // keyboard focus on a finding outlines its marks
  assert.equal(await phone.locator('#backdrop mark.active').textContent(), '宝贝');
  await phone.screenshot({ path: shots + 'phone.png' });
  // Tapping a mark shows its card, inside the screen.
  const box = await phone.locator('#backdrop mark').nth(1).boundingBox();
  await phone.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await phone.waitForSelector('#card:not([hidden])');
  const card = await phone.locator('#card').boundingBox();
  assert.ok(card.x >= 0 && card.x + card.width <= 390, JSON.stringify(card));
  assert.match(await phone.textContent('#card'), /极限词/);
  await phone.screenshot({ path: shots + 'phone-card.png' });
  await phone.screenshot({ path: shots + 'phone-full.png', fullPage: true });
  await phone.close();
});

test('keyboard only: Tab reaches the box, the findings and 修改', async () => {
  await page.goto(url + '#p=pdd&t=' + encodeURIComponent('这款宝贝很好'));
  await ready(page);
  await page.focus('#reply');
  await page.keyboard.press('Tab');   // 全部修改
  await page.keyboard.press('Tab');   // 复制分享链接
  await page.keyboard.press('Tab');   // the first finding
  assert.equal(await page.evaluate(() => document.activeElement.closest('li')?.dataset.k), '0');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '修改');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#reply'), '这款商品很好');
});

test('no request outside 127.0.0.1 and no error logged', () => {
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
});
