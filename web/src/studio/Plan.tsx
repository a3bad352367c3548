// The seller's plan (/studio/plan): the plans (a month's price and Blytz's commission on each
// sale), the plan in force and its state (renews on, ends on, a failed renewal to fix by), and
// choosing a paid plan: the server makes the subscription, Stripe's Payment Element pays its
// first invoice (the card becomes the one renewals are charged to), and the plan applies once
// Stripe says it is paid. Cancelling keeps a paid plan to the end of its month.
import { useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import type { Plan as PlanT, SellerPlan } from '../api/types';
import { money, when } from '../lib/format';
import { ErrorBox, Loading, useLoad, useTitle } from '../components/ui';
import { useAction } from '../components/useAction';
import { PaymentForm } from '../payments/PaymentForm';
import { pollUntil } from '../payments/poll';
import { paymentsConfig } from '../payments/stripe';

const percent = (bp: number) => `${bp / 100}%`;
const title = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const readPlan = () => api.myPlan().then((r) => r.plan);
const live = (p: SellerPlan) => ['creating', 'incomplete', 'active', 'past_due'].includes(p.status);

/** What the plan in force is and what happens next, in words. */
function State({ p }: { p: SellerPlan }) {
  const name = <strong>{title(p.name)}</strong>;
  if (p.status === 'past_due') {
    return (
      <p class="error-box" role="alert">
        Payment failed — fix it by {when(p.grace_ends_at)}. Your renewal could not be charged: Stripe tries your card again, so make sure it can pay. Until then your sales keep the {title(p.chosen ?? p.name)} rate; after that, the free plan's.
      </p>
    );
  }
  return (
    <p>
      You are on the {name} plan: Blytz takes {percent(p.commission_bp)} of each sale.{' '}
      {p.renews_at && <>It renews on {when(p.renews_at)}.</>}
      {p.status === 'active' && p.cancel_at_period_end && <>It ends on {when(p.ends_at)}; then you are on the free plan.</>}
      {(p.status === 'creating' || p.status === 'incomplete') && <>Your {title(p.chosen ?? '')} plan starts once it is paid.</>}
      {p.status === 'failed' && <>Your last subscription could not be made: try again.</>}
    </p>
  );
}

export function Plan() {
  useTitle('Your plan');
  const list = useLoad(() => api.plans(), []);
  const mine = useLoad(readPlan, []);
  const config = useLoad(() => paymentsConfig(), []);
  const [paying, setPaying] = useState<SellerPlan | null>(null);
  const act = useAction('plan');

  const settle = () =>
    act.run(async () => {
      setPaying(null);
      const p = await pollUntil(readPlan, (x) => x.status !== 'incomplete' && x.status !== 'creating');
      mine.reload();
      if (p.status !== 'active') throw new Error('The payment did not go through. Try again with another card.');
      return `You are on the ${title(p.name)} plan now: Blytz takes ${percent(p.commission_bp)} of each sale.`;
    });

  const choose = (plan: PlanT) =>
    act.run(async () => {
      await api.subscribePlan(plan.name);
      const p = await pollUntil(readPlan, (x) => x.status !== 'creating');
      mine.reload();
      if (p.status === 'incomplete' && p.client_secret) setPaying(p);
      else if (p.status !== 'active') throw new Error('Your subscription could not be made. Try again later.');
    });

  const cancel = () =>
    act.run(async () => {
      await api.cancelPlan();
      const p = await pollUntil(readPlan, (x) => x.cancel_at_period_end || !live(x));
      mine.reload();
      return p.status === 'active' ? `Cancelled: your plan ends on ${when(p.ends_at)}.` : 'Cancelled: you are on the free plan.';
    });

  if ((list.loading && !list.data) || (mine.loading && !mine.data)) return <div class="page studio narrow"><h1>Your plan</h1><Loading /></div>;
  const p = mine.data;
  const offline = config.data === null && !config.loading && !config.error;
  const secret = paying?.client_secret ?? (p?.status === 'incomplete' ? p.client_secret : null);
  return (
    <div class="page studio narrow">
      <h1>Your plan</h1>
      <p><a href="/studio">Back to the studio</a></p>
      <ErrorBox error={list.error ?? mine.error} />
      {p && <State p={p} />}
      {secret ? (
        <section aria-labelledby="pay-plan-h" class="card-setup">
          <h2 id="pay-plan-h">Pay for your {title(p?.chosen ?? '')} plan</h2>
          <PaymentForm clientSecret={secret} kind="payment" returnUrl={`${location.origin}/studio/plan`} submitLabel="Pay and subscribe" context="plan" onConfirmed={() => void settle()} />
        </section>
      ) : null}
      <section aria-labelledby="plans-h">
        <h2 id="plans-h">Plans</h2>
        <ul class="plans">
          {(list.data?.plans ?? []).map((x) => {
            const current = p?.name === x.name;
            return (
              <li key={x.name} class={current ? 'plan current' : 'plan'}>
                <h3>{title(x.name)}{current && <span class="badge">Current</span>}</h3>
                <p class="price">{x.free ? 'Free' : <>{money(x.monthly_price)} <span class="muted">per month</span></>}</p>
                <p>{percent(x.commission_bp)} commission on each sale</p>
                {!x.free && !current && !(p && live(p)) && (
                  <button type="button" class="primary" disabled={act.busy || offline} onClick={() => choose(x)}>
                    {act.busy ? 'Please wait…' : `Choose ${title(x.name)}`}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        {offline && <p class="muted">Paid plans cannot be bought on this server.</p>}
        {list.data && <p class="muted small">If a renewal cannot be charged, your plan's rate holds for {Math.round(list.data.grace_s / 86400)} days while you fix it.</p>}
      </section>
      {p && live(p) && !(p.status === 'active' && p.cancel_at_period_end) && (
        <p><button type="button" disabled={act.busy} onClick={() => confirm('Cancel your plan? A paid month runs to its end.') && cancel()}>Cancel my plan</button></p>
      )}
      <p role="status" class="ok">{act.ok}</p>
      <ErrorBox error={act.err} />
    </div>
  );
}
