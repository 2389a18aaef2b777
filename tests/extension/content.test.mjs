// The content script in real Chromium (Debian's, through playwright-core), on pages that imitate
// each chat site's structure (fixtures/sites/, from ../shared/SITES.md), served over HTTPS under
// the real host names by harness.mjs. What a page "sent" is read from its own model
// (window.sent, filled by the page's own send handler), so a rewrite the page's framework did
// not notice, or a send the extension did not stop, shows.
//
//   node --test tests/extension/content.test.mjs     (after the WebAssembly build: js/dist/)
//
// The extension is built into a temporary folder by js/scripts/build-extension.mjs. For the
// generic pages (shop.example.test, a site no adapter knows) the test copy's manifest grants
// that host, as the agent does when adding a site on the options page (optional host
// permission); the site is then added to settings.userSites and the service worker registers
// the content scripts for it, as in use.
// Screenshots of the panel and the badge on each site go to tests/extension/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSites, launchExtension, siteUrl, SITES } from './harness.mjs';
import { buildExtension } from '../../js/scripts/build-extension.mjs';

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const GENERIC_ORIGIN = 'https://shop.example.test';
const USER_SITE = { id: `user:${GENERIC_ORIGIN}`, name: 'shop.example.test', matches: [`${GENERIC_ORIGIN}/*`], platform: 'generic' };

const PHONE = '您的电话13812345678对吗';
const PHONE_FIXED = '您的电话138****5678对吗';
const CLEAN = '亲，今天下午发货';

// Each page: where the box and the send button are, a flagged reply and the cards it must
// show, a reply with a one-click rewrite and its fixed text.
const CASES = [
  { name: 'pdd', site: 'pdd', path: 'index.html', box: 'textarea#replyTextarea', send: 'div.reply-footer div.send-btn',
    flagged: '亲，加我微信聊', cards: [['站外交易', '加我'], ['站外平台', '微信']],
    fixable: '这个宝贝很好', fixed: '这个商品很好' },
  { name: 'jd', site: 'jd', path: 'index.html', box: '.EditorContent', send: 'span.send-button',
    flagged: '全网最低价', cards: [['极限词/夸大宣传', '全网最低价']], fixable: PHONE, fixed: PHONE_FIXED },
  // Douyin and Kuaishou: their own rules (飞鸽's 服务态度差), their own wording of a shared rule, and
  // their own names and payment fine on their pages.
  { name: 'douyin', site: 'douyin', path: 'index.html', box: 'textarea[data-qa-id="qa-send-message-textarea"]',
    send: 'div[data-qa-id="qa-send-message-button"]', flagged: '我说好几遍了，加我vx聊',
    cards: [['辱骂', '我说好几遍', /飞鸽/], ['站外交易', '加我'], ['站外平台', 'vx']],
    fixable: PHONE, fixed: PHONE_FIXED, allowed: '抖音同款，抖音支付可以用，抖店今天发货' },
  { name: 'kuaishou', site: 'kuaishou', path: 'index.html', box: 'div.ql-editor', send: '#send',
    flagged: '你有病吧，快手小店没货了，加微信', cards: [['辱骂', '你有病'], ['站外平台', '微信']],
    fixable: PHONE, fixed: PHONE_FIXED, allowed: '老铁，快手小店今天发货' },
  { name: 'generic-textarea', site: 'generic', path: 'textarea.html', box: '#msg', send: '#go',
    flagged: '加我微信聊', cards: [['站外交易', '加我'], ['站外平台', '微信']], fixable: PHONE, fixed: PHONE_FIXED },
  { name: 'generic-contenteditable', site: 'generic', path: 'editable.html', box: '#box', send: '.bar span',
    flagged: '加我微信聊', cards: [['站外平台', '微信']], fixable: PHONE, fixed: PHONE_FIXED },
  { name: 'generic-iframe', site: 'generic', path: 'iframe.html', frame: /\/frame\.html/, box: '#msg', send: '.send',
    flagged: '加我微信聊', cards: [['站外平台', '微信']], fixable: PHONE, fixed: PHONE_FIXED },
  { name: 'generic-react', site: 'generic', path: 'react.html', box: '#msg', send: '.bar button',
    flagged: '加我微信聊', cards: [['站外平台', '微信']], fixable: PHONE, fixed: PHONE_FIXED },
];

let sites, ctx, extDir;

before(async () => {
  extDir = mkdtempSync(join(tmpdir(), 'chatlint-ext-content-'));
  buildExtension({ out: extDir, zip: null });
  const manifestFile = join(extDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.host_permissions.push(`${GENERIC_ORIGIN}/*`);
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  mkdirSync(SHOTS, { recursive: true });
  sites = await startSites();
  ctx = await launchExtension(extDir, { port: sites.port });
  await saveSettings({ userSites: [USER_SITE] });
  // The service worker registers the content scripts for the added site.
  const id = `user:${USER_SITE.id}`;
  for (let i = 0; ; i++) {
    const ids = await ctx.serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((r) => r.id));
    if (ids.includes(id)) break;
    if (i > 100) assert.fail(`the service worker did not register ${id}: ${ids}`);
    await new Promise((r) => setTimeout(r, 50));
  }
});

after(async () => {
  if (ctx) await ctx.close();
  if (sites) await sites.close();
  if (extDir) rmSync(extDir, { recursive: true, force: true });
});

// --- helpers -------------------------------------------------------------------------------------
async function saveSettings(partial) {
  await ctx.serviceWorker.evaluate((p) => globalThis.chatlintSettings.save(p), partial);
}
async function resetSettings() {
  await ctx.serviceWorker.evaluate((u) => chrome.storage.local.set({ settings: { version: 1, userSites: [u] } }), USER_SITE);
}

// The page (or frame) the box is in, opened and ready: the badge shows the engine is running.
async function open(c) {
  const page = await ctx.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(siteUrl(c.site, c.path));
  let f = page.mainFrame();
  if (c.frame) {
    await page.waitForSelector('iframe');
    for (let i = 0; !(f = page.frames().find((x) => c.frame.test(x.url()))); i++) {
      if (i > 100) assert.fail('no iframe');
      await page.waitForTimeout(20);
    }
  }
  const box = f.locator(c.box);
  await box.waitFor();
  await box.click();                                  // the generic adapter follows focus
  await waitFor(f, () => badge(f), (b) => b && b.text === '✓', 'the badge shows ✓ (engine running)');
  return { page, f, box, requests };
}

const badge = (f) => f.evaluate(() => {
  const h = document.querySelector('chatlint-badge');
  const b = h && h.isConnected && h.shadowRoot.querySelector('.b');
  return b ? { text: b.textContent, kind: b.className.replace('b ', ''), title: h.title } : null;
});

const panel = (f) => f.evaluate(() => {
  const h = document.querySelector('chatlint-panel');
  if (!h || !h.isConnected) return null;
  const r = h.shadowRoot;
  return {
    role: r.querySelector('.p').getAttribute('role'),
    title: r.querySelector('h2').textContent,
    sub: r.querySelector('.sub').textContent,
    note: r.querySelector('.note').textContent,
    cards: [...r.querySelectorAll('li')].map((li) => ({
      cat: li.querySelector('.cl-cat').textContent, match: li.querySelector('.cl-match').textContent,
      severity: li.dataset.severity, why: li.querySelector('.cl-why').textContent, fix: li.querySelector('.cl-fix')?.textContent || '',
    })),
    marks: [...r.querySelectorAll('mark')].map((m) => [m.className, m.textContent]),
    buttons: [...r.querySelectorAll('button')].map((b) => b.textContent),
    focused: r.activeElement ? r.activeElement.textContent : null,
    rect: h.getBoundingClientRect().toJSON(),
  };
});

const sent = (f) => f.evaluate(() => window.sent.slice());
const keysSeen = (f) => f.evaluate(() => window.keysSeen.length);
const boxText = (f, sel) => f.evaluate((s) => {
  const b = document.querySelector(s);
  return b.tagName === 'TEXTAREA' ? b.value : b.innerText.replace(/\n$/, '');
}, sel);
const boxHasFocus = (f, sel) => f.evaluate((s) => document.activeElement === document.querySelector(s) ||
  `focus is on ${document.activeElement && document.activeElement.outerHTML.slice(0, 80)}`, sel);

async function waitFor(f, get, ok, what, timeout = 5000) {
  const t0 = Date.now();
  let v;
  for (;;) {
    v = await get();
    if (ok(v)) return v;
    if (Date.now() - t0 > timeout) assert.fail(`timed out waiting until ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const panelOpen = (f, what = 'the panel opens') => waitFor(f, () => panel(f), (p) => p && (p.focused !== null || p.title), what);
const panelClosed = (f) => waitFor(f, () => panel(f), (p) => p === null, 'the panel is closed');

async function type(f, box, text) {
  await box.fill(text);
  await f.evaluate(() => new Promise((r) => setTimeout(r, 0)));
}

// expected: [category, match, optional RegExp the reason must match (the platform's wording)]
function cardsInclude(p, expected) {
  for (const [cat, match, why = /./] of expected) {
    assert.ok(p.cards.some((c) => c.cat === cat && c.match === match && c.why.length > 10 && why.test(c.why) && c.fix.length > 2),
      `a card ${cat}「${match}」 with a reason${why.source === '.' ? '' : ` matching ${why}`} and a suggestion in ${JSON.stringify(p.cards)}`);
  }
}

// --- on each page ----------------------------------------------------------------------------------
for (const c of CASES) {
  test(`${c.name}: a flagged reply is stopped, 一键修改 sends the fixed text, a clean one is sent`, async () => {
    await resetSettings();
    const { page, f, box, requests } = await open(c);

    // Flagged, Enter: the page never sees the key, nothing is sent, the panel explains.
    await type(f, box, c.flagged);
    const b = await waitFor(f, () => badge(f), (x) => x && x.kind === 'block', 'the badge turns red');
    assert.match(b.text, /^违规 \d+$/);
    await page.screenshot({ path: join(SHOTS, `${c.name}-badge.png`) });
    const keys0 = await keysSeen(f);
    await box.press('Enter');
    let p = await panelOpen(f);
    assert.equal(p.role, 'alertdialog');
    assert.match(p.title, /已拦截/);
    cardsInclude(p, c.cards);
    for (const [, match] of c.cards) assert.ok(p.marks.some(([cls, t]) => cls === 'sev-block' && t.includes(match)), `${match} is marked red`);
    assert.deepEqual(await sent(f), [], 'nothing was sent');
    assert.equal(await keysSeen(f), keys0, "the page's own Enter handler never ran");
    if (c.name === 'pdd') {
      assert.equal(await f.evaluate(() => window.windowCaptureEnters), 0,
        "not even the page's own capture listener on window (the content script runs at document_start)");
    }
    p = await waitFor(f, () => panel(f), (x) => x && x.focused !== null, 'focus moves into the panel');
    assert.equal(p.focused, p.buttons[0]);
    assert.ok(p.buttons.includes('返回修改') && p.buttons.includes('仍然发送'), JSON.stringify(p.buttons));
    await page.screenshot({ path: join(SHOTS, `${c.name}-panel.png`) });

    // Escape: closed, focus back in the box, text untouched.
    await page.keyboard.press('Escape');
    await panelClosed(f);
    assert.equal(await boxHasFocus(f, c.box), true, 'focus is back in the box');
    assert.equal(await boxText(f, c.box), c.flagged);

    // The send button (a div/span/button as on the real page): stopped too.
    await f.click(c.send);
    p = await panelOpen(f, 'the panel opens on a click of the send button');
    cardsInclude(p, c.cards);
    assert.deepEqual(await sent(f), []);
    await waitFor(f, () => panel(f), (x) => x && x.focused !== null, 'focus in the panel');
    await page.keyboard.press('Tab');
    p = await panel(f);
    assert.equal(p.focused, p.buttons[1 % p.buttons.length], 'Tab moves to the next button');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    p = await panel(f);
    assert.equal(p.focused, p.buttons[p.buttons.length - 1], 'Tab cycles inside the panel');
    await f.evaluate(() => 0);
    // 返回修改 by mouse.
    await f.locator('chatlint-panel button[data-action="back"]').click();
    await panelClosed(f);

    // A reply with a rewrite: 一键修改 (pressed with the keyboard), then the page sends the fixed text.
    await type(f, box, c.fixable);
    await box.press('Enter');
    p = await waitFor(f, () => panel(f), (x) => x && x.focused === '一键修改', 'the panel offers 一键修改, focused');
    assert.ok(p.cards.some((x) => x.fix.startsWith('一键修改为')), JSON.stringify(p.cards));
    await page.screenshot({ path: join(SHOTS, `${c.name}-fix-panel.png`) });
    await page.keyboard.press('Enter');
    await panelClosed(f);
    assert.equal(await boxText(f, c.box), c.fixed);
    assert.equal(await boxHasFocus(f, c.box), true, 'focus is back in the box after 一键修改');
    await page.waitForTimeout(250);                     // a React-style page re-renders meanwhile
    assert.equal(await boxText(f, c.box), c.fixed, 'the page kept the fixed text (its model has it)');
    await waitFor(f, () => badge(f), (x) => x && x.text === '✓', 'the badge turns green');
    await f.click(c.send);
    await waitFor(f, () => sent(f), (s) => s.length === 1, 'the fixed reply is sent');
    assert.deepEqual(await sent(f), [c.fixed], "the page's own model sent the fixed text");

    // Clean: sent with Enter, no panel.
    await type(f, box, CLEAN);
    await box.press('Enter');
    await waitFor(f, () => sent(f), (s) => s.length === 2, 'the clean reply is sent');
    assert.deepEqual((await sent(f))[1], CLEAN);
    assert.equal(await panel(f), null);

    if (c.allowed) {   // the site's own name is fine on its own site
      await type(f, box, c.allowed);
      await box.press('Enter');
      await waitFor(f, () => sent(f), (s) => s.length === 3, `${c.allowed} is sent`);
    }
    const n = (await sent(f)).length;

    // Shift+Enter: a new line, not a send.
    await type(f, box, '亲在吗');
    await box.press('Shift+Enter');
    await box.pressSequentially('您好');
    assert.match(await boxText(f, c.box), /^亲在吗\n+您好$/);
    assert.equal((await sent(f)).length, n);
    assert.equal(await panel(f), null);

    // Enter during an IME composition is left alone: a keydown with isComposing, and one with
    // keyCode 229 (what Chromium sends while an IME composes), dispatched on the box from the
    // page, reach the page's own handler and open no panel even though the text is flagged.
    // The same event without them is stopped: the check is not vacuous.
    await type(f, box, c.flagged);
    const dispatch = (init) => f.evaluate(([sel, i]) => {
      const ev = new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true, composed: true, ...i });
      const notCancelled = document.querySelector(sel).dispatchEvent(ev);
      return { notCancelled, keyCode: ev.keyCode, seen: window.keysSeen.length };
    }, [c.box, init]);
    const k0 = await keysSeen(f);
    let r = await dispatch({ isComposing: true });
    assert.equal(r.seen, k0 + 1, 'the page saw the composing Enter');
    r = await dispatch({ keyCode: 229 });
    assert.equal(r.keyCode, 229);
    assert.equal(r.seen, k0 + 2, 'the page saw the keyCode 229 Enter');
    await page.waitForTimeout(30);
    assert.equal(await panel(f), null, 'no panel for an Enter that confirms a composition');
    r = await dispatch({});
    assert.equal(r.notCancelled, false, 'the same Enter outside a composition is stopped');
    assert.equal(r.seen, k0 + 2, JSON.stringify([await f.evaluate(() => window.keysSeen), await panel(f), await boxText(f, c.box)]));
    await panelOpen(f);
    await page.keyboard.press('Escape');
    await panelClosed(f);
    assert.equal((await sent(f)).length, n);

    // No request left for any host but the page's own.
    const host = SITES[c.site].host;
    const foreign = requests.filter((u) => /^(https?|wss?):/.test(u) && new URL(u).hostname !== host);
    assert.deepEqual(foreign, [], `requests to other hosts from ${c.name}`);
    await page.close();
  });
}

// --- 仍然发送, warn findings, settings changing in an open tab --------------------------------------
test('pdd: 仍然发送 lets exactly the next send of that text through', async () => {
  await resetSettings();
  const c = CASES[0];
  const { page, f, box } = await open(c);
  await type(f, box, c.flagged);
  await box.press('Enter');
  await waitFor(f, () => panel(f), (x) => x && x.focused !== null, 'panel focused');
  await f.locator('chatlint-panel button[data-action="send-anyway"]').click();
  await panelClosed(f);
  assert.equal(await boxHasFocus(f, c.box), true);
  const b = await badge(f);
  assert.match(b.text, /再按一次发送/);
  assert.deepEqual(await sent(f), [], '仍然发送 itself sends nothing (no synthetic events)');
  await box.press('Enter');
  await waitFor(f, () => sent(f), (s) => s.length === 1, 'the next Enter sends');
  assert.deepEqual(await sent(f), [c.flagged]);
  // Only once.
  await type(f, box, c.flagged);
  await box.press('Enter');
  await panelOpen(f);
  assert.deepEqual(await sent(f), [c.flagged]);
  // Edited after 仍然发送: the bypass does not cover the new text.
  await f.locator('chatlint-panel button[data-action="send-anyway"]').click();
  await panelClosed(f);
  await type(f, box, c.flagged + '吧');
  await box.press('Enter');
  await panelOpen(f);
  assert.deepEqual(await sent(f), [c.flagged]);
  await page.close();
});

test('pdd: 一键修改 with findings it cannot rewrite keeps the panel and says so', async () => {
  await resetSettings();
  const c = CASES[0];
  const { page, f, box } = await open(c);
  await type(f, box, PHONE);                          // the number is masked; 电话 has no rewrite
  await f.click(c.send);
  let p = await waitFor(f, () => panel(f), (x) => x && x.focused === '一键修改', '一键修改 offered');
  await page.keyboard.press('Enter');
  p = await waitFor(f, () => panel(f), (x) => x && /没有自动改法/.test(x.note), 'the panel stays and says what is left');
  assert.equal(await boxText(f, c.box), PHONE_FIXED);
  assert.ok(!p.buttons.includes('一键修改'), JSON.stringify(p.buttons));
  assert.deepEqual(p.cards.map((x) => x.match), ['电话']);
  await page.screenshot({ path: join(SHOTS, 'pdd-fix-remaining-panel.png') });
  assert.deepEqual(await sent(f), []);
  // Editing the box away from the problem closes the panel by itself.
  await page.keyboard.press('Escape');
  await type(f, box, '您的联系号码138****5678对吗');
  await box.press('Enter');
  await waitFor(f, () => sent(f), (s) => s.length === 1, 'sent once fixed by hand');
  await page.close();
});

test('settings changes take effect in an open tab without a reload', async () => {
  await resetSettings();
  const c = CASES[0];
  const { page, f, box } = await open(c);
  const attempt = async (text, shot) => {
    const before = (await sent(f)).length;
    await type(f, box, text);
    await box.press('Enter');
    await page.waitForTimeout(60);
    const p = await panel(f);
    const wasSent = (await sent(f)).length > before;
    const focusInBox = (await boxHasFocus(f, c.box)) === true;
    if (p && shot) await page.screenshot({ path: join(SHOTS, shot) });
    if (p) { await page.keyboard.press('Escape'); await panelClosed(f); }
    if (!wasSent) await type(f, box, '');
    return { sent: wasSent, panel: p, focusInBox };
  };

  // A custom forbidden word.
  let r = await attempt('这是测试禁词');
  assert.equal(r.sent, true);
  await saveSettings({ customWords: ['测试禁词'] });
  r = await waitFor(f, () => attempt('这是测试禁词'), (x) => !x.sent, 'the custom word is blocked');
  assert.ok(r.panel.cards.some((x) => x.match === '测试禁词'), JSON.stringify(r.panel.cards));
  // An allowed word.
  r = await attempt('这个宝贝很好');
  assert.equal(r.sent, false);
  await saveSettings({ allowWords: ['宝贝'] });
  r = await waitFor(f, () => attempt('这个宝贝很好'), (x) => x.sent, '宝贝 allowed');
  await saveSettings({ allowWords: [] });
  // The platform for the site (宝贝 is fine on Taobao).
  await saveSettings({ platformBySite: { pdd: 'taobao' } });
  r = await waitFor(f, () => attempt('这个宝贝很好'), (x) => x.sent, 'taobao rules in force');
  await saveSettings({ platformBySite: {} });
  await waitFor(f, () => attempt('这个宝贝很好'), (x) => !x.sent, 'pdd rules again');

  // warnAction: 'panel' (default) sends and tells; 'block' stops; 'ignore' sends silently.
  const warnText = '亲，在自然光线下拍的，没有色差';   // 光线下 contains 线下: a warning on pdd
  r = await attempt(warnText, 'pdd-warn-panel.png');
  assert.equal(r.sent, true);
  assert.equal(r.focusInBox, true, 'a panel after a send does not take focus');
  assert.match(r.panel.title, /提醒/);
  assert.equal(r.panel.cards[0].severity, 'warn');
  assert.ok(r.panel.marks.some(([cls]) => cls === 'sev-warn'), 'the warn span is marked amber');
  await saveSettings({ warnAction: 'block' });
  r = await waitFor(f, () => attempt(warnText, 'pdd-warnblock-panel.png'), (x) => !x.sent, 'warn stops');
  assert.match(r.panel.title, /暂停发送/);
  assert.ok(r.panel.buttons.includes('仍然发送'));
  await saveSettings({ warnAction: 'ignore' });
  r = await waitFor(f, () => attempt(warnText), (x) => x.sent && !x.panel, 'warn ignored');

  // allowSendAnyway false: no 仍然发送 for a block finding.
  await saveSettings({ allowSendAnyway: false });
  r = await waitFor(f, () => attempt(c.flagged), (x) => x.panel && !x.panel.buttons.includes('仍然发送'), 'no 仍然发送');
  assert.equal(r.sent, false);

  // The site switched off: no badge, nothing stopped.
  await saveSettings({ disabledSites: ['pdd'] });
  r = await waitFor(f, () => attempt(c.flagged), (x) => x.sent, 'a disabled site sends');
  assert.equal(r.panel, null);
  assert.equal(await badge(f), null, 'no badge on a disabled site');
  await saveSettings({ disabledSites: [] });
  await waitFor(f, () => attempt(c.flagged), (x) => !x.sent, 'switched on again');
  await waitFor(f, () => badge(f), (x) => x !== null, 'the badge is back');

  // Stopped replies were counted, without their text.
  const stored = await ctx.serviceWorker.evaluate(() => chrome.storage.local.get(null));
  const today = Object.values(stored.stats || {})[0];
  assert.ok(today && today.total > 0 && today.byCategory.offsite_platform > 0, JSON.stringify(stored.stats));
  assert.ok(!JSON.stringify(stored).includes('加我微信'), 'no reply text in chrome.storage');
  await page.close();
});

// --- a 100 KB paste, and the time the check adds to a send -------------------------------------------
test('pdd: pasting 100 KB keeps the page responsive (times printed, not asserted)', async () => {
  await resetSettings();
  const c = CASES[0];
  const { page, f, box } = await open(c);
  const big = '亲，这款是纯棉的，今天下单明天发货，七天无理由退换。'.repeat(4000).slice(0, 100 * 1024 - 4) + '加我微信';
  await f.evaluate(() => {
    const span = document.querySelector('chatlint-badge').shadowRoot.querySelector('.b');
    window.badgeChanged = null;
    new MutationObserver(() => { if (window.badgeChanged === null) window.badgeChanged = performance.now(); })
      .observe(span, { childList: true, characterData: true, subtree: true, attributes: true });
  });
  const t0 = await f.evaluate(() => performance.now());
  await page.keyboard.insertText(big);                   // one input event with 100 KB, as a paste
  const changed = await waitFor(f, () => f.evaluate(() => window.badgeChanged), (x) => x !== null, 'the badge updates', 10000);
  const b = await badge(f);
  assert.match(b.text, /^违规/);
  const k0 = Date.now();
  await page.keyboard.type('。');
  const keyMs = Date.now() - k0;
  assert.ok((await boxText(f, c.box)).endsWith('加我微信。'));
  const s0 = Date.now();
  await box.press('Enter');
  await panelOpen(f);
  const stopMs = Date.now() - s0;
  console.log(`# 100 KB paste: badge updated ${(changed - t0).toFixed(1)} ms after the paste began; ` +
    `a keypress after it took ${keyMs} ms; Enter -> panel ${stopMs} ms`);
  await page.close();
});

const TYPICAL = ['亲，今天下午发货', '您好，在的，请问有什么可以帮您？', '这款是纯棉的，不起球', '亲，尺码偏大，建议拍小一码',
  '好的，已经给您备注了', '快递一般三到五天送达', '您可以申请退货，我这边马上同意', '亲，这个颜色有现货的', '感谢您的支持，祝您生活愉快',
  '亲，发票会随货寄出'];

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p99: q(0.99) };
}

test('pdd: the time the check adds to a send (200 sends each; printed, not asserted)', async () => {
  await resetSettings();
  const c = CASES[0];
  const { page, f, box } = await open(c);
  const run = async () => {
    await f.evaluate(() => { window.sendLatencies.length = 0; window.inputLatencies.length = 0; window.sent.length = 0; });
    for (let i = 0; i < 200; i++) {
      await box.fill(TYPICAL[i % TYPICAL.length] + (i % 7 === 0 ? '' : `（${i}）`));
      await box.press('Enter');
    }
    const r = await f.evaluate(() => ({ send: window.sendLatencies.slice(), input: window.inputLatencies.slice(), sent: window.sent.length }));
    assert.equal(r.sent, 200, 'every typical reply was sent');
    return r;
  };
  const withExt = await run();
  await saveSettings({ disabledSites: ['pdd'] });
  await waitFor(f, () => badge(f), (x) => x === null, 'extension off on this page');
  const without = await run();
  await resetSettings();
  const a = stats(withExt.send), z = stats(without.send);
  const ai = stats(withExt.input), zi = stats(without.input);
  console.log(`# send (keydown -> page's send handler), 200 sends: with the check median ${a.median.toFixed(3)} ms, p99 ${a.p99.toFixed(3)} ms; ` +
    `site switched off median ${z.median.toFixed(3)} ms, p99 ${z.p99.toFixed(3)} ms; added: median ${(a.median - z.median).toFixed(3)} ms, p99 ${(a.p99 - z.p99).toFixed(3)} ms`);
  console.log(`# typing (input event -> page's input handler; the check runs here): with median ${ai.median.toFixed(3)} ms, p99 ${ai.p99.toFixed(3)} ms; ` +
    `off median ${zi.median.toFixed(3)} ms, p99 ${zi.p99.toFixed(3)} ms; added: median ${(ai.median - zi.median).toFixed(3)} ms, p99 ${(ai.p99 - zi.p99).toFixed(3)} ms`);
  await page.close();
});

// --- fail open ---------------------------------------------------------------------------------------
test('without chatlint.wasm the page still sends and the badge says 检查未启用 (fail open)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatlint-ext-nowasm-'));
  cpSync(extDir, dir, { recursive: true });
  rmSync(join(dir, 'chatlint.wasm'));
  const ctx2 = await launchExtension(dir, { port: sites.port });
  try {
    const page = await ctx2.newPage();
    await page.goto(siteUrl('pdd'));
    const box = page.locator(CASES[0].box);
    await box.waitFor();
    await box.click();
    const b = await waitFor(page, () => badge(page), (x) => x && x.kind === 'off', 'the grey badge');
    assert.equal(b.text, '检查未启用');
    assert.match(b.title, /检查未启用：检查引擎无法启动/);
    await page.screenshot({ path: join(SHOTS, 'pdd-failopen-badge.png') });
    await box.fill(CASES[0].flagged);
    await box.press('Enter');
    await waitFor(page, () => sent(page), (s) => s.length === 1, 'the flagged reply is sent (fail open)');
    assert.deepEqual(await sent(page), [CASES[0].flagged]);
    assert.equal(await panel(page), null);
    const status = await waitFor(page, () => ctx2.serviceWorker.evaluate(() => chrome.storage.local.get('engineStatus')),
      (s) => s.engineStatus && s.engineStatus.pdd, 'the engine status is stored');
    assert.equal(status.engineStatus.pdd.ok, false);
    assert.ok(status.engineStatus.pdd.reason.length > 0);
    assert.deepEqual(ctx2.foreignRequests(), []);
  } finally {
    await ctx2.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no request left for any host but the test pages\' own', () => {
  assert.deepEqual(ctx.foreignRequests(), []);
});
