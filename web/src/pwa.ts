// Makes Blytz installable and usable offline: registers the service worker, which
// precaches the app shell itself when it installs (sw/sw.js).
export async function installApp(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  await navigator.serviceWorker.register('/sw.js', { scope: '/' });
}
