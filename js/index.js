// The ES module (dist/whosaid.mjs): `import { highlight } from 'whosaid'`.
// The .wasm ships beside the module and is fetched relative to it.
import { makeApi } from './core.js';

const api = makeApi((init) => init({ module_or_path: new URL('./whosaid_bg.wasm', import.meta.url) }));

export const highlight = api.highlight;
export const analyze = api.analyze;
export const removeAll = api.removeAll;
