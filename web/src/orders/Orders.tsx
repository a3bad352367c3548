// Orders: what I won (buyer) and what I sold (seller). Each order carries its lot's title
// and photo and the people on it, so the list is one request. An unpaid win says how long is
// left to pay and has a Pay button; a sale says who bought it and where it ships.
import * as api from '../api/endpoints';
import type { Order, VideoReceipt } from '../api/types';
import { money, orderStatusLabel, when } from '../lib/format';
import { useLocation } from '../router';
import { ErrorBox, Img, Loading, useLoad, useNow, useSignedIn, useTitle } from '../components/ui';
import { deadline } from './payState';
import { addressLine } from '../components/AddressFields';

export function Orders() {
  useTitle('Orders');
  const s = useSignedIn();
  const { query } = useLocation();
  const role = query.get('role') === 'seller' ? 'seller' : 'buyer';
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
          {data.map((o) => <OrderRow key={o.id} o={o} seller={role === 'seller'} />)}
        </ul>
      ))}
    </div>
  );
}

/** The video receipt: the show's replay at the moment the lot sold (for buyer and seller). */
export function Receipt({ r }: { r: VideoReceipt | null }) {
  if (!r) return null;
  if (!r.ready) return <p class="muted receipt">Video receipt: the show’s replay is being prepared.</p>;
  return (
    <p class="receipt">
      <a href={`/s/${r.stream_id}?t=${Math.floor(r.at_ms / 1000)}#replay`}>Watch the moment it sold</a>
    </p>
  );
}

/** "Awaiting payment · pay within 23:41", the status otherwise. */
export function StatusLine({ o, seller }: { o: Order; seller?: boolean }) {
  const now = useNow(15_000);
  const d = deadline(o, now, seller);
  return (
    <>
      <span class={`status ${o.status}`}>{orderStatusLabel[o.status] ?? o.status}</span>
      {d && <> · <span class={d.urgent ? 'deadline urgent' : 'deadline'}>{d.text}</span></>}
    </>
  );
}

/** The Pay button of an unpaid win (the buyer's only). */
export function PayButton({ o }: { o: Order }) {
  const now = useNow(15_000);
  const d = deadline(o, now);
  if (!d || d.passed) return null;
  return (
    <a class="button-like primary pay-button" href={`/checkout/${o.id}`}>
      {o.payment_failed ? 'Fix payment' : 'Pay'}
    </a>
  );
}

function OrderRow({ o, seller }: { o: Order; seller: boolean }) {
  const title = o.product?.title ?? 'A product no longer listed';
  const paidTotal = o.paid > 0 && o.paid !== o.amount;
  return (
    <li class="order" data-order-id={o.id}>
      <Img urls={o.product?.image?.urls} alt="" size="small" class="order-img" />
      <div class="order-body">
        <p class="order-title"><a href={`/orders/${o.id}`}>{title}</a></p>
        <p class="order-state"><strong>{money(o.amount)}</strong> · <StatusLine o={o} seller={seller} /></p>
        {paidTotal && <p class="muted">Paid {money(o.paid)} with shipping{o.tax ? ' and tax' : ''}</p>}
        {o.refunded > 0 && <p class="refunded">Refunded {money(o.refunded)}</p>}
        {seller ? (
          <p class="order-people">Buyer: <strong>{o.people.buyer.username}</strong>{o.people.ship_to ? <> · ships to {addressLine(o.people.ship_to)}</> : o.status === 'awaiting_payment' ? ' · address given at payment' : null}</p>
        ) : (
          <p class="muted">{o.auction_id ? 'Won at auction' : 'Bought'} from {o.people.seller.shop_name} · {when(o.created_at)}</p>
        )}
        <Receipt r={o.receipt ?? null} />
      </div>
      {!seller && <PayButton o={o} />}
    </li>
  );
}
