// The embed script on the demo page (www/index.html, served as `npm start` serves it):
// what the reader sees in the panel and in the article, the popover, jumping to a speaker's
// statements, the layer toggles, closing (the page's DOM comes back exactly), and the embed's
// failure path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  useBrowser, readPanel, marksCovering, until, resultsDir, wwwDir,
  SNAPSHOT_AT_INTERACTIVE,
} from './harness.mjs';

const b = useBrowser();
let demoUrl = null;
const getUrl = async () => (demoUrl ||= await b.serve());

const PEOPLE = [
  { name: 'Elena Marsh', role: 'Port Authority Director', full: 'Port Authority Director Elena Marsh', short: 'Ms. Marsh' },
  { name: 'Daniel Okafor', role: 'Tidewell Shipping Chief Executive', full: 'Tidewell Shipping Chief Executive Daniel Okafor', short: 'Mr. Okafor' },
  { name: 'Rosa Delgado', role: 'Councilwoman', full: 'Councilwoman Rosa Delgado', short: 'Ms. Delgado' },
  { name: 'Marcus Hale', role: 'Harbor Workers Union President', full: 'Harbor Workers Union President Marcus Hale', short: 'Mr. Hale' },
];

/** Opens the demo page (DOM snapshot taken before the deferred embed runs) and waits for it. */
async function openDemo(t, opts = {}) {
  const page = await b.open(t, null, { init: SNAPSHOT_AT_INTERACTIVE, ...opts });
  await page.goto(opts.url || await getUrl());
  const ok = await page.evaluate(async () => {
    const h = await window.whosaid.ready;
    return !!(h && h.active);
  });
  assert.ok(ok, 'window.whosaid.ready resolved to an active handle');
  assert.ok(await page.evaluate(() => window.__domSnap.has('initial')), 'the DOM snapshot was taken before the widget ran');
  return page;
}

async function speakerByName(page, name) {
  const panel = await readPanel(page);
  assert.ok(panel && panel.panel, 'the panel is on the page');
  const s = panel.speakers.find((x) => x.name === name);
  assert.ok(s, `the panel lists ${name} as a speaker (it lists: ${panel.speakers.map((x) => x.name).join(', ')})`);
  return s;
}

test('the panel lists Marsh, Okafor, Delgado and Hale as speakers with their roles', async (t) => {
  const page = await openDemo(t);
  const panel = await readPanel(page);
  assert.equal(panel.role, 'complementary');
  assert.ok(panel.label && panel.label.length > 0, 'the panel has an aria-label');
  for (const p of PEOPLE) {
    const s = panel.speakers.find((x) => x.name === p.name);
    assert.ok(s, `${p.name} is listed (listed: ${panel.speakers.map((x) => x.name).join(', ')})`);
    assert.ok(s.role && s.role.includes(p.role), `${p.name}'s role "${s.role}" contains "${p.role}"`);
    assert.match(s.count, /^\d+ statements?$/);
    assert.ok(Number.parseInt(s.count, 10) >= 1, `${p.name} has at least one statement (${s.count})`);
    assert.ok(s.swatch, `${p.name}'s button has a colour swatch`);
  }
  // The counts line agrees with the lists.
  const m = panel.counts.match(/^(\d+) speakers? · (\d+) statements? · (\d+) disputed claims? · (\d+) hedges?$/);
  assert.ok(m, `counts line "${panel.counts}"`);
  assert.equal(Number(m[1]), panel.speakers.length);
  assert.equal(Number(m[3]), panel.disputes.length);
  const marked = await page.evaluate(() => new Set(Array.from(document.querySelectorAll('mark[data-statement]'), (x) => x.dataset.statement)).size);
  assert.equal(Number(m[2]), marked, 'every statement counted in the panel is marked in the article');
  // The embed's API hands back the same handle for the same root.
  assert.ok(await page.evaluate(async () => (await window.whosaid.highlight({ root: 'article' })) === (await window.whosaid.ready)));
  page.assertNoErrors();
});

test('mentions and statements are marked in the speaker’s id and colour', async (t) => {
  const page = await openDemo(t);
  const panel = await readPanel(page);
  for (const p of PEOPLE) {
    const s = panel.speakers.find((x) => x.name === p.name);
    assert.ok(s, `${p.name} is listed`);
    const colourOfSwatch = await page.evaluate((id) => {
      const sw = document.querySelector('#whosaid-panel').shadowRoot.querySelector(`button.speaker[data-speaker="${id}"] .swatch`);
      const c = Array.from(sw.classList).find((x) => /^c\d$/.test(x));
      return c ? `whosaid-${c}` : null;
    }, s.id);
    assert.ok(colourOfSwatch, `${p.name}'s swatch has a colour class`);
    for (const mention of [p.full, p.short]) {
      const cov = await marksCovering(page, mention, 'article');
      assert.ok(cov, `"${mention}" is in the article`);
      assert.equal(cov.unmarked, 0, `all of "${mention}" is marked`);
      for (const mk of cov.marks) {
        assert.equal(mk.speaker, s.id, `"${mention}" is marked as ${p.name}'s (${s.id}), not ${mk.speaker}`);
        assert.ok(mk.classes.includes('whosaid-mention'), `"${mention}" is a mention mark: ${mk.classes}`);
        assert.ok(mk.classes.includes(colourOfSwatch), `"${mention}" has the colour of ${p.name}'s swatch (${colourOfSwatch}): ${mk.classes}`);
      }
    }
  }
  const quotes = [
    ['Elena Marsh', 'We cannot sign a lease that leaves the public carrying the risk while a private company keeps the profit'],
    ['Daniel Okafor', 'Nobody has walked away from the table. We sent the authority a written proposal ten days ago'],
    ['Rosa Delgado', 'I take that as a threat, whatever they want to call it now.'],
    ['Marcus Hale', 'Nobody on these docks wants to see the ships go somewhere else.'],
    // The second paragraph of Hale's quote (it runs on without a closing quote mark).
    ['Marcus Hale', 'If the authority and the company want our support, they can start by putting the safety rules in writing'],
  ];
  for (const [name, quote] of quotes) {
    const s = panel.speakers.find((x) => x.name === name);
    const cov = await marksCovering(page, quote, 'article');
    assert.ok(cov, `the quote "${quote}" is in the article`);
    assert.equal(cov.unmarked, 0, `all of "${quote}" is marked`);
    const ids = new Set(cov.marks.map((mk) => mk.statement));
    assert.equal(ids.size, 1, `"${quote}" is one statement (ids: ${[...ids]})`);
    for (const mk of cov.marks) {
      assert.ok(mk.classes.includes('whosaid-statement'), `"${quote}" is in statement marks: ${mk.classes}`);
      assert.equal(mk.speaker, s.id, `"${quote}" is attributed to ${name}`);
    }
    const [id] = ids;
    const first = await page.evaluate((id) => {
      const m = document.querySelector(`mark[data-statement="${id}"]`);
      return { tabindex: m.getAttribute('tabindex') };
    }, id);
    assert.equal(first.tabindex, '0', `the first mark of ${name}'s statement ${id} is focusable`);
  }
  page.assertNoErrors();
});

test('the talks dispute is in the panel with Marsh and Okafor on its two sides, and marked', async (t) => {
  const page = await openDemo(t);
  const panel = await readPanel(page);
  const talks = panel.disputes.find((d) => d.sides.some((s) => s.who === 'Elena Marsh') && d.sides.some((s) => s.who === 'Daniel Okafor'));
  assert.ok(talks, `a dispute has Elena Marsh and Daniel Okafor as sides: ${JSON.stringify(panel.disputes, null, 1)}`);
  assert.ok(talks.topic && /talks/.test(talks.topic), `its topic mentions the talks: "${talks.topic}"`);
  const marsh = talks.sides.find((s) => s.who === 'Elena Marsh');
  const okafor = talks.sides.find((s) => s.who === 'Daniel Okafor');
  assert.match(marsh.stance, /^\((contradicts|denies)\)$/);
  assert.match(okafor.stance, /^\(asserts\)$/);
  assert.match(marsh.text, /The talks collapsed on Friday/);
  assert.match(okafor.text, /the talks were continuing/);
  assert.notEqual(marsh.stance, okafor.stance, 'the two sides take different stances');
  // The claim is marked as disputed, as one claim, ending with the end marker.
  const cov = await marksCovering(page, 'the talks were continuing and that his negotiators expected to meet port officials again next week', 'article');
  assert.equal(cov.unmarked, 0);
  assert.ok(cov.marks.every((mk) => mk.classes.includes('whosaid-dispute') && mk.dispute === talks.id), JSON.stringify(cov.marks));
  const ends = await page.evaluate((id) => {
    const ms = Array.from(document.querySelectorAll(`mark[data-dispute="${id}"]`));
    return { n: ms.length, first: ms[0].getAttribute('tabindex'), end: ms.map((m) => m.classList.contains('whosaid-dispute-end')) };
  }, talks.id);
  assert.equal(ends.first, '0', 'the first mark of the claim is focusable');
  assert.deepEqual(ends.end, ends.end.map((_, i) => i === ends.n - 1), 'only the last mark of the claim has whosaid-dispute-end');
  // Clicking the claim in the panel takes the reader to it.
  await page.locator(`#whosaid-panel button.claim[data-dispute="${talks.id}"]`).click();
  await until(() => page.evaluate((id) => document.activeElement === document.querySelector(`mark[data-dispute="${id}"]`), talks.id),
    'clicking the claim focuses its first mark');
  page.assertNoErrors();
});

test('quotes across <a> and <em> get marks on both sides and inside, sharing one statement', async (t) => {
  const page = await openDemo(t);
  const okafor = await speakerByName(page, 'Daniel Okafor');
  const natarajan = await speakerByName(page, 'Priya Natarajan');
  const cases = [
    [okafor, 'We published the full safety audit last week, and it shows our injury rate', 'a', 'the full safety audit'],
    [natarajan, 'The real deadline is the dredging money, not the council vote.', 'em', 'the dredging money'],
  ];
  for (const [who, quote, tag, inner] of cases) {
    const cov = await marksCovering(page, quote, 'article');
    assert.ok(cov, `"${quote}" is in the article`);
    assert.equal(cov.unmarked, 0, `all of "${quote}" is marked`);
    const ids = new Set(cov.marks.map((m) => m.statement));
    assert.equal(ids.size, 1, `one statement id across the <${tag}>: ${[...ids]}`);
    assert.ok(cov.marks.every((m) => m.speaker === who.id && m.classes.includes('whosaid-statement')), JSON.stringify(cov.marks));
    const parents = cov.marks.map((m) => m.parent);
    const i = parents.indexOf(tag);
    assert.ok(i > 0 && i < parents.length - 1, `marks before, inside and after the <${tag}>: ${parents}`);
    assert.equal(cov.marks[i].text, inner);
    const structure = await page.evaluate(({ tag, inner }) => {
      const el = Array.from(document.querySelectorAll(`article ${tag}`)).find((e) => e.textContent === inner);
      return el && { children: el.childNodes.length, markInside: el.firstChild.nodeName, href: el.getAttribute('href') };
    }, { tag, inner });
    assert.ok(structure, `the <${tag}> is still in the article with its text`);
    assert.equal(structure.markInside, 'MARK', `the mark is inside the <${tag}>, not around it`);
    if (tag === 'a') assert.equal(structure.href, '#', 'the link is untouched');
  }
  page.assertNoErrors();
});

test('nothing outside the article is marked (header, nav, aside, footer)', async (t) => {
  const page = await openDemo(t);
  const r = await page.evaluate(() => ({
    total: document.querySelectorAll('mark[data-whosaid="mark"]').length,
    outside: Array.from(document.querySelectorAll('mark[data-whosaid]')).filter((m) => !m.closest('article')).map((m) => m.textContent),
    inChrome: document.querySelectorAll('header mark, nav mark, aside mark, footer mark, .demo-note mark, form mark').length,
    style: document.querySelectorAll('head > style[data-whosaid="style"]').length,
    panel: document.querySelectorAll('body > #whosaid-panel[data-whosaid="panel"]').length,
  }));
  assert.ok(r.total >= 20, `the article is marked (${r.total} marks)`);
  assert.deepEqual(r.outside, [], 'no mark outside the article');
  assert.equal(r.inChrome, 0);
  assert.equal(r.style, 1, 'one <style data-whosaid="style"> in <head>');
  assert.equal(r.panel, 1, 'one panel host at the end of <body>');
  page.assertNoErrors();
});

test('hovering or focusing a statement shows who said it in the popover', async (t) => {
  const page = await openDemo(t);
  const marsh = await speakerByName(page, 'Elena Marsh');
  const okafor = await speakerByName(page, 'Daniel Okafor');
  const popover = page.locator('#whosaid-panel .popover');
  assert.equal(await popover.getAttribute('role'), 'status');
  assert.equal(await popover.getAttribute('hidden'), '', 'the popover starts hidden');
  const cov = await marksCovering(page, 'We cannot sign a lease', 'article');
  const id = cov.marks[0].statement;
  await page.locator(`article mark[data-statement="${id}"]`).first().hover();
  await until(async () => (await popover.getAttribute('hidden')) === null, 'the popover shows on hover');
  const text = await popover.textContent();
  assert.ok(text.includes('Elena Marsh — Port Authority Director — said:'), `popover: "${text}"`);
  assert.ok(text.includes('We cannot sign a lease'), `popover quotes the statement: "${text}"`);
  assert.ok(await popover.isVisible(), 'the popover is visible');
  const box = await popover.boundingBox();
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 800, `popover inside the viewport: ${JSON.stringify(box)}`);
  // Moving the pointer off the mark (to the page's masthead, where nothing is marked) hides it.
  await page.mouse.move(5, 5);
  await until(async () => (await popover.getAttribute('hidden')) === '', 'the popover hides when the pointer leaves the mark');
  // Keyboard: focusing Okafor's quote shows him.
  const cov2 = await marksCovering(page, 'Nobody has walked away from the table', 'article');
  assert.equal(cov2.marks[0].speaker, okafor.id);
  await page.locator(`article mark[data-statement="${cov2.marks[0].statement}"]`).first().focus();
  await until(async () => (await popover.getAttribute('hidden')) === null, 'the popover shows on focus');
  const text2 = await popover.textContent();
  assert.ok(text2.includes('Daniel Okafor — Tidewell Shipping Chief Executive — said:'), `popover: "${text2}"`);
  assert.ok(!text2.includes(marsh.name), 'the popover now shows only Okafor');
  page.assertNoErrors();
});

test('clicking Marsh in the panel scrolls to her statements in turn and flashes them', async (t) => {
  const page = await openDemo(t);
  const marsh = await speakerByName(page, 'Elena Marsh');
  const ids = await page.evaluate(async (sid) => {
    const h = await window.whosaid.ready;
    return h.report.statements.filter((q) => q.speaker === sid).map((q) => q.id);
  }, marsh.id);
  assert.ok(ids.length >= 2, `Marsh has several statements: ${ids}`);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const bottom = await page.evaluate(() => window.scrollY);
  assert.ok(bottom > 200, 'the page scrolls');
  const button = page.locator(`#whosaid-panel button.speaker[data-speaker="${marsh.id}"]`);
  await button.click();
  const inView = (id) => page.evaluate((id) => {
    const m = document.querySelector(`mark[data-statement="${id}"]`);
    const r = m.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, id);
  await until(() => inView(ids[0]), `the first statement ${ids[0]} scrolls into view`);
  assert.ok(await page.evaluate(() => window.scrollY) < bottom, 'the window scrolled up');
  const state = () => page.evaluate(() => {
    const a = document.activeElement;
    const st = a && a.dataset && a.dataset.statement;
    return {
      focused: st || null,
      speaker: a && a.dataset && a.dataset.speaker,
      flashing: Array.from(document.querySelectorAll('mark.whosaid-flash'), (m) => m.dataset.statement),
      all: st ? document.querySelectorAll(`mark[data-statement="${st}"]`).length : 0,
    };
  });
  let s = await state();
  assert.equal(s.focused, ids[0], 'the first mark of her first statement has focus');
  assert.equal(s.speaker, marsh.id);
  assert.ok(s.flashing.length === s.all && s.flashing.every((x) => x === ids[0]), `all marks of ${ids[0]} flash: ${s.flashing}`);
  await until(async () => (await state()).flashing.length === 0, 'the flash ends after about 1.6 s', 4000);
  // The next click goes to her next statement; after the last it cycles back to the first.
  const seen = [ids[0]];
  for (let k = 1; k <= ids.length; k++) {
    await button.click();
    s = await state();
    seen.push(s.focused);
    assert.equal(s.speaker, marsh.id, `click ${k + 1} focuses one of Marsh's statements`);
    assert.ok(s.flashing.includes(s.focused), `click ${k + 1} flashes the statement`);
  }
  assert.deepEqual(seen, [...ids, ids[0]], 'the clicks visit her statements in order, then cycle');
  page.assertNoErrors();
});

test('unchecking a layer in the panel removes its highlight, checking restores it', async (t) => {
  const page = await openDemo(t);
  const layers = { speakers: 'whosaid-mention', statements: 'whosaid-statement', disputes: 'whosaid-dispute', hedges: 'whosaid-hedge' };
  const marksWith = (cls) => page.evaluate((cls) => Array.from(document.querySelectorAll('mark[data-whosaid]'))
    .map((m, i) => (m.classList.contains(cls) ? i : -1)).filter((i) => i >= 0), cls);
  const statementOnly = await page.evaluate(() => {
    // A mark that is only a statement (whosaid, whosaid-statement, its colour and line style).
    const m = Array.from(document.querySelectorAll('mark.whosaid-statement')).find((x) => x.classList.length === 4);
    return Array.from(document.querySelectorAll('mark[data-whosaid]')).indexOf(m);
  });
  const underline = () => page.evaluate((i) => getComputedStyle(document.querySelectorAll('mark[data-whosaid]')[i]).textDecorationLine, statementOnly);
  assert.equal(await underline(), 'underline', 'a statement is underlined');
  for (const [name, cls] of Object.entries(layers)) {
    const before = await marksWith(cls);
    assert.ok(before.length > 0, `some marks have ${cls}`);
    const box = page.locator(`#whosaid-panel input[type=checkbox][name=${name}]`);
    assert.equal(await box.isChecked(), true, `"${name}" starts checked`);
    await box.uncheck();
    assert.deepEqual(await marksWith(cls), [], `unchecking "${name}" removes ${cls} from every mark`);
    if (name === 'statements') assert.equal(await underline(), 'none', 'statements lose their underline');
    const other = Object.values(layers).find((c) => c !== cls);
    assert.ok((await marksWith(other)).length > 0, `other layers (${other}) stay`);
    await box.check();
    assert.deepEqual(await marksWith(cls), before, `checking "${name}" puts ${cls} back on the same marks`);
  }
  assert.equal(await underline(), 'underline');
  // The handle's setVisible() drives the same state, and the checkbox follows it.
  await page.evaluate(async () => (await window.whosaid.ready).setVisible('statements', false));
  assert.equal(await page.locator('#whosaid-panel input[name=statements]').isChecked(), false, 'the checkbox follows setVisible()');
  assert.deepEqual(await marksWith('whosaid-statement'), []);
  page.assertNoErrors();
});

test('the close button removes everything and restores the page’s DOM exactly', async (t) => {
  const page = await openDemo(t);
  // Use the widget first, so that the restoration also undoes what interaction changed.
  const marsh = await speakerByName(page, 'Elena Marsh');
  await page.locator(`#whosaid-panel button.speaker[data-speaker="${marsh.id}"]`).click();
  await page.locator('#whosaid-panel input[name=hedges]').uncheck();
  await page.locator('#whosaid-panel button.close[data-action="close"]').click();
  const after = await page.evaluate(async () => ({
    diffs: window.__domSnap.compare('initial'),
    active: (await window.whosaid.ready).active,
    marks: document.querySelectorAll('mark').length,
    own: document.querySelectorAll('[data-whosaid]').length,
  }));
  assert.equal(after.active, false, 'the handle is no longer active');
  assert.equal(after.marks, 0);
  assert.equal(after.own, 0, 'no mark, style or panel is left');
  assert.deepEqual(after.diffs, [], 'the DOM is the same nodes with the same contents as before the widget ran');
  // The flash timer set before closing must not throw once the marks are gone.
  await page.waitForTimeout(1800);
  page.assertNoErrors();
});

async function escapeCloses(t, where, focus) {
  const page = await openDemo(t);
  await focus(page);
  await page.keyboard.press('Escape');
  const r = await page.evaluate(async () => ({
    diffs: window.__domSnap.compare('initial'),
    active: (await window.whosaid.ready).active,
  }));
  assert.equal(r.active, false, `Escape with focus ${where} closes whosaid`);
  assert.deepEqual(r.diffs, [], `after Escape with focus ${where} the DOM is exactly as before`);
  await page.waitForTimeout(50);
  page.assertNoErrors(`Escape with focus ${where}`);
}

test('Escape with focus in the panel removes everything exactly', async (t) => {
  await escapeCloses(t, 'on a speaker button in the panel', (page) => page.locator('#whosaid-panel button.speaker').first().focus());
});

test('Escape with focus on a mark removes everything exactly, without an error', async (t) => {
  await escapeCloses(t, 'on a statement mark', (page) => page.locator('article mark[tabindex="0"]').first().focus());
});

test('clicking a speaker, then Escape (focus on the flashed mark) closes without an error', async (t) => {
  await escapeCloses(t, 'on the mark a speaker button jumped to', async (page) => {
    await page.locator('#whosaid-panel button.speaker').first().click();
    assert.ok(await page.evaluate(() => document.activeElement.matches('mark[data-whosaid]')), 'the jump focused a mark');
  });
});

test('screenshot of the demo page with the widget (test-results/demo.png)', async (t) => {
  const page = await openDemo(t);
  const panel = page.locator('#whosaid-panel section.panel');
  assert.ok(await panel.isVisible(), 'the panel is visible');
  const box = await panel.boundingBox();
  assert.ok(box.width > 200 && box.height > 100, `the panel has a size: ${JSON.stringify(box)}`);
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 800, `the panel is inside the viewport: ${JSON.stringify(box)}`);
  // A mention that is a statement's source is tinted (visible to the reader), a statement
  // underlined.
  const look = await page.evaluate(() => {
    const mention = document.querySelector('mark.whosaid-mention.whosaid-src');
    const statement = document.querySelector('mark.whosaid-statement');
    return { tint: getComputedStyle(mention).backgroundColor, line: getComputedStyle(statement).textDecorationLine };
  });
  assert.notEqual(look.tint, 'rgba(0, 0, 0, 0)', 'mentions are tinted');
  assert.equal(look.line, 'underline', 'statements are underlined');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, 'demo.png');
  await page.screenshot({ path: file });
  assert.ok(statSync(file).size > 10000, 'the screenshot was written');
  page.assertNoErrors();
});

test('embed: a data-root that matches nothing → ready is null, whosaid:error, console.error', async (t) => {
  const consoleErrors = [];
  const page = await b.open(t, null, {
    allowConsole: [/matches no element/],
    init: 'window.__errors = []; document.addEventListener("whosaid:error", (e) => window.__errors.push(e.detail && e.detail.message));',
  });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  const url = await getUrl();
  const html = readFileSync(join(wwwDir, 'index.html'), 'utf8').replace('data-root="article"', 'data-root="#no-such-article"');
  assert.ok(html.includes('#no-such-article'));
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(url);
  const r = await page.evaluate(async () => ({ ready: await window.whosaid.ready, errors: window.__errors, marks: document.querySelectorAll('[data-whosaid]').length }));
  assert.equal(r.ready, null);
  assert.equal(r.errors.length, 1, 'one whosaid:error event');
  assert.match(r.errors[0], /#no-such-article/);
  assert.ok(consoleErrors.some((e) => e.includes('#no-such-article')), `console.error says why: ${consoleErrors}`);
  assert.equal(r.marks, 0, 'nothing was added to the page');
  page.assertNoErrors();
});

// (Where the CSP refuses WebAssembly the embed runs its JavaScript build: fallback.test.mjs.
// Here that build is missing too.)
test('embed: on a page whose CSP blocks WebAssembly and without its JavaScript build, nothing changes and the reason is reported', async (t) => {
  const nothing = join(resultsDir, 'empty');
  mkdirSync(nothing, { recursive: true });
  const url = await b.serve({
    headers: { 'Content-Security-Policy': "script-src 'self'" },
    dirs: { '/dist/whosaid-fallback.mjs': nothing, '/dist/': join(wwwDir, '..', 'dist'), '/': wwwDir },
  });
  const page = await b.open(t, null, {
    allowConsole: [/Content-Security-Policy/, /WebAssembly/, /Failed to load resource/, /whosaid-fallback/],
    init: `${SNAPSHOT_AT_INTERACTIVE}\nwindow.__errors = []; document.addEventListener("whosaid:error", (e) => window.__errors.push(e.detail && e.detail.message));`,
  });
  await page.goto(url);
  const r = await page.evaluate(async () => ({ ready: await window.whosaid.ready, errors: window.__errors, diffs: window.__domSnap.compare('initial') }));
  assert.equal(r.ready, null, 'ready resolves to null');
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0], /Content-Security-Policy/);
  assert.match(r.errors[0], /wasm-unsafe-eval/);
  assert.match(r.errors[0], /JavaScript build could not be loaded/);
  assert.deepEqual(r.diffs, [], 'the page is untouched');
  page.assertNoErrors();
});

// What the panel tells the reader about the story's denials and its headline: wrong answers
// here are visible to anyone opening the demo.
test('each denial in the story is a dispute with the accuser and the company on opposite sides', async (t) => {
  const page = await openDemo(t);
  const panel = await readPanel(page);
  const describe = JSON.stringify(panel.disputes.map((d) => ({ topic: d.topic, sides: d.sides.map((s) => `${s.who} ${s.stance}`) })), null, 1);
  // “The company denied that it had made any such threat.” (Delgado said Tidewell threatened.)
  const threat = panel.disputes.find((d) => /threat/.test(d.topic));
  assert.ok(threat, `a dispute about the threat: ${describe}`);
  assert.ok(threat.sides.some((s) => s.who === 'Rosa Delgado' && s.stance === '(asserts)'), `Rosa Delgado asserts the threat: ${describe}`);
  assert.ok(threat.sides.some((s) => /Tidewell/.test(s.who) && s.stance === '(denies)'), `Tidewell denies it: ${describe}`);
  // “Tidewell denied the union’s account.”
  const account = panel.disputes.find((d) => d.sides.some((s) => s.stance === '(denies)' && /union’s account/.test(s.text)));
  assert.ok(account, `a dispute about the union's account: ${describe}`);
  assert.ok(account.sides.some((s) => /union/i.test(s.who) && s.stance === '(asserts)'), `the union asserts its account: ${describe}`);
  assert.ok(account.sides.some((s) => s.who === 'Tidewell Shipping' && s.stance === '(denies)'), `Tidewell Shipping denies it: ${describe}`);
  page.assertNoErrors();
});

test('the headline is not taken for a speaker', async (t) => {
  const page = await openDemo(t);
  const panel = await readPanel(page);
  const names = panel.speakers.map((s) => s.name);
  assert.ok(!names.some((n) => /Clash|Pier/.test(n)), `no speaker made out of the headline "…Tidewell Shipping Clash Over Pier 9 Expansion": ${names.join(', ')}`);
  const inHeadline = await page.evaluate(() => Array.from(document.querySelectorAll('article h1 mark'), (m) => m.textContent));
  assert.deepEqual(inHeadline, [], 'nothing in the headline is marked as a speaker');
  page.assertNoErrors();
});

test('“the mayor” is not taken for a mention of Elena Marsh', async (t) => {
  const page = await openDemo(t);
  // “…said the mayor’s office had privately urged both sides…”: the mayor is not Ms. Marsh.
  const mentions = await page.evaluate(async () => {
    const r = (await window.whosaid.ready).report;
    const marsh = r.speakers.find((s) => s.name === 'Elena Marsh');
    return marsh.mentions.map((m) => r.text.slice(m.start, m.end));
  });
  assert.ok(!mentions.some((m) => /mayor/i.test(m)), `Elena Marsh's mentions do not include "the mayor": ${JSON.stringify(mentions)}`);
  page.assertNoErrors();
});

test('“The state Department of Transportation said…” is an organisation, not a person called Transportation', async (t) => {
  const page = await openDemo(t);
  const r = await page.evaluate(async () => {
    const rep = (await window.whosaid.ready).report;
    const q = rep.statements.find((s) => rep.text.slice(s.content.start, s.content.end).includes('the grant would remain available'));
    const sp = q && rep.speakers.find((s) => s.id === q.speaker);
    return { found: !!q, speaker: sp && { name: sp.name, kind: sp.kind } };
  });
  assert.ok(r.found, 'the department’s statement is found');
  assert.match(r.speaker.name, /Department of Transportation/, `speaker: ${JSON.stringify(r.speaker)}`);
  assert.equal(r.speaker.kind, 'organisation', `speaker: ${JSON.stringify(r.speaker)}`);
  page.assertNoErrors();
});

test('marked text keeps a contrast of at least 4.5:1, and each speaker differs in colour and line style', async (t) => {
  const page = await openDemo(t);
  const found = await page.evaluate(() => {
    const lum = (rgb) => {
      const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const out = [];
    for (const m of document.querySelectorAll('mark[data-whosaid]')) {
      const cs = getComputedStyle(m);
      const bg = cs.backgroundColor;
      if (/rgba\(.*,\s*0\)$/.test(bg) || bg === 'transparent') continue; // unpainted: page background
      const [a, b] = [lum(cs.color), lum(bg)].sort((x, y) => y - x);
      out.push({ text: m.textContent, ratio: (a + 0.05) / (b + 0.05) });
    }
    // The first eight speakers in report order: each its own hue and line style.
    const styles = [];
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const m = document.querySelector(`mark.whosaid-statement:not(.whosaid-dispute)[data-speaker="s${n}"]`);
      if (!m) continue;
      const cs = getComputedStyle(m);
      styles.push(`${cs.textDecorationColor} ${cs.textDecorationStyle}`);
    }
    return { out, styles };
  });
  assert.ok(found.out.length > 20, `tinted marks to check: ${found.out.length}`);
  const low = found.out.filter((x) => x.ratio < 4.5);
  assert.deepEqual(low, [], 'every tinted mark has a text contrast of at least 4.5:1');
  assert.ok(found.styles.length >= 5, `statements of several speakers: ${found.styles.length}`);
  assert.equal(new Set(found.styles).size, found.styles.length, `each speaker has its own colour and line style: ${found.styles.join(' | ')}`);
  assert.equal(new Set(found.styles.map((x) => x.split(' ').pop())).size, 4, 'all four line styles are in use, for readers who cannot tell the hues apart');
  page.assertNoErrors();
});
