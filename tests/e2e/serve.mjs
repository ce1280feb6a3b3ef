// A static file server for the e2e suite: the root build at `/` and the Pages build at
// `/scalelab/`. Listens on 127.0.0.1 only. CROSS_ORIGIN_ISOLATED=1 serves the pages
// cross-origin isolated (fine-grained clocks for the benchmarks); GZIP=1 sends text, scripts,
// styles and wasm gzipped to a browser that accepts it, as GitHub Pages does (the load-time
// benchmark's throttled link carries what a visitor's would).
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..', '..');
const mounts = [
  ['/scalelab/', join(repo, 'target', 'dist-pages')],
  ['/', join(repo, 'dist')],
];
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const port = Number(process.argv[2] ?? 4178);
createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const [prefix, dir] = mounts.find(([p]) => path.startsWith(p)) ?? [];
  if (!dir) {
    res.writeHead(404).end();
    return;
  }
  let rel = normalize(path.slice(prefix.length));
  if (rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
  const file = join(dir, rel);
  if (!file.startsWith(dir)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream' };
    if (process.env.CROSS_ORIGIN_ISOLATED === '1') {
      // Cross-origin isolation: the page's clocks (and requestAnimationFrame's timestamps) get
      // microsecond resolution instead of 100 us, which the frame-time benchmark needs.
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    let sent = body;
    if (
      process.env.GZIP === '1' &&
      /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') &&
      /text|javascript|wasm|json|svg/.test(headers['content-type'])
    ) {
      sent = gzipSync(body, { level: 9 });
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, headers);
    res.end(sent);
  } catch {
    res.writeHead(404).end('not found');
  }
}).listen(port, '127.0.0.1');
