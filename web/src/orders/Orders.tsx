// Orders: what I won (buyer) and what I sold (seller). Each order carries its lot's title
// and photo, so the list is one request.
import { useEffect } from 'preact/hooks';
import * as api from '../api/endpoints';
import type { Order, VideoReceipt } from '../api/types';
import { money, orderStatusLabel, when } from '../lib/format';
import { navigate, useLocation } from '../router';
import { useSession } from '../state/session';
import { ErrorBox, Img, Loading, useLoad, useTitle } from '../components/ui';

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
    return (await api.orders(role)).orders;
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
          {data.map((o) => <OrderRow key={o.id} o={o} />)}
        </ul>
      ))}
    </div>
  );
}

/** The video receipt: the show's replay at the moment the lot sold (for buyer and seller). */
function Receipt({ r }: { r: VideoReceipt | null }) {
  if (!r) return null;
  if (!r.ready) return <p class="muted receipt">Video receipt: the show’s replay is being prepared.</p>;
  return (
    <p class="receipt">
      <a href={`/s/${r.stream_id}?t=${Math.floor(r.at_ms / 1000)}#replay`}>Watch the moment it sold</a>
    </p>
  );
}

function OrderRow({ o }: { o: Order }) {
  const title = o.product?.title ?? 'A product no longer listed';
  return (
    <li class="order" data-order-id={o.id}>
      <Img urls={o.product?.image?.urls} alt="" size="small" class="order-img" />
      <div>
        <p class="order-title"><a href={`/p/${o.product_id}`}>{title}</a></p>
        <p><strong>{money(o.amount)}</strong> · <span class={`status ${o.status}`}>{orderStatusLabel[o.status] ?? o.status}</span></p>
        <p class="muted">{o.auction_id ? 'Won at auction' : 'Bought'} · {when(o.created_at)}</p>
        <Receipt r={o.receipt ?? null} />
      </div>
    </li>
  );
}
