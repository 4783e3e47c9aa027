// The DOM side of src/dom/collect.rs (`Walk`): copies the page out of the DOM, depth first and
// in slices, into one string and one list of numbers that the wasm reads in one call each (a
// call from WebAssembly into the DOM per node and per attribute cost more than the reading).
// Rust decides what is read (the attribute names, the tags not gone into); this file walks,
// asks whether the page's style hides an element, and keeps the nodes, by index, for
// `element` and `text`. Written without Array methods: a page may have replaced them.

/**
 * A walk of `top` and what it holds, the elements around it recorded first (tag and
 * attributes only). `names`: the attribute names to copy and then the tags not gone into,
 * each followed by a space, the two lists separated by a second space.
 */
export function walker(top, names) {
  const attrs = [];
  const skip = {};
  let word = '';
  let list = 0;
  for (let i = 0; i < names.length; i++) {
    const c = names[i];
    if (c !== ' ') {
      word += c;
    } else if (word === '') {
      list = 1;
    } else {
      if (list === 0) attrs[attrs.length] = word;
      else skip['#' + word] = 1;
      word = '';
    }
  }
  const doc = top.ownerDocument;
  const w = {
    attrs,
    skip,
    view: doc ? doc.defaultView : null,
    stack: [],
    els: [],
    texts: [],
    o: [],
    s: '',
  };
  const around = [];
  for (let e = top.parentElement; e; e = e.parentElement) around[around.length] = e;
  let parent = 0;
  for (let k = around.length - 1; k >= 0; k--) parent = add(w, around[k], 2, parent, false) + 1;
  const first = top.firstChild;
  const t = add(w, top, 2, parent, true);
  if (w.skip['#' + top.localName] !== 1) w.stack[0] = { i: t, next: first };
  return w;
}

/** Records a string: its length in UTF-16 code units in the numbers, the text in the string. */
function put(w, s) {
  // A lone high surrogate at the end could pair with the next string's first code unit once
  // they are joined: it becomes the replacement character it would become on its own.
  const n = s.length;
  if (n > 0) {
    const c = s.charCodeAt(n - 1);
    if (c >= 0xd800 && c < 0xdc00) s = s.slice(0, n - 1) + '\ufffd';
  }
  w.o[w.o.length] = n;
  w.s += s;
}

/**
 * Records element `el` (not what it holds): [`op` (0: a child of its parent; 2: an element
 * around the top, or the top), parent + 1 (0: none), tag, whether it has attributes, how many
 * of the names it has, then each name's index and value, whether it is hidden]. `style`:
 * whether to ask if the page's style hides it. Returns its index.
 */
function add(w, el, op, parent, style) {
  const o = w.o;
  const tag = el.localName;
  o[o.length] = op;
  o[o.length] = parent;
  put(w, tag);
  const has = el.hasAttributes();
  o[o.length] = has ? 1 : 0;
  const count = o.length;
  o[o.length] = 0;
  let own = false;
  if (has) {
    const attrs = w.attrs;
    for (let k = 0; k < attrs.length; k++) {
      const v = el.getAttribute(attrs[k]);
      if (typeof v !== 'string') continue;
      o[count]++;
      o[o.length] = k;
      put(w, v);
      // The last name is whosaid's own mark (collect.rs, OWN_ATTR).
      if (k === attrs.length - 1) own = true;
    }
  }
  const hid = own || (style && w.skip['#' + tag] !== 1 && hidden(w.view, el));
  o[o.length] = hid ? 1 : 0;
  const i = w.els.length;
  w.els[i] = el;
  return i;
}

/**
 * What the page's style hides (`display: none`, and `visibility: hidden` that the element
 * itself sets rather than inherits; see `Walk::hidden` in collect.rs). A document without a
 * window (parsed, not shown) has no style.
 */
function hidden(view, el) {
  if (!view) return false;
  try {
    if (el.checkVisibility({ visibilityProperty: true }) === true) return false;
  } catch (e) {
    // no checkVisibility: the computed style says
  }
  let style;
  try {
    style = view.getComputedStyle(el);
  } catch (e) {
    return false;
  }
  if (!style) return false;
  if (style.getPropertyValue('display') === 'none') return true;
  if (style.getPropertyValue('visibility') !== 'hidden') return false;
  const p = el.parentElement;
  if (!p) return true;
  let ps;
  try {
    ps = view.getComputedStyle(p);
  } catch (e) {
    return true;
  }
  return !ps || ps.getPropertyValue('visibility') !== 'hidden';
}

/**
 * Walks until about 16,000 code units of strings or 4,000 numbers wait to be taken (the wasm
 * looks at the clock between such parts); returns whether the walk is done. Each text node is
 * recorded as [1, its parent, its text]. (The parts are cut by size, not time, so that a page
 * read again is handed over in the same parts: the wasm's allocator keeps each size of block
 * it has freed for that size only, and parts of any size, as a slice's time allowed, grew its
 * memory run after run.)
 */
export function step(w) {
  const stack = w.stack;
  const o = w.o;
  while (stack.length > 0) {
    if (w.s.length >= 16384 || o.length >= 4096) return false;
    const top = stack[stack.length - 1];
    const node = top.next;
    if (!node) {
      stack.length--;
      continue;
    }
    top.next = node.nextSibling;
    const type = node.nodeType;
    if (type === 3) {
      o[o.length] = 1;
      o[o.length] = top.i;
      put(w, node.data);
      w.texts[w.texts.length] = node;
    } else if (type === 1) {
      const first = node.firstChild;
      const k = add(w, node, 0, top.i + 1, true);
      if (w.skip['#' + node.localName] !== 1) stack[stack.length] = { i: k, next: first };
    }
  }
  return true;
}

/** The strings recorded since the last call, joined; `numbers` then gives their numbers. */
export function strings(w) {
  const s = w.s;
  w.s = '';
  return s;
}

/** The numbers recorded since the last call. */
export function numbers(w) {
  const o = w.o;
  w.o = [];
  return o;
}

/** Element `k` of the walk. */
export function element(w, k) {
  return w.els[k];
}

/**
 * Where the element holding text node `k` is in the viewport: [top, bottom], or nothing when
 * the node has no parent element.
 */
export function place(w, k) {
  const t = w.texts[k];
  const p = t ? t.parentElement : null;
  if (!p) return [];
  const r = p.getBoundingClientRect();
  return [r.top, r.bottom];
}

/** The text nodes of the walk, by index (for `marks.js`). */
export function nodes(w) {
  return w.texts;
}

/** How many text nodes the walk has read. */
export function texts(w) {
  return w.texts.length;
}
