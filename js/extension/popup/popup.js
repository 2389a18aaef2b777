// popup.js: the toolbar popup. For the active tab: its site (or that chatlint is not on for
// it), an on/off switch, the platform whose rules apply, whether the checker runs there; and
// today's counts of stopped replies per category. Re-renders when storage changes.
// popup.html?tabId=N shows tab N instead of the active tab (how the tests open it in a tab).
(function () {
  'use strict';
  const S = globalThis.chatlintSettings;
  const { el, byId: $ } = globalThis.chatlintDom;


  async function targetTab() {
    const id = Number(new URLSearchParams(location.search).get('tabId'));
    if (id) return chrome.tabs.get(id);
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab;
  }

  function openOptions(hash = '') {
    chrome.tabs.create({ url: chrome.runtime.getURL('options/options.html') + hash });
    window.close();
  }

  function engineLine(site, status) {
    if (!site.enabled) return el('p', { class: 'status off', id: 'engine', text: '已关闭:此网站的回复不会被检查' });
    if (!status) return el('p', { class: 'status unknown', id: 'engine', text: '此页面还没有运行检查:请刷新聊天页面' });
    if (status.ok) {
      return el('p', { class: 'status ok', id: 'engine' }, '✓ 检查已启用:发送前会在本机检查每条回复',
        status.reason ? el('span', { class: 'note', text: `注意:${status.reason}` }) : null);
    }
    return el('p', { class: 'status failed', id: 'engine', role: 'alert' },
      el('strong', { text: '⚠ 检查未启用' }), ':原因:', el('span', { class: 'reason', text: status.reason || '未知' }),
      ',', el('strong', { text: '消息照常发送。' }));
  }

  function renderSite(tab, settings, engineStatus) {
    const box = $('site');
    box.replaceChildren();
    const url = tab && tab.url;
    const site = url ? S.siteForUrl(url, settings) : null;
    if (!site) {
      box.append(
        el('h2', { text: '此网站未启用 chatlint' }),
        el('p', { class: 'muted', text: 'chatlint 只在拼多多、京东咚咚、抖店飞鸽、快手小店的客服页面,以及您自己添加的网站上检查回复。' }),
        el('button', { type: 'button', class: 'primary', id: 'add-site', onclick: () => openOptions('#sites') }, '添加网站…'));
      box.dataset.state = 'none';
      return;
    }
    box.dataset.state = site.enabled ? 'on' : 'off';
    const toggle = el('input', { type: 'checkbox', role: 'switch', id: 'enabled' });
    toggle.checked = site.enabled;
    toggle.addEventListener('change', async () => {
      const s = await S.load();
      const off = new Set(s.disabledSites);
      if (toggle.checked) off.delete(site.id); else off.add(site.id);
      await S.save({ disabledSites: [...off] });
    });
    box.append(
      el('div', { class: 'site-head' },
        el('div', {},
          el('h2', { id: 'site-name', text: site.name }),
          el('p', { class: 'muted small', text: new URL(url).hostname })),
        el('label', { class: 'switch', for: 'enabled' }, toggle, el('span', { class: 'slider', 'aria-hidden': 'true' }),
          el('span', { class: 'switch-text', text: site.enabled ? '检查中' : '已关闭' }))),
      el('p', { class: 'platform' }, '适用规则:', el('strong', { id: 'platform', text: S.PLATFORM_NAMES[site.platform] || site.platform }),
        ' ', el('a', { href: '#', id: 'change-platform', onclick: (e) => { e.preventDefault(); openOptions('#sites'); } }, '更改')),
      engineLine(site, engineStatus[site.id]));
  }

  function renderStats(stats) {
    const box = $('stats');
    box.replaceChildren();
    const day = stats[S.today()] || { total: 0, byCategory: {} };
    box.append(el('p', { class: day.total ? 'total' : 'total zero' }, el('span', { id: 'total', text: String(day.total || 0) }), ' 条'));
    const rows = S.CATEGORIES.map((c) => [c, (day.byCategory || {})[c] || 0]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
    if (!rows.length) {
      box.append(el('p', { class: 'muted', text: '今天还没有拦下的回复。' }));
      return;
    }
    const max = rows[0][1];
    const list = el('ul', { class: 'bars', id: 'by-category' });
    for (const [c, n] of rows) {
      list.append(el('li', { 'data-category': c },
        el('span', { class: 'label', text: S.CATEGORY_NAMES[c] }),
        el('span', { class: 'bar', 'aria-hidden': 'true' }, el('span', { style: `width:${Math.max(6, Math.round((100 * n) / max))}%` })),
        el('span', { class: 'count', text: `${n}` })));
    }
    box.append(list);
  }

  // Storage changes re-render; the newest render wins, and keyboard focus stays where it was.
  let renders = 0;
  async function render() {
    const mine = ++renders;
    const [tab, settings, stats, engineStatus] = await Promise.all([targetTab(), S.load(), S.loadStats(), S.loadEngineStatus()]);
    if (mine !== renders) return;
    const focused = document.activeElement && document.activeElement.id;
    renderSite(tab, settings, engineStatus);
    renderStats(stats);
    if (focused && document.getElementById(focused) && document.activeElement !== document.getElementById(focused)) {
      document.getElementById(focused).focus();
    }
    document.body.dataset.ready = 'true';
  }

  $('open-options').addEventListener('click', () => openOptions());
  chrome.storage.onChanged.addListener((changes, area) => { if (area === 'local') render(); });
  render().catch((e) => {
    $('site').replaceChildren(el('p', { class: 'status failed', text: `读取失败:${e.message}` }));
  });
})();
