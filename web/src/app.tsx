// The shell: header and navigation, the route table, focus management on navigation.
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { match, useLocation } from './router';
import { session, useSession, userChanged } from './state/session';
import { me } from './api/endpoints';
import { useStore } from './lib/store';
import { connState } from './realtime/socket';
import { Home } from './catalog/Home';
import { Search } from './catalog/Search';
import { ProductPage } from './catalog/Product';
import { SellerPage } from './catalog/SellerPage';
import { SignIn, SignUp } from './account/Auth';
import { Account } from './account/Account';
import { Orders } from './orders/Orders';
import { OrderDetail } from './orders/OrderDetail';
import { ShowRoom } from './show/ShowRoom';
import { NotFound } from './components/NotFound';
import { Loading } from './components/ui';

type Page = ComponentType<{ params: Record<string, string> }>;

/** A page in a chunk of its own, loaded when first shown. */
function lazyPage(load: () => Promise<{ default: Page }>): Page {
  let cached: Page | null = null;
  return function Lazy(props) {
    const [C, setC] = useState<Page | null>(() => cached);
    const [err, setErr] = useState<string | null>(null);
    useEffect(() => {
      if (!cached) load().then((m) => setC(() => (cached = m.default)), (e) => setErr(String(e)));
    }, []);
    if (err) return <p class="error-box" role="alert">Could not load this page. Check your connection and reload.</p>;
    return C ? <C {...props} /> : <Loading />;
  };
}

const Studio = lazyPage(() => import('./studio/Studio'));
/** Checkout too: only a buyer paying needs it (and it loads Stripe.js). */
const Checkout = lazyPage(() => import('./payments/Checkout'));

const routes: Array<[string, Page]> = [
  ['/', Home],
  ['/search', Search],
  ['/p/:id', ProductPage],
  ['/products/:id', ProductPage],
  ['/sellers/:id', SellerPage],
  ['/s/:id', ShowRoom],
  ['/shows/:id', ShowRoom],
  ['/signin', SignIn],
  ['/signup', SignUp],
  ['/account', Account],
  ['/orders', Orders],
  ['/orders/:id', OrderDetail],
  ['/checkout/:orderId', Checkout],
  ['/studio', Studio],
  ['/studio/:section', Studio],
  ['/studio/:section/:id', Studio],
];

function resolve(path: string): [Page, Record<string, string>] {
  for (const [pattern, page] of routes) {
    const params = match(pattern, path);
    if (params) return [page, params];
  }
  return [NotFound, {}];
}

function Header() {
  const s = useSession();
  const conn = useStore(connState);
  const { path } = useLocation();
  const cur = (p: string) => (path === p || (p !== '/' && path.startsWith(p)) ? 'page' : undefined);
  return (
    <header class="site-header">
      <a class="skip" href="#main">Skip to content</a>
      <a href="/" class="logo" aria-label="Blytz home">
        <span aria-hidden="true">⚡</span>Blytz
      </a>
      <nav aria-label="Main">
        <ul>
          <li><a href="/search" aria-current={cur('/search')}>Search</a></li>
          {s && <li><a href="/orders" aria-current={cur('/orders')}>Orders</a></li>}
          <li><a href="/studio" aria-current={cur('/studio')}>{s?.user.is_seller ? 'Studio' : 'Sell'}</a></li>
          <li>{s ? <a href="/account" aria-current={cur('/account')}>Account</a> : <a href="/signin" aria-current={cur('/signin')}>Sign in</a>}</li>
        </ul>
      </nav>
      {conn === 'offline' && <p class="conn-banner" role="status">Reconnecting…</p>}
    </header>
  );
}

export function App() {
  const loc = useLocation();
  useEffect(() => {
    // The stored user may be stale (e.g. became a seller on another device): re-read it.
    if (session.get()) me().then((r) => userChanged(r.user), () => undefined);
  }, []);
  const [Page, params] = resolve(loc.path);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // Move focus to the new page for keyboard and screen-reader users (not on first load).
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [loc.path]);
  return (
    <>
      <Header />
      <main id="main" ref={main} tabIndex={-1}>
        <Page key={loc.path} params={params} />
      </main>
      <footer class="site-footer">
        <p>Blytz · live auctions in Malaysia · prices in MYR</p>
      </footer>
    </>
  );
}
