// The seller's payouts (/studio/payouts): connect a payout account through Stripe's onboarding
// (the server makes the link through its outbox: poll until it is ready, then go there; Stripe
// sends the seller back here), the account's state, what is pending, available and paid out
// (they add up to what the seller earned), and the transfers and payouts behind them.
import * as api from '../api/endpoints';
import type { PayoutAccount, PayoutSums, Transfer } from '../api/types';
import { money, when } from '../lib/format';
import { useLocation } from '../router';
import { ErrorBox, Loading, useLoad } from '../components/ui';
import { useAction } from '../components/useAction';
import { pollUntil } from '../payments/poll';

const transferLabel: Record<Transfer['status'], string> = {
  waiting: 'Waiting',
  pending: 'Sending',
  sent: 'Sent',
  void: 'Nothing to send',
};

/** Where the browser goes: a seam for tests. */
export const go = { to: (url: string) => window.location.assign(url) };

function AccountState({ a }: { a: PayoutAccount | null }) {
  if (!a || !a.connected) return <p>No payout account yet. Connect one to be paid for your sales.</p>;
  if (a.payouts_enabled) return <p><span class="badge">Payouts enabled</span> Your sales are paid to your bank account.</p>;
  return (
    <div>
      <p><span class="badge muted">Payouts not enabled</span> Stripe needs more details before it can pay you.</p>
      {a.requirements_due.length > 0 && (
        <p class="muted small">Still needed: {a.requirements_due.map((r) => r.replace(/[._]/g, ' ')).join(', ')}</p>
      )}
    </div>
  );
}

function Sums({ s }: { s: PayoutSums }) {
  return (
    <dl class="sums payout-sums">
      <dt>Pending</dt><dd data-sum="pending">{money(s.pending)}</dd>
      <dt>Available</dt><dd data-sum="available">{money(s.available)}</dd>
      <dt>Paid out</dt><dd data-sum="paid_out">{money(s.paid_out)}</dd>
      <dt class="total">Earned</dt><dd class="total" data-sum="earned">{money(s.earned)}</dd>
    </dl>
  );
}

export function Payouts() {
  const { query } = useLocation();
  const { data, error, loading } = useLoad(() => api.payouts(), []);
  const act = useAction();
  const connect = () =>
    act.run(async () => {
      const r = await api.startPayoutOnboarding();
      const o = await pollUntil(() => api.getPayoutOnboarding(r.onboarding.id).then((x) => x.onboarding), (x) => x.status !== 'creating');
      if (o.status !== 'ready' || !o.url) throw new Error(o.failure ?? 'Stripe could not open the onboarding. Try again.');
      go.to(o.url);
      return 'Opening Stripe…';
    });
  const a = data?.account ?? null;
  return (
    <div class="page studio payouts">
      <p><a href="/studio">← Seller studio</a></p>
      <h1>Payouts</h1>
      {query.get('onboarding') === 'done' && <p role="status" class="ok">Thank you. Stripe is checking your details; this page shows when payouts are enabled.</p>}
      {loading && !data && <Loading />}
      <ErrorBox error={error} />
      {data && (
        <>
          <section aria-labelledby="acct-h">
            <h2 id="acct-h">Payout account</h2>
            <AccountState a={a} />
            {!a?.payouts_enabled && (
              <button type="button" class="primary" disabled={act.busy} onClick={connect}>
                {a?.connected ? 'Continue with Stripe' : 'Connect a payout account'}
              </button>
            )}
            <p role="status" class="ok">{act.ok}</p>
            <ErrorBox error={act.err} />
          </section>
          <section aria-labelledby="sums-h">
            <h2 id="sums-h">Your money</h2>
            <p class="muted small">Pending: sales paid for and not yet completed (the buyer has a few days after delivery to report a problem). Available: sent to your Stripe account, not yet paid to your bank. Blytz’s commission is already taken off.</p>
            <Sums s={data.sums} />
          </section>
          <section aria-labelledby="tr-h">
            <h2 id="tr-h">Transfers</h2>
            {data.transfers.length === 0 ? <p class="empty">No transfers yet.</p> : (
              <ul class="list transfers">
                {data.transfers.map((t) => (
                  <li key={t.order_id}>
                    <a href={`/orders/${t.order_id}`}>Order {t.order_id}</a> <span class="badge muted">{transferLabel[t.status]}</span>
                    <span class="muted"> · {money(t.amount)}{t.reversed > 0 ? `, ${money(t.reversed)} taken back for refunds` : ''} · {when(t.updated_at)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="po-h">
            <h2 id="po-h">Payouts to your bank</h2>
            {data.payouts.length === 0 ? <p class="empty">No payouts yet.</p> : (
              <ul class="list payouts-list">
                {data.payouts.map((p) => (
                  <li key={p.id}>{money(p.amount)} <span class="muted">· {when(p.paid_at)}</span></li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
