// Makes Blytz installable and usable offline: fills the app-shell cache from the page,
// then registers the service worker (sw/sw.js says why the page does the filling).
interface Precache {
  version: string;
  urls: string[];
}

export async function installApp(): Promise<void> {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return;
  const res = await fetch('/precache.json', { cache: 'no-cache' });
  if (!res.ok) throw new Error(`precache.json: ${res.status}`);
  const { version, urls } = (await res.json()) as Precache;
  const cache = await caches.open(`blytz-shell-${version}`);
  const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  const gaps = urls.filter((u) => !have.has(u));
  if (gaps.length) await cache.addAll(gaps.map((u) => new Request(u, { cache: 'reload' })));
  await navigator.serviceWorker.register('/sw.js', { scope: '/' });
}
