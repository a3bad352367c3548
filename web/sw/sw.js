// Blytz service worker. The build (vite.config.ts) replaces the two placeholders with the
// app shell's files and a version derived from them.
//
// Install downloads the whole shell into `blytz-shell-<version>` (bypassing the HTTP
// cache) and fails if any file cannot be fetched, so an active worker always has the
// complete shell. /sw.js is served with the page's Content-Security-Policy (its
// default-src 'self' lets the worker fetch its own origin) and Cache-Control: no-cache, so
// a new build's worker is seen on the next navigation.
//
// What it serves: navigations get the cached index.html (the SPA routes every path to
// it; an app-shell worker, so it also opens offline), and the shell's own files come
// from the cache. Everything else goes to the network untouched — in particular /api/
// (live prices and bids must never come from a cache), /socket.io/ and /media/.
const SHELL = self.__PRECACHE__;
const VERSION = self.__VERSION__;
const CACHE = `blytz-shell-${VERSION}`;
const SHELL_SET = new Set(SHELL);

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // A retried install only fetches what an earlier attempt did not store.
    const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
    const gaps = SHELL.filter((u) => !have.has(u));
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
    || ['/healthz', '/readyz', '/metrics', '/sw.js'].includes(url.pathname);
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
