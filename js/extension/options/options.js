// options.js: the options page. Every change is saved to chrome.storage.local at once (the word
// lists when 保存词表 is pressed); content scripts in open tabs listen to storage changes, so a
// change takes effect without reloading them. The word lists are validated by the package itself
// (createChecker, as the content script will call it), so the page shows exactly what the engine
// would refuse, in Chinese.
(function () {
  'use strict';
  const S = globalThis.chatlintSettings;
  const { el, byId: $ } = globalThis.chatlintDom;
  let settings = S.fill({});


  let savedTimer = 0;
  function saved(text = '已保存') {
    $('saved').textContent = text;
    clearTimeout(savedTimer);
    savedTimer = setTimeout(() => { $('saved').textContent = ''; }, 2500);
  }

  async function save(partial) {
    settings = await S.save(partial);
    saved();
    return settings;
  }

  function message(id, kind, ...content) {
    const box = $(id);
    box.className = `message ${kind}`;
    box.replaceChildren(...content);
  }

  // --- sites ---------------------------------------------------------------------------------
  function platformSelect(site) {
    const select = el('select', { 'aria-label': `${site.name} 适用规则`, 'data-site': site.id });
    for (const p of S.PLATFORMS) {
      const label = S.PLATFORM_NAMES[p] + (p === site.defaultPlatform ? '(默认)' : '');
      const option = el('option', { value: p, text: label });
      option.selected = p === site.platform;
      select.append(option);
    }
    select.addEventListener('change', () => {
      const platformBySite = { ...settings.platformBySite };
      if (select.value === site.defaultPlatform) delete platformBySite[site.id]; else platformBySite[site.id] = select.value;
      save({ platformBySite });
    });
    return select;
  }

  async function renderSites() {
    const rows = $('site-rows');
    const sites = S.allSites(settings);
    const granted = await Promise.all(sites.map((s) => (s.builtIn ? true : chrome.permissions.contains({ origins: s.matches }).catch(() => false))));
    rows.replaceChildren(...sites.map((site, i) => {
      const enabled = el('input', { type: 'checkbox', 'aria-label': `在 ${site.name} 检查回复`, 'data-site': site.id });
      enabled.checked = site.enabled;
      enabled.addEventListener('change', () => {
        const off = new Set(settings.disabledSites);
        if (enabled.checked) off.delete(site.id); else off.add(site.id);
        save({ disabledSites: [...off] });
      });
      const actions = el('td', { class: 'actions' });
      if (!site.builtIn) {
        if (!granted[i]) {
          actions.append(el('span', { class: 'warn-text', text: '未授权 ' }),
            el('button', { type: 'button', onclick: () => grant(site) }, '授权'), ' ');
        }
        actions.append(el('button', { type: 'button', class: 'danger', 'data-remove': site.id, onclick: () => removeSite(site) }, '删除'));
      }
      const address = site.matches.map((m) => m.replace(/\/\*$/, '').replace(/\*$/, '')).join('\n');
      return el('tr', { 'data-site': site.id },
        el('th', { scope: 'row' }, site.name, site.builtIn ? null : el('span', { class: 'mine', text: '自己添加的网站' })),
        el('td', { class: 'address', text: address }),
        el('td', {}, enabled),
        el('td', {}, platformSelect(site)),
        actions);
    }));
  }

  async function grant(site) {
    const ok = await chrome.permissions.request({ origins: site.matches }).catch(() => false);
    message('site-message', ok ? 'ok' : 'error', ok ? `已授权 ${site.name}` : `未获得访问 ${site.name} 的权限`);
    renderSites();
  }

  async function addSite(event) {
    event.preventDefault();
    const input = $('site-address');
    const { site, error } = S.userSiteFromAddress(input.value, settings);
    if (error) { message('site-message', 'error', error); input.focus(); return; }
    // Must run in the click's user gesture: no await before it.
    let granted;
    try {
      granted = await chrome.permissions.request({ origins: site.matches });
    } catch (e) {
      message('site-message', 'error', `无法请求访问 ${site.name} 的权限:${e.message}`);
      return;
    }
    if (!granted) {
      message('site-message', 'error', `没有获得访问 ${site.name} 的权限,网站未添加。`);
      return;
    }
    await save({ userSites: [...settings.userSites, site] });
    const reply = await chrome.runtime.sendMessage({ type: 'chatlint:sync-user-sites' }).catch((e) => ({ ok: false, error: e.message }));
    if (reply && reply.ok) {
      message('site-message', 'ok', `已添加 ${site.name}:打开或刷新该网站的聊天页面后,chatlint 就会检查回复。`);
      input.value = '';
    } else {
      message('site-message', 'error', `已添加 ${site.name},但注册检查脚本失败:${reply && reply.error}`);
    }
    renderSites();
  }

  async function removeSite(site) {
    const disabledSites = settings.disabledSites.filter((id) => id !== site.id);
    const platformBySite = { ...settings.platformBySite };
    delete platformBySite[site.id];
    await save({ userSites: settings.userSites.filter((u) => u.id !== site.id), disabledSites, platformBySite });
    // Give the permission back too (least privilege); the service worker unregisters the script.
    await chrome.permissions.remove({ origins: site.matches }).catch(() => {});
    await chrome.runtime.sendMessage({ type: 'chatlint:sync-user-sites' }).catch(() => {});
    message('site-message', 'ok', `已删除 ${site.name}`);
    renderSites();
  }

  // --- words ---------------------------------------------------------------------------------
  // The package's error for a word list, in Chinese, naming the textarea line.
  function wordError(e, custom, allow) {
    const m = /options\.(customWords|allowWords)\[(\d+)\]/.exec(e.message);
    if (!m) return `词表有误:${e.message}`;
    const [label, list] = m[1] === 'customWords' ? ['自定义违禁词', custom] : ['允许的词', allow];
    const entry = list[Number(m[2])];
    const where = `${label}第 ${entry.line} 行“${entry.word}”`;
    if (/has nothing to match/.test(e.message)) return `${where}去掉空格、标点、表情和不可见字符后什么也不剩,永远匹配不到:请删除或改写这一行。`;
    return `${where}有误:${e.message}`;
  }

  // Non-empty lines with their line numbers.
  function linesOf(text) {
    return String(text).split(/\r\n|\r|\n/).map((w, i) => ({ word: w.trim(), line: i + 1 })).filter((x) => x.word !== '');
  }

  // null if the engine accepts the lists, else the error (Chinese). Fails open: if the engine
  // cannot start here, only the checks that need no engine are made.
  async function validateWords(custom, allow) {
    const pre = [...S.wordErrors(custom.map((x) => x.word), '自定义违禁词'), ...S.wordErrors(allow.map((x) => x.word), '允许的词')];
    if (pre.length) return pre[0];
    if (!globalThis.chatlint) return null;
    try {
      const checker = await chatlint.createChecker({ platform: 'generic', customWords: custom.map((x) => x.word), allowWords: allow.map((x) => x.word) });
      checker.dispose();
      return null;
    } catch (e) {
      if (/options\.|chatlint: /.test(e.message) && !/WebAssembly|fetch|wasm/i.test(e.message)) return wordError(e, custom, allow);
      return null;   // the engine itself failed: do not refuse the words for that
    }
  }

  async function saveWords() {
    const custom = linesOf($('custom-words').value), allow = linesOf($('allow-words').value);
    const error = await validateWords(custom, allow);
    if (error) { message('words-message', 'error', error); return; }
    await save({ customWords: custom.map((x) => x.word), allowWords: allow.map((x) => x.word) });
    renderWords();
    message('words-message', 'ok', `已保存:${custom.length} 个自定义违禁词,${allow.length} 个允许的词。已打开的聊天页面立即生效。`);
    tryIt();
  }

  function renderWords() {
    $('custom-words').value = settings.customWords.join('\n');
    $('allow-words').value = settings.allowWords.join('\n');
  }

  // --- behaviour -------------------------------------------------------------------------------
  function renderBehaviour() {
    for (const r of document.querySelectorAll('input[name="warnAction"]')) r.checked = r.value === settings.warnAction;
    $('allow-send-anyway').checked = settings.allowSendAnyway;
  }

  // --- try it ----------------------------------------------------------------------------------
  let tryChecker = null, tryKey = '';
  async function tryIt() {
    const out = $('try-result');
    const text = $('try-text').value;
    if (!globalThis.chatlint) { out.replaceChildren(el('p', { class: 'message error', text: '检查引擎未能加载,无法试用。' })); return; }
    const platform = $('try-platform').value;
    const key = JSON.stringify([platform, settings.customWords, settings.allowWords]);
    try {
      if (key !== tryKey) {
        if (tryChecker) tryChecker.dispose();
        tryChecker = null;
        tryKey = key;
        tryChecker = await chatlint.createChecker({ platform, customWords: settings.customWords, allowWords: settings.allowWords });
      }
      if (!text.trim()) { out.replaceChildren(); return; }
      const { findings } = tryChecker.check(text);
      const shown = findings;
      if (!shown.length) { out.replaceChildren(el('p', { class: 'message ok', text: '✓ 没有发现问题' })); return; }
      out.replaceChildren(el('ul', { class: 'findings' }, ...shown.map((f) => el('li', { class: `sev-${f.severity}` },
        el('mark', { text: f.match }), ' ',
        el('span', { class: 'tag', text: `${S.SEVERITY_NAMES[f.severity]} · ${S.CATEGORY_NAMES[f.category] || f.category}` }),
        el('div', { class: 'why', text: f.message }),
        f.suggestion ? el('div', { class: 'suggest', text: `建议:${f.suggestion}` }) : null))));
    } catch (e) {
      tryKey = '';
      out.replaceChildren(el('p', { class: 'message error', text: `无法检查:${e.message}` }));
    }
  }

  // --- import / export -------------------------------------------------------------------------
  function exportSettings() {
    const blob = new Blob([S.exportText(settings)], { type: 'application/json' });
    const a = el('a', { href: URL.createObjectURL(blob), download: `chatlint-设置-${S.today()}.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  async function importFile() {
    const file = $('import-file').files[0];
    $('import-file').value = '';
    if (!file) return;
    const fail = (errors) => message('import-message', 'error', el('strong', { text: `无法导入“${file.name}”:` }),
      el('ul', {}, ...errors.map((e) => el('li', { text: e }))));
    if (file.size > 5 * 1024 * 1024) { fail(['文件太大,不是 chatlint 的设置文件']); return; }
    const { settings: imported, errors } = S.parseImport(await file.text());
    if (errors) { fail(errors); return; }
    const wordsError = await validateWords(imported.customWords.map((word, i) => ({ word, line: i + 1 })),
      imported.allowWords.map((word, i) => ({ word, line: i + 1 })));
    if (wordsError) { fail([wordsError.replace(/第 (\d+) 行/, '第 $1 项')]); return; }
    await save(imported);
    renderAll();
    const needPermission = [];
    for (const u of imported.userSites) if (!(await chrome.permissions.contains({ origins: u.matches }).catch(() => false))) needPermission.push(u.name);
    message('import-message', 'ok', `已导入“${file.name}”。` +
      (needPermission.length ? `自己添加的网站 ${needPermission.join('、')} 还需要授权:请在上方“网站”中点“授权”。` : ''));
  }

  // --- wiring ----------------------------------------------------------------------------------
  function renderAll() {
    renderSites();
    renderWords();
    renderBehaviour();
  }

  async function init() {
    settings = await S.load();
    for (const p of S.PLATFORMS) $('try-platform').append(el('option', { value: p, text: S.PLATFORM_NAMES[p] }));
    renderAll();
    $('add-site-form').addEventListener('submit', addSite);
    $('save-words').addEventListener('click', saveWords);
    for (const r of document.querySelectorAll('input[name="warnAction"]')) r.addEventListener('change', () => save({ warnAction: r.value }));
    $('allow-send-anyway').addEventListener('change', (e) => save({ allowSendAnyway: e.target.checked }));
    $('try-text').addEventListener('input', tryIt);
    $('try-platform').addEventListener('change', tryIt);
    $('export').addEventListener('click', exportSettings);
    $('import').addEventListener('click', () => $('import-file').click());
    $('import-file').addEventListener('change', importFile);
    const add = new URLSearchParams(location.search).get('add');
    if (add) $('site-address').value = add;
    // Changes made elsewhere (the popup's switch, another options tab): follow them, but never
    // overwrite word lists the agent is editing.
    S.onChange((next) => {
      const editing = $('custom-words').value !== settings.customWords.join('\n') || $('allow-words').value !== settings.allowWords.join('\n');
      settings = next;
      renderSites();
      renderBehaviour();
      if (!editing) renderWords();
    });
    document.body.dataset.ready = 'true';
  }

  init().catch((e) => message('site-message', 'error', `读取设置失败:${e.message}`));
})();
