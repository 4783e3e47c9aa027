// The size check in `npm test`: gzipped sizes of the wasm and of each JS file in dist/, and of
// what a page downloads for each way in. Fails when a way in exceeds the budget.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// The speed-and-size issue's target is 150 KB for every way in, and it is each way's budget.
// The ninth size work left module 146.5 KB, embed 146.5 KB and bookmarklet 147.9 KB. README.md
// ("Size") says what each part costs and what to cut next.
const TARGET_KB = 150;
const BUDGET_KB = { module: TARGET_KB, embed: TARGET_KB, bookmarklet: TARGET_KB };
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const kb = (n, digits = 1) => `${(n / 1024).toFixed(digits)} KB`;

// The module and the embed script fetch the wasm LZMA-compressed, after the deflated decoder
// (whosaid_bg.wasm.lzma, which gzip cannot shrink further); whosaid_bg.wasm is shown for
// comparison.
const files = ['whosaid_bg.wasm', 'whosaid_bg.wasm.lzma', 'whosaid.mjs', 'whosaid-embed.js', 'whosaid-bookmarklet.js'];
const size = Object.fromEntries(files.map((f) => [f, gz(f)]));
for (const f of files) console.log(`${f.padEnd(27)} ${kb(size[f]).padStart(10)} gzipped`);
const ways = [
  ['ES module (whosaid.mjs + wasm)', size['whosaid.mjs'] + size['whosaid_bg.wasm.lzma'], BUDGET_KB.module],
  ['embed (whosaid-embed.js + wasm)', size['whosaid-embed.js'] + size['whosaid_bg.wasm.lzma'], BUDGET_KB.embed],
  ['bookmarklet (one file, wasm inlined)', size['whosaid-bookmarklet.js'], BUDGET_KB.bookmarklet],
];
let over = false;
for (const [way, n, budget] of ways) {
  const ok = n <= budget * 1024;
  over ||= !ok;
  const target = n <= TARGET_KB * 1024 ? 'within' : `${kb(n - TARGET_KB * 1024)} over`;
  console.log(`${way.padEnd(38)} ${kb(n, 2).padStart(10)}  ${ok ? 'ok' : 'OVER'} (budget ${budget} KB; target ${TARGET_KB} KB: ${target})`);
}
// Not a way in: fetched by the module or the embed script only where the page's CSP refuses
// WebAssembly (it replaces the .wasm there). Shown, not budgeted.
console.log(`${'whosaid-fallback.mjs (strict-CSP pages only)'.padEnd(38)} ${kb(gz('whosaid-fallback.mjs')).padStart(10)}`);
if (over) {
  console.error('size check failed: a way in exceeds its budget');
  process.exit(1);
}
console.log('size check passed: every way in is within its budget');
