// Memory on a page that highlights again and again: the wasm's allocator (src/heap.rs) never
// hands memory back and serves each block size from its own freed blocks only, so a run must
// reuse what the runs before it freed. 50 runs of highlight() and remove() on a long article end
// with the WebAssembly memory no larger than after 10 (within one 64 KB page). (It grew by
// about 13 KB a run while the listeners, which held the whole highlight and its report, were
// let go of only in a later task and the handle's wasm state only when collected: the runs here
// never yield to a task. remove() now lets go of it at once.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, distDir, fixturesDir } from './harness.mjs';

const b = useBrowser();

// Keeps the module's memory where the test can read it.
const CATCH_MEMORY = `(() => {
  const keep = (r) => { window.__wasmMemory = (r.instance || r).exports.memory; return r; };
  const inst = WebAssembly.instantiate, streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiate = (...a) => inst.apply(WebAssembly, a).then(keep);
  if (streaming) WebAssembly.instantiateStreaming = (...a) => streaming.apply(WebAssembly, a).then(keep);
})();`;

test('50 runs of highlight() and remove() take no more memory than 10 runs', async (t) => {
  const base = await b.serve({ dirs: { '/dist/': distDir, '/': fixturesDir } });
  const page = await b.open(t, `${base}module.html`, { init: CATCH_MEMORY });
  await page.waitForFunction(() => window.whosaidModule && typeof window.whosaidModule.highlight === 'function');
  const r = await page.evaluate(async () => {
    // A long article: the fixture's paragraphs 20 times over.
    const article = document.querySelector('article');
    const paragraphs = [...article.querySelectorAll('p')];
    for (let i = 0; i < 20; i++) for (const p of paragraphs) article.append(p.cloneNode(true));
    const sizes = [];
    let statements = 0;
    for (let run = 1; run <= 50; run++) {
      const h = await window.whosaidModule.highlight({ root: 'article' });
      statements = h.report.statements.length;
      h.remove();
      sizes[run] = window.__wasmMemory.buffer.byteLength;
    }
    return { first: sizes[1], tenth: sizes[10], last: sizes[50], statements, marks: document.querySelectorAll('mark[data-whosaid]').length };
  });
  t.diagnostic(`wasm memory after 1 run: ${r.first} B, after 10: ${r.tenth} B, after 50: ${r.last} B (${r.statements} statements a run)`);
  assert.ok(r.statements > 20, `each run finds the statements of the long article (${r.statements})`);
  assert.equal(r.marks, 0, 'remove() leaves no mark');
  assert.ok(r.last <= r.tenth + 65536, `the memory after 50 runs (${r.last} B) is at most one 64 KB page more than after 10 (${r.tenth} B)`);
  page.assertNoErrors();
});
