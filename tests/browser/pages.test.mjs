// The bookmarklet (dist/whosaid-bookmarklet.js) on every page of tests/pages, served from
// another origin as a real site would be: it finds the article by itself, every mark falls on
// the article's text (the page's expected.txt), no speaker in the panel comes from the page's
// chrome (chrome.txt), nothing throws, and the second run takes everything out again, leaving
// the very same nodes. tests/pages.rs and tests/dom.rs check the text found; this checks the
// marks a reader sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, readPanel, distDir, repoRoot, installSnapshot, until } from './harness.mjs';

const pagesDir = join(repoRoot, 'tests', 'pages');
const names = readdirSync(pagesDir).filter((n) => existsSync(join(pagesDir, n, 'page.html'))).sort();

const b = useBrowser();
let origins = null;
async function getOrigins() {
  if (!origins) {
    const dist = await b.serve({ dirs: { '/dist/': distDir } });
    const site = await b.serve({ dirs: { '/': pagesDir } });
    origins = { dist, site };
  }
  return origins;
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** The capitalised words of the names planted in a page's chrome. */
function planted(name) {
  return readFileSync(join(pagesDir, name, 'chrome.txt'), 'utf8').split('\n')
    .map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .flatMap((l) => l.split(/\s+/)).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w.toLowerCase());
}

async function runBookmarklet(page) {
  await page.addScriptTag({ url: `${(await getOrigins()).dist}dist/whosaid-bookmarklet.js` });
}

test('tests/pages holds the pages', () => {
  assert.ok(names.length >= 18, names.join(', '));
});

for (const name of names) {
  test(`${name}: marks only on the article's text, no speaker from the chrome, exact restore`, async (t) => {
    const { site } = await getOrigins();
    // The pages link stylesheets and images that do not exist.
    const page = await b.open(t, `${site}${name}/page.html`, { allowConsole: [/Failed to load resource/] });
    await installSnapshot(page);
    await page.evaluate(() => window.__domSnap.take('body', 'body'));
    await runBookmarklet(page);
    await until(() => page.evaluate(() => !!(window.__whosaidBookmarklet && window.__whosaidBookmarklet.handle)), `${name}: the bookmarklet found the article`);
    const expected = squash(readFileSync(join(pagesDir, name, 'expected.txt'), 'utf8'));
    const marks = await page.evaluate(() => Array.from(document.querySelectorAll('mark[data-whosaid="mark"]'), (m) => m.textContent));
    const outside = marks.map(squash).filter((m) => m && !expected.includes(m));
    assert.deepEqual(outside, [], `${name}: marks on text outside the article`);
    const panel = await readPanel(page);
    assert.ok(panel && panel.panel, `${name}: the panel is on the page`);
    const chrome = planted(name);
    const fromChrome = panel.speakers.map((s) => s.name)
      .filter((n) => n.toLowerCase().split(/[^\p{L}\p{N}]+/u).some((w) => chrome.includes(w)));
    assert.deepEqual(fromChrome, [], `${name}: speakers from the page's chrome`);
    // The second run toggles off and leaves the page as it was.
    await runBookmarklet(page);
    await until(() => page.evaluate(() => !('__whosaidBookmarklet' in window)), `${name}: the second run removed the widget`);
    const after = await page.evaluate(() => ({
      own: document.querySelectorAll('[data-whosaid]').length,
      diffs: window.__domSnap.compare('body'),
    }));
    assert.equal(after.own, 0, `${name}: nothing of the widget's left`);
    assert.deepEqual(after.diffs, [], `${name}: the body is the same nodes with the same contents`);
    page.assertNoErrors(name);
  });
}
