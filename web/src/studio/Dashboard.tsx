// The studio's home: the seller's shows and products, who can bid, and what to do next.
import * as api from '../api/endpoints';
import type { Product, Stream } from '../api/types';
import { when } from '../lib/format';
import { useSession } from '../state/session';
import { ErrorBox, Img, Loading, useLoad } from '../components/ui';
import { CardRule } from './CardRule';

export function Dashboard() {
  const s = useSession()!;
  const { data, error, loading } = useLoad(async () => {
    const [products, live, soon] = await Promise.all([
      api.searchProducts({ seller: s.user.id, limit: 100 }),
      api.streams('live', { seller: s.user.id }),
      api.streams('scheduled', { seller: s.user.id }),
    ]);
    return { products: products.products, shows: [...live.streams, ...soon.streams] };
  }, [s.user.id]);
  return (
    <div class="page studio">
      <h1>Seller studio</h1>
      <p class="actions">
        <a class="button-like primary" href="/studio/products/new">List a product</a>
        <a class="button-like" href="/studio/shows/new">Schedule a show</a>
        <a class="button-like" href="/orders?role=seller">Sales</a>
        <a class="button-like" href="/studio/plan">Plan</a>
        <a class="button-like" href="/studio/payouts">Payouts</a>
      </p>
      {loading && <Loading />}
      <ErrorBox error={error} />
      {data && (
        <>
          <section aria-labelledby="my-shows-h">
            <h2 id="my-shows-h">Your shows</h2>
            {data.shows.length === 0 ? <p class="empty">No shows yet. Schedule one with a lineup of your products.</p> : (
              <ul class="list">
                {data.shows.map((x: Stream) => (
                  <li key={x.id}>
                    <a href={`/s/${x.id}`}>{x.title}</a> <span class={`badge ${x.status === 'live' ? 'live' : 'muted'}`}>{x.status === 'live' ? 'Live' : 'Scheduled'}</span>
                    <span class="muted"> · {when(x.starts_at)} · {x.product_ids.length} lots · </span>
                    <a href={`/s/${x.id}`}>Open control room</a>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="my-prod-h">
            <h2 id="my-prod-h">Your products</h2>
            {data.products.length === 0 ? <p class="empty">No products yet.</p> : (
              <ul class="list">
                {data.products.map((p: Product) => (
                  <li key={p.id} class="product-row">
                    <Img urls={p.images?.[0]?.urls} alt="" size="small" class="thumb-img" />
                    <a href={`/studio/products/${p.id}`}>{p.title}</a>
                    <span class="muted"> · {p.quantity} in stock · {p.images?.length ?? 0} photos</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <CardRule />
        </>
      )}
    </div>
  );
}
