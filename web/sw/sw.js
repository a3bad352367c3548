// Blytz service worker. The build (vite.config.ts) replaces the two placeholders with the
// app shell's files and a version derived from them.
//
// Who fills the cache: the page (src/pwa.ts) adds the shell to `blytz-shell-<version>`
// before it registers this worker, because the server currently sends its API
// Content-Security-Policy (default-src 'none') with /sw.js, and a worker's CSP forbids
// its own fetch(). Install only checks that the cache is complete, tries to fetch what
// is missing (that works once /sw.js gets a CSP allowing connect-src 'self'), and fails
// otherwise, so an active worker always has the whole shell to serve.
//
// What it serves: navigations get the cached index.html (the SPA routes every path to
// it; an app-shell worker, so it also opens offline), and the shell's own files come
// from the cache. Everything else goes to the network untouched — in particular /api/
// (live prices and bids must never come from a cache), /socket.io/ and /media/.
const SHELL = self.__PRECACHE__;
const VERSION = self.__VERSION__;
const CACHE = `blytz-shell-${VERSION}`;
const SHELL_SET = new Set(SHELL);

async function missing(cache) {
  const out = [];
  for (const url of SHELL) if (!(await cache.match(url))) out.push(url);
  return out;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const gaps = await missing(cache);
    if (gaps.length) await cache.addAll(gaps.map((u) => new Request(u, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const k of await caches.keys()) if (k.startsWith('blytz-shell-') && k !== CACHE) await caches.delete(k);
    await self.clients.claim();
  })());
});

function bypass(url) {
  return url.origin !== self.location.origin || /^\/(api|socket\.io|media)\//.test(url.pathname)
    || ['/healthz', '/readyz', '/metrics', '/sw.js', '/precache.json'].includes(url.pathname);
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (bypass(url)) return;
  if (req.mode === 'navigate') {
    event.respondWith(caches.match('/index.html', { cacheName: CACHE }).then((hit) => hit || fetch(req)));
  } else if (SHELL_SET.has(url.pathname) && !url.search) {
    event.respondWith(caches.match(url.pathname, { cacheName: CACHE }).then((hit) => hit || fetch(req)));
  }
});
