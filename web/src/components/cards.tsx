// Cards for products and shows, used by home, search, seller and studio pages.
import type { Product, Stream } from '../api/types';
import { conditionLabel, money, when } from '../lib/format';
import { Img, LiveBadge } from './ui';

export function ProductCard({ p }: { p: Product }) {
  return (
    <li class="card">
      <a href={`/p/${p.id}`} class="card-link">
        <Img urls={p.images?.[0]?.urls} alt="" size="small" class="card-img" />
        <span class="card-title">{p.title}</span>
      </a>
      <span class="card-meta">
        {p.buy_now_price ? money(p.buy_now_price) : 'Auction only'} · {conditionLabel[p.condition] ?? p.condition}
        {p.quantity <= 0 && <span class="badge muted"> Sold out</span>}
      </span>
    </li>
  );
}

export function StreamCard({ s }: { s: Stream }) {
  // List items carry `cover` (null until the seller sets one); a full show also has its lineup.
  const cover = s.cover?.urls ?? s.products?.[0]?.image?.urls;
  return (
    <li class="card stream-card">
      <a href={`/s/${s.id}`} class="card-link">
        <Img urls={cover} alt={s.cover ? 'Cover' : ''} size="small" class="card-img" />
        <span class="card-title">{s.title}</span>
      </a>
      <span class="card-meta">
        {s.status === 'live' ? <LiveBadge /> : <time dateTime={s.starts_at}>{when(s.starts_at)}</time>} · {s.seller.shop_name}
      </span>
    </li>
  );
}
