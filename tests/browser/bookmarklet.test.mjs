// The bookmarklet (dist/whosaid-bookmarklet.js) on pages it does not control: a page on another
// origin whose CSS restyles every <mark> and whose script keeps rewriting its sidebar, and a
// page whose Content-Security-Policy blocks WebAssembly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, readPanel, distDir, fixturesDir, installSnapshot, until } from './harness.mjs';

const b = useBrowser();
let origins = null;
/** dist/ on one origin, the hostile page on another (different port, so another origin). */
async function getOrigins() {
  if (!origins) {
    const dist = await b.serve({ dirs: { '/dist/': distDir } });
    const site = await b.serve({ dirs: { '/': fixturesDir } });
    origins = { dist, site };
  }
  return origins;
}

async function runBookmarklet(page, distOrigin) {
  await page.addScriptTag({ url: `${distOrigin}dist/whosaid-bookmarklet.js` });
}

/** Opens the hostile page, snapshots its article, runs the bookmarklet once. */
async function openHostileAndRun(t) {
  const { dist, site } = await getOrigins();
  assert.notEqual(new URL(dist).origin, new URL(site).origin, 'the script comes from another origin');
  const page = await b.open(t, `${site}hostile.html`);
  await until(() => page.evaluate(() => Number(document.getElementById('sidebar').dataset.renders) >= 1), 'the page renders its sidebar');
  await installSnapshot(page);
  await page.evaluate(() => window.__domSnap.take('article', 'article'));
  await runBookmarklet(page, dist);
  await until(() => page.evaluate(() => !!(window.__whosaidBookmarklet && window.__whosaidBookmarklet.handle)), 'the bookmarklet finished its first run');
  return page;
}

const STYLE_OF_MARKS = () => Array.from(document.querySelectorAll('article mark.whosaid-statement'), (m) => {
  const s = getComputedStyle(m);
  const r = m.getBoundingClientRect();
  return {
    text: m.textContent, display: s.display, background: s.backgroundColor, color: s.color,
    visibility: s.visibility, opacity: s.opacity, fontSize: s.fontSize, parentFontSize: getComputedStyle(m.parentElement).fontSize,
    decoration: s.textDecorationLine, padding: s.paddingLeft, width: r.width, height: r.height,
    before: getComputedStyle(m, '::before').content, after: getComputedStyle(m, '::after').content,
    claimEnd: m.classList.contains('whosaid-dispute-end'),
  };
});

test('first run highlights the article on a hostile page: marks stay inline and unpainted by the page’s CSS', async (t) => {
  const page = await openHostileAndRun(t);
  const st = await page.evaluate(() => ({
    root: window.__whosaidBookmarklet.handle.root.tagName,
    marks: document.querySelectorAll('mark[data-whosaid="mark"]').length,
    outside: Array.from(document.querySelectorAll('mark[data-whosaid]')).filter((m) => !m.closest('article')).length,
  }));
  assert.equal(st.root, 'ARTICLE', 'the bookmarklet found the <article>');
  assert.ok(st.marks >= 8, `marks in the article (${st.marks})`);
  assert.equal(st.outside, 0, 'no mark in the sidebar, header or footer');
  const panel = await readPanel(page);
  assert.ok(panel && panel.panel, 'the panel is on the page');
  const names = panel.speakers.map((s) => s.name);
  for (const n of ['Tobias Wren', 'Lucia Ferrante', 'Harold Grimsby']) assert.ok(names.includes(n), `${n} in the panel: ${names}`);
  assert.ok(await page.locator('#whosaid-panel section.panel').isVisible(), 'the panel is visible');
  const styles = await page.evaluate(STYLE_OF_MARKS);
  assert.ok(styles.length > 0, 'statement marks exist');
  for (const s of styles) {
    assert.equal(s.display, 'inline', `"${s.text}" is displayed inline (page says display:none)`);
    assert.notEqual(s.background, 'rgb(255, 0, 0)', `"${s.text}" is not painted red`);
    assert.notEqual(s.color, 'rgb(255, 255, 255)', `"${s.text}" is not white`);
    assert.equal(s.fontSize, s.parentFontSize, `"${s.text}" keeps the text size`);
    assert.equal(s.padding, '0px');
    assert.equal(s.decoration, 'underline', `"${s.text}" is underlined as a statement, not struck through`);
    assert.equal(s.before, 'none', `"${s.text}" has no sign of the page's before it`);
    assert.equal(s.after, s.claimEnd ? '" \u2696"' : 'none', `"${s.text}" has no sign of the page's after it`);
    assert.ok(s.width > 0 && s.height > 0, `"${s.text}" takes up space`);
  }
  page.assertNoErrors();
});

test('marked text stays visible on a hostile page (page CSS sets visibility:hidden and opacity:0 on mark)', async (t) => {
  const page = await openHostileAndRun(t);
  const styles = await page.evaluate(STYLE_OF_MARKS);
  assert.ok(styles.length > 0);
  const hidden = styles.filter((s) => s.visibility !== 'visible' || Number(s.opacity) < 1);
  assert.deepEqual(hidden.map((s) => `"${s.text}": visibility ${s.visibility}, opacity ${s.opacity}`), [],
    'the page’s `mark { visibility: hidden !important; opacity: 0 !important }` does not hide the marked words');
  page.assertNoErrors();
});

test('the page keeps re-rendering its sidebar; second run removes everything and restores the article exactly', async (t) => {
  const page = await openHostileAndRun(t);
  const renders = () => page.evaluate(() => Number(document.getElementById('sidebar').dataset.renders));
  const r0 = await renders();
  await until(async () => (await renders()) >= r0 + 3, 'the sidebar keeps re-rendering with the widget on', 3000);
  assert.ok(await page.evaluate(() => document.querySelector('#sidebar .renders') !== null), 'the sidebar content is the page’s');
  // The widget still answers while the page is busy: a pointer over a mark opens the popover.
  // (Dispatched, not a real hover: the page's CSS may hide marks from the pointer, see above.)
  await page.evaluate(() => document.querySelector('article mark.whosaid-statement').dispatchEvent(new MouseEvent('mouseover', { bubbles: true })));
  await until(() => page.evaluate(() => !document.querySelector('#whosaid-panel').shadowRoot.querySelector('.popover').hasAttribute('hidden')), 'the popover shows');
  // Second run: toggles off.
  await runBookmarklet(page, (await getOrigins()).dist);
  const r = await page.evaluate(() => ({
    state: '__whosaidBookmarklet' in window,
    marks: document.querySelectorAll('mark').length,
    own: Array.from(document.querySelectorAll('[data-whosaid]'), (e) => e.outerHTML.slice(0, 60)),
    diffs: window.__domSnap.compare('article'),
  }));
  assert.equal(r.state, false, 'window.__whosaidBookmarklet is gone');
  assert.equal(r.marks, 0, 'no mark left');
  assert.deepEqual(r.own, [], 'no panel, style or notice left');
  assert.deepEqual(r.diffs, [], 'the article is the same nodes with the same contents as before');
  const r1 = await renders();
  await until(async () => (await renders()) >= r1 + 2, 'the sidebar still re-renders afterwards', 3000);
  // A third run turns it on again.
  await runBookmarklet(page, (await getOrigins()).dist);
  await until(() => page.evaluate(() => !!(window.__whosaidBookmarklet && window.__whosaidBookmarklet.handle) && document.querySelectorAll('mark').length > 0),
    'a third run highlights again');
  page.assertNoErrors();
});

test('on a page whose CSP blocks WebAssembly the bookmarklet shows a notice and changes nothing', async (t) => {
  const url = await b.serve({
    dirs: { '/dist/': distDir, '/': fixturesDir },
    headers: { 'Content-Security-Policy': "script-src 'self'" },
  });
  const page = await b.open(t, `${url}csp.html`, {
    // Chromium may log the policy violation itself; that is the page's policy at work.
    allowConsole: [/Content.Security.Policy/i, /WebAssembly/],
  });
  await installSnapshot(page);
  await page.evaluate(() => window.__domSnap.take('article', 'article'));
  // Same-origin URL: allowed by script-src 'self' (not inline, no CSP bypass).
  await runBookmarklet(page, url);
  const notice = page.locator('[data-whosaid="notice"] [role=alert]');
  await notice.waitFor({ state: 'visible', timeout: 5000 });
  const text = await notice.textContent();
  assert.match(text, /Content-Security-Policy/, `the notice explains: ${text}`);
  assert.match(text, /wasm-unsafe-eval/);
  const r = await page.evaluate(() => ({
    open: !!document.querySelector('[data-whosaid="notice"]').shadowRoot,
    state: '__whosaidBookmarklet' in window,
    marks: document.querySelectorAll('mark').length,
    panel: !!document.querySelector('#whosaid-panel'),
    style: !!document.querySelector('style[data-whosaid]'),
    diffs: window.__domSnap.compare('article'),
  }));
  assert.ok(r.open, 'the notice has an open shadow root');
  assert.equal(r.state, false, 'no bookmarklet state is left behind');
  assert.equal(r.marks, 0);
  assert.equal(r.panel, false);
  assert.equal(r.style, false);
  assert.deepEqual(r.diffs, [], 'the article is untouched');
  // The notice can be dismissed.
  await page.locator('[data-whosaid="notice"] button').click();
  assert.equal(await page.locator('[data-whosaid="notice"]').count(), 0, 'the × removes the notice');
  page.assertNoErrors();
});

test('the javascript: URL in bookmarklet.txt is the bookmarklet: it highlights, and run again removes', async (t) => {
  const { site } = await getOrigins();
  const href = readFileSync(join(distDir, 'bookmarklet.txt'), 'utf8').trim();
  assert.ok(href.startsWith('javascript:'), 'a javascript: URL');
  assert.ok(!/\s/.test(href), 'no raw whitespace (it survives being dragged to the bookmarks bar)');
  const page = await b.open(t, `${site}hostile.html`);
  // What the browser does with a bookmarklet: decode the URL and run it as a script.
  const code = decodeURIComponent(href.slice('javascript:'.length));
  await page.evaluate(code);
  await until(() => page.evaluate(() => !!(window.__whosaidBookmarklet && window.__whosaidBookmarklet.handle)), 'the bookmarklet ran');
  assert.ok(await page.evaluate(() => document.querySelectorAll('article mark[data-whosaid]').length) > 0, 'the article is highlighted');
  await page.evaluate(code);
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-whosaid]').length), 0, 'the second run removed everything');
  page.assertNoErrors();
});
