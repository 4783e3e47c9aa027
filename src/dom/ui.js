// The DOM side of the panel's builder (src/dom/ui.rs, `Builder`): makes a whole tree of
// elements in one call from WebAssembly, where one call per element and attribute (each
// handing strings over) took most of the panel's time. Page text is only ever set as text
// (`textContent`, `append`), never parsed as HTML; the tags, classes and attributes are
// whosaid's own. Written without Array methods: a page may have replaced them.

const SVG = 'http://www.w3.org/2000/svg';

/**
 * Carries out `ops` (see `Builder` in ui.rs) on the strings of `text` (`ops` holds their start
 * and end, in UTF-16 code units): element 0 is `root`, each element made is the next. Returns
 * the elements, by index.
 */
export function build(doc, root, text, ops) {
  const els = [root];
  const s = (k) => text.slice(ops[k], ops[k + 1]);
  let k = 0;
  while (k < ops.length) {
    const op = ops[k];
    const e = els[ops[k + 1]];
    if (op === 0 || op === 1) {
      // An element (HTML: 0, SVG: 1), at the end of element `ops[k + 1]`.
      const tag = s(k + 2);
      const el = op === 0 ? doc.createElement(tag) : doc.createElementNS(SVG, tag);
      e.appendChild(el);
      els[els.length] = el;
      k += 4;
    } else if (op === 2) {
      try {
        e.setAttribute(s(k + 2), s(k + 4));
      } catch (err) {
        // as with any attribute the page's DOM refuses: the element goes without it
      }
      k += 6;
    } else if (op === 3) {
      e.className = s(k + 2);
      k += 4;
    } else if (op === 4) {
      e.textContent = s(k + 2);
      k += 4;
    } else {
      e.append(s(k + 2));
      k += 4;
    }
  }
  return els;
}
