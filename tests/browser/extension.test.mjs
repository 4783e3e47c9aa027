// The browser extension (dist/extension/, Manifest V3) loaded into Chromium: the toolbar button
// is clicked for real through the DevTools protocol (Extensions.triggerAction on the tab, which
// dispatches action.onClicked and grants activeTab as a click does; there is no toolbar to
// click in a headless browser). A click highlights the page exactly as the bookmarklet does, a
// second click restores the page exactly, and where the page's CSP blocks WebAssembly (in
// Chromium it does so in a content script too; not in Firefox, see extension-firefox.test.mjs)
// the reader gets the bookmarklet's notice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { collectErrors, distDir, fixturesDir, readPanel, SNAPSHOT_SCRIPT, until } from './harness.mjs';

const extensionDir = join(distDir, 'extension');

let context = null;
let userDataDir = null;
let worker = null; // the extension's service worker
let extensionId = null;
let browserCdp = null; // a browser-level DevTools session (Extensions.*, Target.*)
const servers = [];
let site = null; // fixtures on 127.0.0.1
let strict = null; // fixtures with `Content-Security-Policy: script-src 'self'`, and dist/ beside them
let distOrigin = null; // dist/ on another origin

before(async () => {
  assert.ok(existsSync(join(extensionDir, 'manifest.json')), 'dist/extension is missing: build first (node scripts/build.mjs)');
  for (const opts of [
    { dirs: { '/': fixturesDir } },
    { dirs: { '/dist/': distDir, '/': fixturesDir }, headers: { 'Content-Security-Policy': "script-src 'self'" } },
    { dirs: { '/dist/': distDir } },
  ]) {
    const { server, url } = await serve({ port: 0, ...opts });
    servers.push({ server, url });
  }
  [site, strict, distOrigin] = servers.map((s) => s.url);
  userDataDir = mkdtempSync(join(tmpdir(), 'whosaid-extension-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: false, // the new headless mode, set below, is the one that runs extensions
    viewport: { width: 1280, height: 800 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
      '--enable-unsafe-extension-debugging', // for Extensions.triggerAction
    ],
  });
  worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'))
    || await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://'), timeout: 10000 });
  extensionId = new URL(worker.url()).host;
  browserCdp = await context.browser().newBrowserCDPSession();
});

after(async () => {
  if (context) await context.close();
  await Promise.all(servers.map(({ server }) => new Promise((r) => server.close(r))));
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

let pages = 0;
/** A new tab on `url` (made unique, so that its tab target can be found by URL). */
async function open(t, url, allowConsole = []) {
  const page = await context.newPage();
  const errors = collectErrors(page, allowConsole);
  t.after(() => page.close().catch(() => {}));
  await page.goto(`${url}${url.includes('?') ? '&' : '?'}tab=${++pages}`);
  page.assertNoErrors = () => assert.deepEqual(errors, [], `the page reported errors:\n${errors.join('\n')}`);
  return page;
}

/** Clicks the extension's toolbar button for the page's tab (brought to the front first, as a reader's tab is). */
async function clickAction(page) {
  await page.bringToFront();
  const { targetInfos } = await browserCdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tabs = targetInfos.filter((ti) => ti.type === 'tab' && ti.url === page.url());
  assert.equal(tabs.length, 1, `one tab shows ${page.url()}`);
  await browserCdp.send('Extensions.triggerAction', { id: extensionId, targetId: tabs[0].targetId });
}

/** What whosaid put in the page: the article's markup with its marks, and the panel. */
async function highlighted(page) {
  return {
    article: await page.evaluate(() => document.querySelector('article').outerHTML),
    marks: await page.evaluate(() => Array.from(document.querySelectorAll('mark[data-whosaid="mark"]'), (m) => [
      m.getAttribute('data-speaker'), m.getAttribute('data-statement'), m.getAttribute('data-dispute'), m.textContent,
    ])),
    panel: await readPanel(page),
  };
}

const panelShown = (page) => page.evaluate(() => {
  const host = document.querySelector('#whosaid-panel[data-whosaid="panel"]');
  return !!(host && host.shadowRoot && host.shadowRoot.querySelector('section.panel'));
});

test('the extension loads: Manifest V3, the service worker runs, the button has its title and PNG icons', async (t) => {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual(manifest.permissions, ['activeTab', 'scripting'], 'no host permission: it runs only where the reader clicks');
  assert.equal(manifest.host_permissions, undefined);
  assert.equal(new URL(worker.url()).pathname, '/background.js');
  assert.deepEqual(await worker.evaluate(() => chrome.runtime.getManifest().action), manifest.action);
  assert.equal(await worker.evaluate(() => chrome.action.getTitle({})), manifest.action.default_title);
  // Each icon decodes as an image of its declared size.
  const page = await open(t, `chrome-extension://${extensionId}/manifest.json`);
  for (const [size, path] of Object.entries(manifest.action.default_icon)) {
    const dims = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, `chrome-extension://${extensionId}/${path}`);
    assert.deepEqual(dims, [Number(size), Number(size)], `${path} is a ${size}×${size} image`);
  }
  assert.deepEqual(manifest.icons, manifest.action.default_icon);
  page.assertNoErrors();
});

test('a click highlights the page exactly as the bookmarklet does', async (t) => {
  const page = await open(t, `${site}extension.html`);
  await clickAction(page);
  await until(() => panelShown(page), 'the panel appears after the click', 10000);
  const fromExtension = await highlighted(page);

  const other = await open(t, `${site}extension.html`);
  await other.addScriptTag({ url: `${distOrigin}dist/whosaid-bookmarklet.js` });
  await until(() => other.evaluate(() => !!(window.__whosaidBookmarklet && window.__whosaidBookmarklet.handle)), 'the bookmarklet ran', 10000);
  const fromBookmarklet = await highlighted(other);

  assert.ok(fromExtension.marks.length >= 8, `the article is marked (${fromExtension.marks.length} marks)`);
  const names = fromExtension.panel.speakers.map((s) => s.name);
  for (const n of ['Petra Lindqvist', 'Jonas Hale', 'Arlen Works']) assert.ok(names.includes(n), `${n} is in the panel: ${names}`);
  assert.deepEqual(fromExtension.marks, fromBookmarklet.marks, 'the same marks: speakers, statements, disputes, text');
  assert.deepEqual(fromExtension.panel, fromBookmarklet.panel, 'the same panel');
  assert.equal(fromExtension.article, fromBookmarklet.article, 'the same article markup');
  page.assertNoErrors();
  other.assertNoErrors();
});

test('a second click removes everything: the page is exactly as before; a third highlights again', async (t) => {
  const page = await open(t, `${site}extension.html`);
  await page.evaluate(SNAPSHOT_SCRIPT);
  await page.evaluate(() => window.__domSnap.take('page'));
  const before = await page.evaluate(() => document.documentElement.outerHTML);
  await clickAction(page);
  await until(() => panelShown(page), 'the first click highlights', 10000);
  assert.notEqual(await page.evaluate(() => document.documentElement.outerHTML), before, 'the page was changed');
  await clickAction(page);
  await until(() => page.evaluate(() => document.querySelectorAll('[data-whosaid]').length === 0), 'the second click removes the marks and the panel');
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before, 'the same markup as before the first click');
  assert.deepEqual(await page.evaluate(() => window.__domSnap.compare('page')), [], 'the very same nodes, with the same contents');
  await clickAction(page);
  await until(() => panelShown(page), 'the third click highlights again', 10000);
  assert.ok(await page.evaluate(() => document.querySelectorAll('article mark[data-whosaid]').length) >= 8);
  page.assertNoErrors();
});

test('on a page whose CSP blocks WebAssembly the click highlights with the JavaScript build, where the bookmarklet can only say why', async (t) => {
  const allow = [/Content.Security.Policy/i, /WebAssembly/];
  const notice = (p) => p.evaluate(() => {
    const host = document.querySelector('[data-whosaid="notice"]');
    const alert = host && host.shadowRoot && host.shadowRoot.querySelector('[role=alert]');
    return alert ? alert.textContent : null;
  });
  const marked = (p) => p.evaluate(() => Array.from(document.querySelectorAll('article mark[data-whosaid].whosaid-statement'), (m) => m.textContent));
  const page = await open(t, `${strict}csp.html`, allow);
  await page.evaluate(SNAPSHOT_SCRIPT);
  await page.evaluate(() => window.__domSnap.take('page'));
  const before = await page.evaluate(() => document.documentElement.outerHTML);
  await clickAction(page);
  await until(() => panelShown(page), 'the click highlights the strict-CSP page', 20000);
  const statements = await marked(page);
  assert.ok(statements.some((m) => m.includes('Commuters told us the first boat was too late')), `the quotation is marked: ${statements}`);
  assert.equal(await notice(page), null, 'no notice');

  // The same page without that policy, through the WebAssembly build: the same marks.
  const open2 = await open(t, `${site}csp.html`, allow);
  await clickAction(open2);
  await until(() => panelShown(open2), 'the click highlights the page without the policy', 10000);
  assert.deepEqual(await marked(open2), statements, 'the JavaScript build marks what the WebAssembly build marks');

  // A second click takes everything out, exactly.
  await clickAction(page);
  await until(async () => (await page.evaluate(() => document.querySelectorAll('mark[data-whosaid], #whosaid-panel').length)) === 0, 'the second click removes the highlights', 10000);
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before, 'the same markup as before the first click');
  assert.deepEqual(await page.evaluate(() => window.__domSnap.compare('page')), [], 'the very same nodes');

  // The bookmarklet cannot bring code onto such a page: it says so, and points to the extension.
  const other = await open(t, `${strict}csp.html`, allow);
  await other.addScriptTag({ url: `${strict}dist/whosaid-bookmarklet.js` }); // same origin: allowed by script-src 'self'
  const fromBookmarklet = await until(() => notice(other), 'the bookmarklet shows its notice', 10000);
  assert.match(fromBookmarklet, /Content-Security-Policy/);
  assert.match(fromBookmarklet, /wasm-unsafe-eval/);
  assert.match(fromBookmarklet, /extension/);
  assert.equal(await other.evaluate(() => document.querySelectorAll('mark, #whosaid-panel').length), 0, 'no mark and no panel');
  page.assertNoErrors();
  open2.assertNoErrors();
  other.assertNoErrors();
});

test('where the browser forbids extensions the button shows “!” and the reason, for that tab only', async (t) => {
  // (Without the "tabs" permission the service worker sees tab ids but not their URLs.)
  const badges = () => worker.evaluate(async () => Promise.all((await chrome.tabs.query({})).map(async (tab) => ({
    badge: await chrome.action.getBadgeText({ tabId: tab.id }),
    title: await chrome.action.getTitle({ tabId: tab.id }),
  }))));
  const page = await open(t, 'chrome://version/');
  assert.deepEqual((await badges()).filter((b) => b.badge !== ''), [], 'no badge before the click');
  await clickAction(page);
  const marked = await until(async () => {
    const list = (await badges()).filter((b) => b.badge !== '');
    return list.length ? list : null;
  }, 'a badge appears after the click');
  assert.equal(marked.length, 1, 'one tab has a badge');
  assert.equal(marked[0].badge, '!');
  assert.match(marked[0].title, /^whosaid cannot run on this page: .*chrome:\/\//);
  assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), '', 'the button has no badge elsewhere');
});

// Last: it reloads the extension (restarting its service worker).
test('Chromium reports no manifest error; its one warning is for `background.scripts`, the key Firefox runs', async (t) => {
  const page = await open(t, 'chrome://extensions/');
  // With developer mode on, a reload collects the manifest's warnings as chrome://extensions shows them.
  await page.evaluate(() => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }));
  const restarted = context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(`chrome-extension://${extensionId}/`), timeout: 10000 });
  await page.evaluate((id) => chrome.developerPrivate.reload(id, { failQuietly: false }), extensionId);
  await restarted;
  const info = await page.evaluate(async (id) => {
    const ext = await chrome.developerPrivate.getExtensionInfo(id);
    return { installWarnings: ext.installWarnings, manifest: ext.manifestErrors.map((e) => [e.manifestKey, e.message]), runtime: ext.runtimeErrors.length };
  }, extensionId);
  assert.deepEqual(info, {
    installWarnings: [],
    manifest: [['background.scripts', "'background.scripts' requires manifest version of 2 or lower."]],
    runtime: 0,
  });
  page.assertNoErrors();
});
