// The pure-JavaScript build of the very same module, for pages whose Content-Security-Policy
// refuses WebAssembly (`script-src` without 'wasm-unsafe-eval'): `dist/whosaid-fallback.mjs`.
//
// binaryen's wasm2js cannot convert wasm-bindgen output as it is: the module has a second table
// (wasm-bindgen keeps JS values in an `externref` table) and a few exports return several
// values. Both are lowered here on the module's text form, without changing what any function
// computes:
// - every `table.get/set/grow` on the externref table becomes a call to an imported function;
//   the table itself lives in JavaScript (an array behind the `WebAssembly.Table` methods the
//   glue uses: get, set, grow, length);
// - an export returning (a, b, …) returns a, and hands the others to an imported function
//   first; the JavaScript side puts them back together as the array the glue expects.
// The output's `instantiate(imports)` takes wasm-bindgen's import object and returns what
// `WebAssembly.Instance.exports` would be, for the glue's `__wbg_finalize_init`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Lowers the text of a wasm-bindgen module (as printed by wasm-dis) for wasm2js. */
export function lower(wat) {
  const tableDecl = wat.match(/^ \(table (\$\w+) (\d+)(?: \d+)? externref\)\n/m);
  if (!tableDecl) throw new Error('wasm2js: no externref table found in the module');
  const [decl, table, size] = tableDecl;
  const exportDecl = new RegExp(`^ \\(export "([^"]+)" \\(table \\${table}\\)\\)\\n`, 'm');
  const exported = wat.match(exportDecl);
  if (!exported) throw new Error('wasm2js: the externref table is not exported');
  let s = wat.replace(decl, '').replace(exported[0], '');
  for (const [op, fn] of [['get', '$__ws_get'], ['set', '$__ws_set'], ['grow', '$__ws_grow']]) {
    s = s.replace(new RegExp(`\\(table\\.${op} \\${table}(?=\\s)`, 'g'), `(call ${fn}`);
  }
  const left = s.match(new RegExp(`\\(table\\.\\w+ \\${table}(?=\\s)`));
  if (left) throw new Error(`wasm2js: cannot lower ${left[0]}`);

  // Functions returning several values: their names, so the exports can be rebuilt.
  const tupled = new Map(); // func name → number of results
  s = s.replace(/^( \(func (\$[\w$.]+)[^\n]*?)\(result ((?:i32 )+i32)\)$/gm, (line, head, name, results) => {
    tupled.set(name, results.split(' ').length);
    return `${head}(result i32)\n  (local $__ws_t i32)`;
  });
  const parts = [];
  let at = 0;
  for (;;) {
    const start = s.indexOf('(tuple.make ', at);
    if (start < 0) break;
    const end = closing(s, start);
    const n = Number(s.slice(start).match(/^\(tuple\.make (\d+)/)[1]);
    const args = topLevel(s.slice(start + `(tuple.make ${n}`.length, end));
    if (args.length !== n) throw new Error('wasm2js: a tuple.make not understood');
    parts.push(s.slice(at, start));
    parts.push(`(block (result i32) (local.set $__ws_t ${args[0]}) (call $__ws_ret${n - 1} ${args.slice(1).join(' ')}) (local.get $__ws_t))`);
    at = end + 1;
  }
  parts.push(s.slice(at));
  s = parts.join('');
  if (/\btuple\.|\(result \w+ \w+/.test(s.replace(/^ \(type [^\n]*\n/gm, ''))) {
    throw new Error('wasm2js: values returned in a way this lowering does not handle');
  }
  const arities = [...new Set(tupled.values())];
  const imports = [
    ` (import "__ws" "get" (func $__ws_get (param i32) (result externref)))`,
    ` (import "__ws" "set" (func $__ws_set (param i32 externref)))`,
    ` (import "__ws" "grow" (func $__ws_grow (param externref i32) (result i32)))`,
    ...arities.map((n) => ` (import "__ws" "ret${n - 1}" (func $__ws_ret${n - 1} (param${' i32'.repeat(n - 1)})))`),
  ];
  const lines = s.split('\n');
  let last = -1;
  lines.forEach((l, i) => { if (l.startsWith(' (import ')) last = i; });
  lines.splice(last + 1, 0, ...imports);
  const exportsOf = new Map();
  for (const m of s.matchAll(/^ \(export "([^"]+)" \(func (\$[\w$.]+)\)\)$/gm)) exportsOf.set(m[2], m[1]);
  const tupleExports = {};
  for (const [fn, n] of tupled) {
    if (!exportsOf.has(fn)) throw new Error(`wasm2js: ${fn} returns ${n} values but is not exported`);
    tupleExports[exportsOf.get(fn)] = n;
  }
  return { wat: lines.join('\n'), table: exported[1], size: Number(size), tupleExports };
}

/** Index of the parenthesis closing the one at `start`. */
function closing(s, start) {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  throw new Error('wasm2js: unbalanced module text');
}

/** The top-level parenthesised expressions of `s`. */
function topLevel(s) {
  const out = [];
  let i = s.indexOf('(');
  while (i >= 0) {
    const end = closing(s, i);
    out.push(s.slice(i, end + 1));
    i = s.indexOf('(', end + 1);
  }
  return out;
}

/**
 * Writes `out` (an ES module) from the optimised wasm-bindgen module `wasm`, with binaryen's
 * tools from `bin`.
 */
export function buildFallback({ wasm, out, bin, tmp }) {
  const tool = (name, args) => execFileSync(join(bin, name), args, { stdio: ['ignore', 'ignore', 'inherit'] });
  tool('wasm-dis', [wasm, '-o', join(tmp, 'fallback.wat')]);
  const low = lower(readFileSync(join(tmp, 'fallback.wat'), 'utf8'));
  writeFileSync(join(tmp, 'fallback.wat'), low.wat);
  tool('wasm-as', ['--all-features', join(tmp, 'fallback.wat'), '-o', join(tmp, 'fallback.wasm')]);
  tool('wasm2js', ['--all-features', '-O', join(tmp, 'fallback.wasm'), '-o', join(tmp, 'fallback.js')]);
  let js = readFileSync(join(tmp, 'fallback.js'), 'utf8');
  js = js.replace(/^import \* as \S+ from '[^']+';\n/gm, '');
  const tail = js.indexOf('var retasmFunc = asmFunc(');
  if (tail < 0) throw new Error('wasm2js: unexpected output (no retasmFunc)');
  js = js.slice(0, tail);
  writeFileSync(out, `// Generated by scripts/wasm2js.mjs from whosaid_bg.wasm: the same module, as JavaScript.
${js}
const TABLE = ${JSON.stringify(low.table)};
const TABLE_SIZE = ${low.size};
const TUPLES = ${JSON.stringify(low.tupleExports)};
const RETS = ${JSON.stringify([...new Set(Object.values(low.tupleExports))].map((n) => n - 1))};

/** wasm-bindgen's import object in, what \`WebAssembly.Instance.exports\` would hold out. */
export function instantiate(imports) {
  const slots = new Array(TABLE_SIZE).fill(undefined);
  const table = {
    get: (i) => slots[i],
    set: (i, v) => { slots[i] = v; },
    grow: (n, v) => { const old = slots.length; for (let k = 0; k < n; k++) slots.push(v); return old; },
    get length() { return slots.length; },
  };
  let rest = [];
  const ws = { get: table.get, set: table.set, grow: (v, n) => table.grow(n, v) };
  for (const k of RETS) ws[\`ret\${k}\`] = (...values) => { rest = values; };
  const raw = asmFunc({ ...imports, __ws: ws });
  const exports = { ...raw, [TABLE]: table };
  for (const name of Object.keys(TUPLES)) {
    const f = raw[name];
    exports[name] = (...args) => { const first = f(...args); return [first, ...rest]; };
  }
  return exports;
}
`);
  return low;
}
