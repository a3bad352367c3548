// One order (/orders/:id), for its buyer or its seller: the lot, its state and what is left to
// do (pay, before when), the amounts (item, shipping, tax, total, refunded), where it ships,
// who sold and who bought it, its receipt (and, for the seller, the commission invoice) as
// PDF, and its timeline.
import * as api from '../api/endpoints';
import type { Order, Reply } from '../api/types';
import { methodLabel, money, when } from '../lib/format';
import { AddressLabel } from '../components/AddressFields';
import { ErrorBox, Img, Loading, useLoad, useSignedIn, useTitle } from '../components/ui';
import { useAction } from '../components/useAction';
import { PayButton, Receipt, StatusLine } from './Orders';
import { failureReason } from './payState';
import { refundReason, Refunds } from './Refunds';

type Detail = Reply<'/orders/{id}', 'get'>['order'];
type Step = Detail['timeline'][number];
type Doc = Detail['documents'][number];

const docLabel: Record<Doc['kind'], string> = { receipt: 'Receipt', commission_invoice: 'Commission invoice' };

/** Open a document; a link about to expire (the page was left open) is fetched afresh first. */
async function openDoc(e: Event, orderId: string, d: Doc) {
  if (!d.expires_at || Date.parse(d.expires_at) - Date.now() > 30e3) return;
  e.preventDefault();
  const fresh = (await api.getOrder(orderId)).order.documents.find((x) => x.id === d.id);
  if (fresh?.url) location.assign(fresh.url);
}

function Documents({ o }: { o: Detail }) {
  if (!o.documents.length) return null;
  return (
    <ul class="documents">
      {o.documents.map((d) => (
        <li key={d.id}>
          {d.url
            ? <a href={d.url} onClick={(e) => void openDoc(e, o.id, d)}>{docLabel[d.kind]} {d.number} (PDF)</a>
            : <span class="muted">{docLabel[d.kind]} {d.number}: being prepared…</span>}
        </li>
      ))}
    </ul>
  );
}

const reasonText = (r: string) => refundReason[r as keyof typeof refundReason] ?? r;

function stepText(s: Step): string {
  switch (s.kind) {
    case 'payment_started': return `Payment started: ${money(s.amount)}${s.detail ? ` (${s.detail})` : ''}`;
    case 'payment_failed': return `Payment failed: ${failureReason(s.detail)}`;
    case 'paid': return `Paid ${money(s.amount)}${s.detail ? ` by ${methodLabel[s.detail] ?? s.detail}` : ''}`;
    case 'cancelled': return `Cancelled${s.detail ? `: ${s.detail}` : ''}`;
    case 'refunded': return `Refunded ${money(s.amount)}${s.detail ? `: ${reasonText(s.detail)}` : ''}`;
    case 'refund_failed': return `A refund of ${money(s.amount)} failed at the bank`;
    case 'restock_lost': return 'The lot went back on sale when it was refunded and has sold again: the seller will settle it with the buyer';
    case 'disputed': return `Disputed by the buyer’s bank (${money(s.amount)})`;
    case 'dispute_won': return 'Dispute closed in the seller’s favour';
    case 'dispute_lost': return `Dispute lost: ${money(s.amount)} went back to the buyer`;
    case 'delivered': return 'Received by the buyer';
    case 'completed': return 'Completed: the buyer-protection window passed';
    default: return s.kind;
  }
}

export function Amounts({ o }: { o: Order }) {
  const paid = o.paid > 0;
  return (
    <dl class="sums">
      <dt>Item</dt><dd>{money(o.amount)}</dd>
      {paid && <><dt>Shipping</dt><dd>{money(o.shipping)}</dd></>}
      {paid && o.tax > 0 && <><dt>Tax</dt><dd>{money(o.tax)}</dd></>}
      {paid ? <><dt class="total">Total paid</dt><dd class="total">{money(o.paid)}</dd></>
        : <><dt>Shipping</dt><dd class="muted">added at checkout</dd></>}
      {o.refunded > 0 && <><dt>Refunded</dt><dd>{money(o.refunded)}</dd></>}
    </dl>
  );
}

export function OrderDetail({ params }: { params: Record<string, string> }) {
  const s = useSignedIn();
  return s ? <OrderPage id={params.id} me={s.user.id} /> : null;
}

function OrderPage({ id, me }: { id: string; me: string }) {
  const { data, error, loading, reload } = useLoad(() => api.getOrder(id).then((r) => r.order), [id]);
  const title = data?.product?.title ?? (data ? 'A product no longer listed' : 'Order');
  useTitle(title);
  if (loading && !data) return <Loading />;
  if (!data) return <div class="page"><h1>Order</h1><ErrorBox error={error} /></div>;
  const o = data;
  const seller = me === o.seller_id;
  return (
    <div class="page order-detail">
      <p><a href={seller ? '/orders?role=seller' : '/orders'}>← {seller ? 'My sales' : 'My purchases'}</a></p>
      <div class="order-head">
        <Img urls={o.product?.image?.urls} alt="" size="small" class="order-img" />
        <div>
          <h1>{title}</h1>
          <p class="order-state"><StatusLine o={o} seller={seller} /></p>
          {!seller && <PayButton o={o} />}
          {o.status === 'disputed' && (
            <p class="notice">{seller ? 'The buyer’s bank disputes this payment: the payout is held until the bank decides.' : 'Your bank is looking into this payment.'}</p>
          )}
          {!seller && (o.status === 'paid' || o.status === 'shipped') && <ReceivedButton id={o.id} done={reload} />}
        </div>
      </div>
      <div class="order-panels">
        <section aria-labelledby="sum-h">
          <h2 id="sum-h">Amounts</h2>
          <Amounts o={o} />
          {o.product && <p><a href={`/p/${o.product.id}`}>See the product</a></p>}
          <Receipt r={o.receipt ?? null} />
          <Documents o={o} />
        </section>
        <section aria-labelledby="ship-h">
          <h2 id="ship-h">Delivery</h2>
          {o.people.ship_to ? <AddressLabel a={o.people.ship_to} />
            : <p class="muted">{o.status === 'awaiting_payment' ? 'The address is chosen at checkout.' : 'No delivery address.'}</p>}
          <dl class="facts">
            <dt>Seller</dt><dd><a href={`/sellers/${o.people.seller.id}`}>{o.people.seller.shop_name}</a></dd>
            <dt>Buyer</dt><dd>{o.people.buyer.username}</dd>
            <dt>Order</dt><dd>{o.id}</dd>
          </dl>
        </section>
      </div>
      <Refunds o={o} seller={seller} changed={reload} />
      <section aria-labelledby="tl-h">
        <h2 id="tl-h">Timeline</h2>
        <ol class="timeline">
          <li><time dateTime={o.created_at}>{when(o.created_at)}</time> {o.auction_id ? 'Won at auction' : 'Bought'} for {money(o.amount)}</li>
          {o.timeline.map((t, i) => <li key={i}><time dateTime={t.at}>{when(t.at)}</time> {stepText(t)}</li>)}
        </ol>
      </section>
    </div>
  );
}

/** The buyer says the parcel arrived: the buyer-protection window starts, then the seller is paid. */
function ReceivedButton({ id, done }: { id: string; done: () => void }) {
  const act = useAction();
  const received = () =>
    act.run(async () => {
      await api.orderReceived(id);
      done();
      return 'Thank you. The seller is paid once the buyer-protection window is over.';
    });
  return (
    <div class="received">
      <button type="button" class="primary" disabled={act.busy} onClick={() => confirm('Has the parcel arrived in good order?') && received()}>
        I have received it
      </button>
      <p role="status" class="ok">{act.ok}</p>
      <ErrorBox error={act.err} />
    </div>
  );
}
