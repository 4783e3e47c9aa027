// The ES module on the development corpus' seed article (../shared/corpus/seed/article.html),
// checked against its annotation (gold.json): every annotated speaker is in the panel, and the
// two disputed claims are listed with the annotated sides. Skipped when the corpus is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, readPanel, distDir, seedDir } from './harness.mjs';

const b = useBrowser();
const articlePath = join(seedDir, 'article.html');
const goldPath = join(seedDir, 'gold.json');
const present = existsSync(articlePath) && existsSync(goldPath);
const SKIP = `the development corpus is absent (${articlePath} or gold.json not found)`;

const norm = (s) => s.toLowerCase().replace(/^the\s+/, '').replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();

/** Whether a panel name names the gold speaker (exact, or the same name with/without "the"). */
function sameSpeaker(panelName, goldName) {
  return norm(panelName) === norm(goldName);
}

async function openSeed(t) {
  const url = await b.serve({ dirs: { '/dist/': distDir, '/': seedDir } });
  const page = await b.open(t, `${url}article.html`);
  const ok = await page.evaluate(async () => {
    const h = await (await import('/dist/whosaid.mjs')).highlight({ panel: true });
    return !!(h && h.active);
  });
  assert.ok(ok, 'highlight() resolved to an active handle');
  return page;
}

test('every annotated speaker of the seed article is in the panel', { skip: present ? false : SKIP }, async (t) => {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
  const wanted = gold.speakers.filter((s) => !s.optional);
  assert.ok(wanted.length >= 5, 'gold.json lists its speakers');
  const page = await openSeed(t);
  const panel = await readPanel(page);
  const names = panel.speakers.map((s) => s.name);
  const missing = wanted.filter((g) => !names.some((n) => sameSpeaker(n, g.name))).map((g) => g.name);
  assert.deepEqual(missing, [], `annotated speakers missing from the panel (panel lists: ${names.join(', ')})`);
  // Roles the annotation gives appear with the speaker (at least the role's head noun: the
  // annotation may say "former U.S. president" where the text says only "president").
  for (const g of wanted.filter((s) => s.role)) {
    const s = panel.speakers.find((x) => sameSpeaker(x.name, g.name));
    const head = norm(g.role).split(' ').pop();
    assert.ok(s.role && norm(s.role).includes(head), `${g.name}'s role "${s.role}" names the annotated role "${g.role}"`);
  }
  // Page chrome and people who are only mentioned do not become speakers.
  for (const n of gold.mentioned_not_speakers.filter((x) => x !== 'Donald Trump')) {
    assert.ok(!names.some((x) => sameSpeaker(x, n)), `${n} is mentioned, not a speaker (panel: ${names.join(', ')})`);
  }
  const marks = await page.evaluate(() => ({
    outside: Array.from(document.querySelectorAll('mark[data-whosaid]')).filter((m) => !m.closest('[itemprop=articleBody]')).map((m) => m.textContent),
    readMore: document.querySelectorAll('.read-more').length,
    inReadMore: Array.from(document.querySelectorAll('.read-more mark')).map((m) => m.textContent),
  }));
  assert.deepEqual(marks.outside, [], 'no mark outside the article body');
  // The "Read more:" line sits inside the article body and names a person: page chrome all the
  // same, so the article finder leaves it out (its class and its link density say so) or the
  // report marks it as chrome, and nothing in it is marked.
  assert.equal(marks.readMore, 1, 'the seed page has its Read-more line');
  assert.deepEqual(marks.inReadMore, [], 'no marks in the Read-more line');
  const readMoreKinds = await page.evaluate(async () => {
    const r = (await (await import('/dist/whosaid.mjs')).highlight({ panel: true })).report;
    return r.blocks.filter((x) => r.text.slice(x.start, x.end).startsWith('Read more')).map((x) => x.kind);
  });
  assert.deepEqual(readMoreKinds.filter((k) => k !== 'chrome'), [], 'the Read-more line is not read as article text');
  page.assertNoErrors();
});

test('the panel lists the seed article’s two disputes with their annotated sides', { skip: present ? false : SKIP }, async (t) => {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
  assert.equal(gold.disputes.length, 2, 'gold.json has the two disputes this test checks');
  const page = await openSeed(t);
  const panel = await readPanel(page);
  const show = JSON.stringify(panel.disputes.map((d) => ({ topic: d.topic, sides: d.sides.map((s) => `${s.who} ${s.stance}`) })), null, 1);
  assert.ok(panel.disputes.length >= 2, `at least two disputes: ${show}`);
  for (const g of gold.disputes) {
    const found = panel.disputes.find((d) => g.positions.every((p) => d.sides.some((s) => sameSpeaker(s.who, p.source))));
    assert.ok(found, `a dispute whose sides are ${g.positions.map((p) => p.source).join(' and ')} ("${g.topic}"): ${show}`);
    // The side that denies or contradicts is not shown as asserting, and vice versa.
    for (const p of g.positions) {
      const side = found.sides.find((s) => sameSpeaker(s.who, p.source));
      const against = p.stance === 'denies' || p.stance === 'contradicts';
      assert.equal(/\((denies|contradicts)\)/.test(side.stance), against, `${p.source} ${p.stance} (panel: ${side.stance})`);
    }
  }
  // The first dispute (Putin denies, the intelligence community asserts) and the second
  // (Tillerson contradicts, Lavrov asserts) are different entries.
  const putin = panel.disputes.findIndex((d) => d.sides.some((s) => s.who === 'Vladimir Putin'));
  const lavrov = panel.disputes.findIndex((d) => d.sides.some((s) => s.who === 'Sergey Lavrov') && d.sides.some((s) => s.who === 'Rex Tillerson'));
  assert.ok(putin >= 0 && lavrov >= 0 && putin !== lavrov, `two separate disputes: ${show}`);
  page.assertNoErrors();
});
