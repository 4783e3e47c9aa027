// Serves www/ at / and dist/ at /dist/ on 127.0.0.1 (`npm start`; tests import serve()).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8', '.json': 'application/json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ts': 'text/plain; charset=utf-8',
};

/**
 * Starts a static server. `dirs` maps URL prefixes to directories (default: www/ and dist/);
 * `headers` are added to every response. Resolves to { server, url }.
 */
export function serve({ port = 8080, dirs, headers = {} } = {}) {
  const mounts = Object.entries(dirs || { '/dist/': join(root, 'dist'), '/': join(root, 'www') })
    .sort((a, b) => b[0].length - a[0].length);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [prefix, dir] = mounts.find(([p]) => path.startsWith(p)) || [];
    let file = dir && normalize(join(dir, path.slice(prefix.length)));
    if (file && (file + sep).startsWith(dir + sep) && (path.endsWith('/'))) file = join(file, 'index.html');
    if (!file || !file.startsWith(dir)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT || 8080);
  const { url } = await serve({ port });
  console.log(`whosaid demo: ${url}  (bookmarklet: ${url}bookmarklet.html)  Ctrl-C stops.`);
}
