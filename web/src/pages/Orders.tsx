// Orders: what I won (buyer) and what I sold (seller). Orders name their product by id,
// so titles and photos are looked up once per product.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import type { Order, Product } from '../api/types';
import { money, orderStatusLabel, when } from '../lib/format';
import { navigate, useLocation } from '../router';
import { useSession } from '../state/session';
import { ErrorBox, Img, Loading, useLoad, useTitle } from '../components/ui';

const products = new Map<string, Promise<Product | null>>();
const productOf = (id: string) => {
  if (!products.has(id)) products.set(id, api.getProduct(id).then((r) => r.product, () => null));
  return products.get(id)!;
};

export function Orders() {
  useTitle('Orders');
  const s = useSession();
  const { query } = useLocation();
  const role = query.get('role') === 'seller' ? 'seller' : 'buyer';
  useEffect(() => {
    if (!s) navigate('/signin?next=/orders', { replace: true });
  }, [s]);
  const { data, error, loading } = useLoad(async () => {
    if (!s) return [];
    const { orders } = await api.orders(role);
    return Promise.all(orders.map(async (o) => ({ o, p: await productOf(o.product_id) })));
  }, [role, s?.user.id]);
  if (!s) return null;
  return (
    <div class="page orders">
      <h1>Orders</h1>
      {s.user.is_seller && (
        <nav class="tabs" aria-label="Order views">
          <a href="/orders" aria-current={role === 'buyer' ? 'page' : undefined}>My purchases</a>
          <a href="/orders?role=seller" aria-current={role === 'seller' ? 'page' : undefined}>My sales</a>
        </nav>
      )}
      {loading && <Loading />}
      <ErrorBox error={error} />
      {data && (data.length === 0 ? (
        <p class="empty">{role === 'seller' ? 'No sales yet.' : 'No orders yet. Win an auction in a live show and it appears here.'}</p>
      ) : (
        <ul class="order-list" aria-label={role === 'seller' ? 'Sales' : 'Purchases'}>
          {data.map(({ o, p }) => <OrderRow key={o.id} o={o} p={p} />)}
        </ul>
      ))}
    </div>
  );
}

function OrderRow({ o, p }: { o: Order; p: Product | null }) {
  const [title] = useState(p?.title ?? `Product ${o.product_id}`);
  return (
    <li class="order" data-order-id={o.id}>
      <Img urls={p?.images?.[0]?.urls} alt="" size="small" class="order-img" />
      <div>
        <p class="order-title"><a href={`/p/${o.product_id}`}>{title}</a></p>
        <p><strong>{money(o.amount)}</strong> · <span class={`status ${o.status}`}>{orderStatusLabel[o.status] ?? o.status}</span></p>
        <p class="muted">{o.auction_id ? 'Won at auction' : 'Bought'} · {when(o.created_at)}</p>
      </div>
    </li>
  );
}
