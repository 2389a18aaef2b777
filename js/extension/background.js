// background.js: the extension's service worker. It never sees the text of a reply.
// - 'chatlint:stopped' { siteId, findings: [{ ruleId, category, severity }] } from a content
//   script: adds one stopped reply to today's counts (chrome.storage.local 'stats', counts per
//   category and rule, the last 31 days).
// - 'chatlint:engine' { siteId, ok, reason }: whether the engine started on that site
//   ('engineStatus', shown by the popup; when it did not, the content script lets every reply
//   through).
// - Sites the agent added on the options page: registers the content scripts for each one whose
//   host permission was granted (chrome.scripting.registerContentScripts), and unregisters them
//   when the site is removed or its permission revoked. Built-in sites are in the manifest.
importScripts('findings-view.js', 'sites.js', 'settings.js');

const S = globalThis.chatlintSettings;
const USER_SCRIPT_PREFIX = 'user:';

// Storage writes one after another, so two messages arriving together cannot lose a count.
let queue = Promise.resolve();
function serially(task) {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

async function recordStopped(msg) {
  const findings = Array.isArray(msg.findings) ? msg.findings : [];
  // Only these two fields are kept: nothing from the message can carry text into storage.
  const counted = findings.map((f) => ({ ruleId: f && f.ruleId, category: f && f.category }));
  const stats = S.addStopped(await S.loadStats(), counted, S.today());
  await chrome.storage.local.set({ stats });
}

async function recordEngine(msg) {
  if (typeof msg.siteId !== 'string') return;
  const status = await S.loadEngineStatus();
  status[msg.siteId.slice(0, 200)] = {
    ok: msg.ok === true,
    // With ok, a reason is a note (e.g. the agent's words were refused and left out).
    reason: String(msg.reason || (msg.ok === true ? '' : '未知原因')).slice(0, 300),
    at: new Date().toISOString(),
  };
  await chrome.storage.local.set({ engineStatus: status });
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  // Only this extension's own content scripts and pages talk to it.
  if (!msg || typeof msg !== 'object' || sender.id !== chrome.runtime.id) return false;
  let task;
  if (msg.type === 'chatlint:stopped') task = () => recordStopped(msg);
  else if (msg.type === 'chatlint:engine') task = () => recordEngine(msg);
  else if (msg.type === 'chatlint:sync-user-sites') task = () => syncUserSites();
  else return false;
  serially(task).then((r) => sendResponse({ ok: true, result: r }), (e) => sendResponse({ ok: false, error: String(e && e.message || e) }));
  return true;   // the response is sent asynchronously
});

// --- the agent's own sites ---------------------------------------------------------------------
// The content scripts the manifest gives the built-in sites, in the same order.
function contentScriptFiles() {
  return chrome.runtime.getManifest().content_scripts[0].js;
}

async function permitted(site) {
  try { return await chrome.permissions.contains({ origins: site.matches }); } catch { return false; }
}

// Makes the registered content scripts match settings.userSites (those with their permission).
// Returns the ids registered afterwards.
async function syncUserSites(settings) {
  const s = settings || await S.load();
  const wanted = new Map();
  for (const site of s.userSites) if (await permitted(site)) wanted.set(USER_SCRIPT_PREFIX + site.id, site);
  const registered = (await chrome.scripting.getRegisteredContentScripts())
    .filter((r) => r.id.startsWith(USER_SCRIPT_PREFIX));
  const js = contentScriptFiles();
  const stale = registered.filter((r) => {
    const site = wanted.get(r.id);
    return !site || JSON.stringify(r.matches) !== JSON.stringify(site.matches) || JSON.stringify(r.js) !== JSON.stringify(js);
  });
  if (stale.length) await chrome.scripting.unregisterContentScripts({ ids: stale.map((r) => r.id) });
  const kept = new Set(registered.filter((r) => !stale.includes(r)).map((r) => r.id));
  const add = [...wanted].filter(([id]) => !kept.has(id)).map(([id, site]) => ({
    id, matches: site.matches, js, runAt: 'document_start', allFrames: true, persistAcrossSessions: true,
  }));
  if (add.length) await chrome.scripting.registerContentScripts(add);
  return [...wanted.keys()].sort();
}

const sync = (settings) => serially(() => syncUserSites(settings)).catch((e) => console.error('chatlint: registering user sites failed:', e));
chrome.runtime.onInstalled.addListener(() => { sync(); });
chrome.runtime.onStartup.addListener(() => { sync(); });
S.onChange((settings) => { sync(settings); });
chrome.permissions.onAdded.addListener(() => { sync(); });
chrome.permissions.onRemoved.addListener(() => { sync(); });

// For tests and the options page (same process): the function itself.
globalThis.chatlintBackground = { syncUserSites, recordStopped, recordEngine, contentScriptFiles };
