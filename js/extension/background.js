// The browser extension's background script (dist/extension/background.js; a service worker in
// Chromium, an event page in Firefox). Its toolbar button runs the bookmarklet's bundle
// (whosaid-bookmarklet.js, copied beside this file) in the current tab: the bundle toggles, so
// a first click highlights the article and a second removes everything the first added. The
// bundle runs in the extension's isolated world, where its state survives between clicks.
// Permissions: activeTab (the tab the reader clicked on, only then) and scripting.

const BUNDLE = 'whosaid-bookmarklet.js';
const TITLE = chrome.runtime.getManifest().action.default_title;

/** Runs whosaid in the tab's top frame: highlights the article, or removes the highlights. */
async function toggle(tabId) {
  const run = () => chrome.scripting.executeScript({ target: { tabId }, files: [BUNDLE] });
  try {
    await run();
  } catch {
    // Chromium hands the click's activeTab grant to the page and runs the script over separate
    // channels: now and then (seen on a busy machine, on a tab's first click) the script gets
    // there first and is refused ("Cannot access contents of the page"), though it was never
    // run. Tried once more a moment later it runs. Where the page is really off limits, the
    // second try fails the same way.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await run();
  }
}

/**
 * Where the browser refuses to run extensions (its own pages, the extension stores, …) the
 * button says so: a "!" badge and the reason as its tooltip, for that tab until it navigates.
 */
async function showRefusal(tabId, error) {
  const reason = error && error.message ? error.message : String(error);
  await chrome.action.setBadgeText({ tabId, text: '!' });
  await chrome.action.setTitle({ tabId, title: `whosaid cannot run on this page: ${reason}` });
}

async function clearRefusal(tabId) {
  await chrome.action.setBadgeText({ tabId, text: '' });
  await chrome.action.setTitle({ tabId, title: TITLE });
}

// On a page whose Content-Security-Policy refuses WebAssembly (Chromium applies it to content
// scripts too) the bundle asks for the JavaScript build of the same module: injected into the
// same isolated world, where the page's CSP does not apply to the extension's own files.
const FALLBACK = 'whosaid-fallback.js';
chrome.runtime.onMessage.addListener((message, sender, reply) => {
  if (!message || message.whosaid !== 'fallback' || !sender.tab || sender.tab.id === undefined) return false;
  const target = { tabId: sender.tab.id, frameIds: [sender.frameId || 0] };
  chrome.scripting.executeScript({ target, files: [FALLBACK] }).then(
    () => reply({ ok: true }),
    (e) => reply({ error: e && e.message ? e.message : String(e) }),
  );
  return true; // the reply comes later
});

chrome.action.onClicked.addListener((tab) => {
  if (tab.id === undefined) return;
  toggle(tab.id).then(() => clearRefusal(tab.id), (e) => showRefusal(tab.id, e)).catch(() => {});
});
