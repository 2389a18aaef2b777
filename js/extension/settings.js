// settings.js: the extension's settings, statistics and engine status in chrome.storage.local,
// and the functions every part of the extension shares to read them. A classic script (content
// scripts cannot be modules); load sites.js first. Defines globalThis.chatlintSettings.
//
// chrome.storage.local keys:
//   'settings'     { version: 1,
//                    disabledSites: [siteId],            switched off in the popup
//                    platformBySite: { siteId: platform },  overrides the site's platform
//                    userSites: [{ id: 'user:<origin>', name, matches: ['<origin>/*'], platform }],
//                    customWords: [string], allowWords: [string],   as createChecker's options
//                    warnAction: 'panel' | 'block' | 'ignore',
//                    allowSendAnyway: bool }            offer 仍然发送 for a block finding
//   'stats'        { 'YYYY-MM-DD': { total, byCategory: { category: n }, byRule: { ruleId: n } } }
//                  counts of stopped replies per local day, the last 31 days; never any text
//   'engineStatus' { siteId: { ok, reason, at } }      did the engine start on that site
(function () {
  'use strict';

  const VERSION = 1;
  const V = globalThis.chatlintView;   // js/ui/findings-view.js, loaded first everywhere
  const { PLATFORM_NAMES, CATEGORY_NAMES, SEVERITY_NAMES } = V;
  const PLATFORMS = Object.keys(PLATFORM_NAMES);
  const CATEGORIES = Object.keys(CATEGORY_NAMES);
  const WARN_ACTIONS = ['panel', 'block', 'ignore'];
  const WARN_ACTION_NAMES = { panel: '显示提示但照常发送', block: '像违规一样拦截', ignore: '不提示' };
  const STATS_DAYS = 31;

  const DEFAULTS = Object.freeze({
    version: VERSION,
    disabledSites: Object.freeze([]),
    platformBySite: Object.freeze({}),
    userSites: Object.freeze([]),
    customWords: Object.freeze([]),
    allowWords: Object.freeze([]),
    warnAction: 'panel',
    allowSendAnyway: true,
  });

  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const describe = (v) => (v === null ? 'null' : Array.isArray(v) ? '列表' : typeof v === 'string' ? `"${v}"` : String(v));

  // --- match patterns -------------------------------------------------------------------
  // Chrome match patterns ('https://host/path*', '*://*.host/*'); like Chrome, a pattern
  // without a port matches any port.
  function matchPattern(pattern, url) {
    let u;
    try { u = new URL(url); } catch { return false; }
    if (pattern === '<all_urls>') return /^(https?|file|ftp):$/.test(u.protocol);
    const m = /^(\*|https?|file|ftp):\/\/([^/]*)(\/.*)$/.exec(pattern);
    if (!m) return false;
    const [, scheme, host, path] = m;
    const proto = u.protocol.slice(0, -1);
    if (scheme === '*' ? !(proto === 'http' || proto === 'https') : scheme !== proto) return false;
    if (host !== '*') {
      const h = u.hostname;
      if (host.startsWith('*.')) {
        const base = host.slice(2);
        if (h !== base && !h.endsWith('.' + base)) return false;
      } else if (h !== host) return false;
    }
    const glob = new RegExp('^' + path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
    return glob.test(u.pathname + u.search);
  }

  // --- sites ------------------------------------------------------------------------------
  function builtInSites() { return globalThis.CHATLINT_SITES || []; }

  // Every site (built-in, then the user's) with what is in force for it: platform (the
  // override, else the site's own), enabled (not switched off), builtIn.
  function allSites(settings) {
    const s = fill(settings);
    const user = s.userSites.map((u) => ({
      allowWords: [], box: [], send: [], enterSends: true, ctrlEnterSends: true, ...u, builtIn: false,
    }));
    return builtInSites().map((b) => ({ ...b, builtIn: true })).concat(user).map((site) => ({
      ...site,
      defaultPlatform: site.platform,
      platform: PLATFORMS.includes(s.platformBySite[site.id]) ? s.platformBySite[site.id] : site.platform,
      enabled: !s.disabledSites.includes(site.id),
    }));
  }

  // The site a URL belongs to (built-in or the user's), or null. The result carries `enabled`:
  // a site switched off in the popup is still returned, with enabled === false.
  function siteForUrl(url, settings) {
    return allSites(settings).find((site) => site.matches.some((p) => matchPattern(p, url))) || null;
  }

  // An address the agent typed ('shop.example.com', 'https://shop.example.com/chat?x') as a
  // user site: { site } or { error } (Chinese). The site covers the whole origin.
  function userSiteFromAddress(address, settings) {
    let text = String(address || '').trim();
    if (!text) return { error: '请输入网址,例如 https://kefu.example.com/chat' };
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = 'https://' + text;
    let u;
    try { u = new URL(text); } catch { return { error: `“${address}”不是有效的网址` }; }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return { error: '只能添加 http:// 或 https:// 开头的网址' };
    if (!u.hostname || u.hostname.includes('*')) return { error: `“${address}”没有有效的域名` };
    const origin = `${u.protocol}//${u.hostname}`;
    const known = siteForUrl(origin + '/', settings) || siteForUrl(u.href, settings);
    if (known) return { error: `${u.hostname} 已在列表中` + (known.name !== u.hostname ? `(${known.name})` : '') };
    return {
      site: { id: 'user:' + origin, name: u.hostname, matches: [origin + '/*'], platform: 'generic' },
    };
  }

  // --- words ------------------------------------------------------------------------------
  // The words of a textarea, one per line: lines are trimmed, empty lines ignored.
  function wordsFromText(text) {
    return String(text || '').split(/\r\n|\r|\n/).map((w) => w.trim()).filter((w) => w !== '');
  }

  // What the package would refuse without its engine (the engine also refuses a word that is
  // only punctuation or emoji: the options page asks it). Returns Chinese errors.
  function wordErrors(words, label) {
    const errors = [];
    if (!Array.isArray(words)) return [`${label}必须是字符串列表,现在是 ${describe(words)}`];
    words.forEach((w, i) => {
      if (typeof w !== 'string') errors.push(`${label}第 ${i + 1} 项必须是文字,现在是 ${describe(w)}`);
      else if (w.trim() === '') errors.push(`${label}第 ${i + 1} 项是空的`);
    });
    return errors;
  }

  // --- settings ---------------------------------------------------------------------------
  // Stored settings with defaults filled and anything malformed dropped (never throws).
  function fill(stored) {
    const s = isObject(stored) ? stored : {};
    const strings = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x.trim() !== '') : []);
    const platformBySite = {};
    if (isObject(s.platformBySite)) {
      for (const [k, v] of Object.entries(s.platformBySite)) if (PLATFORMS.includes(v)) platformBySite[k] = v;
    }
    const userSites = Array.isArray(s.userSites) ? s.userSites.filter(validUserSite).map((u) => ({
      id: u.id, name: u.name, matches: u.matches.slice(), platform: PLATFORMS.includes(u.platform) ? u.platform : 'generic',
    })) : [];
    return {
      version: VERSION,
      disabledSites: strings(s.disabledSites),
      platformBySite,
      userSites,
      customWords: strings(s.customWords),
      allowWords: strings(s.allowWords),
      warnAction: WARN_ACTIONS.includes(s.warnAction) ? s.warnAction : DEFAULTS.warnAction,
      allowSendAnyway: typeof s.allowSendAnyway === 'boolean' ? s.allowSendAnyway : DEFAULTS.allowSendAnyway,
    };
  }

  function validUserSite(u) {
    return isObject(u) && typeof u.id === 'string' && u.id.startsWith('user:') && typeof u.name === 'string' &&
      Array.isArray(u.matches) && u.matches.length > 0 &&
      u.matches.every((p) => typeof p === 'string' && /^https?:\/\/[^/*]+\/\*$/.test(p));
  }

  // Checks an imported settings file strictly: { settings } (filled) or { errors } (Chinese,
  // one per problem, naming the field).
  function validate(obj) {
    const errors = [];
    if (!isObject(obj)) return { errors: ['文件内容不是 chatlint 的设置(应为一个 JSON 对象)'] };
    const known = new Set(Object.keys(DEFAULTS).concat(['exportedAt', 'app']));
    for (const k of Object.keys(obj)) if (!known.has(k)) errors.push(`不认识的设置项“${k}”`);
    if (obj.version !== VERSION) errors.push(`version 应为 ${VERSION},现在是 ${describe(obj.version)}(不是本版本 chatlint 导出的设置)`);
    if ('disabledSites' in obj) {
      if (!Array.isArray(obj.disabledSites) || !obj.disabledSites.every((x) => typeof x === 'string')) {
        errors.push('disabledSites(已关闭的网站)必须是网站编号的列表');
      }
    }
    if ('platformBySite' in obj) {
      if (!isObject(obj.platformBySite)) errors.push('platformBySite(各网站的平台)必须是对象');
      else {
        for (const [k, v] of Object.entries(obj.platformBySite)) {
          if (!PLATFORMS.includes(v)) errors.push(`platformBySite 中网站“${k}”的平台 ${describe(v)} 不是 ${PLATFORMS.join('、')} 之一`);
        }
      }
    }
    if ('userSites' in obj) {
      if (!Array.isArray(obj.userSites)) errors.push('userSites(自己添加的网站)必须是列表');
      else {
        obj.userSites.forEach((u, i) => {
          if (!validUserSite(u)) errors.push(`userSites 第 ${i + 1} 项不是有效的网站(需要 id“user:…”、name 和 matches ["https://域名/*"])`);
          else if (u.platform !== undefined && !PLATFORMS.includes(u.platform)) errors.push(`userSites 第 ${i + 1} 项的平台 ${describe(u.platform)} 不是 ${PLATFORMS.join('、')} 之一`);
        });
      }
    }
    if ('customWords' in obj) errors.push(...wordErrors(obj.customWords, '自定义违禁词'));
    if ('allowWords' in obj) errors.push(...wordErrors(obj.allowWords, '允许的词'));
    if ('warnAction' in obj && !WARN_ACTIONS.includes(obj.warnAction)) {
      errors.push(`warnAction(提醒类问题的处理)必须是 ${WARN_ACTIONS.join('、')} 之一,现在是 ${describe(obj.warnAction)}`);
    }
    if ('allowSendAnyway' in obj && typeof obj.allowSendAnyway !== 'boolean') {
      errors.push(`allowSendAnyway(是否提供“仍然发送”)必须是 true 或 false,现在是 ${describe(obj.allowSendAnyway)}`);
    }
    return errors.length ? { errors } : { settings: fill(obj) };
  }

  // JSON text of a settings export (what the options page saves as a file).
  function exportText(settings) {
    const s = fill(settings);
    return JSON.stringify({ app: 'chatlint', exportedAt: new Date().toISOString(), ...s }, null, 2) + '\n';
  }

  // Parses an import file's text: { settings } or { errors } (Chinese).
  function parseImport(text) {
    let obj;
    try { obj = JSON.parse(text); } catch (e) {
      return { errors: [`文件不是有效的 JSON:${e.message}`] };
    }
    return validate(obj);
  }

  const storage = () => globalThis.chrome && chrome.storage && chrome.storage.local;

  async function load() {
    const got = await storage().get('settings');
    return fill(got.settings);
  }

  // Merges `partial` into the stored settings and saves; resolves to the saved settings.
  async function save(partial) {
    const next = fill({ ...(await load()), ...partial });
    await storage().set({ settings: next });
    return next;
  }

  // fn(settings) whenever the stored settings change (in any tab or extension page).
  // Returns a function that stops listening.
  function onChange(fn) {
    const listener = (changes, area) => {
      if (area === 'local' && changes.settings) fn(fill(changes.settings.newValue));
    };
    chrome.storage.onChanged.addListener(listener);
    return () => chrome.storage.onChanged.removeListener(listener);
  }

  // --- statistics ---------------------------------------------------------------------------
  // The local calendar day of a date, 'YYYY-MM-DD'.
  function today(date = new Date()) {
    const p = (n) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
  }

  // Stats with one stopped reply added (pure: returns a new object). findings: [{ ruleId,
  // category }] — anything else on them is ignored, so no text can end up stored. Keeps the
  // last STATS_DAYS days.
  function addStopped(stats, findings, day = today()) {
    const out = isObject(stats) ? JSON.parse(JSON.stringify(stats)) : {};
    const d = isObject(out[day]) ? out[day] : { total: 0, byCategory: {}, byRule: {} };
    d.total = (d.total | 0) + 1;
    d.byCategory = isObject(d.byCategory) ? d.byCategory : {};
    d.byRule = isObject(d.byRule) ? d.byRule : {};
    const seenCategories = new Set();
    for (const f of Array.isArray(findings) ? findings : []) {
      if (!isObject(f)) continue;
      if (CATEGORIES.includes(f.category) && !seenCategories.has(f.category)) {
        seenCategories.add(f.category);                  // a reply counts once per category
        d.byCategory[f.category] = (d.byCategory[f.category] | 0) + 1;
      }
      if (typeof f.ruleId === 'string' && /^[\w.:-]{1,100}$/.test(f.ruleId)) {
        d.byRule[f.ruleId] = (d.byRule[f.ruleId] | 0) + 1;
      }
    }
    out[day] = d;
    const days = Object.keys(out).filter((k) => /^\d{4}-\d{2}-\d{2}$/.test(k)).sort();
    for (const k of Object.keys(out)) if (!days.includes(k)) delete out[k];
    for (const k of days.slice(0, Math.max(0, days.length - STATS_DAYS))) delete out[k];
    return out;
  }

  async function loadStats() {
    const got = await storage().get('stats');
    return isObject(got.stats) ? got.stats : {};
  }

  async function loadEngineStatus() {
    const got = await storage().get('engineStatus');
    return isObject(got.engineStatus) ? got.engineStatus : {};
  }

  globalThis.chatlintSettings = {
    VERSION, DEFAULTS, PLATFORMS, PLATFORM_NAMES, CATEGORIES, CATEGORY_NAMES, SEVERITY_NAMES,
    WARN_ACTIONS, WARN_ACTION_NAMES, STATS_DAYS,
    load, save, onChange, fill, validate, exportText, parseImport,
    siteForUrl, allSites, matchPattern, userSiteFromAddress,
    wordsFromText, wordErrors,
    today, addStopped, loadStats, loadEngineStatus,
  };
})();
