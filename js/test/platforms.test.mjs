// The platforms: one list, the engine's (wasm/engine/rule.cc). The package, the extension and
// the demo page must agree with it; each platform applies its own rules, its own names are fine
// on it, and its findings carry its own wording of a rule's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { createChecker, PLATFORMS, CATEGORIES, SEVERITIES } from '../dist/chatlint.mjs';

const repo = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, repo), 'utf8');

const engineList = read('wasm/engine/rule.cc').match(/kPlatformNames\[kPlatformCount\]\s*=\s*\{([^}]*)\}/);
assert.ok(engineList, "wasm/engine/rule.cc defines kPlatformNames");
const ENGINE_PLATFORMS = JSON.parse(`[${engineList[1]}]`);
const engineNames = (array) => [...read('wasm/engine/rule.cc').match(new RegExp(`${array}\\[[^\\]]*\\]\\s*=\\s*\\{([^}]*)\\}`))[1].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
const typeUnion = (name) => read('js/index.d.ts').match(new RegExp(`export type ${name} =([^;]+);`))[1].split('|').map((s) => s.trim().replace(/'/g, '')).filter(Boolean);

// The extension's classic scripts, as the extension pages load them (findings-view.js first).
const extension = vm.createContext({});
for (const file of ['js/ui/findings-view.js', 'js/extension/sites.js', 'js/extension/settings.js']) {
  vm.runInContext(read(file), extension, { filename: file });
}
const { chatlintView: view, chatlintSettings: settings, CHATLINT_SITES: sites } = extension;

test("the package, the extension and the demo page list the engine's platforms, in its order", () => {
  assert.deepEqual(ENGINE_PLATFORMS, ['pdd', 'taobao', 'tmall', 'jd', 'douyin', 'kuaishou', 'generic']);
  assert.deepEqual([...PLATFORMS], ENGINE_PLATFORMS, 'the package\'s PLATFORMS (generated from rule.cc by js/scripts/build.mjs)');
  assert.deepEqual(Object.keys(view.PLATFORM_NAMES), ENGINE_PLATFORMS, 'js/ui/findings-view.js PLATFORM_NAMES');
  assert.deepEqual([...settings.PLATFORMS], ENGINE_PLATFORMS, 'js/extension/settings.js PLATFORMS');
  const select = read('demo/index.html').match(/<select id="platform">([\s\S]*?)<\/select>/);
  assert.ok(select, 'demo/index.html has the platform <select>');
  const options = [...select[1].matchAll(/<option value="([^"]+)">([^<]+)<\/option>/g)];
  assert.deepEqual(options.map((o) => o[1]), ENGINE_PLATFORMS, "the demo's <select>");
  for (const [, value, label] of options) assert.equal(label, view.PLATFORM_NAMES[value], `the demo names ${value} as the extension does`);
  const platformType = read('js/index.d.ts').match(/export type Platform = ([^;]+);/);
  assert.deepEqual(platformType[1].split('|').map((s) => s.trim().replace(/'/g, '')), ENGINE_PLATFORMS, 'js/index.d.ts Platform');
});

test("the package's categories and severities are the engine's, and so are the types' (js/index.d.ts)", () => {
  assert.deepEqual([...CATEGORIES], engineNames('kCategoryNames'));
  // The engine lists severities from least to most severe; the package, most severe first.
  assert.deepEqual([...SEVERITIES], engineNames('kSeverityNames').reverse());
  assert.deepEqual([...SEVERITIES], ['block', 'warn', 'info']);
  assert.deepEqual(typeUnion('Category'), [...CATEGORIES], 'js/index.d.ts Category');
  assert.deepEqual(typeUnion('Severity'), [...SEVERITIES], 'js/index.d.ts Severity');
  assert.deepEqual(typeUnion('Platform'), [...PLATFORMS], 'js/index.d.ts Platform');
});

test('the Douyin and Kuaishou chat sites use their own platforms, with no words allowed by hand', () => {
  const byId = Object.fromEntries(sites.map((s) => [s.id, s]));
  assert.equal(byId.douyin.platform, 'douyin');
  assert.equal(byId.kuaishou.platform, 'kuaishou');
  for (const site of sites) {
    assert.ok(ENGINE_PLATFORMS.includes(site.platform), `${site.id}: ${site.platform}`);
    assert.deepEqual([...site.allowWords], [], `${site.id}: its platform's own names come from its rules`);
  }
  // A settings file may choose them for a site, and nothing else.
  const chosen = settings.validate({ version: 1, platformBySite: { pdd: 'kuaishou', jd: 'douyin' } });
  assert.equal(chosen.errors, undefined);
  assert.deepEqual({ ...chosen.settings.platformBySite }, { pdd: 'kuaishou', jd: 'douyin' });
  assert.match(settings.validate({ version: 1, platformBySite: { pdd: 'weibo' } }).errors.join(), /weibo/);
});

test("a platform's own names and payment are fine on it and flagged elsewhere", async () => {
  const own = {
    douyin: ['可以用抖音支付付款', '我们在抖音直播间每晚八点开播', '精选联盟和巨量千川投放的都是这个链接', '有问题随时在飞鸽找我'],
    kuaishou: ['老铁,快手小店下单当天发', '我们在快手直播间每晚都有福利', '磁力金牛投放的那款就是这个链接'],
  };
  const elsewhere = { douyin: '我们在抖音直播间每晚八点开播', kuaishou: '我们在快手直播间每晚都有福利' };
  for (const platform of ['douyin', 'kuaishou']) {
    const checker = await createChecker({ platform });
    for (const text of own[platform]) assert.deepEqual(checker.check(text), { ok: true, findings: [] }, `${platform}: ${text}`);
    checker.dispose();
    for (const other of PLATFORMS.filter((p) => p !== platform)) {
      const c = await createChecker({ platform: other });
      const { ok, findings } = c.check(elsewhere[platform]);
      assert.equal(ok, false, `${other}: ${elsewhere[platform]}`);
      assert.ok(findings.some((f) => f.category === 'offsite_platform' && f.ruleId === `offsite.${platform}`), other);
      c.dispose();
    }
  }
});

test("Douyin's own rules apply on douyin only", async () => {
  const douyin = await createChecker({ platform: 'douyin' });
  const pdd = await createChecker({ platform: 'pdd' });
  const text = '我说好几遍了,你是不是看不懂';
  const { ok, findings } = douyin.check(text);
  assert.equal(ok, false);
  assert.deepEqual(findings.map((f) => [f.ruleId, f.match]), [['douyin.rebuke', '我说好几遍'], ['douyin.rebuke', '你是不是看不懂']]);
  assert.match(findings[0].message, /飞鸽/);
  assert.ok(!pdd.check(text).findings.some((f) => f.ruleId.startsWith('douyin.')));
  assert.ok(douyin.rules().some((r) => r.id === 'douyin.blacklist'));
  assert.ok(!pdd.rules().some((r) => r.id.startsWith('douyin.') || r.id.startsWith('kuaishou.')));
  douyin.dispose();
  pdd.dispose();
});

test("findings and rules() carry the checker's platform's own message (message.<platform>), else the general one", async () => {
  // abuse.rude_person has its own wording for pdd and douyin (their penalties), none for kuaishou.
  const text = '你有病吧';
  const messages = {};
  for (const platform of ['pdd', 'douyin', 'kuaishou', 'generic']) {
    const c = await createChecker({ platform });
    const finding = c.check(text).findings.find((f) => f.ruleId === 'abuse.rude_person');
    assert.ok(finding, platform);
    assert.equal(c.rules().find((r) => r.id === 'abuse.rude_person').message, finding.message, `${platform}: rules() agrees`);
    messages[platform] = finding.message;
    c.dispose();
  }
  assert.match(messages.pdd, /拼多多/);
  assert.match(messages.douyin, /抖店/);
  assert.doesNotMatch(messages.generic, /拼多多|抖店/, 'the general message names no platform');
  assert.equal(messages.kuaishou, messages.generic, 'kuaishou has no wording of its own for this rule: the general one');
});
