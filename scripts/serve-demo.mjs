// Serves the built demo page (dist/demo/) on 127.0.0.1 only. Port: $PORT, else 8080, else
// any free port. Prints the address. Used by scripts/start.sh and by tests/demo/.
//   node scripts/serve-demo.mjs [DIR]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.png': 'image/png' };

export async function serveDemo({ root = fileURLToPath(new URL('../dist/demo', import.meta.url)), port = 8080, fallback = true } = {}) {
  const base = normalize(root + sep);
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(base, path));
    if (!file.startsWith(base)) { res.writeHead(404).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  const listen = (p) => new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(p, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  try { await listen(port); } catch (err) {
    if (!fallback || err.code !== 'EADDRINUSE') throw err;
    await listen(0);
  }
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const { url } = await serveDemo({ root: process.argv[2], port: Number(process.env.PORT || 8080) });
  console.log(`chatlint demo: ${url}   (Ctrl+C stops it)`);
}
