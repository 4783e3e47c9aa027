// What the reader sees around the marks (issue 10): where the panel goes at 1440, 1280, 1024 and
// 390 px and how many lines of the article it covers, closed and open; 32 distinct speaker
// styles and the minor speakers past them grouped; only the sources tinted until the reader
// asks (focus mode, "All mentions"); the sources at a glance; Copy and JSON. It also takes the
// README's screenshots (docs/panel-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, until, repoRoot, SNAPSHOT_AT_INTERACTIVE } from './harness.mjs';

const b = useBrowser();
let demoUrl = null;
const getUrl = async () => (demoUrl ||= await b.serve());
const docsDir = join(repoRoot, 'docs');

/** Lines of article text the open sheet covers at 390 × 800, scrolled to the article's top. */
const OPEN_SHEET_LINES_390 = 15;

/** Opens the demo page at `width` × 800 and waits for the widget. */
async function openDemo(t, width = 1280, opts = {}) {
  const page = await b.open(t, null, {
    init: SNAPSHOT_AT_INTERACTIVE,
    ...opts,
    context: { viewport: { width, height: 800 }, ...(opts.context || {}) },
  });
  await page.goto(await getUrl());
  assert.ok(await page.evaluate(async () => !!(await window.whosaid.ready)), 'the widget is on the page');
  return page;
}

/** The panel's placement and which of panel and pill show. */
async function placement(page) {
  return page.evaluate(() => {
    const sr = document.querySelector('#whosaid-panel').shadowRoot;
    const panel = sr.querySelector('section.panel');
    const pill = sr.querySelector('button.pill');
    return {
      placement: panel.dataset.placement,
      panel: !panel.hidden && panel.getBoundingClientRect().width > 0,
      pill: !pill.hidden && pill.getBoundingClientRect().width > 0,
      collapsed: panel.classList.contains('collapsed'),
    };
  });
}

/**
 * The article's text lines that the widget (panel and pill, as shown) covers: every line box of
 * the article's text (Range.getClientRects of each text node) that intersects the panel's or
 * the pill's rectangle, counted once per line (by its bottom edge). Measured scrolled to the
 * article's top, its middle and its end; the largest count.
 */
async function linesCovered(page) {
  return page.evaluate(async () => {
    const sr = document.querySelector('#whosaid-panel').shadowRoot;
    const boxes = ['section.panel', 'button.pill']
      .map((s) => sr.querySelector(s))
      .filter((e) => !e.hidden);
    const article = document.querySelector('article');
    const count = () => {
      const widget = boxes.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0);
      const lines = new Set();
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      while (walker.nextNode()) {
        const n = walker.currentNode;
        if (!n.data.trim()) continue;
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) {
          if (r.width === 0 || r.bottom <= 0 || r.top >= innerHeight) continue;
          if (widget.some((w) => r.left < w.right && w.left < r.right && r.top < w.bottom && w.top < r.bottom)) {
            lines.add(Math.round(r.bottom));
          }
        }
      }
      return lines.size;
    };
    const a = article.getBoundingClientRect();
    const top = a.top + scrollY;
    const counts = [];
    for (const y of [top, top + a.height / 2 - innerHeight / 2, top + a.height - innerHeight]) {
      scrollTo(0, Math.max(0, y));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      counts.push(count());
    }
    scrollTo(0, Math.max(0, top));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { max: Math.max(...counts), atTop: counts[0], counts };
  });
}

/** The article's text lines under the popover as it is now (no scrolling). */
async function linesUnderPopover(page) {
  return page.evaluate(() => {
    const pop = document.querySelector('#whosaid-panel').shadowRoot.querySelector('.popover');
    if (pop.hidden) return null;
    const w = pop.getBoundingClientRect();
    const lines = new Set();
    const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (walker.nextNode()) {
      if (!walker.currentNode.data.trim()) continue;
      range.selectNodeContents(walker.currentNode);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && r.left < w.right && w.left < r.right && r.top < w.bottom && w.top < r.bottom) lines.add(Math.round(r.bottom));
      }
    }
    return lines.size;
  });
}

const shadowClick = (page, selector) => page.locator(`#whosaid-panel ${selector}`).click();

for (const width of [1440, 1280, 1024]) {
  test(`at ${width} px the panel docks beside the article and covers none of its lines, open or minimised`, async (t) => {
    const page = await openDemo(t, width);
    const p = await placement(page);
    assert.equal(p.placement, 'docked-right', `the panel docks in the right margin: ${JSON.stringify(p)}`);
    assert.ok(p.panel && !p.pill, 'the panel shows, the pill does not');
    const geo = await page.evaluate(() => {
      const panel = document.querySelector('#whosaid-panel').shadowRoot.querySelector('section.panel').getBoundingClientRect();
      const article = document.querySelector('article').getBoundingClientRect();
      return { panelLeft: panel.left, panelRight: panel.right, panelWidth: panel.width, articleRight: article.right };
    });
    assert.ok(geo.panelLeft >= geo.articleRight, `the panel starts right of the article: ${JSON.stringify(geo)}`);
    assert.ok(geo.panelRight <= width, `the panel ends inside the window: ${JSON.stringify(geo)}`);
    assert.ok(geo.panelWidth >= 260, `the docked panel is at least 260 px wide: ${JSON.stringify(geo)}`);
    const open = await linesCovered(page);
    assert.equal(open.max, 0, `the docked panel covers no line of the article: ${JSON.stringify(open)}`);
    await shadowClick(page, 'button[data-action="collapse"]');
    assert.ok((await placement(page)).collapsed, 'the panel is minimised');
    const closed = await linesCovered(page);
    assert.equal(closed.max, 0, `the minimised panel covers no line of the article: ${JSON.stringify(closed)}`);
    t.diagnostic(`${width} px: docked; lines covered open ${open.max}, minimised ${closed.max}`);
    if (width === 1280) {
      await shadowClick(page, 'button[data-action="collapse"]');
      mkdirSync(docsDir, { recursive: true });
      await page.evaluate(() => scrollTo(0, 0));
      await page.screenshot({ path: join(docsDir, 'panel-docked.png') });
      assert.ok(statSync(join(docsDir, 'panel-docked.png')).size > 10000);
    }
    page.assertNoErrors();
  });
}

test(`at 390 px the panel is a pill in the margin that covers no line, and opens into a sheet (${OPEN_SHEET_LINES_390} lines)`, async (t) => {
  const page = await openDemo(t, 390);
  let p = await placement(page);
  assert.deepEqual(p, { placement: 'sheet', panel: false, pill: true, collapsed: false }, 'closed: only the pill shows');
  const closed = await linesCovered(page);
  assert.equal(closed.max, 0, `the pill covers no line of the article: ${JSON.stringify(closed)}`);
  const pill = page.locator('#whosaid-panel button.pill');
  assert.equal(await pill.getAttribute('aria-expanded'), 'false');
  assert.match(await pill.getAttribute('aria-label'), /^Open the whosaid panel: \d+ speakers/);
  await page.evaluate(() => scrollTo(0, 0));
  mkdirSync(docsDir, { recursive: true });
  await page.screenshot({ path: join(docsDir, 'panel-pill.png') });
  await pill.click();
  p = await placement(page);
  assert.deepEqual(p, { placement: 'sheet', panel: true, pill: false, collapsed: false }, 'open: the sheet shows');
  assert.ok(await page.evaluate(() => document.querySelector('#whosaid-panel').shadowRoot.activeElement?.matches('section.panel')),
    'the focus moves into the sheet');
  const open = await linesCovered(page);
  t.diagnostic(`390 px: pill covers ${closed.max} lines; the open sheet covers ${open.atTop} at the article's top (${open.counts.join(', ')} at top, middle, end)`);
  assert.equal(open.atTop, OPEN_SHEET_LINES_390, `the open sheet covers ${OPEN_SHEET_LINES_390} lines (the reader opened it over the text): ${JSON.stringify(open)}`);
  await page.screenshot({ path: join(docsDir, 'panel-sheet.png') });
  // Minimising folds it back into the pill and gives the pill the focus.
  await shadowClick(page, 'button[data-action="collapse"]');
  p = await placement(page);
  assert.deepEqual(p, { placement: 'sheet', panel: false, pill: true, collapsed: false }, 'minimised: the pill again');
  assert.ok(await page.evaluate(() => document.querySelector('#whosaid-panel').shadowRoot.activeElement?.matches('button.pill')),
    'the focus is back on the pill');
  page.assertNoErrors();
});

for (const width of [1280, 390]) {
  test(`at ${width} px the popover of a disputed claim ${width === 1280 ? 'shows over the docked panel, covering no line of the article' : 'shows under the claim'}`, async (t) => {
    const page = await openDemo(t, width);
    const mark = page.locator('article mark.whosaid-dispute').first();
    await mark.scrollIntoViewIfNeeded();
    await mark.hover();
    await until(async () => (await linesUnderPopover(page)) !== null, 'the popover shows');
    const text = await page.locator('#whosaid-panel .popover').textContent();
    assert.match(text, /^Disputed claim/, `the popover is the claim's: ${text}`);
    const n = await linesUnderPopover(page);
    t.diagnostic(`${width} px: the dispute popover covers ${n} lines of the article`);
    if (width === 1280) {
      assert.equal(n, 0, 'the popover covers no line of the article');
      const geo = await page.evaluate(() => {
        const sr = document.querySelector('#whosaid-panel').shadowRoot;
        const [p, q] = ['.popover', 'section.panel'].map((s) => sr.querySelector(s).getBoundingClientRect());
        return { left: p.left, right: p.right, panelLeft: q.left, panelRight: q.right };
      });
      assert.ok(geo.left >= geo.panelLeft && geo.right <= geo.panelRight + 1, `the popover lies over the panel: ${JSON.stringify(geo)}`);
    } else {
      assert.ok(n > 0, 'without a docked panel it covers some lines, while shown');
    }
    page.assertNoErrors();
  });
}

test('resizing the window re-places the panel: docked at 1280, a pill at 390, docked again', async (t) => {
  const page = await openDemo(t, 1280);
  assert.equal((await placement(page)).placement, 'docked-right');
  // Minimised while docked; the sheet it becomes opens whole.
  await shadowClick(page, 'button[data-action="collapse"]');
  assert.ok((await placement(page)).collapsed);
  await page.setViewportSize({ width: 390, height: 800 });
  await until(async () => (await placement(page)).pill, 'the pill shows at 390 px');
  assert.deepEqual(await placement(page), { placement: 'sheet', panel: false, pill: true, collapsed: false });
  assert.equal((await linesCovered(page)).max, 0, 'the pill covers no line');
  await page.setViewportSize({ width: 1280, height: 800 });
  await until(async () => (await placement(page)).panel, 'the panel docks again at 1280 px');
  assert.deepEqual(await placement(page), { placement: 'docked-right', panel: true, pill: false, collapsed: false });
  assert.equal((await linesCovered(page)).max, 0, 'the docked panel covers no line');
  page.assertNoErrors();
});

// ---------------------------------------------------------------------------------------------
// 40 speakers: invented names, each a paragraph. The first eight say one thing each, the other
// 32 two things, so the eight with fewest statements are the ones past 32.

const FIRST = ['Ilse', 'Borek', 'Maren', 'Tobiah', 'Quilla', 'Radek', 'Soraya', 'Wendel'];
const LAST = ['Varro', 'Okonta', 'Lindqvar', 'Pessoa', 'Halloran'];
const NAMES = LAST.flatMap((l) => FIRST.map((f) => `${f} ${l}`));

function fortyPage() {
  const paras = NAMES.map((name, k) => {
    const last = name.split(' ')[1];
    const one = `${name} said the ferry to pier ${k + 1} would run until the end of the month.`;
    return `<p>${k < 8 ? one : `${one} ${last} said the fares on that crossing would not change.`}</p>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Forty voices</title></head>
<body><article><h1>Forty voices on the ferry timetable</h1>${paras.join('\n')}</article></body></html>`;
}

test('40 speakers: 32 distinct colour × line pairs, the 8 with fewest statements neutral and grouped under "Others (8)"', async (t) => {
  const base = await b.serve();
  const page = await b.open(t, null, { init: SNAPSHOT_AT_INTERACTIVE });
  await page.route(`${base}forty.html`, (r) => r.fulfill({ contentType: 'text/html', body: fortyPage() }));
  await page.goto(`${base}forty.html`);
  const r = await page.evaluate(async () => {
    const { highlight } = await import('/dist/whosaid.mjs');
    const h = await highlight({ root: 'article' });
    // The sources at a glance are drawn after the next frame.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const rep = h.report;
    const said = (id) => rep.statements.filter((q) => q.speaker === id).length;
    const look = (id) => {
      const m = document.querySelector(`mark.whosaid-statement[data-speaker="${id}"]`);
      const cs = getComputedStyle(m);
      return `${cs.textDecorationColor} ${cs.textDecorationStyle}`;
    };
    const sr = document.querySelector('#whosaid-panel').shadowRoot;
    const others = sr.querySelector('details.others');
    return {
      speakers: rep.speakers.map((s) => ({ id: s.id, name: s.name, said: said(s.id), look: look(s.id),
        neutral: document.querySelector(`mark.whosaid-statement[data-speaker="${s.id}"]`).classList.contains('whosaid-cn') })),
      othersSummary: others && others.querySelector('summary').textContent,
      othersIds: others ? Array.from(others.querySelectorAll('button.speaker'), (x) => x.dataset.speaker) : [],
      mainIds: Array.from(sr.querySelectorAll('ul.speakers:not(details ul) button.speaker'), (x) => x.dataset.speaker),
      bars: Array.from(sr.querySelectorAll('svg.chart g.bar title'), (x) => x.textContent),
    };
  });
  assert.deepEqual(r.speakers.map((s) => s.name), NAMES, 'the 40 invented people are the 40 speakers, in order');
  const styled = r.speakers.filter((s) => !s.neutral);
  const neutral = r.speakers.filter((s) => s.neutral);
  assert.equal(styled.length, 32);
  assert.deepEqual(neutral.map((s) => s.name), NAMES.slice(0, 8), 'the eight with one statement each share the neutral style');
  assert.ok(neutral.every((s) => s.said === 1) && styled.every((s) => s.said === 2), 'fewest statements are the ones past 32');
  assert.equal(new Set(styled.map((s) => s.look)).size, 32, `32 distinct colour × line pairs: ${styled.map((s) => s.look).join(' | ')}`);
  assert.equal(new Set(neutral.map((s) => s.look)).size, 1, 'the neutral style is one style');
  assert.ok(!styled.some((s) => s.look === neutral[0].look), 'no styled speaker looks neutral');
  // Early speakers differ in hue first: the first eight styled speakers have eight colours.
  assert.equal(new Set(styled.slice(0, 8).map((s) => s.look.split(' rgb')[0].replace(/ \w+$/, ''))).size, 8, 'eight hues among the first eight');
  assert.equal(r.othersSummary, 'Others (8)');
  assert.deepEqual(r.othersIds, neutral.map((s) => s.id), 'the grouped speakers are the neutral ones');
  assert.deepEqual(r.mainIds, styled.map((s) => s.id), 'the main list holds the 32 styled speakers');
  assert.equal(r.bars.length, 33, 'one bar per styled speaker and one for the others');
  assert.ok(r.bars.includes('Others (8): 104 words'), `the others' bar sums their words: ${r.bars.join(' | ')}`);
  // This page's article fills the window: no margin to dock in, so the panel is a pill.
  assert.deepEqual(await placement(page), { placement: 'sheet', panel: false, pill: true, collapsed: false });
  assert.equal((await linesCovered(page)).max, 0, 'the pill covers no line of an article that fills the window');
  await page.locator('#whosaid-panel button.pill').click();
  // Every tint (all nine, with "All mentions") keeps near-black text above 7:1.
  await page.locator('#whosaid-panel input[name="all-mentions"]').check();
  const contrast = await page.evaluate(() => {
    const lum = (rgb) => {
      const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const out = new Map();
    for (const m of document.querySelectorAll('mark[data-whosaid]')) {
      const cs = getComputedStyle(m);
      if (/rgba\(.*,\s*0\)$/.test(cs.backgroundColor)) continue;
      const [a, b] = [lum(cs.color), lum(cs.backgroundColor)].sort((x, y) => y - x);
      out.set(cs.backgroundColor, (a + 0.05) / (b + 0.05));
    }
    return [...out];
  });
  assert.equal(contrast.length, 9, `nine tints (eight hues and the neutral): ${JSON.stringify(contrast)}`);
  assert.deepEqual(contrast.filter(([, ratio]) => ratio < 7), [], 'text on every tint keeps a contrast above 7:1');
  page.assertNoErrors();
});

// ---------------------------------------------------------------------------------------------
// Less noise: only the sources tinted; focus mode; "All mentions".

/** Mention marks whose tint shows (a background of their own), and dimmed marks. */
async function tints(page) {
  return page.evaluate(() => {
    const painted = (m) => !/rgba\(.*,\s*0\)$/.test(getComputedStyle(m).backgroundColor);
    const plain = Array.from(document.querySelectorAll('mark[data-whosaid].whosaid-mention:not(.whosaid-dispute):not(.whosaid-hedge)'));
    return {
      tinted: plain.filter(painted).map((m) => m.dataset.mention),
      sources: plain.filter((m) => m.classList.contains('whosaid-src')).length,
      mentions: plain.length,
      dimmed: Array.from(document.querySelectorAll('mark[data-whosaid]')).filter((m) => getComputedStyle(m).opacity !== '1').length,
      marks: document.querySelectorAll('mark[data-whosaid]').length,
    };
  });
}

test('only the statements’ sources are tinted; hovering a speaker lights all their mentions and dims the rest; "All mentions" tints every mention', async (t) => {
  const page = await openDemo(t, 1280);
  // The speaker with most mentions that are no statement's source (Tidewell Shipping, named
  // throughout the story).
  const who = await page.evaluate(() => {
    const sr = document.querySelector('#whosaid-panel').shadowRoot;
    const ids = Array.from(sr.querySelectorAll('button.speaker'), (b) => b.dataset.speaker);
    const quiet = (id) => document.querySelectorAll(`mark.whosaid-mention[data-mention="${id}"]:not(.whosaid-src):not(.whosaid-dispute):not(.whosaid-hedge)`).length;
    const id = ids.reduce((a, b) => (quiet(b) > quiet(a) ? b : a));
    return { id, name: sr.querySelector(`button.speaker[data-speaker="${id}"] .name`).textContent, quiet: quiet(id) };
  });
  assert.ok(who.quiet >= 2, `${who.name} has mentions that are no source: ${who.quiet}`);
  t.diagnostic(`focus on ${who.name}: ${who.quiet} mentions that are no source`);
  const before = await tints(page);
  assert.ok(before.mentions > before.sources, `more mentions (${before.mentions}) than sources (${before.sources})`);
  assert.equal(before.tinted.length, before.sources, 'by default exactly the source mentions are tinted');
  assert.equal(before.dimmed, 0, 'nothing is dimmed');
  const theirMentions = await page.evaluate((id) => document.querySelectorAll(`mark.whosaid-mention[data-mention="${id}"]:not(.whosaid-dispute):not(.whosaid-hedge)`).length, who.id);
  // Hover: every mention of Marsh tinted, every other speaker's mark dimmed.
  await page.locator(`#whosaid-panel button.speaker[data-speaker="${who.id}"]`).hover();
  const hover = await tints(page);
  const hoverTinted = hover.tinted.filter((id) => id === who.id).length;
  assert.equal(hoverTinted, theirMentions, `all ${theirMentions} of ${who.name}'s mentions are tinted on hover`);
  assert.ok(hover.tinted.length > before.tinted.length, `more tints on hover (${before.tinted.length} → ${hover.tinted.length})`);
  const notHers = await page.evaluate((id) => document.querySelectorAll(`mark[data-whosaid]:not([data-speaker="${id}"]):not([data-mention="${id}"])`).length, who.id);
  assert.equal(hover.dimmed, notHers, `the ${notHers} marks of other speakers are dimmed`);
  mkdirSync(docsDir, { recursive: true });
  await page.evaluate(() => document.querySelector('article p:nth-of-type(5)').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(docsDir, 'focus-mode.png') });
  // Leaving: back to the sources only.
  await page.mouse.move(5, 5);
  assert.deepEqual(await tints(page), before, 'leaving the speaker restores the default');
  // Keyboard focus does the same as hover.
  await page.locator(`#whosaid-panel button.speaker[data-speaker="${who.id}"]`).focus();
  assert.equal((await tints(page)).tinted.filter((id) => id === who.id).length, theirMentions, 'focus lights all their mentions');
  await page.locator('#whosaid-panel button[data-action="collapse"]').focus();
  assert.deepEqual(await tints(page), before, 'moving the focus on restores the default');
  // "All mentions".
  await page.locator('#whosaid-panel input[name="all-mentions"]').check();
  const all = await tints(page);
  assert.equal(all.tinted.length, all.mentions, `every mention is tinted (${all.mentions})`);
  assert.equal(all.dimmed, 0);
  await page.locator('#whosaid-panel input[name="all-mentions"]').uncheck();
  assert.deepEqual(await tints(page), before, 'unchecking restores the default');
  page.assertNoErrors();
});

for (const mode of ['default', 'focus', 'all mentions']) {
  test(`remove() in ${mode} mode restores the page’s DOM exactly`, async (t) => {
    const page = await openDemo(t, 1280);
    if (mode === 'focus') await page.locator('#whosaid-panel button.speaker').first().hover();
    if (mode === 'all mentions') await page.locator('#whosaid-panel input[name="all-mentions"]').check();
    const diffs = await page.evaluate(async () => {
      (await window.whosaid.ready).remove();
      return window.__domSnap.compare('initial');
    });
    assert.deepEqual(diffs, [], 'the DOM is exactly as before');
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-whosaid]').length), 0, 'nothing of whosaid is left');
    page.assertNoErrors();
  });
}

// ---------------------------------------------------------------------------------------------
// The sources at a glance; Copy; JSON.

test('the sources at a glance: a bar per speaker with their words, kinds of source, the anonymous share, disputes and hedges', async (t) => {
  const page = await openDemo(t, 1280);
  const r = await page.evaluate(async () => {
    // Drawn once the page has shown the marks: not yet when highlight() resolves, after the
    // next frame.
    const first = await window.whosaid.ready;
    first.remove();
    const h = await window.whosaid.highlight({ root: first.root });
    const glance = () => document.querySelector('#whosaid-panel').shadowRoot.querySelector('.glance');
    const atOnce = glance().childElementCount;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const sr = document.querySelector('#whosaid-panel').shadowRoot;
    return {
      atOnce,
      summary: h.report.summary,
      speakers: h.report.speakers.map((s) => s.name),
      bars: Array.from(sr.querySelectorAll('svg.chart g.bar'), (g) => ({
        title: g.querySelector('title').textContent,
        width: Number(g.querySelector('rect').getAttribute('width')),
      })),
      facts: Array.from(sr.querySelectorAll('.glance .fact'), (p) => p.textContent),
      label: sr.querySelector('svg.chart').getAttribute('aria-label'),
    };
  });
  const s = r.summary;
  assert.equal(r.atOnce, 0, 'the box is empty when highlight() resolves');
  assert.equal(r.bars.length, r.speakers.length, 'one bar per speaker');
  const expected = s.words.map((w, i) => `${r.speakers[i]}: ${w.words} ${w.words === 1 ? 'word' : 'words'}`);
  assert.deepEqual([...r.bars.map((x) => x.title)].sort(), [...expected].sort(), 'each bar says whose and how many words');
  const widths = r.bars.map((x) => x.width);
  assert.deepEqual(widths, [...widths].sort((a, b) => b - a), 'most words first');
  assert.equal(widths[0], 150, 'the longest bar is full length');
  assert.equal(r.label, 'Words attributed to each speaker');
  assert.equal(s.people + s.organisations + s.groups + s.anonymous, r.speakers.length);
  assert.ok(s.anonymous >= 1, 'the senior city official is an anonymous source');
  assert.deepEqual(r.facts, [
    `${s.people} people, ${s.organisations} organisations, ${s.groups} ${s.groups === 1 ? 'group' : 'groups'}, ${s.anonymous} anonymous ${s.anonymous === 1 ? 'source' : 'sources'}`,
    `${s.anonymous_statements} of ${s.statements} statements (${s.anonymous_percent}%) from anonymous sources`,
    `${s.disputes} disputed claims · ${s.hedges} hedges`,
  ]);
  await page.locator('#whosaid-panel .glance').scrollIntoViewIfNeeded();
  mkdirSync(docsDir, { recursive: true });
  await page.locator('#whosaid-panel .glance').screenshot({ path: join(docsDir, 'panel-chart.png') });
  page.assertNoErrors();
});

test('Copy puts the plain-text summary on the clipboard (speakers, roles, statements, disputes with sides)', async (t) => {
  const page = await openDemo(t, 1280, { context: { permissions: ['clipboard-read', 'clipboard-write'] } });
  await shadowClick(page, 'button[data-action="copy"]');
  const status = page.locator('#whosaid-panel .status');
  await until(async () => (await status.textContent()) === 'Copied the summary.', 'the panel says it copied');
  const [text, report] = await page.evaluate(async () => [await navigator.clipboard.readText(), (await window.whosaid.ready).report]);
  const s = report.summary;
  const lines = text.split('\n');
  assert.equal(lines[0], `${report.speakers.length} speakers, ${report.statements.length} statements, ${report.disputes.length} disputed claims, ${report.hedges.length} hedges`);
  assert.equal(lines[1], `Sources: ${s.people} people, ${s.organisations} organisations, ${s.groups} ${s.groups === 1 ? 'group' : 'groups'}, ${s.anonymous} anonymous ${s.anonymous === 1 ? 'source' : 'sources'}`);
  const marsh = report.speakers.findIndex((x) => x.name === 'Elena Marsh');
  assert.ok(lines.includes(`Elena Marsh — Port Authority Director (person, ${s.words[marsh].words} words)`), text);
  assert.ok(lines.includes('  [direct] said: “We cannot sign a lease that leaves the public carrying the risk while a private company keeps the profit,”'), text);
  for (const d of report.disputes) assert.ok(lines.includes(`Disputed: ${d.topic}`), `dispute "${d.topic}" in:\n${text}`);
  assert.ok(lines.some((l) => /^ {2}Daniel Okafor asserts: the talks were continuing/.test(l)), text);
  page.assertNoErrors();
});

test('Copy says so when the browser refuses the clipboard', async (t) => {
  const page = await openDemo(t, 1280, {
    init: `${SNAPSHOT_AT_INTERACTIVE}\nnavigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));`,
  });
  await shadowClick(page, 'button[data-action="copy"]');
  const status = page.locator('#whosaid-panel .status');
  await until(async () => /^Could not copy/.test(await status.textContent()), 'the panel says it could not copy');
  page.assertNoErrors();
});

test('JSON downloads the report as whosaid-report.json, made in the page', async (t) => {
  const page = await openDemo(t, 1280);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    shadowClick(page, 'button[data-action="json"]'),
  ]);
  assert.equal(download.suggestedFilename(), 'whosaid-report.json');
  assert.match(download.url(), /^blob:/, 'a blob: URL made in the page');
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const report = await page.evaluate(async () => (await window.whosaid.ready).report);
  assert.deepEqual(saved, report, 'the file is the report');
  assert.deepEqual(requests.filter((u) => !u.startsWith('blob:')), [], 'no request leaves the page');
  page.assertNoErrors();
});
