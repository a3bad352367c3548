import { defineConfig, type Plugin } from 'vite';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

// The service worker source is sw/sw.js; this plugin emits it as dist/sw.js with the list of
// files it precaches, and a version derived from them, into the copy in dist/ once the
// hashed asset names are known. Lazy chunks (the seller studio) are precached too, so
// the whole app shell opens offline.
function precacheManifest(): Plugin {
  return {
    name: 'blytz-precache',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        // LiveKit's client (video/livekit.ts) is loaded only by a server that uses LiveKit:
        // not precached for everyone.
        .filter((f) => /\.(js|css)$/.test(f) && !/^assets\/livekit[-.]/.test(f))
        .sort()
        .map((f) => `/${f}`);
      const shell = ['/', '/index.html', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png', ...files];
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(new URL('./sw/sw.js', import.meta.url), 'utf8')
        .replace('self.__PRECACHE__', JSON.stringify(shell))
        .replace('self.__VERSION__', JSON.stringify(version));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [precacheManifest()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    // The one chunk past 500 kB is LiveKit's client (video/livekit.ts), loaded only for a
    // server that uses LiveKit; size.mjs keeps the first load in its budget.
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev` against a local blytz (make run) on :8080.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/media': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
