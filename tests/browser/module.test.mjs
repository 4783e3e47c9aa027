// The ES module (dist/whosaid.mjs) on a page of our own (fixtures/module.html): the report,
// where marks go and where they must not, one handle per root, exact removal, and the errors
// a publisher gets for a page without text or a root that matches nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, readPanel, marksCovering, distDir, fixturesDir, installSnapshot } from './harness.mjs';

const b = useBrowser();
let base = null;
const getBase = async () => (base ||= await b.serve({ dirs: { '/dist/': distDir, '/': fixturesDir } }));

/** Opens a fixture page and waits for its module script to have imported whosaid. */
async function openFixture(t, name) {
  const page = await b.open(t, `${await getBase()}${name}`);
  await page.waitForFunction(() => window.whosaidModule && typeof window.whosaidModule.highlight === 'function');
  return page;
}

// Text in the fixture that looks like speech but sits where whosaid must not read.
const SKIPPED = ['Ms. Scripted', 'Ms. Ariadne Hidden', 'Ms. Selma Secret', 'Ms. Tessa Typed', 'Ms. Promoter', 'Ms. Felicity Footer'];

test('highlight({root: "article"}) reports the article’s speakers and their statements', async (t) => {
  const page = await openFixture(t, 'module.html');
  const r = await page.evaluate(async () => {
    const h = await window.whosaidModule.highlight({ root: 'article' });
    const rep = h.report;
    const slice = (s) => rep.text.slice(s.start, s.end);
    return {
      rootIsArticle: h.root === document.querySelector('article'),
      active: h.active,
      speakers: rep.speakers.map((s) => ({ id: s.id, name: s.name, kind: s.kind, role: s.role })),
      statements: rep.statements.map((q) => ({ speaker: q.speaker, kind: q.kind, content: slice(q.content) })),
    };
  });
  assert.ok(r.rootIsArticle, 'handle.root is the <article>');
  assert.equal(r.active, true);
  const names = r.speakers.map((s) => s.name);
  for (const n of SKIPPED) {
    assert.ok(!names.some((x) => x.includes(n.replace('Ms. ', '').split(' ').pop())), `${n} (in skipped content) is not a speaker: ${names}`);
  }
  const byName = (n) => r.speakers.find((s) => s.name === n);
  const quist = byName('Harriet Quist');
  const lund = byName('Victor Lund');
  assert.ok(quist, `Harriet Quist is a speaker (speakers: ${JSON.stringify(r.speakers)})`);
  assert.ok(lund, `Victor Lund is a speaker (speakers: ${JSON.stringify(r.speakers)})`);
  assert.equal(quist.kind, 'person');
  assert.equal(quist.role, 'Head Librarian');
  assert.equal(lund.kind, 'person');
  assert.equal(lund.role, 'Council Treasurer');
  const said = (s) => r.statements.filter((q) => q.speaker === s.id).map((q) => q.content);
  assert.ok(said(quist).some((c) => c.includes('Closing at five o’clock')), `Quist's quote: ${said(quist)}`);
  assert.ok(said(lund).some((c) => c.includes('budget gap')), `Lund's reported speech: ${said(lund)}`);
  assert.ok(said(lund).some((c) => c.includes('the residents’ petition line by line')), `Lund's quote: ${said(lund)}`);
  page.assertNoErrors();
});

test('marks go only into the article, never into script, textarea, aria-hidden or hidden content', async (t) => {
  const page = await openFixture(t, 'module.html');
  await page.evaluate(async () => { await window.whosaidModule.highlight({ root: 'article' }); });
  const r = await page.evaluate(() => {
    const marks = Array.from(document.querySelectorAll('mark'));
    return {
      total: marks.length,
      foreign: marks.filter((m) => m.getAttribute('data-whosaid') !== 'mark').length,
      outside: marks.filter((m) => !m.closest('article')).map((m) => m.textContent),
      skipped: marks.filter((m) => m.closest('script, textarea, [aria-hidden="true"], [hidden], header, footer, nav')).map((m) => m.textContent),
      textarea: document.querySelector('textarea').value,
      script: document.querySelector('article script').textContent,
    };
  });
  assert.ok(r.total >= 8, `the article is marked (${r.total} marks)`);
  assert.equal(r.foreign, 0, 'every mark carries data-whosaid="mark"');
  assert.deepEqual(r.outside, [], 'no mark outside the article');
  assert.deepEqual(r.skipped, [], 'no mark in script, textarea, aria-hidden or hidden content');
  assert.equal(r.textarea, '“I typed this myself,” said Ms. Tessa Typed.', 'the textarea’s value is untouched');
  assert.match(r.script, /said Ms\. Scripted/, 'the script’s text is untouched');
  for (const n of SKIPPED) {
    const cov = await marksCovering(page, n, 'body');
    if (cov) assert.equal(cov.marks.length, 0, `"${n}" is not marked`);
  }
  // The quote split by the <a> and the <em>: one statement, marks before, in and after each.
  const lund = await page.evaluate(() => Array.from(document.querySelectorAll('mark.whosaid-mention'))
    .find((m) => m.textContent === 'Mr. Lund').dataset.speaker);
  assert.ok(lund, '"Mr. Lund" is marked with a speaker id');
  const cov = await marksCovering(page, 'We read the residents’ petition line by line, and we will look for other savings before we touch the library', 'article');
  assert.ok(cov, 'the split quote is in the article');
  assert.equal(cov.unmarked, 0, 'the whole split quote is marked');
  const ids = new Set(cov.marks.map((m) => m.statement));
  assert.equal(ids.size, 1, `one data-statement across <a> and <em>: ${[...ids]}`);
  assert.ok(cov.marks.every((m) => m.speaker === lund && m.classes.includes('whosaid-statement')), JSON.stringify(cov.marks));
  assert.deepEqual(cov.marks.map((m) => m.parent), ['p', 'a', 'p', 'em', 'p'], 'marks in the <p>, the <a>, the <p>, the <em>, the <p>');
  assert.equal(cov.marks[0].tabindex, '0', 'the first piece of the quote is focusable');
  page.assertNoErrors();
});

test('a second highlight() on the same root returns the same handle and adds no marks', async (t) => {
  const page = await openFixture(t, 'module.html');
  const r = await page.evaluate(async () => {
    const { highlight } = window.whosaidModule;
    const count = () => ({
      marks: document.querySelectorAll('mark').length,
      styles: document.querySelectorAll('style[data-whosaid]').length,
      panels: document.querySelectorAll('[data-whosaid="panel"]').length,
      html: document.querySelector('article').innerHTML,
    });
    const h1 = await highlight({ root: 'article' });
    const first = count();
    const h2 = await highlight({ root: 'article' });
    const h3 = await highlight({ root: document.querySelector('article') });
    const second = count();
    return { same: h1 === h2 && h2 === h3, first, second, report: JSON.stringify(h1.report) === JSON.stringify(h2.report) };
  });
  assert.ok(r.same, 'the same handle object comes back (selector or element)');
  assert.ok(r.first.marks > 0);
  assert.equal(r.second.marks, r.first.marks, 'the mark count is unchanged');
  assert.equal(r.second.html, r.first.html, 'nothing was wrapped twice');
  assert.equal(r.second.styles, 1, 'one style element');
  assert.equal(r.second.panels, 1, 'one panel');
  page.assertNoErrors();
});

test('concurrent highlight() calls on one root share one handle', async (t) => {
  const page = await openFixture(t, 'module.html');
  const r = await page.evaluate(async () => {
    const { highlight } = window.whosaidModule;
    const [a, b] = await Promise.all([highlight({ root: 'article' }), highlight({ root: 'article' })]);
    return {
      same: a === b,
      nested: document.querySelectorAll('mark mark').length,
      panels: document.querySelectorAll('[data-whosaid="panel"]').length,
      marksOfLund: Array.from(document.querySelectorAll('mark.whosaid-mention')).filter((m) => m.textContent === 'Mr. Lund').length,
    };
  });
  assert.ok(r.same, 'both calls resolve to the same handle');
  assert.equal(r.nested, 0, 'no mark inside a mark');
  assert.equal(r.panels, 1, 'one panel');
  assert.equal(r.marksOfLund, 1, '"Mr. Lund" is marked once');
  page.assertNoErrors();
});

test('remove() restores the DOM exactly; highlighting again afterwards works', async (t) => {
  const page = await openFixture(t, 'module.html');
  await installSnapshot(page);
  const r = await page.evaluate(async () => {
    window.__domSnap.take('before');
    const h = await window.whosaidModule.highlight({ root: 'article' });
    const marked = document.querySelectorAll('mark').length;
    h.remove();
    const diffs = window.__domSnap.compare('before');
    h.remove(); // twice is harmless
    const again = await window.whosaidModule.highlight({ root: 'article' });
    const out = {
      marked, diffs, active: h.active, fresh: again !== h && again.active,
      remarked: document.querySelectorAll('mark').length,
    };
    again.remove();
    out.diffs2 = window.__domSnap.compare('before');
    return out;
  });
  assert.ok(r.marked > 0);
  assert.equal(r.active, false, 'the handle is inactive after remove()');
  assert.deepEqual(r.diffs, [], 'the same nodes with the same text and attributes as before');
  assert.ok(r.fresh, 'a new highlight() after remove() gives a new, active handle');
  assert.equal(r.remarked, r.marked, 'and marks the article the same way');
  assert.deepEqual(r.diffs2, [], 'and removing that one restores the DOM exactly too');
  page.assertNoErrors();
});

test('the panel option: highlight({panel: false}) adds marks but no panel', async (t) => {
  const page = await openFixture(t, 'module.html');
  const r = await page.evaluate(async () => {
    const h = await window.whosaidModule.highlight({ root: 'article', panel: false });
    return { marks: document.querySelectorAll('mark').length, panel: !!document.querySelector('#whosaid-panel')?.shadowRoot?.querySelector('section.panel'), active: h.active };
  });
  assert.ok(r.marks > 0);
  assert.equal(r.panel, false, 'no panel section');
  const withPanel = await readPanel(page);
  assert.ok(!withPanel || !withPanel.panel);
  page.assertNoErrors();
});

test('highlight() on a page without article text rejects: “no article text”', async (t) => {
  const page = await openFixture(t, 'empty.html');
  for (const opts of [{}, { root: 'article' }]) {
    const r = await page.evaluate(async (opts) => {
      try {
        await window.whosaidModule.highlight(opts);
        return { resolved: true };
      } catch (e) {
        return { isError: e instanceof Error, message: String(e && e.message) };
      }
    }, opts);
    assert.ok(!r.resolved, `highlight(${JSON.stringify(opts)}) rejects`);
    assert.ok(r.isError, 'with an Error');
    assert.match(r.message, /no article text/, `message: ${r.message}`);
  }
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-whosaid]').length), 0, 'nothing was added to the page');
  page.assertNoErrors();
});

test('highlight({root: "#missing"}) rejects with a message naming the selector', async (t) => {
  const page = await openFixture(t, 'module.html');
  const r = await page.evaluate(async () => {
    const out = [];
    for (const root of ['#missing', '##']) {
      try {
        await window.whosaidModule.highlight({ root });
        out.push({ root, resolved: true });
      } catch (e) {
        out.push({ root, isError: e instanceof Error, message: String(e && e.message) });
      }
    }
    out.push({ marks: document.querySelectorAll('mark').length });
    return out;
  });
  assert.ok(r[0].isError, 'an Error for #missing');
  assert.ok(r[0].message.includes('#missing'), `the message names the selector: ${r[0].message}`);
  assert.ok(r[1].isError, 'an Error for an invalid selector');
  assert.ok(r[1].message.includes('##'), `the message names the invalid selector: ${r[1].message}`);
  assert.equal(r[2].marks, 0, 'nothing was marked');
  page.assertNoErrors();
});

test('analyze(text) reports speakers without touching the page', async (t) => {
  const page = await openFixture(t, 'module.html');
  await installSnapshot(page);
  const r = await page.evaluate(async () => {
    window.__domSnap.take('before');
    const rep = await window.whosaidModule.analyze('“The bridge opens on Monday,” Mayor Ines Alvarez said. Engineer Paul Brandt said the paint was still drying.');
    return { names: rep.speakers.map((s) => s.name), statements: rep.statements.length, diffs: window.__domSnap.compare('before') };
  });
  assert.ok(r.names.includes('Ines Alvarez'), `speakers: ${r.names}`);
  assert.ok(r.statements >= 2, 'both statements');
  assert.deepEqual(r.diffs, [], 'the page is untouched');
  page.assertNoErrors();
});
