// The browser bench (`npm run bench:browser`): the wasm core in headless Chromium on the same
// texts as `cargo bench` (the golden articles, to ~1,500 and ~100,000 words), and highlight() on
// the demo page, start to finish. Prints MB/s and milliseconds. Needs `npm run build` first.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const articles = join(root, 'tests', 'articles');
const base = readdirSync(articles).sort()
  .map((d) => join(articles, d, 'article.txt'))
  .filter((f) => existsSync(f))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n\n');
const words = (s) => s.split(/\s+/).filter(Boolean).length;
function upTo(text, n) {
  let out = '';
  while (words(out) < n) out += `${text}\n\n`;
  return out;
}
const texts = { 'article_1500_words': upTo(base.slice(0, 9000), 1500), 'text_100000_words': upTo(base, 100000) };

const { server, url } = await serve({ port: 0 });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(`${url}bookmarklet.html`);
  for (const [name, text] of Object.entries(texts)) {
    const r = await page.evaluate(async (t) => {
      const { analyze } = await import('/dist/whosaid.mjs');
      // Warm up: the wasm is compiled by a fast baseline tier first and optimised as it runs.
      for (let i = 0; i < 5; i += 1) await analyze(t.slice(0, 20000));
      const runs = t.length > 100000 ? 3 : 30;
      const t0 = performance.now();
      let n = 0;
      for (let i = 0; i < runs; i += 1) n = (await analyze(t)).statements.length;
      return { ms: (performance.now() - t0) / runs, n };
    }, text);
    const bytes = Buffer.byteLength(text);
    console.log(`${name.padEnd(20)} ${(bytes / 1024).toFixed(0).padStart(5)} KB  ${r.ms.toFixed(2).padStart(8)} ms  ${(bytes / r.ms / 1000).toFixed(1).padStart(6)} MB/s  (${r.n} statements)`);
  }
  const demo = await browser.newPage();
  await demo.goto(`${url}index.html`);
  await demo.evaluate(() => window.whosaid.ready.then((h) => h.remove()));
  const ms = await demo.evaluate(async () => {
    const t0 = performance.now();
    const h = await window.whosaid.highlight({ root: 'article' });
    const t = performance.now() - t0;
    h.remove();
    return t;
  });
  console.log(`highlight() on the demo page, read + analyse + mark + panel: ${ms.toFixed(1)} ms`);
} finally {
  await browser.close();
  server.close();
}
