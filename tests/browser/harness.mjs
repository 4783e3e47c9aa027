// Shared helpers for the Playwright end-to-end tests (`node --test tests/browser/`).
// One Chromium per test file, a fresh browser context per test, static servers from
// scripts/serve.mjs, and a per-page collector of uncaught errors and console errors that every
// test asserts empty at its end. The tests never build: dist/ is built by the runner first.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = join(repoRoot, 'dist');
export const wwwDir = join(repoRoot, 'www');
export const fixturesDir = join(repoRoot, 'tests', 'browser', 'fixtures');
export const seedDir = join(repoRoot, '..', 'shared', 'corpus', 'seed');
export const resultsDir = join(repoRoot, 'test-results');

const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Registers before/after hooks for one test file: a browser launched once, servers closed at
 * the end. Returns { browser(), serve(opts), open(t, url, opts) }.
 */
export function useBrowser() {
  let browser = null;
  const servers = [];
  const contexts = new Set();

  before(async () => {
    for (const f of ['whosaid.mjs', 'whosaid_bg.wasm.lzma', 'whosaid-embed.js', 'whosaid-bookmarklet.js']) {
      assert.ok(existsSync(join(distDir, f)), `dist/${f} is missing: build first (node scripts/build.mjs)`);
    }
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    if (browser) await browser.close();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });

  return {
    browser: () => browser,

    /** A static server on 127.0.0.1 (random port), closed after the file's tests. */
    async serve(opts = {}) {
      const { server, url } = await serve({ port: 0, ...opts });
      servers.push(server);
      return url;
    },

    /**
     * A page in a fresh context. `t` is the node:test context: when the test ends the context
     * is closed and the page must have reported no uncaught error and no console error.
     * `opts.context`: options for browser.newContext; `opts.allowConsole`: regexps of console
     * errors that are expected; `opts.init`: init script source run in every document.
     */
    async open(t, url, opts = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...(opts.context || {}) });
      contexts.add(context);
      const page = await context.newPage();
      const errors = collectErrors(page, opts.allowConsole || []);
      if (opts.init) await page.addInitScript({ content: opts.init });
      t.after(async () => {
        contexts.delete(context);
        await context.close().catch(() => {});
      });
      if (url) await page.goto(url);
      page.errors = errors;
      /** Asserts that the page has had no uncaught error and no unexpected console error. */
      page.assertNoErrors = (what = 'the page') => {
        assert.deepEqual(errors, [], `${what} reported errors:\n${errors.join('\n')}`);
      };
      return page;
    },
  };
}

/** Collects `pageerror`s and console errors (404s of favicon.ico and `allow`ed ones excepted). */
export function collectErrors(page, allow = []) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.stack || e.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const where = msg.location() && msg.location().url ? msg.location().url : '';
    if (/favicon\.ico/.test(where) || /favicon\.ico/.test(text)) return;
    if (allow.some((re) => re.test(text))) return;
    errors.push(`console.error: ${text}${where ? ` (${where})` : ''}`);
  });
  return errors;
}

/**
 * Browser-side DOM snapshot helper, as a script source (for addInitScript or evaluate). It
 * defines window.__domSnap = { take(key, root), compare(key, root), serialize(root) }:
 * take() remembers every node under root in tree order (the node objects themselves) and a
 * serialisation of each (type, name, sorted attributes, text data, child count); compare()
 * walks the tree again and returns a list of differences (empty when the DOM is exactly as
 * it was: the very same node objects at the same positions, nothing extra, same contents).
 * `root` is an Element or a CSS selector; default document.documentElement.
 */
export const SNAPSHOT_SCRIPT = `(() => {
  if (window.__domSnap) return;
  const saved = new Map();
  const rootOf = (root) => typeof root === 'string' ? document.querySelector(root) : (root || document.documentElement);
  const nodes = (root) => {
    const out = [root];
    const walker = document.createTreeWalker(root, 0xFFFFFFFF);
    while (walker.nextNode()) out.push(walker.currentNode);
    return out;
  };
  const ser = (n) => {
    const attrs = n.attributes
      ? Array.from(n.attributes, (a) => a.name + '=' + JSON.stringify(a.value)).sort().join(' ')
      : '';
    const data = n.nodeType === 1 ? '' : JSON.stringify(n.data === undefined ? null : n.data);
    return n.nodeType + ' ' + n.nodeName + ' [' + attrs + '] ' + data + ' children=' + n.childNodes.length;
  };
  window.__domSnap = {
    serialize(root) { return nodes(rootOf(root)).map(ser); },
    take(key, root) {
      const r = rootOf(root);
      const list = nodes(r);
      saved.set(key, { root: r, list, text: list.map(ser) });
      return list.length;
    },
    has(key) { return saved.has(key); },
    compare(key, root) {
      const before = saved.get(key);
      if (!before) return ['no snapshot named ' + key];
      const r = root ? rootOf(root) : before.root;
      const list = nodes(r);
      const text = list.map(ser);
      const diffs = [];
      if (list.length !== before.list.length) {
        diffs.push('node count ' + before.list.length + ' -> ' + list.length);
      }
      const n = Math.max(list.length, before.list.length);
      for (let i = 0; i < n && diffs.length < 8; i++) {
        if (list[i] !== before.list[i]) {
          diffs.push('node #' + i + ' is not the original node: was ' + (before.text[i] || '(none)') + ', now ' + (text[i] || '(none)'));
        } else if (text[i] !== before.text[i]) {
          diffs.push('node #' + i + ' changed: was ' + before.text[i] + ', now ' + text[i]);
        }
      }
      return diffs;
    },
  };
})();`;

/** Snapshot taken by an init script when the document becomes interactive (before deferred scripts run). */
export const SNAPSHOT_AT_INTERACTIVE = `${SNAPSHOT_SCRIPT}
document.addEventListener('readystatechange', () => {
  if (document.readyState === 'interactive' && !window.__domSnap.has('initial')) window.__domSnap.take('initial');
});`;

/** Installs the snapshot helper in the page (idempotent). */
export async function installSnapshot(page) {
  await page.evaluate(SNAPSHOT_SCRIPT);
}

/**
 * Reads the panel (speakers, disputes, counts, toggles) out of its shadow root, once the page
 * has had a frame: a short article's lists are put in just before the page's next frame.
 */
export async function readPanel(page) {
  return page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => r()));
    const host = document.querySelector('#whosaid-panel[data-whosaid="panel"]');
    if (!host) return null;
    const sr = host.shadowRoot;
    if (!sr) return { host: true, shadow: false };
    const panel = sr.querySelector('section.panel');
    const txt = (e) => (e ? e.textContent.trim() : null);
    return {
      host: true,
      shadow: true,
      panel: !!panel,
      role: panel && panel.getAttribute('role'),
      label: panel && panel.getAttribute('aria-label'),
      counts: txt(sr.querySelector('.counts')),
      speakers: Array.from(sr.querySelectorAll('button.speaker[data-speaker]'), (b) => ({
        id: b.dataset.speaker,
        name: txt(b.querySelector('.name')),
        count: txt(b.querySelector('.count')),
        role: txt(b.querySelector('.role')),
        swatch: !!b.querySelector('.swatch'),
      })),
      disputes: Array.from(sr.querySelectorAll('li.dispute'), (li) => {
        const claim = li.querySelector('button.claim[data-dispute]');
        return {
          id: claim && claim.dataset.dispute,
          topic: txt(claim),
          sides: Array.from(li.querySelectorAll('ul.sides > li.side'), (s) => ({
            who: txt(s.querySelector('.who')),
            stance: txt(s.querySelector('.stance')),
            text: s.textContent.trim(),
          })),
        };
      }),
      toggles: Array.from(sr.querySelectorAll('input[type=checkbox]'), (i) => ({ name: i.name, checked: i.checked })),
      popoverHidden: (() => { const p = sr.querySelector('.popover'); return p ? p.hasAttribute('hidden') : null; })(),
    };
  });
}

/**
 * Browser-side: the marks whose concatenated text (in document order, within `scope`) covers
 * the first occurrence of `needle` in scope's text content. Returns the attributes of each
 * mark the needle's characters lie in, and how many of the needle's characters are unmarked.
 */
export async function marksCovering(page, needle, scope = 'body') {
  return page.evaluate(({ needle, scope }) => {
    const root = document.querySelector(scope);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts = [];
    let all = '';
    while (walker.nextNode()) {
      const n = walker.currentNode;
      if (n.parentElement && n.parentElement.closest('[data-whosaid="panel"], script, style')) continue;
      texts.push({ node: n, start: all.length });
      all += n.data;
    }
    const at = all.indexOf(needle);
    if (at < 0) return null;
    const end = at + needle.length;
    const marks = [];
    let unmarked = 0;
    for (const { node, start } of texts) {
      const s = Math.max(at, start);
      const e = Math.min(end, start + node.data.length);
      if (s >= e) continue;
      const mark = node.parentElement.closest('mark[data-whosaid="mark"]');
      if (!mark) {
        unmarked += node.data.slice(s - start, e - start).replace(/\s/g, '').length;
        continue;
      }
      if (!marks.some((m) => m.el === mark)) marks.push({ el: mark });
    }
    return {
      unmarked,
      marks: marks.map(({ el }) => ({
        text: el.textContent,
        classes: Array.from(el.classList),
        speaker: el.getAttribute('data-speaker'),
        statement: el.getAttribute('data-statement'),
        dispute: el.getAttribute('data-dispute'),
        tabindex: el.getAttribute('tabindex'),
        parent: el.parentElement.tagName.toLowerCase(),
      })),
    };
  }, { needle, scope });
}

/** Node-side: waits for `fn` to be truthy (polling), or fails with `message`. */
export async function until(fn, message, timeout = 5000) {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeout) assert.fail(message);
    await new Promise((r) => setTimeout(r, 50));
  }
}
