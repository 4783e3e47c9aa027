// The browser bench's smoke run: `scripts/bench-browser.mjs --quick` (the ~1,500-word page, two
// repetitions) finishes, prints the table and writes a results file with every column measured.
// No figure is asserted: speed lives in `npm run bench:browser`, not in the tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, distDir } from './harness.mjs';

test('the quick browser bench writes every column of the table for the 1,500-word page', { timeout: 120000 }, async (t) => {
  assert.ok(existsSync(join(distDir, 'whosaid.mjs')), 'dist/ is missing: build first (node scripts/build.mjs)');
  const dir = mkdtempSync(join(tmpdir(), 'whosaid-bench-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'results.json');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(repoRoot, 'scripts', 'bench-browser.mjs'), '--quick', '--out', out],
    { cwd: repoRoot, timeout: 110000 },
  );
  assert.match(stdout, /^\| page \| floor A \| floor B \| compromise/m, stdout);
  assert.match(stdout, /^\| 1,500 words \(/m, stdout);
  const r = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(r.pages.length, 1);
  const page = r.pages[0];
  assert.equal(page.page, '1,500 words');
  assert.ok(page.words >= 1500 && page.words < 2500, `words: ${page.words}`);
  for (const column of ['floorA', 'floorB', 'compromise', 'analyse', 'endToEnd', 'endToEndVsCompromise', 'endToEndVsFloorB', 'analyseMBps']) {
    assert.ok(Number.isFinite(page[column]) && page[column] > 0, `${column}: ${page[column]}`);
  }
  // A difference of two medians: with two noisy repetitions it can come out below zero.
  assert.ok(Number.isFinite(page.mark), `mark: ${page.mark}`);
  assert.ok(Number.isFinite(page.longestTaskMs) && page.longestTaskMs >= 0, `longest task: ${page.longestTaskMs}`);
  for (const column of ['floorA', 'floorB', 'compromise', 'analyse', 'endToEnd']) {
    assert.equal(page.raw[column].length, 2, `${column}: two repetitions`);
  }
  assert.equal(page.longestTask.length, 2, 'a longest task for each highlight()');
  // Floor B wraps exactly the report's statements and puts the page back as it was, and so does
  // highlight()'s remove(): otherwise later repetitions would time a different page.
  assert.ok(page.statements > 0 && page.floorBMarks >= page.statements, `statements ${page.statements}, floor B marks ${page.floorBMarks}`);
  assert.equal(page.floorBUnaligned, 0);
  assert.equal(page.floorBRestored, true);
  assert.equal(page.restoredAfterHighlight, true);
  for (const k of ['cold', 'cached']) {
    assert.ok(Number.isFinite(r.instantiation[k]) && r.instantiation[k] > 0, `${k} instantiation: ${r.instantiation[k]}`);
  }
});
