// The browser extension (Manifest V3, one build for Chromium and Firefox), written by
// scripts/build.mjs into dist/extension/: the manifest, the background script
// (js/extension/background.js), the bookmarklet's bundle it injects, and the toolbar icons,
// drawn here and encoded as PNG (no image tool needed).
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const ICON_SIZES = [16, 32, 48, 128];

/** The manifest. `version` is the npm package's (Chromium wants 1–4 dot-separated numbers). */
export function manifest(version) {
  const icons = Object.fromEntries(ICON_SIZES.map((s) => [String(s), `icons/whosaid-${s}.png`]));
  return {
    manifest_version: 3,
    name: 'whosaid',
    version: version.replace(/[-+].*$/, ''),
    description: 'Highlights who speaks in a news article, what they said, and which claims are disputed. Runs in your browser; sends nothing anywhere.',
    icons,
    action: { default_title: 'whosaid: highlight who said what (click again to remove)', default_icon: icons },
    permissions: ['activeTab', 'scripting'],
    // Chromium runs the service worker (and ignores `scripts` since 121); Firefox, which has no
    // extension service workers, runs `scripts` as an event page.
    background: { service_worker: 'background.js', scripts: ['background.js'] },
    minimum_chrome_version: '121',
    browser_specific_settings: {
      gecko: {
        id: 'whosaid@whosaid.invalid',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  };
}

/** Writes dist/extension/ from the built dist/ (the bookmarklet bundle must be there). */
export function buildExtension({ root, dist, version }) {
  const out = join(dist, 'extension');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'icons'), { recursive: true });
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest(version), null, 2)}\n`);
  copyFileSync(join(root, 'js', 'extension', 'background.js'), join(out, 'background.js'));
  copyFileSync(join(dist, 'whosaid-bookmarklet.js'), join(out, 'whosaid-bookmarklet.js'));
  for (const size of ICON_SIZES) writeFileSync(join(out, 'icons', `whosaid-${size}.png`), png(size, size, drawIcon(size)));
  return out;
}

// --- The icon: a speech bubble with two lines of text, the first one highlighted. ---

const BUBBLE = [0x0f, 0x4c, 0x6e]; // the demo site's accent blue
const MARK = [0xf5, 0xc4, 0x4e]; // a highlighter yellow
const LINE = [0xff, 0xff, 0xff];

/** Signed distance to a rounded rectangle (centre cx, cy; half sizes hw, hh; corner radius r). */
function roundedRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - (hw - r);
  const qy = Math.abs(y - cy) - (hh - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Whether (x, y) is inside the triangle a, b, c. */
function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const s1 = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
  const s2 = (cx - bx) * (y - by) - (cy - by) * (x - bx);
  const s3 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** The colour at (u, v) in a unit square, or null (transparent). */
function iconAt(u, v) {
  if (roundedRect(u, v, 0.5, 0.3, 0.31, 0.075, 0.03) <= 0) return MARK; // the highlighted line
  if (roundedRect(u, v, 0.42, 0.52, 0.23, 0.06, 0.03) <= 0) return LINE; // the plain line
  if (roundedRect(u, v, 0.5, 0.41, 0.47, 0.35, 0.14) <= 0) return BUBBLE;
  if (inTriangle(u, v, [0.18, 0.7], [0.44, 0.7], [0.12, 0.98])) return BUBBLE; // the tail
  return null;
}

/** RGBA pixels of the icon at `size`, 4×4 supersampled for smooth edges. */
function drawIcon(size) {
  const px = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          const c = iconAt((x + (i + 0.5) / n) / size, (y + (j + 0.5) / n) / size);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
        }
      }
      const o = (y * size + x) * 4;
      if (a) px.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (n * n))], o);
    }
  }
  return px;
}

// --- PNG: 8-bit RGBA, one IDAT, filter 0 on every row. ---

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGBA pixels (width × height × 4 bytes) as a PNG file. */
export function png(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method variant, no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
