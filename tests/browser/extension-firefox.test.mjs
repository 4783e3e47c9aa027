// The browser extension (dist/extension/, the same build as for Chromium) in Firefox ESR, driven
// over WebDriver BiDi (Playwright drives only its own patched Firefox). The toolbar button is
// clicked for real: in the browser window's privileged scope (allowed by
// --remote-allow-system-access) the script calls the action's triggerAction(window), what
// Firefox itself calls for the button and its keyboard shortcut; it dispatches
// action.onClicked and grants activeTab. Firefox installs the folder as a temporary add-on.
//
// Skipped, with a line saying so, where firefox-esr is not installed
// (`sh scripts/setup.sh --browser` installs it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { distDir, fixturesDir, SNAPSHOT_SCRIPT } from './harness.mjs';

const FIREFOX = '/usr/bin/firefox-esr';
const skip = existsSync(FIREFOX) ? false : `${FIREFOX} is not installed (sh scripts/setup.sh --browser installs it)`;
if (skip) console.log(`SKIP tests/browser/extension-firefox.test.mjs: ${skip}`);

const extensionDir = join(distDir, 'extension');
const manifest = existsSync(join(extensionDir, 'manifest.json'))
  ? JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'))
  : null;

let firefox = null;
let profile = null;
let bidi = null;
let tab = null; // the one tab's browsing context
let chromeWindow = null; // the browser window's (privileged) context
let extensionId = null;
const servers = [];
let site = null;
let strict = null;
const logged = []; // console errors and uncaught errors in the tab

/** A free port on 127.0.0.1 for Firefox's remote agent. */
function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A minimal WebDriver BiDi client: send(method, params) resolves to the result or throws. */
async function connect(url) {
  // Node 22 has WebSocket built in; Node 20 has it only behind a flag, so use Playwright's copy of ws.
  const WS = globalThis.WebSocket || (await import('playwright-core/lib/utilsBundle')).default.ws;
  const ws = new WS(url);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = (e) => reject(new Error(`BiDi: ${e.message || 'cannot connect'}`)); });
  let next = 1;
  const waiting = new Map();
  const listeners = [];
  ws.onmessage = (ev) => {
    const m = JSON.parse(typeof ev.data === 'string' ? ev.data : ev.data.toString());
    if (m.id !== undefined && waiting.has(m.id)) {
      waiting.get(m.id)(m);
      waiting.delete(m.id);
    } else if (m.type === 'event') {
      for (const f of listeners) f(m);
    }
  };
  return {
    async send(method, params = {}) {
      const id = next++;
      const m = await new Promise((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      });
      if (m.type === 'error') throw new Error(`${method}: ${m.error}: ${m.message}`);
      return m.result;
    },
    onEvent(f) { listeners.push(f); },
    close() { ws.close(); },
  };
}

before(async () => {
  if (skip) return;
  assert.ok(manifest, 'dist/extension is missing: build first (node scripts/build.mjs)');
  const urls = [];
  for (const opts of [
    { dirs: { '/dist/': distDir, '/': fixturesDir } },
    { dirs: { '/dist/': distDir, '/': fixturesDir }, headers: { 'Content-Security-Policy': "script-src 'self'" } },
  ]) {
    const { server, url } = await serve({ port: 0, ...opts });
    servers.push(server);
    urls.push(url);
  }
  [site, strict] = urls;
  const port = await freePort();
  profile = mkdtempSync(join(tmpdir(), 'whosaid-firefox-'));
  firefox = spawn(FIREFOX, [
    '--headless', '--no-remote', '--profile', profile,
    '--remote-debugging-port', String(port), '--remote-allow-system-access',
  ], { stdio: ['ignore', 'pipe', 'pipe'], detached: true }); // its own process group, ended as one
  let output = '';
  const listening = new Promise((resolve, reject) => {
    const look = (d) => { output += d; if (/WebDriver BiDi listening/.test(output)) resolve(); };
    firefox.stdout.on('data', look);
    firefox.stderr.on('data', look);
    firefox.once('exit', (code) => reject(new Error(`firefox exited (${code}):\n${output.slice(-2000)}`)));
    setTimeout(() => reject(new Error(`firefox did not start its remote agent:\n${output.slice(-2000)}`)), 30000).unref();
  });
  await listening;
  bidi = await connect(`ws://127.0.0.1:${port}/session`);
  await bidi.send('session.new', { capabilities: {} });
  ({ extension: extensionId } = await bidi.send('webExtension.install', { extensionData: { type: 'path', path: extensionDir } }));
  [{ context: tab }] = (await bidi.send('browsingContext.getTree', {})).contexts;
  [{ context: chromeWindow }] = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).contexts;
  await bidi.send('session.subscribe', { events: ['log.entryAdded'] });
  bidi.onEvent((m) => {
    if (m.method === 'log.entryAdded' && m.params.level === 'error') logged.push(m.params.text);
  });
});

after(async () => {
  if (bidi) bidi.close();
  if (firefox) {
    // Firefox's content processes hold its output pipes open: end the whole group it started.
    const exited = new Promise((r) => firefox.once('exit', r));
    try { process.kill(-firefox.pid, 'SIGTERM'); } catch { firefox.kill(); }
    await exited;
    firefox.stdout.destroy();
    firefox.stderr.destroy();
  }
  if (profile) rmSync(profile, { recursive: true, force: true });
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** Evaluates an expression (awaited) in the tab's page and returns its value (JSON-able). */
async function page(expression) {
  const r = await bidi.send('script.evaluate', {
    expression: `(async () => JSON.stringify(await (${expression})))()`,
    target: { context: tab },
    awaitPromise: true,
  });
  if (r.type === 'exception') throw new Error(`in the page: ${r.exceptionDetails.text}`);
  return r.result.value === undefined ? undefined : JSON.parse(r.result.value);
}

async function until(expression, what, timeout = 15000) {
  const start = Date.now();
  for (;;) {
    const v = await page(expression);
    if (v) return v;
    if (Date.now() - start > timeout) assert.fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens `url` in the tab; errors logged from then on are the page's. */
async function open(url) {
  await bidi.send('browsingContext.navigate', { context: tab, url, wait: 'complete' });
  logged.length = 0;
}

/** Clicks the extension's toolbar button (for the window's selected tab, the one tab). */
async function clickAction() {
  const r = await bidi.send('script.evaluate', {
    expression: `(() => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(extensionId)});
      ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
    })()`,
    target: { context: chromeWindow },
    awaitPromise: false,
  });
  if (r.type === 'exception') throw new Error(`clicking the button: ${r.exceptionDetails.text}`);
}

const PANEL_SHOWN = `!!document.querySelector('#whosaid-panel')?.shadowRoot?.querySelector('section.panel')`;
const HIGHLIGHTED = `({
  article: document.querySelector('article').outerHTML,
  speakers: Array.from(document.querySelector('#whosaid-panel').shadowRoot.querySelectorAll('button.speaker[data-speaker] .name'), (e) => e.textContent),
})`;
const NOTICE = `document.querySelector('[data-whosaid="notice"]')?.shadowRoot?.querySelector('[role=alert]')?.textContent ?? null`;

test('Firefox installs the extension as built: the id is the manifest’s gecko id', { skip }, () => {
  assert.equal(extensionId, manifest.browser_specific_settings.gecko.id);
});

test('in Firefox, a click highlights the page exactly as the bookmarklet does', { skip }, async () => {
  await open(`${site}extension.html`);
  await page(`new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/dist/whosaid-bookmarklet.js';
    s.onload = resolve;
    s.onerror = reject;
    document.head.append(s);
  })`);
  await until(PANEL_SHOWN, 'the bookmarklet shows its panel');
  const fromBookmarklet = await page(HIGHLIGHTED);

  await open(`${site}extension.html`);
  await clickAction();
  await until(PANEL_SHOWN, 'the panel appears after the click');
  const fromExtension = await page(HIGHLIGHTED);
  assert.ok(await page(`document.querySelectorAll('article mark[data-whosaid]').length`) >= 8, 'the article is marked');
  for (const n of ['Petra Lindqvist', 'Jonas Hale', 'Arlen Works']) assert.ok(fromExtension.speakers.includes(n), `${n} is in the panel: ${fromExtension.speakers}`);
  assert.deepEqual(fromExtension, fromBookmarklet, 'the same article markup and the same speakers in the panel');
  assert.deepEqual(logged, [], 'no error logged');
});

test('in Firefox, a second click restores the page exactly; a third highlights again', { skip }, async () => {
  await open(`${site}extension.html`);
  await page(SNAPSHOT_SCRIPT.trim().replace(/;$/, ''));
  await page(`window.__domSnap.take('page')`);
  const before = await page('document.documentElement.outerHTML');
  await clickAction();
  await until(PANEL_SHOWN, 'the first click highlights');
  await clickAction();
  await until(`document.querySelectorAll('[data-whosaid]').length === 0`, 'the second click removes the marks and the panel');
  assert.equal(await page('document.documentElement.outerHTML'), before, 'the same markup as before the first click');
  assert.deepEqual(await page(`window.__domSnap.compare('page')`), [], 'the very same nodes, with the same contents');
  await clickAction();
  await until(PANEL_SHOWN, 'the third click highlights again');
  assert.deepEqual(logged, [], 'no error logged');
});

test('in Firefox the page’s CSP does not bind the extension: a strict-CSP page is highlighted (the bookmarklet gets the notice there)', { skip }, async () => {
  await open(`${strict}csp.html`);
  await clickAction();
  await until(PANEL_SHOWN, 'the click highlights the strict-CSP page');
  assert.ok(await page(`document.querySelectorAll('article mark[data-whosaid]').length`) > 0, 'the article is marked');
  assert.equal(await page(NOTICE), null, 'no notice');

  await open(`${strict}csp.html`);
  await page(`new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/dist/whosaid-bookmarklet.js';
    s.onload = resolve;
    s.onerror = reject;
    document.head.append(s);
  })`);
  const notice = await until(NOTICE, 'the bookmarklet shows its notice');
  assert.match(notice, /wasm-unsafe-eval/);
});
