// The TypeScript declaration (js/whosaid.d.ts, shipped as dist/whosaid.d.ts) against what
// whosaid really hands out, both ways, so the two cannot drift apart:
// - real reports type-check as `Report` under `--strict`: the CLI's JSON (the same serde types
//   the browser binding hands to JavaScript) for every golden article (tests/articles), every
//   test page (tests/pages) and tests/types/sample.txt, each written as an object literal. A
//   field the declaration lacks, a field it requires that a report lacks, a null where it says
//   string or a kind it does not list is a compile error;
// - every property, every `| null` and every kind the declaration lists turns up in one of
//   those reports (so a field renamed or dropped on the Rust side shows up here too);
// - the functions it declares are the functions dist/whosaid.mjs exports.
//
// `node --test tests/types/` after `node scripts/build.mjs` (for dist/) and `cargo test --release`
// (for the CLI; built here if missing). `WHOSAID_CLI=target/debug/whosaid` uses another build.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const declaration = join(root, 'js', 'whosaid.d.ts');
const dist = join(root, 'dist');

/**
 * The whosaid CLI: $WHOSAID_CLI, or the one `cargo test --release` builds, asked of cargo. After
 * `cargo test --release`, as in scripts/test.sh, nothing is rebuilt; a plain `cargo build` of the
 * CLI builds the library with other settings than a test build (measured: they rebuild each other),
 * and the next `cargo test --release` would rebuild it and relink every test again (minutes).
 */
function cli() {
  if (process.env.WHOSAID_CLI) return process.env.WHOSAID_CLI;
  const out = execFileSync('cargo', ['test', '--release', '--no-run', '--message-format=json'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    const m = JSON.parse(line);
    if (m.reason === 'compiler-artifact' && m.target.name === 'whosaid' && m.target.kind.includes('bin')
        && !m.profile.test && m.executable) return m.executable;
  }
  throw new Error('cargo test --release built no whosaid executable');
}

/** Every article the samples come from: golden articles, test pages, and our own sample. */
function inputs() {
  const files = [];
  const each = (dir, names) => {
    for (const d of readdirSync(join(root, dir)).sort()) {
      const f = names.map((n) => join(root, dir, d, n)).find(existsSync);
      if (f) files.push(f);
    }
  };
  each('tests/articles', ['article.txt', 'article.html']);
  each('tests/pages', ['page.html']);
  files.push(join(root, 'tests', 'types', 'sample.txt'));
  return files;
}

const exe = cli();
const samples = inputs().map((file) => {
  const json = execFileSync(exe, ['analyze', '--format', 'json', file], { encoding: 'utf8' });
  return { name: relative(root, file), json, report: JSON.parse(json) };
});

// One TypeScript file: each report as an object literal typed `Report`.
const work = mkdtempSync(join(tmpdir(), 'whosaid-types-'));
const source = join(work, 'reports.ts');
const starts = []; // [first line, sample name], ascending
let text = `import type { Report } from ${JSON.stringify(declaration.replace(/\.d\.ts$/, ''))};\n`;
samples.forEach((s, i) => {
  text += `// ${s.name}\n`;
  starts.push([text.split('\n').length - 1, s.name]);
  text += `export const r${i}: Report = ${s.json.trim()};\n`;
});
writeFileSync(source, text);
const program = ts.createProgram([source], {
  strict: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'],
  types: [],
});
const checker = program.getTypeChecker();
let failed = false;
after(() => {
  if (!failed) rmSync(work, { recursive: true, force: true });
});

/** A compiler diagnostic as [message, where]: the sample and the line in it, or the file. */
function describe(d) {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
  if (!d.file) return [message, ''];
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  if (d.file.fileName !== source) return [message, `${relative(root, d.file.fileName)}:${line + 1}`];
  const sample = starts.filter(([first]) => first <= line).pop();
  return [message, `${sample ? sample[1] : source} at ${d.file.text.split('\n')[line].trim()}`];
}

test('every real report type-checks as the declared Report (tsc --strict)', () => {
  // One line per distinct error, with where it first occurs and how often.
  const errors = new Map();
  for (const [message, where] of ts.getPreEmitDiagnostics(program).map(describe)) {
    const e = errors.get(message) ?? { where, more: 0 };
    if (errors.has(message)) e.more += 1;
    errors.set(message, e);
  }
  const lines = [...errors].map(([m, e]) => `${e.where}: ${m}${e.more ? ` (and ${e.more} more)` : ''}`);
  if (lines.length) failed = true;
  assert.deepEqual(lines, [], `reports do not fit ${relative(root, declaration)} (generated file kept: ${source})`);
});

/** The declaration's module and its exports. */
function declaredExports() {
  const file = program.getSourceFile(declaration);
  assert.ok(file, `${declaration} is part of the program`);
  return checker.getExportsOfModule(checker.getSymbolAtLocation(file));
}

/**
 * What a declared type can hold, path by path: "Report.speakers[].role" → {"string", "null"},
 * "Report.speakers[].kind" → {"\"person\"", …}. Objects and arrays are "object" and "array".
 */
function declaredShapes(type, path, out = new Map(), depth = 0) {
  assert.ok(depth < 16, `${path}: the declaration nests too deep (a recursive type?)`);
  const shapes = out.get(path) ?? new Set();
  out.set(path, shapes);
  for (const t of type.isUnion() ? type.types : [type]) {
    if (t.flags & ts.TypeFlags.Null) shapes.add('null');
    else if (t.flags & ts.TypeFlags.Undefined) shapes.add('undefined');
    else if (t.isStringLiteral()) shapes.add(JSON.stringify(t.value));
    else if (t.flags & ts.TypeFlags.String) shapes.add('string');
    else if (t.flags & ts.TypeFlags.Number) shapes.add('number');
    else if (t.flags & ts.TypeFlags.BooleanLiteral) shapes.add('boolean');
    else if (checker.isArrayType(t)) {
      shapes.add('array');
      declaredShapes(checker.getTypeArguments(t)[0], `${path}[]`, out, depth + 1);
    } else if (t.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) {
      shapes.add('object');
      for (const p of checker.getPropertiesOfType(t)) {
        declaredShapes(checker.getTypeOfSymbol(p), `${path}.${p.name}`, out, depth + 1);
      }
    } else {
      assert.fail(`${path}: this check does not know the type ${checker.typeToString(t)}; teach declaredShapes()`);
    }
  }
  return out;
}

/** What a JSON value holds, path by path, in the words of declaredShapes(). */
function seenShapes(value, path, out) {
  const shapes = out.get(path) ?? new Set();
  out.set(path, shapes);
  if (value === null) shapes.add('null');
  else if (Array.isArray(value)) {
    shapes.add('array');
    for (const v of value) seenShapes(v, `${path}[]`, out);
  } else if (typeof value === 'object') {
    shapes.add('object');
    for (const [k, v] of Object.entries(value)) seenShapes(v, `${path}.${k}`, out);
  } else if (typeof value === 'string') {
    shapes.add('string');
    shapes.add(JSON.stringify(value));
  } else {
    shapes.add(typeof value);
  }
  return out;
}

test('every property, null and kind the declared Report lists occurs in a real report', () => {
  const report = declaredExports().find((s) => s.name === 'Report');
  assert.ok(report, `${relative(root, declaration)} exports a Report type`);
  const declared = declaredShapes(checker.getDeclaredTypeOfSymbol(report), 'Report');
  const seen = new Map();
  for (const s of samples) seenShapes(s.report, 'Report', seen);
  const never = [];
  for (const [path, shapes] of declared) {
    for (const shape of shapes) {
      if (!seen.get(path)?.has(shape)) never.push(`${path}: ${shape}`);
    }
  }
  if (never.length) failed = true;
  assert.deepEqual(never, [], `declared in ${relative(root, declaration)} but in none of the ${samples.length} reports`);
});

test('dist/whosaid.d.ts is js/whosaid.d.ts', () => {
  const shipped = join(dist, 'whosaid.d.ts');
  assert.ok(existsSync(shipped), `${shipped} is missing: run node scripts/build.mjs first`);
  assert.ok(readFileSync(shipped, 'utf8') === readFileSync(declaration, 'utf8'), `${shipped} is stale: run node scripts/build.mjs`);
});

test('the declared functions are the functions dist/whosaid.mjs exports', async () => {
  const module = join(dist, 'whosaid.mjs');
  assert.ok(existsSync(module), `${module} is missing: run node scripts/build.mjs first`);
  const declared = declaredExports()
    .filter((s) => s.flags & ts.SymbolFlags.Value)
    .map((s) => `${s.name}: ${s.flags & ts.SymbolFlags.Function ? 'function' : 'value'}`)
    .sort();
  const actual = Object.entries(await import(pathToFileURL(module).href))
    .map(([name, v]) => `${name}: ${typeof v === 'function' ? 'function' : 'value'}`)
    .sort();
  assert.deepEqual(actual, declared);
});
