// Pages whose Content-Security-Policy refuses WebAssembly (`script-src 'self'`): the module and
// the embed script run the same module compiled to JavaScript (dist/whosaid-fallback.mjs), and
// the reader gets what the WebAssembly build gives on the same page without that policy — the
// same report, the same marks — and `remove()` restores the page exactly. A page that allows
// WebAssembly never fetches the JavaScript build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser, distDir, fixturesDir } from './harness.mjs';

// The module page (fixtures/module.html) without inline script, which `script-src 'self'`
// refuses: its module script as a file, and the same article with the embed script instead.
const pages = mkdtempSync(join(tmpdir(), 'whosaid-strict-'));
const modulePage = readFileSync(join(fixturesDir, 'module.html'), 'utf8');
const inline = /<script type="module">[\s\S]*?<\/script>/;
assert.match(modulePage, inline, 'fixtures/module.html loads whosaid in an inline module script');
writeFileSync(join(pages, 'strict-module.js'), "import * as whosaid from '/dist/whosaid.mjs';\nwindow.whosaidModule = whosaid;\n");
writeFileSync(join(pages, 'strict-module.html'), modulePage.replace(inline, '<script type="module" src="/strict-module.js"></script>'));
writeFileSync(join(pages, 'strict-embed.html'), modulePage.replace(inline, '<script src="/dist/whosaid-embed.js" data-root="article" defer></script>'));

const b = useBrowser();
// The fixture's own inline script (inside the article, to be skipped) is refused under this CSP:
// the page's console says so, which is not whosaid's doing.
const STRICT = { 'Content-Security-Policy': "script-src 'self'" };
const ALLOWED = { 'Content-Security-Policy': "script-src 'self' 'wasm-unsafe-eval'" };
const dirs = { '/dist/': distDir, '/': pages };
const servers = {};
const base = async (name, headers) => (servers[name] ||= await b.serve({ dirs, headers }));

/** Runs highlight() through the module on `strict-module.html`: report, marks, restore. */
async function runModule(t, headers, name) {
  const requests = [];
  const page = await b.open(t, null, { allowConsole: [/wasm-unsafe-eval/, /WebAssembly/, /Executing inline script violates/] });
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${await base(name, headers)}strict-module.html`);
  await page.waitForFunction(() => window.whosaidModule && typeof window.whosaidModule.highlight === 'function');
  const r = await page.evaluate(async () => {
    const before = document.body.innerHTML;
    const nodes = [];
    const walk = document.createTreeWalker(document.body);
    for (let n = walk.currentNode; n; n = walk.nextNode()) nodes.push(n);
    const h = await window.whosaidModule.highlight({ root: 'article' });
    const marks = Array.from(document.querySelectorAll('mark[data-whosaid]'), (m) => `${m.className}|${m.textContent}`);
    const engine = window.whosaidModule.engine();
    const report = JSON.stringify(h.report);
    h.remove();
    const after = [];
    const walk2 = document.createTreeWalker(document.body);
    for (let n = walk2.currentNode; n; n = walk2.nextNode()) after.push(n);
    const sameNodes = after.length === nodes.length && after.every((n, i) => n === nodes[i]);
    return { engine, report, marks, restored: document.body.innerHTML === before, sameNodes };
  });
  page.assertNoErrors();
  return { ...r, requests };
}

test('module: where the CSP refuses WebAssembly, the JavaScript build gives the same report and marks', async (t) => {
  const js = await runModule(t, STRICT, 'strict');
  const wasm = await runModule(t, ALLOWED, 'allowed');
  assert.equal(js.engine, 'js');
  assert.equal(wasm.engine, 'wasm');
  assert.ok(js.requests.includes('/dist/whosaid-fallback.mjs'), `the JavaScript build was fetched: ${js.requests}`);
  assert.ok(!wasm.requests.includes('/dist/whosaid-fallback.mjs'), 'a page that allows WebAssembly does not fetch the JavaScript build');
  assert.equal(js.report, wasm.report, 'the same report, byte for byte');
  assert.ok(js.marks.length > 5, `marks were made: ${js.marks.length}`);
  assert.deepEqual(js.marks, wasm.marks, 'the same marks, with the same text and classes');
  assert.ok(js.restored && js.sameNodes, 'remove() puts back the very same nodes');
});

test('embed: where the CSP refuses WebAssembly, the embed script highlights with the JavaScript build', async (t) => {
  const page = await b.open(t, null, { allowConsole: [/wasm-unsafe-eval/, /WebAssembly/, /Executing inline script violates/] });
  await page.goto(`${await base('strict', STRICT)}strict-embed.html`);
  const r = await page.evaluate(async () => {
    const h = await window.whosaid.ready;
    return {
      engine: window.whosaid.engine(),
      speakers: h ? h.report.speakers.map((s) => s.name) : null,
      statements: document.querySelectorAll('mark[data-whosaid].whosaid-statement').length,
      panel: !!document.querySelector('#whosaid-panel'),
    };
  });
  assert.equal(r.engine, 'js');
  assert.ok(r.speakers && r.speakers.includes('Harriet Quist') && r.speakers.includes('Victor Lund'), `speakers: ${r.speakers}`);
  assert.ok(r.statements > 0, 'statements are marked');
  assert.ok(r.panel, 'the panel is shown');
  page.assertNoErrors();
});
