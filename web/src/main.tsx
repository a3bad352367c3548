import { render } from 'preact';
import { App } from './app';
import './styles.css';
import { installApp } from './pwa';

render(<App />, document.getElementById('app')!);

// The app shell is cached so Blytz opens offline and installs as an app; /api/ and
// /socket.io/ never are (see sw/sw.js). After load, so it never delays the first paint.
if (import.meta.env.PROD) {
  window.addEventListener('load', () => {
    installApp().catch((e) => console.warn('offline support unavailable:', e));
  });
}
