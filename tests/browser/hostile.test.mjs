// Pages nobody here controls (tests/pages/hostile/): iframes, shadow roots, an editable
// article, forms, SVG, the page's own <mark>s, <template>s, a framework that re-renders the
// article, a page that breaks Array/Node/Promise, a CSS reset hostile to marks, quotes holding
// markup, a right-to-left page, and a page whose body is hidden. Each is run with the ES module
// (dist/whosaid.mjs, imported by the page's origin) and with the bookmarklet (the javascript: URL
// of dist/bookmarklet.txt, run as the browser runs it). For each: no uncaught error and no
// console error, marks exactly where the report says, the page's own handlers still work, and
// remove() puts back every node: the very same node objects (tagged with ids in a WeakMap before
// the run), with the same attributes and text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, distDir, repoRoot, until } from './harness.mjs';

const b = useBrowser();
const pagesDir = join(repoRoot, 'tests', 'pages', 'hostile');
let origins = null;
/** The pages and dist/ on one origin; the same files on a second origin (cross-origin frames). */
async function getOrigins() {
  if (!origins) {
    const dirs = { '/dist/': distDir, '/': pagesDir };
    origins = { site: await b.serve({ dirs }), other: await b.serve({ dirs }) };
  }
  return origins;
}

/**
 * In-page helper (written without the Array methods the prototypes page breaks): gives every
 * node a numeric id in a WeakMap, and lists the nodes as "id type name [attributes] data", down
 * through open shadow roots, the page's closed root (window.closedRoot), <template> contents and
 * same-origin frames. The contents of [data-volatile] elements (counters the page updates) are
 * left out. A node added since tag() lists as "new"; one taken out is missing from the list.
 */
const IDS_SCRIPT = `(() => {
  if (window.__ids) return;
  const ids = new WeakMap();
  let next = 1;
  function walk(root) {
    const out = [];
    (function visit(n) {
      out.push(n);
      if (n.nodeType === 1 && n.hasAttribute('data-volatile')) return;
      const shadow = n.nodeType === 1 ? (n.shadowRoot || (window.closedRoot && window.closedRoot.host === n ? window.closedRoot : null)) : null;
      if (shadow) visit(shadow);
      if (n.nodeName === 'TEMPLATE') visit(n.content);
      if (n.nodeName === 'IFRAME') {
        let d = null;
        try { d = n.contentDocument; } catch (e) { d = null; }
        if (d && d.documentElement) visit(d.documentElement);
      }
      for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
    })(root);
    return out;
  }
  function describe(n) {
    let attrs = '';
    if (n.attributes) {
      const names = [];
      for (let i = 0; i < n.attributes.length; i++) names[names.length] = n.attributes[i].name;
      names.sort();
      for (let i = 0; i < names.length; i++) attrs += (i ? ' ' : '') + names[i] + '=' + JSON.stringify(n.getAttribute(names[i]));
    }
    const data = n.nodeType === 3 || n.nodeType === 8 ? ' ' + JSON.stringify(n.data) : '';
    const value = n.nodeName === 'INPUT' || n.nodeName === 'TEXTAREA' || n.nodeName === 'SELECT' ? ' value=' + JSON.stringify(n.value) : '';
    return n.nodeType + ' ' + n.nodeName + ' [' + attrs + ']' + data + value;
  }
  window.__ids = {
    tag(root) {
      const list = walk(root || document.documentElement);
      for (let i = 0; i < list.length; i++) if (!ids.has(list[i])) ids.set(list[i], next++);
      return list.length;
    },
    list(root) {
      const list = walk(root || document.documentElement);
      const out = [];
      for (let i = 0; i < list.length; i++) out[out.length] = (ids.get(list[i]) || 'new') + ' ' + describe(list[i]);
      return out;
    },
  };
})();`;

/** Compares two lists from __ids.list: the first differences, readable. */
function sameNodes(before, after, what) {
  const diffs = [];
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n && diffs.length < 6; i++) {
    if (before[i] !== after[i]) diffs.push(`#${i}: was ${before[i] || '(none)'}\n      now ${after[i] || '(none)'}`);
  }
  assert.deepEqual(diffs, [], `${what}: ${before.length} nodes before, ${after.length} after\n${diffs.join('\n')}`);
}

const bookmarkletCode = () => {
  const href = readFileSync(join(distDir, 'bookmarklet.txt'), 'utf8').trim();
  return decodeURIComponent(href.slice('javascript:'.length));
};

/** The two ways in. run(page) → { ok, message }; remove(page); handle: page function source. */
const WAYS = {
  module: {
    async run(page) {
      return page.evaluate(async () => {
        try {
          if (!window.whosaidModule) window.whosaidModule = await import('/dist/whosaid.mjs');
          window.__handle = await window.whosaidModule.highlight();
          return { ok: true };
        } catch (e) {
          return { ok: false, message: String(e && e.message), isError: e instanceof Error };
        }
      });
    },
    async remove(page) {
      await page.evaluate(() => window.__handle.remove());
    },
  },
  bookmarklet: {
    async run(page) {
      await page.evaluate(bookmarkletCode());
      await until(() => page.evaluate(() => !!((window.__whosaidBookmarklet && window.__whosaidBookmarklet.handle)
        || document.querySelector('[data-whosaid="notice"]'))), 'the bookmarklet finished its run', 10000);
      return page.evaluate(() => {
        const s = window.__whosaidBookmarklet;
        if (s && s.handle) {
          window.__handle = s.handle;
          return { ok: true };
        }
        const n = document.querySelector('[data-whosaid="notice"]');
        return { ok: false, message: n.shadowRoot.textContent };
      });
    },
    async remove(page) {
      await page.evaluate(bookmarkletCode());
    },
  },
};

/** Browser-side: the state of the marks against the handle's report. */
function readMarks() {
  const h = window.__handle;
  const rep = h.report;
  const marks = document.querySelectorAll('mark[data-whosaid="mark"]');
  const outside = [];
  const byStatement = {};
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i];
    if (!h.root.contains(m)) outside[outside.length] = m.textContent;
    const id = m.getAttribute('data-statement');
    if (id) byStatement[id] = (byStatement[id] || '') + m.textContent;
  }
  const statements = [];
  for (let i = 0; i < rep.statements.length; i++) {
    const q = rep.statements[i];
    statements[statements.length] = {
      id: q.id,
      expected: rep.text.slice(q.content.start, q.content.end),
      marked: (byStatement[q.id] || '').replace(/\s/g, ' '),
    };
  }
  return { count: marks.length, outside, statements, speakers: rep.speakers.length, root: h.root.tagName };
}

/**
 * Opens a hostile page, runs whosaid the given way, checks marks, clicks the page's own button,
 * removes, and checks every node is back. `check(page)` runs page-specific checks while marked.
 */
async function exercise(t, way, url, { check = null, minStatements = 2 } = {}) {
  const { site } = await getOrigins();
  const page = await b.open(t, null);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(`${site}${url}`);
  await page.evaluate(IDS_SCRIPT);
  await page.evaluate(() => window.__ids.tag());
  const before = await page.evaluate(() => window.__ids.list());
  const r = await WAYS[way].run(page);
  assert.ok(r.ok, `whosaid ran (${r.message})`);
  const m = await page.evaluate(readMarks);
  assert.ok(m.statements.length >= minStatements, `at least ${minStatements} statements found: ${JSON.stringify(m.statements)}`);
  assert.deepEqual(m.outside, [], `no mark outside the article root (${m.root})`);
  for (const s of m.statements) assert.equal(s.marked, s.expected, `statement ${s.id} is marked exactly`);
  if (check) await check(page);
  // The page's own handler still works with the marks in.
  await page.click('#like');
  assert.equal(await page.evaluate(() => window.likeCount), 1, 'the page’s own click handler ran');
  await WAYS[way].remove(page);
  const after = await page.evaluate(() => window.__ids.list());
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-whosaid]').length), 0, 'nothing of whosaid is left');
  sameNodes(before, after, 'remove() restores every node');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  page.assertNoErrors();
  return page;
}

for (const way of Object.keys(WAYS)) {
  test(`${way}: iframes (same- and cross-origin) are neither read nor touched, and still work`, async (t) => {
    const { other } = await getOrigins();
    const frameText = async (page) => {
      const out = {};
      for (const f of page.frames()) {
        if (f === page.mainFrame()) continue;
        out[f.name() || new URL(f.url()).pathname || f.url()] = await f.evaluate(() => ({
          html: document.documentElement.outerHTML,
          marks: document.querySelectorAll('mark').length,
        }));
      }
      return out;
    };
    let framesBefore = null;
    await exercise(t, way, `iframes.html?cross=${encodeURIComponent(other)}`, {
      check: async (page) => {
        assert.equal(page.frames().length, 4, 'three frames loaded');
        const now = await frameText(page);
        for (const [k, v] of Object.entries(now)) assert.equal(v.marks, 0, `no mark in frame ${k}`);
        framesBefore = now;
        const cross = page.frames().find((f) => f.url().includes('frame-cross.html'));
        assert.notEqual(new URL(cross.url()).origin, new URL(page.url()).origin, 'the ad frame is cross-origin');
        await cross.click('#buy');
        assert.equal(await cross.evaluate(() => document.getElementById('buy').dataset.clicks), '1', 'the cross-origin frame’s button works');
        const same = page.frames().find((f) => f.url().includes('frame-same.html'));
        await same.click('#play');
        assert.equal(await same.evaluate(() => document.getElementById('play').dataset.plays), '1', 'the same-origin frame’s button works');
        await same.evaluate(() => { delete document.getElementById('play').dataset.plays; });
        await cross.evaluate(() => { delete document.getElementById('buy').dataset.clicks; });
        const names = await page.evaluate(() => window.__handle.report.speakers.map((s) => s.name));
        for (const n of ['Casimir Vandenbosch', 'Ingrid Tollefsen', 'Aurelio Mancuso']) assert.ok(!names.includes(n), `${n} (in a frame) is not a speaker: ${names}`);
      },
    }).then(async (page) => {
      assert.deepEqual(await frameText(page), framesBefore, 'every frame’s document is as it was');
    });
  });

  test(`${way}: text in open and closed shadow roots is left alone and intact`, async (t) => {
    await exercise(t, way, 'shadow.html', {
      check: async (page) => {
        const r = await page.evaluate(() => ({
          open: document.getElementById('open-card').shadowRoot.innerHTML,
          closed: window.closedRoot.innerHTML,
          slottedShadow: document.getElementById('slotted').shadowRoot.innerHTML,
          names: window.__handle.report.speakers.map((s) => s.name),
        }));
        assert.ok(!/whosaid/.test(r.open + r.closed + r.slottedShadow), 'no mark inside any shadow root');
        for (const n of ['Wilhelmina Strand', 'Thaddeus Abernathy']) assert.ok(!r.names.includes(n), `${n} (in a shadow root) is not a speaker`);
        await page.evaluate(() => document.getElementById('open-card').shadowRoot.getElementById('open-button').click());
        assert.equal(await page.evaluate(() => window.openVotes), 1, 'the component’s own button works');
      },
    });
  });

  test(`${way}: forms keep their fields and values, are not marked, and still submit`, async (t) => {
    await exercise(t, way, 'forms.html', {
      check: async (page) => {
        assert.equal(await page.evaluate(() => document.querySelectorAll('form mark').length), 0, 'no mark in the form');
        await page.fill('input[name=name]', 'Typed while whosaid is on');
        await page.click('#submit');
        assert.equal(await page.evaluate(() => window.submitted), 'yes / “Dogs are loud,” said Mr. Textarea Writer.', 'the page’s submit handler read the form');
        await page.fill('input[name=name]', '“I live here,” said Ms. Input');
      },
    });
  });

  test(`${way}: SVG text is not marked and keeps its handlers`, async (t) => {
    await exercise(t, way, 'svg.html', {
      check: async (page) => {
        assert.equal(await page.evaluate(() => document.querySelectorAll('svg mark, svg [data-whosaid]').length), 0, 'nothing added inside the SVG');
        await page.evaluate(() => document.getElementById('label').dispatchEvent(new MouseEvent('click', { bubbles: true })));
        assert.equal(await page.evaluate(() => window.labelClicks), 1);
      },
    });
  });

  test(`${way}: the page’s own <mark> elements are kept exactly, and remove() leaves them`, async (t) => {
    const page = await exercise(t, way, 'marks.html', {
      check: async (page) => {
        const r = await page.evaluate(() => Array.from(document.querySelectorAll('mark:not([data-whosaid])'), (m) => m.id));
        assert.deepEqual(r, ['m-title', 'm-orchards', 'm-quote', 'm-correction', 'm-said', 'm-whole'], 'every page mark is still there');
        await page.click('#m-correction');
        assert.equal(await page.evaluate(() => window.correctionClicks), 1);
      },
    });
    assert.equal(await page.evaluate(() => document.querySelectorAll('mark').length), 6, 'the page’s six marks remain');
  });

  test(`${way}: <template> content is inert to whosaid, and the page can still stamp it out`, async (t) => {
    const page = await exercise(t, way, 'template.html', {
      check: async (page) => {
        const r = await page.evaluate(() => ({
          tpl: document.getElementById('comment-template').content.querySelectorAll('mark').length,
          names: window.__handle.report.speakers.map((s) => s.name),
        }));
        assert.equal(r.tpl, 0);
        assert.ok(!r.names.includes('Hyacinth Bellweather'), `the template's speaker is not read: ${r.names}`);
      },
    });
    assert.equal(await page.evaluate(() => document.querySelectorAll('#comments li.comment').length), 1, 'the click stamped out the template');
  });

  test(`${way}: a page that breaks Array methods, wraps Node methods and replaces Promise`, async (t) => {
    await exercise(t, way, 'prototypes.html', {
      check: async (page) => {
        const calls = await page.evaluate(() => window.hostileCalls);
        assert.ok(calls.appendChild + calls.insertBefore > 0, 'whosaid went through the page’s wrapped DOM methods');
      },
    });
  });

  test(`${way}: a CSS reset that unsets everything leaves the marks visible`, async (t) => {
    await exercise(t, way, 'reset.html', {
      check: async (page) => {
        const styles = await page.evaluate(() => Array.from(document.querySelectorAll('mark[data-whosaid].whosaid-statement'), (m) => {
          const s = getComputedStyle(m);
          const r = m.getBoundingClientRect();
          return { text: m.textContent, display: s.display, visibility: s.visibility, opacity: s.opacity, line: s.textDecorationLine, size: s.fontSize, parentSize: getComputedStyle(m.parentElement).fontSize, w: r.width };
        }));
        assert.ok(styles.length > 0);
        for (const s of styles) {
          assert.equal(s.display, 'inline', s.text);
          assert.equal(s.visibility, 'visible', s.text);
          assert.equal(s.opacity, '1', s.text);
          assert.equal(s.line, 'underline', `"${s.text}" is underlined`);
          assert.equal(s.size, s.parentSize, `"${s.text}" keeps its size`);
          assert.ok(s.w > 0);
        }
        const tint = await page.evaluate(() => getComputedStyle(document.querySelector('mark[data-whosaid].whosaid-mention')).backgroundColor);
        assert.notEqual(tint, 'rgba(0, 0, 0, 0)', 'mentions are tinted');
        // The panel docks beside the article, or folds into its pill where there is no room.
        const docked = await page.locator('#whosaid-panel section.panel').isVisible();
        const pill = await page.locator('#whosaid-panel button.pill').isVisible();
        assert.ok(docked || pill, 'the panel (or its pill) is visible');
      },
    });
  });

  test(`${way}: quotes holding <script> and <img onerror> stay text everywhere`, async (t) => {
    await exercise(t, way, 'xss.html', {
      check: async (page) => {
        const r = await page.evaluate(() => {
          const shadow = document.querySelector('#whosaid-panel').shadowRoot;
          // Open the popover on the quote with the <script> text.
          const mark = Array.from(document.querySelectorAll('mark[data-statement]')).find((m) => m.textContent.includes('<script>'));
          mark.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
          const bad = 'script, img, iframe, b, [onerror], [onmouseover]';
          return {
            marked: !!mark,
            article: document.querySelectorAll('article ' + bad.split(', ').join(', article ')).length,
            shadow: shadow.querySelectorAll(bad).length,
            popover: shadow.querySelector('.popover').textContent,
            marks: Array.from(document.querySelectorAll('mark[data-whosaid]'), (m) => m.children.length).reduce((a, c) => a + c, 0),
          };
        });
        assert.ok(r.marked, 'the quote with the <script> text is marked');
        assert.equal(r.article, 0, 'no element made from the article’s text');
        assert.equal(r.shadow, 0, 'no element made from it in the panel or popover');
        assert.match(r.popover, /<script>alert\('owned'\)<\/script>/, 'the popover shows the text as text');
        assert.equal(r.marks, 0, 'marks hold text only');
        await new Promise((res) => setTimeout(res, 200));
      },
    });
  });

  test(`${way}: a right-to-left page is marked exactly, without error`, async (t) => {
    await exercise(t, way, 'rtl.html', {
      check: async (page) => {
        const names = await page.evaluate(() => window.__handle.report.speakers.map((s) => s.name));
        assert.ok(names.includes('Yasmin Haddad-Lowell'), `the English quote's speaker: ${names}`);
      },
    });
  });
}

/** Opens a hostile page with its nodes tagged; returns { page, before, dialogs }. */
async function openTagged(t, url, opts = {}) {
  const { site } = await getOrigins();
  const page = await b.open(t, null, opts);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(`${site}${url}`);
  await page.evaluate(IDS_SCRIPT);
  await page.evaluate(() => window.__ids.tag());
  const before = await page.evaluate(() => window.__ids.list());
  return { page, before, dialogs };
}

/** Browser-side: whether the notice can be seen (not hidden by itself or any ancestor). */
function noticeSeen() {
  const host = document.querySelector('[data-whosaid="notice"]');
  if (!host) return null;
  const box = host.shadowRoot.querySelector('[role=alert]');
  const r = box.getBoundingClientRect();
  return {
    text: box.textContent,
    visible: box.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
      && host.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }),
    inBody: !!document.body && document.body.contains(host),
    onScreen: r.width > 0 && r.height > 0 && r.right <= innerWidth && r.bottom <= innerHeight && r.left >= 0 && r.top >= 0,
  };
}

/**
 * Node-side: how many pixels of the notice's box, as the screen shows it, are ink (text and
 * border: darker than its light background). 0 when something hides it, whatever the DOM says.
 */
async function noticeInk(page) {
  const box = await page.evaluate(() => {
    const r = document.querySelector('[data-whosaid="notice"]').shadowRoot.querySelector('[role=alert]').getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  const png = await page.screenshot({ clip: box });
  const scratch = await page.context().newPage();
  try {
    return await scratch.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 200 && d[i + 1] < 200) ink++;
      return ink;
    }, `data:image/png;base64,${png.toString('base64')}`);
  } finally {
    await scratch.close();
  }
}

const EDITABLE = /being edited \(contenteditable or designMode\)/;

test('module: an editable (contenteditable) article gets no marks: highlight() rejects and says why', async (t) => {
  const { page, before, dialogs } = await openTagged(t, 'contenteditable.html');
  const r = await page.evaluate(async () => {
    const w = await import('/dist/whosaid.mjs');
    const out = {};
    for (const [k, root] of [['found', undefined], ['selector', 'article'], ['inside', 'article p']]) {
      try {
        await w.highlight(root === undefined ? {} : { root });
        out[k] = 'resolved';
      } catch (e) {
        out[k] = { error: e instanceof Error, message: e.message };
      }
    }
    return out;
  });
  for (const k of ['found', 'selector', 'inside']) {
    assert.equal(r[k].error, true, `${k}: rejects with an Error (${JSON.stringify(r[k])})`);
    assert.match(r[k].message, EDITABLE, k);
  }
  sameNodes(before, await page.evaluate(() => window.__ids.list()), 'nothing on the page changed');
  // designMode makes the whole document editable.
  const dm = await page.evaluate(async () => {
    document.querySelector('article').removeAttribute('contenteditable');
    document.designMode = 'on';
    const w = await import('/dist/whosaid.mjs');
    try { await w.highlight({ root: 'article' }); return 'resolved'; } catch (e) { return e.message; }
  });
  assert.match(dm, EDITABLE, 'designMode');
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-whosaid]').length), 0);
  assert.deepEqual(dialogs, []);
  page.assertNoErrors();
});

test('bookmarklet: an editable article gets no marks, a visible notice says why, and the next click dismisses it', async (t) => {
  const { page, before } = await openTagged(t, 'contenteditable.html');
  const r = await WAYS.bookmarklet.run(page);
  assert.equal(r.ok, false);
  const seen = await page.evaluate(noticeSeen);
  assert.match(seen.text, EDITABLE);
  assert.ok(seen.visible && seen.onScreen, `the notice is visible: ${JSON.stringify(seen)}`);
  assert.equal(await page.evaluate(() => document.querySelectorAll('mark').length), 0, 'no mark anywhere');
  await page.evaluate(bookmarkletCode());
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-whosaid]').length), 0, 'the second click dismissed the notice');
  assert.equal(await page.evaluate(() => '__whosaidBookmarklet' in window), false, 'no state left');
  sameNodes(before, await page.evaluate(() => window.__ids.list()), 'nothing on the page changed');
  page.assertNoErrors();
});

test('module: an editable comment box inside the article is skipped, the article still marked', async (t) => {
  const { page } = await openTagged(t, 'forms.html');
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'comment-box';
    box.setAttribute('contenteditable', 'true');
    box.textContent = '“Type your comment here,” said Ms. Editable Box.';
    document.querySelector('article').append(box);
  });
  assert.equal((await WAYS.module.run(page)).ok, true);
  assert.equal(await page.evaluate(() => document.querySelectorAll('#comment-box mark').length), 0, 'nothing written into the editable box');
  assert.ok(await page.evaluate(() => document.querySelectorAll('article mark[data-whosaid]').length) > 0);
  await WAYS.module.remove(page);
  page.assertNoErrors();
});

for (const way of Object.keys(WAYS)) {
  test(`${way}: a framework that re-renders the article as soon as it is marked: whosaid stops cleanly`, async (t) => {
    const { page, dialogs } = await openTagged(t, 'rerender.html?mode=observer');
    const text = await page.evaluate(() => document.getElementById('story').textContent);
    const r = await WAYS[way].run(page);
    if (way === 'module') {
      assert.ok(r.ok, r.message);
      await until(() => page.evaluate(() => window.renders >= 2 && !window.__handle.active), 'the page re-rendered and whosaid stopped');
    } else {
      // The bookmarklet's run ends in its notice: the page re-rendered before it could settle.
      assert.match(r.message, /rewrote the article/);
    }
    const st = await page.evaluate(() => ({
      marks: document.querySelectorAll('mark').length,
      own: Array.from(document.querySelectorAll('[data-whosaid]'), (e) => e.getAttribute('data-whosaid')),
      text: document.getElementById('story').textContent,
    }));
    assert.equal(st.marks, 0, 'no mark left: no half-marked text');
    assert.deepEqual(st.own, way === 'bookmarklet' ? ['notice'] : [], 'nothing of whosaid left but the bookmarklet’s notice');
    assert.equal(st.text, text, 'the article’s text is the page’s');
    if (way === 'bookmarklet') {
      const seen = await page.evaluate(noticeSeen);
      assert.match(seen.text, /rewrote the article/);
      assert.ok(seen.visible);
    }
    const renders = await page.evaluate(() => window.renders);
    if (way === 'module') {
      // remove() after the re-render: no throw, and the new DOM stays as the page made it.
      await page.evaluate(() => window.__ids.tag(document.getElementById('story')));
      const rendered = await page.evaluate(() => window.__ids.list(document.getElementById('story')));
      await page.evaluate(() => window.__handle.remove());
      sameNodes(rendered, await page.evaluate(() => window.__ids.list(document.getElementById('story'))), 'the re-rendered article');
      assert.equal(await page.evaluate(() => window.renders), renders, 'remove() caused no further re-render');
    }
    await page.click('#like');
    assert.equal(await page.evaluate(() => window.renders), renders + 1, 'the page’s own button still re-renders');
    if (way === 'bookmarklet') {
      // The next click starts afresh (and the page re-renders again, so it stops again).
      await page.evaluate(bookmarkletCode());
      await until(() => page.evaluate(() => window.renders >= 4), 'the bookmarklet ran again');
      await until(() => page.evaluate(() => document.querySelectorAll('mark').length === 0), 'and stopped again');
    }
    assert.deepEqual(dialogs, []);
    page.assertNoErrors();
  });

  test(`${way}: a framework that re-serialises the article (copies of the marks) leaves no mark behind`, async (t) => {
    const { page } = await openTagged(t, 'rerender.html?mode=clone');
    const html = await page.evaluate(() => document.getElementById('story').innerHTML);
    const r = await WAYS[way].run(page);
    if (way === 'module') {
      assert.ok(r.ok, r.message);
      await until(() => page.evaluate(() => !window.__handle.active), 'whosaid stopped');
    } else {
      assert.match(r.message, /rewrote the article/);
    }
    await new Promise((res) => setTimeout(res, 100));
    const st = await page.evaluate(() => ({
      marks: document.querySelectorAll('mark').length,
      html: document.getElementById('story').innerHTML,
      split: Array.from(document.querySelectorAll('#story *')).filter((e) => e.childNodes.length !== 1).length,
    }));
    assert.equal(st.marks, 0, 'no copy of a mark is left');
    assert.equal(st.html, html, 'the article’s markup is what it was');
    assert.equal(st.split, 0, 'each element holds one text node again');
    if (way === 'module') await page.evaluate(() => window.__handle.remove());
    page.assertNoErrors();
  });

  test(`${way}: a framework that re-renders the article later: whosaid stops, remove() keeps the new DOM`, async (t) => {
    const { page } = await openTagged(t, 'rerender.html?mode=later');
    const r = await WAYS[way].run(page);
    assert.ok(r.ok, r.message);
    assert.ok(await page.evaluate(() => document.querySelectorAll('#story mark[data-whosaid]').length) > 0, 'marked');
    await page.click('#like');
    await until(() => page.evaluate(() => !window.__handle.active), 'whosaid stopped after the re-render');
    assert.equal(await page.evaluate(() => document.querySelectorAll('mark').length), 0, 'no mark left');
    await page.evaluate(() => window.__ids.tag(document.getElementById('story')));
    const rendered = await page.evaluate(() => window.__ids.list(document.getElementById('story')));
    await page.evaluate(() => window.__handle.remove());
    sameNodes(rendered, await page.evaluate(() => window.__ids.list(document.getElementById('story'))), 'the re-rendered article');
    page.assertNoErrors();
  });
}

for (const variant of ['?empty', '?empty&async-hide']) {
  test(`bookmarklet: on a page whose body is hidden${variant.includes('async') ? ' (and <html> at opacity 0)' : ''} and holds no article yet, the failure notice is visible, the next click dismisses it, and a later click works`, async (t) => {
    const { page, before } = await openTagged(t, `hidden-body.html${variant}`);
    const r = await WAYS.bookmarklet.run(page);
    assert.equal(r.ok, false, 'no article text yet');
    const seen = await page.evaluate(noticeSeen);
    assert.match(seen.text, /no article text/);
    assert.equal(seen.inBody, false, 'the notice is not inside the hidden body');
    if (!variant.includes('async')) assert.ok(seen.visible && seen.onScreen, `the notice is visible: ${JSON.stringify(seen)}`);
    const ink = await noticeInk(page);
    assert.ok(ink > 500, `the notice's text shows on screen (${ink} pixels of ink)`);
    assert.equal(await page.evaluate(() => '__whosaidBookmarklet' in window), false, 'a failed run leaves no state');
    // Second click: dismisses the notice, does not run again.
    await page.evaluate(bookmarkletCode());
    await new Promise((res) => setTimeout(res, 300));
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-whosaid]').length), 0, 'the second click dismissed the notice');
    sameNodes(before, await page.evaluate(() => window.__ids.list()), 'nothing on the page changed');
    // The page shows its body; the next click highlights, and the one after removes.
    await page.evaluate(() => window.showBody());
    const again = await WAYS.bookmarklet.run(page);
    assert.ok(again.ok, again.message);
    assert.ok(await page.evaluate(() => document.querySelectorAll('article mark[data-whosaid]').length) > 0);
    await WAYS.bookmarklet.remove(page);
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-whosaid]').length), 0);
    page.assertNoErrors();
  });
}

test('module: on a page whose body an anti-flicker style hides, the article is read and marked, and restored exactly', async (t) => {
  const { page, before } = await openTagged(t, 'hidden-body.html');
  const first = await WAYS.module.run(page);
  assert.ok(first.ok, first.message);
  assert.ok(await page.evaluate(() => document.querySelectorAll('article mark[data-whosaid].whosaid-statement').length) > 0, 'statements are marked');
  await WAYS.module.remove(page);
  sameNodes(before, await page.evaluate(() => window.__ids.list()), 'the page after remove()');
  page.assertNoErrors();
});

test('module: on a hidden body with no article yet, highlight() rejects with an Error, and works once the page shows it', async (t) => {
  const { page } = await openTagged(t, 'hidden-body.html?empty');
  const first = await WAYS.module.run(page);
  assert.equal(first.ok, false);
  assert.equal(first.isError, true);
  assert.match(first.message, /no article text/);
  await page.evaluate(() => window.showBody());
  const second = await WAYS.module.run(page);
  assert.ok(second.ok, second.message);
  await WAYS.module.remove(page);
  page.assertNoErrors();
});

for (const way of Object.keys(WAYS)) {
  test(`${way}: a page whose wrapped appendChild refuses text nodes: nothing half-wrapped, all restored`, async (t) => {
    const { page, before, dialogs } = await openTagged(t, 'prototypes.html?refuse');
    const r = await WAYS[way].run(page);
    assert.ok(r.ok, r.message);
    const st = await page.evaluate(() => ({
      marks: document.querySelectorAll('mark').length,
      text: document.querySelector('article').textContent,
    }));
    assert.equal(st.marks, 0, 'no mark (empty or not) is left in the page: none could be filled');
    await page.click('#like');
    assert.equal(await page.evaluate(() => window.likeCount), 1);
    await WAYS[way].remove(page);
    sameNodes(before, await page.evaluate(() => window.__ids.list()), 'remove() restores every node');
    assert.deepEqual(dialogs, []);
    page.assertNoErrors();
  });
}

test('bookmarklet: a run left pending (its promise never settled) does not block later clicks forever', async (t) => {
  const { page } = await openTagged(t, 'prototypes.html');
  await page.evaluate(() => { window.__whosaidBookmarklet = { pending: true, since: Date.now() - 60000 }; });
  const r = await WAYS.bookmarklet.run(page);
  assert.ok(r.ok, r.message);
  await WAYS.bookmarklet.remove(page);
  page.assertNoErrors();
});

test('embed script: starts on a page whose window.Promise is a broken polyfill', async (t) => {
  const { page } = await openTagged(t, 'prototypes.html');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.src = '/dist/whosaid-embed.js';
    document.head.append(s);
  });
  await until(() => page.evaluate(() => document.querySelectorAll('article mark[data-whosaid]').length > 0), 'the embed highlighted the article');
  await page.evaluate(() => window.whosaid.removeAll());
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-whosaid]').length), 0);
  page.assertNoErrors();
});
