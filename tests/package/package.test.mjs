// The npm package as a user gets it: a tarball made by `npm pack`, installed into a scratch
// project in a temporary folder, then
// - imported in Node (`import { analyze } from 'whosaid'`): the report of a sentence, exactly;
// - bundled by Vite (the repo's pinned devDependency) into a page: the .wasm is copied into the
//   build, and the built page, served on 127.0.0.1 and loaded in Chromium, analyses and
//   highlights.
//
// `node --test tests/package/` after `node scripts/build.mjs`: the tarball is packed from the
// dist/ already built (--ignore-scripts skips `prepack`, which would build again) and installed
// offline (it has no dependencies).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as viteBuild, createLogger } from 'vite';
import { useBrowser, distDir, repoRoot, until } from '../browser/harness.mjs';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

// An original sentence: a quote, a denial (so a dispute) and reported speech.
const TEXT = '“The bridge will open in May,” said Mayor Ola Brin of Tarvik. '
  + 'The harbour authority denied that the bridge was finished. '
  + 'Brin said the ferry would keep running until then.';

// What analyze(TEXT) returns, in full (the fields of the report as of this test).
const EXPECTED = {
  text: TEXT,
  blocks: [{ start: 0, end: 171, kind: 'paragraph' }],
  speakers: [
    { id: 's1', name: 'Ola Brin', kind: 'person', role: 'Mayor', mentions: [{ start: 36, end: 60 }, { start: 121, end: 125 }] },
    { id: 's2', name: 'harbour authority', kind: 'organisation', role: null, mentions: [{ start: 62, end: 83 }] },
  ],
  statements: [
    { id: 'q1', speaker: 's1', kind: 'direct', source: { start: 36, end: 60 }, cue: { start: 31, end: 35 }, content: { start: 0, end: 30 } },
    { id: 'q2', speaker: 's2', kind: 'denial', source: { start: 62, end: 83 }, cue: { start: 84, end: 90 }, content: { start: 96, end: 119 } },
    { id: 'q3', speaker: 's1', kind: 'indirect', source: { start: 121, end: 125 }, cue: { start: 126, end: 130 }, content: { start: 131, end: 170 } },
  ],
  disputes: [
    { id: 'd1', topic: 'whether the bridge was finished', claim: { start: 96, end: 119 }, positions: [{ speaker: 's2', stance: 'denies', statement: 'q2' }] },
  ],
  hedges: [],
};

/** The report's fields that EXPECTED lists (a field added later is checked by its own tests). */
const known = (report) => Object.fromEntries(Object.keys(EXPECTED).map((k) => [k, report[k]]));

let scratch = null; // the temporary folder: the tarball and the project that installs it
let project = null;

/** Runs a command; on failure, an error with the end of its stderr (not the whole minified module). */
function run(cmd, args, cwd) {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const lines = String(e.stderr || '').split('\n').filter((l) => l.length < 400);
    throw new Error(`${cmd} ${args[0]} failed:\n${lines.slice(-12).join('\n')}`);
  }
}

const b = useBrowser(); // its before() also checks that dist/ is built

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'whosaid-package-'));
  project = join(scratch, 'app');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Packs the package from the built dist/ and installs the tarball into the scratch project. */
let installed = null;
function install() {
  if (!installed) {
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], repoRoot));
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(scratch, packed.filename)], project);
    installed = { files: packed.files.map((f) => f.path).sort() };
  }
  return installed;
}

test('the tarball holds the module, its .wasm and its JavaScript build, the types, the embed script and the bookmarklet', () => {
  const { files } = install();
  assert.deepEqual(files, [
    'README.md',
    'dist/bookmarklet.txt', 'dist/whosaid-bookmarklet.js', 'dist/whosaid-embed.js',
    'dist/whosaid-fallback.mjs', 'dist/whosaid.d.ts', 'dist/whosaid.mjs', 'dist/whosaid_bg.wasm',
    'dist/whosaid_bg.wasm.lzma', 'package.json',
  ]);
  for (const f of ['whosaid_bg.wasm', 'whosaid_bg.wasm.lzma']) {
    const wasm = readFileSync(join(project, 'node_modules', 'whosaid', 'dist', f));
    assert.ok(wasm.equals(readFileSync(join(distDir, f))), `the installed ${f} is the one built`);
  }
  assert.equal(JSON.parse(readFileSync(join(project, 'node_modules', 'whosaid', 'package.json'), 'utf8')).version, pkg.version);
});

test('in Node, `import { analyze } from "whosaid"` gives the report without a page', () => {
  install();
  // A separate Node process in the scratch project, so 'whosaid' resolves to the installed copy.
  const script = `import('whosaid').then(async ({ analyze }) => {
    process.stdout.write(JSON.stringify(await analyze(${JSON.stringify(TEXT)})));
  }, (e) => { console.error(e); process.exit(2); });`;
  const out = run(process.execPath, ['-e', script], project);
  const report = JSON.parse(out);
  assert.deepEqual(known(report), EXPECTED);
  const said = report.statements.map((s) => [s.speaker, s.kind, TEXT.slice(s.content.start, s.content.end)]);
  assert.deepEqual(said, [
    ['s1', 'direct', '“The bridge will open in May,”'],
    ['s2', 'denial', 'the bridge was finished'],
    ['s1', 'indirect', 'the ferry would keep running until then'],
  ]);
});

test('in Node, analyze() of something other than text rejects with a message', () => {
  install();
  const script = `import('whosaid').then(({ analyze }) => analyze(42)).then(
    () => process.stdout.write('resolved'), (e) => process.stdout.write(e.constructor.name + ': ' + e.message));`;
  assert.equal(run(process.execPath, ['-e', script], project), 'Error: whosaid: analyze() takes the article text as a string');
});

test('a Vite build of a page that imports whosaid ships the .wasm, and the built page analyses and highlights in Chromium', async (t) => {
  install();
  writeFileSync(join(project, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tarvik news</title></head>
<body><article><h1>Bridge opening</h1><p>${TEXT}</p></article>
<script type="module" src="./main.js"></script></body></html>
`);
  writeFileSync(join(project, 'main.js'), `import { analyze, highlight } from 'whosaid';
const text = document.querySelector('article p').textContent;
Promise.all([analyze(text), highlight({ root: 'article', panel: false })]).then(
  ([report]) => { window.result = { report }; },
  (e) => { window.result = { error: e.message }; },
);
`);
  const warnings = [];
  const logger = createLogger('silent');
  logger.warn = (msg) => warnings.push(msg);
  logger.warnOnce = (msg) => warnings.push(msg);
  logger.error = (msg) => warnings.push(msg);
  await viteBuild({ root: project, configFile: false, logLevel: 'warn', customLogger: logger, build: { outDir: 'out' } });
  assert.deepEqual(warnings, [], 'Vite builds without a warning');

  const out = join(project, 'out');
  const assets = readdirSync(join(out, 'assets'));
  // The module fetches the wasm LZMA-compressed (js/lzma.js), not the plain .wasm.
  const wasms = assets.filter((f) => f.endsWith('.lzma') || f.endsWith('.wasm'));
  assert.equal(wasms.length, 1, `one packed wasm among the built assets: ${assets}`);
  assert.ok(readFileSync(join(out, 'assets', wasms[0])).equals(readFileSync(join(distDir, 'whosaid_bg.wasm.lzma'))),
    'the built asset is whosaid_bg.wasm.lzma');
  const js = assets.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(out, 'assets', f), 'utf8')).join('\n');
  assert.ok(js.includes(`/assets/${wasms[0]}`), 'the bundle loads the packed wasm from where Vite put it');

  const url = await b.serve({ dirs: { '/': out } });
  const page = await b.open(t, url);
  const result = await until(() => page.evaluate(() => window.result), 'the built page ran whosaid', 15000);
  assert.equal(result.error, undefined, `no error: ${result.error}`);
  assert.deepEqual(known(result.report), EXPECTED);
  const marks = await page.evaluate(() => Array.from(document.querySelectorAll('article mark[data-statement]'),
    (m) => [m.getAttribute('data-statement'), m.textContent]));
  assert.deepEqual(marks, [
    ['q1', '“The bridge will open in May,”'],
    ['q2', 'the bridge was finished'],
    ['q3', 'the ferry would keep running until then'],
  ], 'each statement is marked in the page');
  page.assertNoErrors();
});
