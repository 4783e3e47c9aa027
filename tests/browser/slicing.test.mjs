// highlight() on a long article works in slices that yield to the page (js/core.js drives
// Reading.step, then Highlight.step, in src/dom/mod.rs: the page is read, then marked) and,
// where the page allows it, finds and analyses the article in a worker. These tests check
// what a reader or a publisher would notice: the page runs between the slices of reading, and
// a change it makes meanwhile is respected; the marks near the
// viewport come first; remove() while slices are pending leaves the page exactly as it was
// (the same nodes) and nothing is marked after it; a layer hidden while pending stays hidden
// on the marks made later; and the page ends up exactly as one synchronous run leaves it,
// with the worker or without (a Content-Security-Policy that refuses workers). No timing is
// asserted: `slice: 0` makes every slice as small as it can be, so that work is pending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser, distDir, repoRoot, installSnapshot } from './harness.mjs';

const b = useBrowser();

// A long news page from the project's own fixture articles (about 20,000 words, so that the
// article is analysed in a worker and marked in many slices), each paragraph with a link.
const pagesDir = mkdtempSync(join(tmpdir(), 'whosaid-slicing-'));
{
  const dir = join(repoRoot, 'tests', 'articles');
  const articles = readdirSync(dir).sort().map((d) => join(dir, d, 'article.txt')).filter((f) => existsSync(f))
    .map((f) => readFileSync(f, 'utf8').trim());
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const paragraphs = [];
  let words = 0;
  for (let i = 0; words < 20000; i += 1) {
    for (const p of articles[i % articles.length].split(/\n\s*\n/)) {
      const w = p.trim().split(/\s+/);
      words += w.length;
      paragraphs.push(w.length >= 6
        ? `<p>${esc(w.slice(0, 2).join(' '))} <a href="/t/${i}">${esc(w[2])}</a> ${esc(w.slice(3).join(' '))}</p>`
        : `<p>${esc(p.trim())}</p>`);
    }
  }
  writeFileSync(join(pagesDir, 'long.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>The Long Courier</title><link rel="icon" href="data:,">
<style>body{font:17px/1.5 Georgia,serif;margin:0 auto;max-width:42rem;padding:1rem}</style></head>
<body><main><article><h1>The Long Courier</h1>
${paragraphs.join('\n')}
</article></main></body></html>
`);
}

let base = null;
let strict = null;
const getBase = async () => (base ||= await b.serve({ dirs: { '/dist/': distDir, '/': pagesDir } }));
// The same page under a policy that refuses workers (and allows WebAssembly).
const getStrict = async () => (strict ||= await b.serve({
  dirs: { '/dist/': distDir, '/': pagesDir },
  headers: { 'content-security-policy': "worker-src 'none'" },
}));

const allowCsp = [/worker-src|Content Security Policy/i];

/** Opens the long page, scrolled to `at` (0: top, 0.5: the middle) of the document. */
async function open(t, at = 0, url = null) {
  const page = await b.open(t, `${url || await getBase()}long.html`, { allowConsole: allowCsp });
  await installSnapshot(page);
  await page.evaluate(async (at) => {
    window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * at);
    window.whosaidModule = await import('/dist/whosaid.mjs');
  }, at);
  return page;
}

/** The article and the head as they are now (node types, names, attributes, text). */
const serialize = (page) => page.evaluate(() => [
  ...window.__domSnap.serialize('head'),
  ...window.__domSnap.serialize('article'),
]);

test('the marks near the viewport come first: after the first slice they are in, far-away statements are not yet', async (t) => {
  const page = await open(t, 0.5);
  const r = await page.evaluate(async () => {
    const marks = () => Array.from(document.querySelectorAll('mark[data-whosaid][data-statement]'));
    let first = null;
    const h = await window.whosaidModule.highlight({
      root: 'article',
      slice: 0,
      onStart() {
        const ps = Array.from(document.querySelectorAll('article p'));
        const onScreen = ps.filter((p) => {
          const r = p.getBoundingClientRect();
          return r.bottom > 0 && r.top < innerHeight;
        });
        const tenth = Math.floor(ps.length / 10);
        first = {
          marks: marks().length,
          inViewport: marks().filter((m) => {
            const r = m.getBoundingClientRect();
            return r.bottom > 0 && r.top < innerHeight;
          }).length,
          onScreenParagraphs: onScreen.length,
          // The first and last tenth of the article: many screens away from the middle.
          farAbove: ps.slice(0, tenth).filter((p) => p.querySelector('mark[data-whosaid]')).length,
          farBelow: ps.slice(-tenth).filter((p) => p.querySelector('mark[data-whosaid]')).length,
          statementsAbove: ps.slice(0, tenth).length,
        };
      },
    });
    return { first, done: marks().length, active: h.active };
  });
  assert.ok(r.first, 'onStart was called');
  assert.ok(r.first.onScreenParagraphs > 0, 'the middle of the article is on screen');
  assert.ok(r.first.inViewport > 0, `statements on screen are marked after the first slice (${JSON.stringify(r.first)})`);
  assert.equal(r.first.farAbove, 0, 'nothing in the first tenth of the article is marked yet');
  assert.equal(r.first.farBelow, 0, 'nothing in the last tenth of the article is marked yet');
  assert.ok(r.first.marks < r.done, `more marks came after the first slice (${r.first.marks} then ${r.done})`);
  assert.equal(r.active, true);
  page.assertNoErrors();
});

test('the page ends exactly as one synchronous run leaves it: sliced from the middle, with the worker or without', async (t) => {
  // The reference: everything in one slice, from the top.
  const ref = await open(t, 0);
  await ref.evaluate(() => window.whosaidModule.highlight({ root: 'article', slice: Infinity }));
  const expected = await serialize(ref);
  assert.ok(expected.some((l) => l.includes('data-statement')), 'the reference run marked statements');

  const sliced = await open(t, 0.5);
  const workers = [];
  sliced.on('worker', (w) => workers.push(w.url()));
  await sliced.evaluate(() => window.whosaidModule.highlight({ root: 'article', slice: 0 }));
  assert.ok(workers.length >= 1, 'the long article was analysed in a worker');
  assert.deepEqual(await serialize(sliced), expected, 'the sliced run leaves the same DOM');

  const noWorker = await open(t, 0.5, await getStrict());
  const refused = [];
  noWorker.on('worker', (w) => refused.push(w.url()));
  await noWorker.evaluate(() => window.whosaidModule.highlight({ root: 'article', slice: 0 }));
  assert.equal(refused.length, 0, 'no worker ran where the policy refuses them');
  assert.deepEqual(await serialize(noWorker), expected, 'analysed on the page instead, the same DOM');
  const reports = await Promise.all([ref, sliced, noWorker].map((p) => p.evaluate(async () => {
    const h = await window.whosaidModule.highlight({ root: 'article' }); // the handle already there
    return JSON.stringify(h.report);
  })));
  assert.equal(reports[1], reports[0], 'the worker gives the same report');
  assert.equal(reports[2], reports[0], 'the page gives the same report');
  for (const p of [ref, sliced, noWorker]) p.assertNoErrors();
});

test('the page is read in slices too: the page runs between them, and a change it makes meanwhile is respected', async (t) => {
  // An article too short for the worker (150 paragraphs, about 40 KB of text), so that it is
  // read and analysed on the page: the page's own tasks that run before the first marks ran
  // between the slices of reading.
  const page = await open(t, 0);
  const r = await page.evaluate(async () => {
    const article = document.querySelector('article');
    while (article.children.length > 150) article.lastElementChild.remove();
    await window.whosaidModule.analyze('Ann Lee said so.'); // the wasm loaded before
    const last = article.lastElementChild;
    let ticks = 0;
    let started = false;
    let changed = null;
    // Input-like tasks (user-blocking): whosaid's slices yield to them.
    const post = (f) => (globalThis.scheduler && scheduler.postTask
      ? scheduler.postTask(f, { priority: 'user-blocking' }) : setTimeout(f, 0));
    const tick = () => post(() => {
      if (started || ticks >= 20) return;
      ticks += 1;
      if (ticks === 1) {
        // The page takes out the article's last paragraph while whosaid reads.
        last.remove();
        window.__domSnap.take('changed');
        changed = true;
      }
      tick();
    });
    tick();
    const h = await window.whosaidModule.highlight({ root: 'article', slice: 0, onStart() { started = true; } });
    const marked = document.querySelectorAll('article mark[data-whosaid]').length;
    const inRemoved = last.querySelectorAll('mark').length;
    h.remove();
    return { ticks, changed, marked, inRemoved, diffs: window.__domSnap.compare('changed'), active: h.active };
  });
  assert.ok(r.ticks >= 2, `the page ran between the slices of reading (${r.ticks} of its tasks before the first marks)`);
  assert.equal(r.changed, true);
  assert.ok(r.marked > 0, 'the article was marked');
  assert.equal(r.inRemoved, 0, 'nothing is marked in the paragraph the page took out');
  assert.deepEqual(r.diffs, [], 'remove() leaves the page exactly as the page itself left it');
  assert.equal(r.active, false);
  page.assertNoErrors();
});

test('remove() while slices are pending restores the exact DOM, and the pending slices then do nothing', async (t) => {
  const page = await open(t, 0.5);
  const r = await page.evaluate(async () => {
    window.__domSnap.take('before');
    let during = null;
    let handle = null;
    let finished = false;
    let pendingAtRemove = null;
    const tick = () => (globalThis.scheduler && scheduler.yield ? scheduler.yield() : new Promise((res) => setTimeout(res, 0)));
    const done = window.whosaidModule.highlight({
      root: 'article',
      slice: 0,
      onStart(h) {
        handle = h;
        h.done.then(() => { finished = true; });
        // After a few more slices, while more remain.
        (async () => {
          for (let i = 0; i < 3; i += 1) await tick();
          pendingAtRemove = !finished;
          during = document.querySelectorAll('mark[data-whosaid]').length;
          h.remove();
        })();
      },
    });
    const h = await done;
    // Let any slice that might still come run.
    for (let i = 0; i < 5; i += 1) await new Promise((res) => setTimeout(res, 0));
    return {
      during,
      pendingAtRemove,
      same: h === handle,
      active: h.active,
      left: document.querySelectorAll('mark[data-whosaid], [data-whosaid]').length,
      diffs: window.__domSnap.compare('before'),
    };
  });
  assert.ok(r.during > 0, `marks were on the page when remove() was called (${r.during})`);
  assert.equal(r.pendingAtRemove, true, 'marking was still under way when remove() was called');
  assert.ok(r.same, 'highlight() resolves with the handle onStart had');
  assert.equal(r.active, false);
  assert.equal(r.left, 0, 'no mark, style or panel of whosaid is left');
  assert.deepEqual(r.diffs, [], 'the very same nodes, with the same attributes and text');
  page.assertNoErrors();
});

test('a layer hidden while slices are pending stays hidden on the marks made later', async (t) => {
  const page = await open(t, 0.5);
  const r = await page.evaluate(async () => {
    let atStart = 0;
    await window.whosaidModule.highlight({
      root: 'article',
      slice: 0,
      onStart(h) {
        atStart = document.querySelectorAll('mark[data-whosaid]').length;
        h.setVisible('statements', false);
      },
    });
    const host = document.querySelector('#whosaid-panel[data-whosaid="panel"]');
    const box = host && host.shadowRoot.querySelector('input[name="statements"]');
    return {
      atStart,
      all: document.querySelectorAll('mark[data-whosaid]').length,
      statementMarks: document.querySelectorAll('mark[data-whosaid][data-statement]').length,
      shown: document.querySelectorAll('mark[data-whosaid].whosaid-statement').length,
      mentions: document.querySelectorAll('mark[data-whosaid].whosaid-mention').length,
      checked: box ? box.checked : null,
    };
  });
  assert.ok(r.atStart < r.all, `marks were made after the layer was hidden (${r.atStart} then ${r.all})`);
  assert.ok(r.statementMarks > 0, 'statements are still marked (data-statement)');
  assert.equal(r.shown, 0, 'no statement mark shows the statements layer');
  assert.ok(r.mentions > 0, 'the other layers show');
  assert.equal(r.checked, false, 'the panel’s Statements box is unchecked');
  page.assertNoErrors();
});

test('the panel works while the rest is being marked: Escape then takes everything out', async (t) => {
  const page = await open(t, 0.5);
  const r = await page.evaluate(async () => {
    window.__domSnap.take('before');
    let panel = false;
    const h = await window.whosaidModule.highlight({
      root: 'article',
      slice: 0,
      onStart() {
        panel = !!document.querySelector('#whosaid-panel[data-whosaid="panel"]');
        document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      },
    });
    return { panel, active: h.active, diffs: window.__domSnap.compare('before') };
  });
  assert.ok(r.panel, 'the panel is up after the first slice');
  assert.equal(r.active, false, 'Escape removed the highlight while marking was pending');
  assert.deepEqual(r.diffs, [], 'the very same nodes, with the same attributes and text');
  page.assertNoErrors();
});

test('keys pressed while a long page is being marked are handled between its slices, and remove() from one of them restores the exact DOM', async (t) => {
  // Real key presses (through the browser's input pipeline) all along a highlight() with the
  // worker: each is handled by the page's own listener, which counts the marks in so far. A
  // page marked in one task would handle none of them until every mark is in. The second run
  // calls removeAll() from the first key handled while marking is under way.
  const page = await open(t, 0.5);
  const run = async (removeOnKey) => {
    await page.evaluate((removeOnKey) => {
      window.__domSnap.take('before');
      const marks = document.getElementsByTagName('mark');
      window.__keys = [];
      window.__removedAt = null;
      window.onkeydown = () => {
        const n = marks.length;
        window.__keys.push(n);
        if (removeOnKey && n > 0 && window.__removedAt === null) {
          window.__removedAt = n;
          window.whosaidModule.removeAll();
        }
      };
      window.__result = window.whosaidModule.highlight({ root: 'article', slice: 1 });
    }, removeOnKey);
    // Not page.evaluate() in the loop: a script run by the test is a task like the page's
    // timers, which wait while whosaid's slices yield with scheduler.yield(); input does not.
    let done = false;
    const finished = page.evaluate(() => window.__result.then(() => true)).then(() => { done = true; });
    for (let pressed = 0; !done && pressed < 2000; pressed += 1) await page.keyboard.press('Shift');
    await finished;
    return page.evaluate(async () => {
      const h = await window.__result;
      const marks = document.querySelectorAll('mark[data-whosaid]').length;
      const keys = window.__keys;
      let during = 0;
      for (const n of keys) if (n > 0 && n < marks) during += 1;
      if (h.active) h.remove();
      for (let i = 0; i < 5; i += 1) await new Promise((res) => setTimeout(res, 0));
      return {
        marks, keys: keys.length, during, removedAt: window.__removedAt, active: h.active,
        left: document.querySelectorAll('mark[data-whosaid], [data-whosaid]').length,
        diffs: window.__domSnap.compare('before'),
      };
    });
  };
  const whole = await run(false);
  assert.ok(whole.marks > 1000, `a long page: ${whole.marks} marks`);
  assert.ok(whole.during >= 3, `keys handled while marking was under way: ${whole.during} of ${whole.keys}`);
  assert.deepEqual(whole.diffs, [], 'remove() after it restores the exact DOM');
  const cut = await run(true);
  assert.ok(cut.removedAt > 0, `removed from a key handled with ${cut.removedAt} marks in`);
  assert.equal(cut.active, false);
  assert.equal(cut.left, 0, 'no mark, style or panel of whosaid is left');
  assert.deepEqual(cut.diffs, [], 'the very same nodes, with the same attributes and text');
  page.assertNoErrors();
});
