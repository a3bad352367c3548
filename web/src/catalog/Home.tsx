// Home: shows live now, upcoming shows, categories, and the newest listings.
import * as api from '../api/endpoints';
import { navigate } from '../router';
import { ProductCard, StreamCard } from '../components/cards';
import { ErrorBox, Loading, useLoad, useTitle } from '../components/ui';

export function Home() {
  useTitle(null);
  const live = useLoad(() => api.streams('live', { limit: 12 }).then((r) => r.streams), []);
  const soon = useLoad(() => api.streams('scheduled', { limit: 12 }).then((r) => r.streams), []);
  const cats = useLoad(() => api.categories(), []);
  const fresh = useLoad(() => api.searchProducts({ limit: 8, in_stock: true }), []);
  return (
    <div class="page home">
      <section class="hero">
        <h1>Live auctions, seconds to win</h1>
        <p>Watch Malaysian sellers go live, chat, and bid in MYR.</p>
        <form class="hero-search" role="search" action="/search" onSubmit={(e) => {
          e.preventDefault();
          const q = new FormData(e.currentTarget).get('q');
          navigate(`/search?q=${encodeURIComponent(String(q ?? ''))}`);
        }}>
          <label for="home-q" class="visually-hidden">Search products</label>
          <input id="home-q" name="q" type="search" placeholder="Search cameras, batik, cards…" />
          <button type="submit">Search</button>
        </form>
      </section>

      <section aria-labelledby="live-h">
        <h2 id="live-h">Live now</h2>
        {live.loading ? <Loading /> : <ErrorBox error={live.error} />}
        {live.data && (live.data.length ? <ul class="grid">{live.data.map((s) => <StreamCard key={s.id} s={s} />)}</ul> : <p class="empty">No shows are live right now. See what’s coming up below.</p>)}
      </section>

      <section aria-labelledby="soon-h">
        <h2 id="soon-h">Upcoming shows</h2>
        {soon.loading ? <Loading /> : <ErrorBox error={soon.error} />}
        {soon.data && (soon.data.length ? <ul class="grid">{soon.data.map((s) => <StreamCard key={s.id} s={s} />)}</ul> : <p class="empty">No shows scheduled yet.</p>)}
      </section>

      <section aria-labelledby="cat-h">
        <h2 id="cat-h">Categories</h2>
        <ErrorBox error={cats.error} />
        {cats.data && (
          <ul class="chips">
            {cats.data.categories.filter((c) => !c.parent_id).map((c) => (
              <li key={c.id}><a class="chip" href={`/search?category=${encodeURIComponent(c.slug)}`}>{c.name}</a></li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="new-h">
        <h2 id="new-h">New listings</h2>
        <ErrorBox error={fresh.error} />
        {fresh.data && <ul class="grid">{fresh.data.products.map((p) => <ProductCard key={p.id} p={p} />)}</ul>}
      </section>
    </div>
  );
}
