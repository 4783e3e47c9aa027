// Short import names for the wasm and its glue. wasm-bindgen names each import after the JS
// function and a hash (`__wbg_getBoundingClientRect_329ca748ec918b0c`) under the module
// `./whosaid_bg.js`; the wasm holds each name and the glue holds it again as a key of its import
// object. Here every import of that module becomes a short name (`a`, `b`, …, `ba`, …) and the
// module `w`, in the wasm's import section and in the glue's keys alike. The module's exports
// (`highlight_step`, `__wbindgen_malloc`, closure shims named after their whole Rust type) get
// short names too, in its export section and wherever the glue reads them (`wasm.NAME`); only
// `memory` keeps its name. The modules of the DOM helpers (`./snippets/whosaid-HASH/src/dom/
// marks.js`, named once for each function the wasm imports from them) are named after their
// file (`marks`).
import { readFileSync, writeFileSync } from 'node:fs';

const MODULE = './whosaid_bg.js';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The i-th short name: a, b, …, Z, ba, bb, … (never a key the glue's object has otherwise). */
function shortName(i) {
  let s = '';
  do {
    s = LETTERS[i % LETTERS.length] + s;
    i = Math.floor(i / LETTERS.length);
  } while (i > 0);
  return s;
}

function leb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/**
 * Renames the imports of `wasmPath` from wasm-bindgen's module and rewrites the keys of
 * `gluePath`'s import object to match. Throws when either is not shaped as expected.
 */
export function shortenImports({ wasmPath, gluePath }) {
  const b = readFileSync(wasmPath);
  let p = 8;
  const readLeb = () => {
    let r = 0;
    let s = 0;
    let c;
    do {
      c = b[p++];
      r |= (c & 0x7f) << s;
      s += 7;
    } while (c & 0x80);
    return r >>> 0;
  };
  const readName = () => {
    const n = readLeb();
    const s = b.subarray(p, p + n).toString('utf8');
    p += n;
    return s;
  };
  const chunks = [b.subarray(0, 8)];
  const renamed = new Map();
  const exported = new Map();
  const snippets = new Set();
  // A module of src/dom (`./snippets/whosaid-HASH/src/dom/marks.js`, named in the wasm once per
  // function imported from it) becomes its file's name (`marks`).
  const snippetName = (module) => {
    const m = module.match(/^\.\/snippets\/[^/]+\/src\/dom\/(\w+)\.js$/);
    if (!m || m[1] === 'w') throw new Error(`${wasmPath}: an import from ${module}, which scripts/imports.mjs does not expect`);
    snippets.add(module);
    return m[1];
  };
  while (p < b.length) {
    const sectionStart = p;
    const id = b[p++];
    const len = readLeb();
    const bodyStart = p;
    const end = bodyStart + len;
    if (id === 7) {
      const count = readLeb();
      const body = [...leb(count)];
      for (let i = 0; i < count; i++) {
        const name = readName();
        const descStart = p;
        p++; // kind
        readLeb();
        const short = name === 'memory' ? name : shortName(exported.size);
        if (name !== 'memory') exported.set(name, short);
        const bytes = Buffer.from(short, 'utf8');
        body.push(...leb(bytes.length), ...bytes, ...b.subarray(descStart, p));
      }
      if (p !== end) throw new Error(`${wasmPath}: the export section did not parse`);
      chunks.push(Buffer.from([7, ...leb(body.length), ...body]));
      continue;
    }
    if (id !== 2) {
      chunks.push(b.subarray(sectionStart, end));
      p = end;
      continue;
    }
    const count = readLeb();
    const body = [...leb(count)];
    const putName = (s) => {
      const bytes = Buffer.from(s, 'utf8');
      body.push(...leb(bytes.length), ...bytes);
    };
    for (let i = 0; i < count; i++) {
      const module = readName();
      const field = readName();
      const descStart = p;
      const kind = b[p++];
      if (kind === 0) readLeb();
      else if (kind === 1 || kind === 2) {
        if (kind === 1) p++; // reference type
        const flags = b[p++];
        readLeb();
        if (flags & 1) readLeb();
      } else if (kind === 3) p += 2;
      else if (kind === 4) {
        p++;
        readLeb();
      } else throw new Error(`${wasmPath}: unknown import kind ${kind}`);
      if (module === MODULE) {
        if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
        putName('w');
        putName(renamed.get(field));
      } else {
        putName(snippetName(module));
        putName(field);
      }
      body.push(...b.subarray(descStart, p));
    }
    if (p !== end) throw new Error(`${wasmPath}: the import section did not parse`);
    chunks.push(Buffer.from([2, ...leb(body.length), ...body]));
  }
  let glue = readFileSync(gluePath, 'utf8');
  let keys = 0;
  glue = glue.replace(/^( {8})(__wbg\w+|__wbindgen\w+): function\(/gm, (m, indent, name) => {
    if (!renamed.has(name)) return m;
    keys++;
    return `${indent}${renamed.get(name)}: function(`;
  });
  const moduleKey = `"${MODULE}": import0,`;
  if (keys !== renamed.size || glue.split(moduleKey).length !== 2) {
    throw new Error(`${gluePath}: ${keys} of ${renamed.size} import keys found, or no "${MODULE}" entry`);
  }
  glue = glue.replace(moduleKey, 'w: import0,');
  // The DOM helpers' modules (src/dom/*.js), by their file's name.
  glue = glue.replace(/^( +)"(\.\/snippets\/[^"]+)": (import\d+,)$/gm, (m, indent, module, rest) => {
    const name = snippetName(module);
    snippets.delete(module);
    return `${indent}${name}: ${rest}`;
  });
  if (snippets.size) throw new Error(`${gluePath}: no import key for ${[...snippets].join(', ')}`);
  const read = new Set();
  glue = glue.replace(/\bwasm\.(\w+)/g, (m, name) => {
    if (name === 'memory') return m;
    if (!exported.has(name)) throw new Error(`${gluePath}: reads wasm.${name}, which the module does not export`);
    read.add(name);
    return `wasm.${exported.get(name)}`;
  });
  if (read.size === 0) throw new Error(`${gluePath}: reads no export of the module as wasm.NAME`);
  writeFileSync(wasmPath, Buffer.concat(chunks));
  writeFileSync(gluePath, glue);
  return renamed.size;
}
