// The DOM side of src/dom/marks.rs: cuts text nodes and wraps the pieces in marks, one call per
// text node (each call from WebAssembly into the DOM costs more than the DOM work it asks for,
// and a mark took seven of them). Rust decides every cut, class and attribute; this file only
// carries them out, with the same DOM methods, in the same order, and keeps the marks and the
// split nodes so that `unmark` can put the page back exactly. Written without Array or Map
// methods: a page may have replaced them.

/**
 * A store of marks: the marks made, the split nodes, the mark to clone, the strings used, and
 * the text nodes `mark` names by index (the page's walk, `collect.js`).
 */
export function store(template, texts) {
  return { m: [], s: [], t: template, str: [''], x: texts, l: [] };
}

/**
 * Adds strings to the store's table, in order (`joined`, cut at the `lengths`, in UTF-16 code
 * units); a string's index in the table is how `mark` names it.
 */
export function table(st, joined, lengths) {
  const a = st.str;
  let at = 0;
  for (let k = 0; k < lengths.length; k++) {
    a[a.length] = joined.slice(at, at + lengths[k]);
    at += lengths[k];
  }
}

/**
 * Marks text node `k` of the store's. `b`: [the node's length at least, the number of bounds n, n bounds
 * (offsets into the node, increasing, the first 0), then for each of the n − 1 parts between
 * them: its look (0: not marked), and for a look not seen before its class (a string's index;
 * else 0), the number of attributes (plus 256 for a mark made focusable), and each
 * attribute's name and value (string indexes)].
 * A look is a mark made once with its class and attributes (the store's `l`, by number: a
 * slot), cloned for each mark that has it; a number given again with a class replaces it. The node's end is a
 * bound too when it lies past the last. Returns -1 (and does nothing) when the node is shorter
 * or no longer in the page; else the number of marks made, with the look of each part not
 * marked set to 0 in `b`.
 */
export function mark(st, k, b) {
  const node = st.x[k];
  if (!node) return -1;
  const data = node.data;
  if (data.length < b[0] || !node.isConnected) return -1;
  const n = b[1];
  const bounds = [];
  for (let k = 0; k < n; k++) bounds[k] = b[2 + k];
  if (data.length > bounds[n - 1]) bounds[n] = data.length;
  // Split from the end, so the original node stays the first piece.
  const parts = [];
  for (let k = bounds.length - 2; k >= 1; k--) {
    let t;
    try {
      t = node.splitText(bounds[k]);
    } catch (e) {
      break;
    }
    parts[parts.length] = t;
  }
  // The node, then the pieces split off it, in order.
  const nodes = [node];
  for (let k = parts.length - 1; k >= 0; k--) nodes[nodes.length] = parts[k];
  const strs = st.str;
  let made = 0;
  let at = 2 + n;
  for (let k = 0; k < n - 1; k++) {
    const look = b[at];
    const cls = b[at + 1];
    const attrs = b[at + 2] & 255;
    const spec = at;
    at += 3 + 2 * attrs;
    if (look === 0) continue;
    if (cls !== 0) {
      const l = st.t.cloneNode();
      for (let a = 0; a < attrs; a++) l.setAttribute(strs[b[spec + 3 + 2 * a]], strs[b[spec + 4 + 2 * a]]);
      l.className = strs[cls];
      if (b[spec + 2] >> 8) l.setAttribute('tabindex', '0');
      st.l[look] = l;
    }
    const t = k < nodes.length ? nodes[k] : null;
    const m = t && wrap(st.l[look], t);
    if (!m) {
      b[spec] = 0;
      continue;
    }
    st.m[st.m.length] = m;
    made++;
  }
  st.s[st.s.length] = { d: data, p: nodes };
  return made;
}

/**
 * Puts `node` inside a new mark at its place. If the page's DOM refuses the move (a method it
 * has wrapped throws), the mark comes out again and the node stays where it was.
 */
function wrap(template, node) {
  const parent = node.parentNode;
  if (!parent) return null;
  let m;
  try {
    m = template.cloneNode();
    parent.insertBefore(m, node);
  } catch (e) {
    return null;
  }
  try {
    m.appendChild(node);
  } catch (e) {
    m.remove();
    return null;
  }
  return m;
}

/**
 * Whether the page's style sheets give a mark beside text node `k` a `::before` or `::after`
 * box: a clone of the template is put there, its pseudo-elements' content read, and taken out
 * again (in the step that begins marking: the page's own observers see it with the marks).
 * Only then does page.css need its rule that takes them away: a rule on every mark's
 * pseudo-elements makes the browser work out two more styles per mark, two thirds of the marks'
 * style recalculation on a long article.
 */
export function pseudo(st, k) {
  const node = st.x[k];
  const key = styleState(node);
  if (key !== null && probed !== null && same(key, probed.k)) return probed.a;
  const m = st.t.cloneNode();
  let c = '';
  try {
    node.parentNode.insertBefore(m, node);
    c = getComputedStyle(m, '::before').content + getComputedStyle(m, '::after').content;
  } catch (e) {
    // refused: as if the page gave marks boxes
  }
  if (m.parentNode) m.parentNode.removeChild(m);
  const a = c !== 'nonenone';
  probed = key === null ? null : { k: key, a };
  return a;
}

/**
 * The last probe's answer, with the state it was given in (`styleState`): the same page asked
 * again (a reader turning whosaid off and on) gets it without the probe, which inserts a mark
 * and works out its style and its pseudo-elements' (a third of a millisecond of a short
 * article's highlight).
 */
let probed = null;

/**
 * What the probe's answer beside `node` depends on, as a list to compare: the page's style
 * sheets (each sheet, its number of rules where the page may read them, whether it is
 * disabled; a `<style>` whose text changes is another sheet), the window's size (media
 * queries), and the elements around `node` with their attributes (selectors such as
 * `.dark mark::before`). Null where any of it cannot be read: the probe runs.
 */
function styleState(node) {
  try {
    const doc = node.ownerDocument;
    const view = doc.defaultView;
    const key = [doc, view ? view.innerWidth : 0, view ? view.innerHeight : 0];
    const lists = [doc.styleSheets, doc.adoptedStyleSheets || []];
    for (let l = 0; l < lists.length; l++) {
      const sheets = lists[l];
      key[key.length] = sheets.length;
      for (let i = 0; i < sheets.length; i++) {
        const s = sheets[i];
        let rules = -1;
        try {
          rules = s.cssRules.length;
        } catch (e) {
          // another origin's sheet: the page cannot change its rules either
        }
        key[key.length] = s;
        key[key.length] = rules;
        key[key.length] = s.disabled;
      }
    }
    for (let e = node.parentNode; e && e.nodeType === 1; e = e.parentNode) {
      const attrs = e.attributes;
      key[key.length] = e;
      key[key.length] = attrs.length;
      for (let i = 0; i < attrs.length; i++) {
        key[key.length] = attrs[i].name;
        key[key.length] = attrs[i].value;
      }
    }
    return key;
  } catch (e) {
    return null;
  }
}

/** Whether two lists of `styleState` are the same. */
function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Mark `k`. */
export function get(st, k) {
  return st.m[k];
}

/** The index of mark `el`, or -1 when it is none of the store's. */
export function index(st, el) {
  const m = st.m;
  for (let k = 0; k < m.length; k++) if (m[k] === el) return k;
  return -1;
}

/** Whether every mark is still in the page. */
export function connected(st) {
  const m = st.m;
  for (let k = 0; k < m.length; k++) if (!m[k].isConnected) return false;
  return true;
}

/** Adds (`on`) or takes off the class `cls` on the marks `ks`. */
export function toggle(st, ks, cls, on) {
  for (let k = 0; k < ks.length; k++) {
    try {
      st.m[ks[k]].classList.toggle(cls, on);
    } catch (e) {
      // a page's own classList: the mark keeps its classes
    }
  }
}

/**
 * Takes every mark out and joins the split text nodes back, leaving the original nodes. Marks
 * or nodes the page itself has since removed are skipped, and a split node is joined back only
 * while its pieces are still side by side with the text they had: once the page has rewritten
 * them (a framework re-rendering the article), they are the page's, and putting the old text
 * back would undo its change.
 */
export function unmark(st) {
  const m = st.m;
  for (let k = 0; k < m.length; k++) {
    const mark = m[k];
    const parent = mark.parentNode;
    if (!parent) continue;
    try {
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
    } catch (e) {
      // a page's own DOM methods refused
    }
  }
  st.m = [];
  const s = st.s;
  for (let k = 0; k < s.length; k++) {
    const split = s[k];
    if (!intact(split)) continue;
    const p = split.p;
    try {
      for (let i = 1; i < p.length; i++) {
        const parent = p[i].parentNode;
        if (parent) parent.removeChild(p[i]);
      }
      p[0].data = split.d;
    } catch (e) {
      // a page's own DOM methods refused
    }
  }
  st.s = [];
}

/**
 * Whether a split node and its pieces are still next to each other, in order, holding the text
 * the node had (the state marking left once its marks are taken out).
 */
function intact(split) {
  const p = split.p;
  let text = p[0].data;
  for (let i = 1; i < p.length; i++) {
    if (p[i - 1].nextSibling !== p[i]) return false;
    text += p[i].data;
  }
  return text === split.d;
}
