// Checkout (/checkout/:orderId): paying for a win, with the buyer's other unpaid wins from the
// same seller in the same show (one parcel, one shipping fee). The buyer picks where it ships
// (the address book, the default first, or a new address added here) and how to pay (card,
// FPX or GrabPay); the server quotes items, shipping, tax and total and the time left to pay.
// Pay starts a payment (POST .../checkout), waits until the provider has opened it, and shows
// Stripe's Payment Element for it. A card is confirmed in place; FPX and GrabPay leave for
// the bank and come back to /checkout/:orderId?payment=<id>, where the page asks the server to
// read the payment again and waits for its word. The browser never decides that an order is
// paid: the page shows what the server says.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { ApiError, errorText } from '../api/errors';
import type { Checkout as Quote, DeliveryAddress, Payment, PaymentMethod } from '../api/types';
import { hoursMinutes, methodLabel, money } from '../lib/format';
import { navigate, useLocation } from '../router';
import { AddressEditor } from '../account/Addresses';
import { AddressLabel } from '../components/AddressFields';
import { ErrorBox, Loading, useLoad, useNow, useSignedIn, useTitle } from '../components/ui';
import { failureReason } from '../orders/payState';
import { PaymentForm } from './PaymentForm';
import { PollTimeout } from './poll';
import { paymentsConfig } from './stripe';
import { paymentDone, paymentOpened } from './waits';

const methodHint: Record<PaymentMethod, string> = {
  card: 'Visa, Mastercard and other cards',
  fpx: 'Online banking: choose your bank next',
  grabpay: 'Pay from your GrabPay wallet',
};

type Phase =
  | { at: 'choose'; note?: string }
  | { at: 'starting' }
  | { at: 'confirm'; payment: Payment }
  | { at: 'checking'; paymentId: string }
  | { at: 'paid'; payment: Payment };

export default function Checkout({ params }: { params: Record<string, string> }) {
  useTitle('Checkout');
  return useSignedIn() ? <CheckoutPage orderId={params.orderId} /> : null;
}

function CheckoutPage({ orderId }: { orderId: string }) {
  const { query } = useLocation();
  const back = query.get('payment');
  const [phase, setPhase] = useState<Phase>(() =>
    back && query.get('redirect_status') !== 'failed' ? { at: 'checking', paymentId: back }
      : { at: 'choose', note: back ? 'The payment was not completed at your bank. Nothing was charged: try again.' : undefined });
  const [err, setErr] = useState<unknown>(null);

  // Back from the bank: the server reads the payment again (also after a failure, so that the
  // order shows it), then the page waits for its word.
  useEffect(() => {
    if (back) api.syncPayment(back).catch(() => undefined);
  }, [back]);
  useEffect(() => {
    if (phase.at !== 'checking') return;
    let live = true;
    const ctl = new AbortController();
    paymentDone(phase.paymentId, { signal: ctl.signal }).then(
      (p) => {
        if (!live) return;
        if (p.status === 'succeeded') setPhase({ at: 'paid', payment: p });
        else setPhase({ at: 'choose', note: `The payment did not go through: ${failureReason(p.failure?.decline_code ?? p.failure?.code)}. Nothing was charged: try again.` });
      },
      (e) => {
        if (!live) return;
        setErr(e instanceof PollTimeout ? e.message : e);
        setPhase({ at: 'choose' });
      },
    );
    return () => {
      live = false;
      ctl.abort();
    };
  }, [phase.at === 'checking' ? phase.paymentId : null]);

  if (phase.at === 'paid') return <Paid orderId={orderId} payment={phase.payment} />;
  if (phase.at === 'checking') {
    return (
      <div class="page checkout narrow">
        <h1>Checkout</h1>
        <Loading label="Checking your payment with the bank…" />
      </div>
    );
  }
  return (
    <div class="page checkout narrow">
      <h1>Checkout</h1>
      {phase.at === 'choose' && phase.note && <p class="error-box" role="alert">{phase.note}</p>}
      <ErrorBox error={err ? errorText(err, 'pay') : null} />
      <Choose orderId={orderId} phase={phase} setPhase={setPhase} setErr={setErr} />
    </div>
  );
}

function Paid({ orderId, payment }: { orderId: string; payment: Payment }) {
  useTitle('Paid');
  return (
    <div class="page checkout narrow">
      <h1>Paid — thank you!</h1>
      <p class="ok" role="status">
        We received {money(payment.sums.total)}{payment.method_used ? ` by ${methodLabel[payment.method_used] ?? payment.method_used}` : ''}. The seller ships {payment.order_ids.length > 1 ? `your ${payment.order_ids.length} items together` : 'your item'} next.
      </p>
      {payment.ship_to && <><h2>Shipping to</h2><AddressLabel a={payment.ship_to} /></>}
      <p class="actions">
        <a class="button-like primary" href={`/orders/${orderId}`}>See the order</a>
        <a class="button-like" href="/orders">All orders</a>
      </p>
    </div>
  );
}

interface ChooseProps {
  orderId: string;
  phase: Phase;
  setPhase: (p: Phase) => void;
  setErr: (e: unknown) => void;
}

/** The address, the sums, the method and the Pay button; then the Payment Element. */
function Choose({ orderId, phase, setPhase, setErr }: ChooseProps) {
  const book = useLoad(() => api.addresses().then((r) => r.addresses), []);
  const config = useLoad(() => paymentsConfig(), []);
  const titles = useLoad(() => api.orders('buyer').then((r) => new Map(r.orders.map((o) => [o.id, o.product?.title ?? 'A lot']))), []);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [method, setMethod] = useState<PaymentMethod>('card');
  const list = book.data ?? [];
  const chosen = addressId ?? list.find((a) => a.is_default)?.id ?? list[0]?.id ?? null;
  const quote = useLoad(async () => (list.length ? (await api.checkoutQuote(orderId, chosen ?? undefined)).checkout : null), [orderId, chosen, list.length]);

  if ((book.loading && !book.data) || config.loading) return <Loading />;
  if (book.error) return <ErrorBox error={book.error} />;
  if (config.data === null && !config.error) {
    return (
      <>
        <p class="error-box" role="alert">Paying online is not available on this server, so this order cannot be paid here yet.</p>
        <p><a href={`/orders/${encodeURIComponent(orderId)}`}>See the order</a></p>
      </>
    );
  }
  const added = (a: DeliveryAddress) => {
    setAdding(false);
    setAddressId(a.id);
    book.reload();
  };
  if (!list.length || adding) {
    return (
      <section aria-labelledby="addr-h">
        <h2 id="addr-h">{list.length ? 'New delivery address' : 'Where should it be delivered?'}</h2>
        <AddressEditor done={added} cancel={() => (list.length ? setAdding(false) : navigate('/orders'))} />
      </section>
    );
  }
  const q = quote.data;
  const methods = (config.data?.methods ?? []).filter((m): m is PaymentMethod => m in methodHint);
  const confirming = phase.at === 'confirm' ? phase.payment : null;

  const pay = async () => {
    setErr(null);
    setPhase({ at: 'starting' });
    try {
      const r = await api.startCheckout(orderId, { address_id: chosen ?? undefined, methods: [method] });
      const p = await paymentOpened(r.payment.id);
      if (p.status === 'open' && p.client_secret) setPhase({ at: 'confirm', payment: p });
      else if (p.status === 'succeeded') setPhase({ at: 'paid', payment: p });
      else {
        setErr(p.failure ? new ApiError(0, p.failure.code, `The payment did not go through: ${failureReason(p.failure.decline_code ?? p.failure.code)}.`) : 'The payment could not be started. Try again.');
        setPhase({ at: 'choose' });
      }
    } catch (e) {
      setErr(e instanceof PollTimeout ? e.message : e);
      setPhase({ at: 'choose' });
    }
  };

  return (
    <>
      {quote.error ? (
        <>
          <ErrorBox error={errorText(quote.error, 'pay')} />
          <p><a href={`/orders/${encodeURIComponent(orderId)}`}>See the order</a></p>
        </>
      ) : null}
      {q && <Deadline payBy={q.pay_by} />}
      <section aria-labelledby="addr-h">
        <h2 id="addr-h">Deliver to</h2>
        {q?.address_fixed && q.ship_to ? (
          <>
            <AddressLabel a={q.ship_to} />
            <p class="muted small">Your earlier payment for this parcel chose this address.</p>
          </>
        ) : (
          <fieldset class="choices" disabled={!!confirming || phase.at === 'starting'}>
            <legend class="visually-hidden">Delivery address</legend>
            {list.map((a) => (
              <label key={a.id} class="choice">
                <input type="radio" name="address" value={a.id} checked={a.id === chosen} onChange={() => setAddressId(a.id)} />
                <AddressLabel a={a} />
              </label>
            ))}
            {list.length < 10 && <button type="button" class="link" onClick={() => setAdding(true)}>Add a new address</button>}
          </fieldset>
        )}
      </section>
      <section aria-labelledby="sum-h">
        <h2 id="sum-h">Your order</h2>
        {quote.loading && !q && <Loading label="Working out shipping…" />}
        {q && <Sums q={q} titles={titles.data} />}
      </section>
      <ErrorBox error={config.error} />
      {q && config.data && (confirming ? (
        <section aria-labelledby="pay-h">
          <h2 id="pay-h">Pay {money(q.sums.total)} by {methodLabel[method]}</h2>
          <PaymentForm
            clientSecret={confirming.client_secret ?? ''}
            kind="payment"
            returnUrl={`${location.origin}/checkout/${encodeURIComponent(orderId)}?payment=${encodeURIComponent(confirming.id)}`}
            submitLabel={`Pay ${money(q.sums.total)}`}
            context="pay"
            onConfirmed={() => {
              api.syncPayment(confirming.id).catch(() => undefined);
              setPhase({ at: 'checking', paymentId: confirming.id });
            }}
          />
          <button type="button" class="link" onClick={() => setPhase({ at: 'choose' })}>Pay another way</button>
        </section>
      ) : (
        <section aria-labelledby="how-h">
          <h2 id="how-h">Pay with</h2>
          <fieldset class="choices" disabled={phase.at === 'starting'}>
            <legend class="visually-hidden">Payment method</legend>
            {methods.map((m) => (
              <label key={m} class="choice">
                <input type="radio" name="method" value={m} checked={m === method} onChange={() => setMethod(m)} />
                <span><strong>{methodLabel[m]}</strong><br /><span class="muted small">{methodHint[m]}</span></span>
              </label>
            ))}
          </fieldset>
          <button type="button" class="primary pay-now" disabled={phase.at === 'starting' || !methods.includes(method)} onClick={pay}>
            {phase.at === 'starting' ? 'Preparing the payment…' : `Pay ${money(q.sums.total)}`}
          </button>
        </section>
      ))}
    </>
  );
}

/** "Pay within 23:41", on the server's clock. */
function Deadline({ payBy }: { payBy: string }) {
  const now = useNow(5_000);
  const left = Date.parse(payBy) - now;
  if (left <= 0) return <p class="deadline urgent" role="alert">The time to pay has passed.</p>;
  return <p class={left < 3600_000 ? 'deadline urgent' : 'deadline'}>Pay within <strong role="timer">{hoursMinutes(left)}</strong> (hours:minutes)</p>;
}

const zone = (z: string) => (z === 'E' ? 'East Malaysia' : 'West Malaysia');
const kg = (g: number) => `${(Math.ceil(g / 100) / 10).toFixed(1)} kg`;

function Sums({ q, titles }: { q: Quote; titles: Map<string, string> | null }) {
  const sh = q.shipping;
  return (
    <>
      <ul class="checkout-items">
        {q.orders.map((o) => <li key={o.order_id}><span>{titles?.get(o.order_id) ?? 'A lot'}</span><span>{money(o.amount)}</span></li>)}
      </ul>
      <dl class="sums">
        <dt>Items</dt><dd>{money(q.sums.items)}</dd>
        <dt>Shipping <span class="muted small">({zone(sh.from_zone)} to {zone(sh.to_zone)}, {kg(sh.chargeable_g)})</span></dt><dd>{money(q.sums.shipping)}</dd>
        {q.sums.tax > 0 && <><dt>Tax</dt><dd>{money(q.sums.tax)}</dd></>}
        <dt class="total">Total</dt><dd class="total">{money(q.sums.total)}</dd>
      </dl>
      {q.orders.length > 1 && <p class="muted small">{q.orders.length} wins from this seller in this show ship together: one shipping fee.</p>}
      {sh.paid_before > 0 && <p class="muted small">You paid {money(sh.paid_before)} of this parcel’s shipping with an earlier payment: only the rest is charged.</p>}
    </>
  );
}
