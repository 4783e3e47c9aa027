// Privacy: during a run of each way in (the ES module, the embed script, the bookmarklet), the
// browser records every request, worker, service worker and web socket, every console message,
// and afterwards the page's storage. whosaid fetches nothing but its own files, and no text of
// the page (a word planted in it, "Zanthroplex") appears in any URL, header, request body,
// cookie, localStorage, sessionStorage, IndexedDB, Cache Storage or console message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, distDir, fixturesDir, until } from './harness.mjs';

const b = useBrowser();
const MARKER = /zanthroplex/i;
let base = null;
const getBase = async () => (base ||= await b.serve({ dirs: { '/dist/': distDir, '/': fixturesDir } }));

/** The three ways in; each highlights the page's article. */
const WAYS = {
  async module(page) {
    await page.evaluate(async () => {
      const w = await import('/dist/whosaid.mjs');
      window.__handle = await w.highlight();
      await w.analyze(document.querySelector('article').textContent);
    });
  },
  async embed(page) {
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.src = '/dist/whosaid-embed.js';
      document.head.append(s);
    });
    await until(() => page.evaluate(async () => !!(window.whosaid && await window.whosaid.ready)), 'the embed ran');
    await page.evaluate(async () => { window.__handle = await window.whosaid.ready; });
  },
  async bookmarklet(page) {
    const href = readFileSync(join(distDir, 'bookmarklet.txt'), 'utf8').trim();
    await page.evaluate(decodeURIComponent(href.slice('javascript:'.length)));
    await until(() => page.evaluate(() => !!(window.__whosaidBookmarklet && window.__whosaidBookmarklet.handle)), 'the bookmarklet ran');
    await page.evaluate(() => { window.__handle = window.__whosaidBookmarklet.handle; });
  },
};

/** The widget's own files, by path; nothing else may be fetched. */
const OWN = { module: ['/dist/whosaid.mjs', '/dist/whosaid_bg.wasm.lzma'], embed: ['/dist/whosaid-embed.js', '/dist/whosaid_bg.wasm.lzma'], bookmarklet: [] };

for (const way of Object.keys(WAYS)) {
  test(`${way}: no request beyond whosaid's own files, and the page's text goes nowhere`, async (t) => {
    const url = `${await getBase()}privacy.html`;
    const page = await b.open(t, null);
    const context = page.context();
    const requests = [];
    const others = [];
    const consoleTexts = [];
    context.on('request', (r) => requests.push(r));
    context.on('serviceworker', (w) => others.push(`service worker ${w.url()}`));
    page.on('worker', (w) => others.push(`worker ${w.url()}`));
    page.on('websocket', (w) => others.push(`websocket ${w.url()}`));
    page.on('console', (m) => consoleTexts.push(`${m.type()}: ${m.text()}`));
    await page.goto(url);
    const loaded = requests.length;

    await WAYS[way](page);
    // Use it as a reader would: hover a statement, jump to a speaker, hide a layer, remove.
    await page.evaluate(() => document.querySelector('mark.whosaid-statement').dispatchEvent(new MouseEvent('mouseover', { bubbles: true })));
    await page.evaluate(() => {
      const shadow = document.querySelector('#whosaid-panel').shadowRoot;
      shadow.querySelector('button.speaker').click();
      shadow.querySelector('input[name=hedges]').click();
    });
    const marked = await page.evaluate(() => document.querySelectorAll('mark[data-whosaid]').length);
    assert.ok(marked > 0, 'the article was highlighted');
    const speakers = await page.evaluate(() => window.__handle.report.speakers.map((s) => s.name));
    assert.ok(speakers.some((n) => MARKER.test(n)), `the planted name is a speaker (so it went through whosaid): ${speakers}`);
    await page.evaluate(() => window.__handle.remove());
    await new Promise((r) => setTimeout(r, 500)); // room for a late beacon or timer

    // Requests: the page's own load, then only whosaid's files from the page's origin.
    const origin = new URL(url).origin;
    const during = requests.slice(loaded).map((r) => r.url());
    const foreign = during.filter((u) => !(u.startsWith(origin) && OWN[way].includes(new URL(u).pathname)));
    assert.deepEqual(foreign, [], `whosaid fetched only its own files (${OWN[way].join(', ') || 'nothing'})`);
    for (const own of OWN[way]) assert.ok(during.some((u) => new URL(u).pathname === own), `${own} was fetched (and seen: the recording works)`);
    assert.deepEqual(others, [], 'no worker, service worker or web socket');
    for (const r of requests) {
      const headers = await r.allHeaders();
      const body = r.postData() || '';
      const all = `${r.method()} ${r.url()}\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n${body}`;
      assert.doesNotMatch(all, MARKER, `the page's text is not in a request:\n${all}`);
    }
    // Storage and the console.
    const stored = await page.evaluate(async () => {
      const dump = (s) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i))}`);
      return {
        local: dump(localStorage),
        session: dump(sessionStorage),
        cookie: document.cookie,
        idb: (await indexedDB.databases()).map((d) => d.name),
        caches: await caches.keys(),
        serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
      };
    });
    assert.deepEqual(stored.local, [], 'nothing in localStorage');
    assert.deepEqual(stored.session, [], 'nothing in sessionStorage');
    assert.equal(stored.cookie, '', 'no cookie');
    assert.deepEqual(await context.cookies(), [], 'no cookie in the browser context');
    assert.deepEqual(stored.idb, [], 'no IndexedDB database');
    assert.deepEqual(stored.caches, [], 'no Cache Storage');
    assert.equal(stored.serviceWorkers, 0, 'no service worker registered');
    for (const m of consoleTexts) assert.doesNotMatch(m, MARKER, `the page's text is not in the console: ${m}`);
    page.assertNoErrors();
  });
}
