// The browser bench (`npm run bench:browser`; the npm script builds dist/ first). In one run of
// headless Chromium it builds news-like pages (paragraphs with links and <em> inside them) from
// the project's own fixture articles (tests/articles/*/article.txt) at ~1,500, ~20,000 and
// ~100,000 words, serves them on 127.0.0.1, and times on each page:
//   floor A      a bare TreeWalker pass over the article's text nodes;
//   floor B      a minimal plain-JS loop wrapping the report's statement spans in <mark> (the
//                spans are computed once, with whosaid's analyze(); only the wrapping is timed);
//   compromise   npm `compromise`: nlp(text).people() and .quotations() on the same text;
//   analyse      whosaid's analyze(text) (the text highlight() reads from the page);
//   mark         highlight() minus analyse: reading the page, marking, the panel;
//   end to end   whosaid's highlight() with its panel, wasm already loaded (remove() between),
//                until every mark is in (it marks in slices that yield to the page);
//   first marks  from the call until the part of the article near the viewport is marked
//                and the panel is up (highlight()'s onStart);
//   longest task the longest main-thread task during each timed highlight(), from a
//                `longtask` PerformanceObserver started in a task of its own before the
//                repetitions (tasks under 50 ms are not reported: "< 50 ms");
// and, once, the wasm's instantiation: cold (a fresh browser context: nothing cached) and cached
// (a second page load in the same context: HTTP cache and V8's code cache).
// Medians of the repetitions, after warm-up; prints a markdown table and writes
// bench/results.json.
//   --quick        the ~1,500-word page only, 2 repetitions (the test suite's smoke run)
//   --out FILE     where to write the JSON (default bench/results.json)
//   --reps N       repetitions per page (default 10; on the 100,000-word page compromise and
//                  highlight() run 5 times, after one warm-up round)
//   --big          also the 10 MB page (about 1.6 million words): one highlight() after one
//                  warm-up, its time to done, longest task and peak JS heap
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const quick = flag('--quick');
const big = flag('--big') && !quick;
const out = option('--out', join(root, 'bench', 'results.json'));
const reps = Number(option('--reps', quick ? 2 : 10));
const warmup = quick ? 1 : 2;
const instantiations = quick ? 1 : 10;

for (const f of ['whosaid.mjs', 'whosaid_bg.wasm.lzma']) {
  if (!existsSync(join(root, 'dist', f))) throw new Error(`dist/${f} is missing: run node scripts/build.mjs first`);
}
const compromiseDir = join(root, 'node_modules', 'compromise', 'builds', 'three');
if (!existsSync(join(compromiseDir, 'compromise-three.mjs'))) {
  throw new Error('node_modules/compromise is missing: run npm ci (or sh scripts/setup.sh)');
}
const compromiseVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'compromise', 'package.json'), 'utf8')).version;

// ---- Pages from the fixture articles ------------------------------------------------------

const articlesDir = join(root, 'tests', 'articles');
const articles = readdirSync(articlesDir).sort()
  .map((d) => join(articlesDir, d, 'article.txt'))
  .filter((f) => existsSync(f))
  .map((f) => readFileSync(f, 'utf8').trim());
const countWords = (s) => s.split(/\s+/).filter(Boolean).length;

/** Whole fixture articles, in order and round again, until the text has at least `n` words. */
function articlesUpTo(n) {
  const picked = [];
  let words = 0;
  for (let i = 0; words < n; i += 1) {
    const a = articles[i % articles.length];
    picked.push(a);
    words += countWords(a);
  }
  return picked;
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One paragraph as news HTML: the text unchanged, with its 3rd and 4th words in a link and a
 * word two thirds of the way in in <em> (paragraphs of 8 words or more).
 */
function paragraphHtml(text, k) {
  const parts = text.split(/(\s+)/); // words at even indexes, whitespace between
  const words = parts.length / 2;
  if (words >= 8) {
    const em = 2 * Math.floor((words * 2) / 3);
    parts[em] = `<em>${escapeHtml(parts[em])}</em>`;
    parts[4] = `<a href="/topics/${k % 17}">${escapeHtml(parts[4])}`;
    parts[6] = `${escapeHtml(parts[6])}</a>`;
    return `<p>${parts.map((p, i) => (i === em || i === 4 || i === 6 ? p : escapeHtml(p))).join('')}</p>`;
  }
  return `<p>${escapeHtml(text)}</p>`;
}

function pageHtml(title, picked) {
  let k = 0;
  const body = picked.map((a) => a.split(/\n\s*\n/).map((p) => paragraphHtml(p.trim(), k++)).join('\n')).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} | The Bench Courier</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:17px/1.5 Georgia,serif;margin:0 auto;max-width:42rem;padding:1rem}nav a{margin-right:1rem}</style>
</head><body>
<header><a href="/">The Bench Courier</a><nav><a href="/news">News</a><a href="/politics">Politics</a><a href="/business">Business</a><a href="/sport">Sport</a></nav></header>
<main><article>
<h1>${escapeHtml(title)}</h1>
<p class="byline">By Staff Reporters · <time datetime="2026-11-28">28 November 2026</time></p>
${body}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Council approves the harbour budget</a></li><li><a href="/b">Rail strike called off</a></li></ul></aside>
</main>
<footer><p>© The Bench Courier. <a href="/privacy">Privacy</a> · <a href="/contact">Contact</a></p></footer>
</body></html>
`;
}

const sizes = quick ? [['1,500 words', 1500]] : [['1,500 words', 1500], ['20,000 words', 20000], ['100,000 words', 100000]];
const pagesDir = mkdtempSync(join(tmpdir(), 'whosaid-bench-'));
let bigPage = null;
if (big) {
  const picked = articlesUpTo(1);
  let bytes = 0;
  for (let i = 1; bytes < 10 * 2 ** 20; i += 1) {
    const a = articles[i % articles.length];
    picked.push(a);
    bytes += Buffer.byteLength(a) + 2;
  }
  writeFileSync(join(pagesDir, 'page-big.html'), pageHtml('Bench page 4: 10 MB', picked));
  bigPage = { label: '10 MB', file: 'page-big.html', words: picked.reduce((n, a) => n + countWords(a), 0), bytes };
}
const pages = sizes.map(([label, n], i) => {
  const picked = articlesUpTo(n);
  const file = `page-${n}.html`;
  writeFileSync(join(pagesDir, file), pageHtml(`Bench page ${i + 1}: ${label}`, picked));
  return { label, target: n, file, words: picked.reduce((s, a) => s + countWords(a), 0) };
});

// ---- In the page ---------------------------------------------------------------------------

// Runs in the page: every measurement for one page, interleaved round by round so that a
// slower stretch of a loaded machine hits every column alike.
async function measurePage({ reps, warmup, heavyReps }) {
  const { highlight, analyze } = await import('/dist/whosaid.mjs');
  const { default: nlp } = await import('/compromise/compromise-three.mjs');
  const article = document.querySelector('article');
  const now = () => performance.now();
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const task = () => new Promise((r) => setTimeout(r, 0));
  const originalHtml = article.innerHTML;

  // The text highlight() analyses, and the report on it.
  let h = await highlight({ root: article });
  const text = h.report.text;
  h.remove();
  const report = await analyze(text);

  // Floor A: a bare TreeWalker pass.
  function floorA() {
    const w = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    let n = 0;
    while (w.nextNode()) n += w.currentNode.data.length;
    return n;
  }

  // Floor B's spans, computed once: the report's text aligned with the article's text nodes
  // (skipping whitespace on either side), each statement's content cut into per-node pieces.
  const nodes = [];
  {
    const w = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    while (w.nextNode()) nodes.push(w.currentNode);
  }
  const at = new Array(text.length).fill(null); // report offset -> [node index, offset]
  {
    let r = 0;
    const ws = /\s/;
    for (let ni = 0; ni < nodes.length; ni += 1) {
      const d = nodes[ni].data;
      for (let o = 0; o < d.length; o += 1) {
        if (ws.test(d[o])) continue;
        while (r < text.length && ws.test(text[r])) r += 1;
        if (r < text.length && text[r] === d[o]) { at[r] = [ni, o]; r += 1; }
      }
    }
  }
  const pieces = [];
  let unaligned = 0;
  for (const s of report.statements) {
    let a = s.content.start;
    let b = s.content.end - 1;
    while (a <= b && !at[a]) a += 1;
    while (b >= a && !at[b]) b -= 1;
    if (a > b) { unaligned += 1; continue; }
    const [n0, o0] = at[a];
    const [n1, o1] = at[b];
    for (let ni = n0; ni <= n1; ni += 1) {
      const start = ni === n0 ? o0 : 0;
      const end = ni === n1 ? o1 + 1 : nodes[ni].data.length;
      if (end > start && nodes[ni].data.slice(start, end).trim()) pieces.push([ni, start, end]);
    }
  }
  // Overlapping statements (one inside another) make one mark; then the last piece first:
  // splitting a node leaves the earlier offsets of that node valid.
  pieces.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let overlapping = 0;
  for (let i = pieces.length - 1; i > 0; i -= 1) {
    const [p, q] = [pieces[i - 1], pieces[i]];
    if (p[0] === q[0] && q[1] < p[2]) {
      p[2] = Math.max(p[2], q[2]);
      pieces.splice(i, 1);
      overlapping += 1;
    }
  }
  pieces.reverse();
  function floorB() {
    for (const [ni, start, end] of pieces) {
      // At offset 0 the node itself is wrapped: it stays the first of its pieces, so undoing
      // (unwrap, normalize) merges the rest back into the very same node.
      const span = start === 0 ? nodes[ni] : nodes[ni].splitText(start);
      if (end - start < span.data.length) span.splitText(end - start);
      const m = document.createElement('mark');
      span.parentNode.insertBefore(m, span);
      m.appendChild(span);
    }
  }
  function undoFloorB() {
    for (const m of Array.from(article.querySelectorAll('mark'))) {
      const p = m.parentNode;
      while (m.firstChild) p.insertBefore(m.firstChild, m);
      m.remove();
    }
    article.normalize();
  }
  floorB();
  const floorBMarks = article.querySelectorAll('mark').length;
  undoFloorB();
  const floorBRestored = article.innerHTML === originalHtml && nodes.every((n) => article.contains(n));

  function runCompromise() {
    const doc = nlp(text);
    return doc.people().out('array').length + doc.quotations().out('array').length;
  }

  let firstMarks = null;
  async function endToEnd() {
    const t0 = now();
    const handle = await highlight({ root: article, onStart() { firstMarks = now() - t0; } });
    const t = now() - t0;
    await task(); // remove() in a task of its own: not part of highlight()'s longest task
    handle.remove();
    return t;
  }

  // Warm-up: the wasm and the JS are compiled by fast baseline tiers first, then optimised.
  for (let i = 0; i < warmup; i += 1) {
    floorA();
    floorB(); undoFloorB();
    await analyze(text);
    await endToEnd();
  }
  runCompromise();

  // Long tasks of the whole measuring loop; each highlight()'s longest is picked out by time.
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  await new Promise((r) => setTimeout(() => { observer.observe({ type: 'longtask' }); r(); }, 0));
  const windows = [];

  const times = { floorA: [], floorB: [], compromise: [], analyse: [], endToEnd: [], firstMarks: [] };
  for (let i = 0; i < reps; i += 1) {
    await task();
    let t0 = now();
    floorA();
    times.floorA.push(now() - t0);
    await task();
    t0 = now();
    floorB();
    times.floorB.push(now() - t0);
    undoFloorB();
    await task();
    t0 = now();
    await analyze(text);
    times.analyse.push(now() - t0);
    if (i < heavyReps) {
      await task();
      const from = now();
      const t = await endToEnd();
      times.endToEnd.push(t);
      times.firstMarks.push(firstMarks);
      windows.push([from, from + t]);
      await task();
      t0 = now();
      runCompromise();
      times.compromise.push(now() - t0);
    }
  }

  await new Promise((r) => setTimeout(r, 50));
  longTasks.push(...observer.takeRecords());
  observer.disconnect();
  const longest = windows.map(([a, b]) => Math.max(0, ...longTasks
    .filter((e) => e.startTime < b && e.startTime + e.duration > a).map((e) => e.duration)));

  const result = { raw: times, longestTask: longest };
  for (const [k, xs] of Object.entries(times)) result[k] = xs.length ? median(xs) : null;
  result.longestTaskMs = median(longest);
  result.longestTaskMaxMs = Math.max(...longest);
  return {
    ...result,
    chars: text.length,
    bytes: new TextEncoder().encode(text).length,
    statements: report.statements.length,
    speakers: report.speakers.length,
    textNodes: nodes.length,
    floorBMarks,
    floorBPieces: pieces.length,
    floorBUnaligned: unaligned,
    floorBOverlapping: overlapping,
    floorBRestored,
    restoredAfterHighlight: article.innerHTML === originalHtml,
    crossOriginIsolated: self.crossOriginIsolated,
  };
}

// Runs in the page: the 10 MB page, highlighted once after one warm-up run (wasm loaded):
// the time until every mark is in, until the first marks, the longest task, and the page's
// JS heap at its highest (sampled between tasks; the worker's memory is its own).
async function measureBig() {
  const { highlight, analyze } = await import('/dist/whosaid.mjs');
  await analyze('Ann Lee said it rained.');
  const article = document.querySelector('article');
  const now = () => performance.now();
  const task = () => new Promise((r) => setTimeout(r, 0));
  const warm = await highlight({ root: article });
  await task();
  warm.remove();
  await new Promise((r) => setTimeout(r, 500));
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  await new Promise((r) => setTimeout(() => { observer.observe({ type: 'longtask' }); r(); }, 0));
  const heap = () => (performance.memory ? performance.memory.usedJSHeapSize : 0);
  const heapBefore = heap();
  let peak = heapBefore;
  const sampler = setInterval(() => { peak = Math.max(peak, heap()); }, 5);
  let first = null;
  const t0 = now();
  const h = await highlight({ root: article, onStart() { first = now() - t0; } });
  const done = now() - t0;
  peak = Math.max(peak, heap());
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 50));
  longTasks.push(...observer.takeRecords());
  observer.disconnect();
  const during = longTasks.filter((e) => e.startTime < t0 + done && e.startTime + e.duration > t0);
  const marks = article.querySelectorAll('mark[data-whosaid]').length;
  await task();
  const r0 = now();
  h.remove();
  const removeMs = now() - r0;
  return {
    done,
    first,
    longestTask: Math.max(0, ...during.map((e) => e.duration)),
    longTasks: during.length,
    longTaskList: during.map((e) => Math.round(e.duration)),
    heapBeforeMB: heapBefore / 2 ** 20,
    heapPeakMB: peak / 2 ** 20,
    marks,
    removeMs,
  };
}

// Runs in the page: the module imported and its wasm fetched, compiled and instantiated (the
// first analyze() of a one-sentence text waits for exactly that; the analysis is microseconds).
async function instantiate() {
  const t0 = performance.now();
  const { analyze } = await import('/dist/whosaid.mjs');
  await analyze('Ann Lee said it rained.');
  return performance.now() - t0;
}

// ---- Run ---------------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const LAUNCH_ARGS = [ // as tests/browser/harness.mjs
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-precise-memory-info',
];
// Cross-origin isolation gives performance.now() 5 µs steps instead of 100 µs; caching lets
// the second page load of a context take the wasm from the HTTP cache.
const headers = {
  'cache-control': 'max-age=3600',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};
const { server, url } = await serve({
  port: 0,
  dirs: { '/dist/': join(root, 'dist'), '/compromise/': compromiseDir, '/': pagesDir },
  headers,
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });
const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0] && cpus()[0].model, memoryGB: Math.round(totalmem() / 2 ** 30) },
  browser: `Chromium ${browser.version()} (headless)`,
  compromise: compromiseVersion,
  wasmBytes: readFileSync(join(root, 'dist', 'whosaid_bg.wasm')).length,
  quick,
  reps,
  warmup,
  pages: [],
  instantiation: null,
};
try {
  for (const p of pages) {
    const heavy = !quick && p.target >= 100000;
    const heavyReps = heavy ? Math.min(5, reps) : reps;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url + p.file);
    const t0 = Date.now();
    const r = await page.evaluate(measurePage, { reps, warmup: heavy ? 1 : warmup, heavyReps });
    await context.close();
    if (errors.length) throw new Error(`${p.label}: the page reported errors: ${errors.join('; ')}`);
    const row = {
      page: p.label,
      words: p.words,
      ...r,
      heavyReps,
      mark: r.endToEnd - r.analyse,
      analyseMBps: r.bytes / r.analyse / 1000,
      endToEndVsCompromise: r.compromise / r.endToEnd,
      endToEndVsFloorB: r.endToEnd / r.floorB,
      seconds: (Date.now() - t0) / 1000,
    };
    results.pages.push(row);
    process.stderr.write(`${p.label}: ${row.seconds.toFixed(0)} s\n`);
  }

  if (bigPage) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url + bigPage.file, { timeout: 120000 });
    const t0 = Date.now();
    page.setDefaultTimeout(600000);
    const r = await page.evaluate(measureBig);
    await context.close();
    if (errors.length) throw new Error(`${bigPage.label}: the page reported errors: ${errors.join('; ')}`);
    results.big = { page: bigPage.label, words: bigPage.words, bytes: bigPage.bytes, ...r, seconds: (Date.now() - t0) / 1000 };
    process.stderr.write(`${bigPage.label}: ${results.big.seconds.toFixed(0)} s\n`);
  }

  const cold = [];
  const cached = [];
  for (let i = 0; i < instantiations; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url + pages[0].file);
    cold.push(await page.evaluate(instantiate));
    await page.goto(url + pages[0].file);
    cached.push(await page.evaluate(instantiate));
    await context.close();
  }
  results.instantiation = { cold: median(cold), cached: median(cached), raw: { cold, cached } };
} finally {
  await browser.close();
  server.close();
  rmSync(pagesDir, { recursive: true, force: true });
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

// ---- The table -----------------------------------------------------------------------------

const ms = (x) => (x === null || x === undefined ? '–' : x < 1 ? `${x.toFixed(2)} ms` : x < 100 ? `${x.toFixed(1)} ms` : `${Math.round(x)} ms`);
const times = (x) => `${x >= 10 ? Math.round(x) : x.toFixed(1)}×`;
const lines = [
  `${results.browser}, ${results.machine.cpus} × ${results.machine.cpu}, ${results.date.slice(0, 16).replace('T', ' ')} UTC; `
    + `medians of ${reps} repetitions after ${warmup} warm-up round${warmup > 1 ? 's' : ''}`
    + (results.pages.some((r) => r.heavyReps !== reps) ? ' (on the 100,000-word page: compromise and highlight() 5 times after one warm-up round)' : '')
    + '; longest task: the median over the highlight() runs of each run\'s longest task, and the largest.',
  '',
  '| page | floor A | floor B | compromise people()+quotations() | whosaid analyse | mark (e2e − analyse) | first marks | whosaid highlight() with panel, until done | longest task | e2e vs compromise | e2e vs floor B |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...results.pages.map((r) => `| ${r.page} (${Math.round(r.bytes / 1024)} KB, ${r.statements} statements) | ${ms(r.floorA)} | ${ms(r.floorB)} | ${ms(r.compromise)} | ${ms(r.analyse)} (${r.analyseMBps.toFixed(1)} MB/s) | ${ms(r.mark)} | ${ms(r.firstMarks)} | ${ms(r.endToEnd)} | ${r.longestTaskMaxMs ? `${r.longestTaskMs ? ms(r.longestTaskMs) : '< 50 ms'} (max ${ms(r.longestTaskMaxMs)})` : '< 50 ms'} | ${times(r.endToEndVsCompromise)} faster | ${times(r.endToEndVsFloorB)} slower |`),
  ...(results.big ? ['', `10 MB page (${results.big.words.toLocaleString('en')} words, ${(results.big.bytes / 2 ** 20).toFixed(1)} MB of text, ${results.big.marks} marks): `
    + `highlight() until done ${ms(results.big.done)}, first marks ${ms(results.big.first)}, longest task ${ms(results.big.longestTask)} `
    + `(${results.big.longTasks} tasks over 50 ms: ${results.big.longTaskList.join(', ')} ms), `
    + `page JS heap ${results.big.heapBeforeMB.toFixed(0)} MB before, ${results.big.heapPeakMB.toFixed(0)} MB at most; remove() ${ms(results.big.removeMs)}.`] : []),
  '',
  `wasm instantiation (${(results.wasmBytes / 1024).toFixed(0)} KB module; import + fetch + unpack (LZMA) + compile + instantiate, median of ${instantiations}): `
    + `cold ${ms(results.instantiation.cold)}, cached ${ms(results.instantiation.cached)}.`,
];
console.log(lines.join('\n'));
for (const r of results.pages) {
  if (r.floorBUnaligned || r.floorBOverlapping || !r.floorBRestored || !r.restoredAfterHighlight) {
    console.log(`note: ${r.page}: floor B ${r.floorBUnaligned} unaligned, overlapping ${r.floorBOverlapping}, restored ${r.floorBRestored}; page restored after highlight() ${r.restoredAfterHighlight}`);
  }
}
console.log(`\nwrote ${out}`);
