// The buyer's saved cards: the list (the default first: it is charged when they win), add one
// (a SetupIntent: the server opens it, Stripe's Payment Element takes the card, the server
// reads the result from Stripe), make one the default, remove one. A bank that wants the card
// confirmed may send the buyer away and back to /account?setup=<id>.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { ApiError } from '../api/errors';
import type { CardSetup } from '../api/types';
import { cardExpiry, cardName } from '../lib/format';
import { useLocation } from '../router';
import { ErrorBox, Loading, useLoad } from '../components/ui';
import { useAction } from '../components/useAction';
import { PaymentForm } from '../payments/PaymentForm';
import { PollTimeout } from '../payments/poll';
import { paymentsConfig } from '../payments/stripe';
import { setupDone, setupOpened } from '../payments/waits';

export function Cards() {
  const { query } = useLocation();
  const back = query.get('setup');
  const { data, error, loading, reload } = useLoad(() => api.cards().then((r) => r.cards), []);
  const config = useLoad(() => paymentsConfig(), []);
  const [setup, setSetup] = useState<CardSetup | null>(null);
  const act = useAction('save-card');

  /** The server reads the setup again from Stripe; the list shows the card once it is in. */
  const finish = (id: string) =>
    act.run(async () => {
      setSetup(null);
      await api.syncCardSetup(id);
      const u = await setupDone(id).catch((e) => {
        throw e instanceof PollTimeout ? new Error('Your bank is still confirming the card: it appears here once it is saved.') : e;
      });
      reload();
      if (u.status !== 'succeeded') throw new ApiError(0, u.failure_code ?? 'payment_failed', 'The card could not be saved. Try another card.');
      return 'Card saved.';
    });

  useEffect(() => {
    if (back) void finish(back);
  }, [back]);

  const add = () =>
    act.run(async () => {
      const r = await api.startCardSetup();
      const u = await setupOpened(r.setup.id);
      if (u.status !== 'open' || !u.client_secret) throw new Error('The card form could not be opened. Try again.');
      setSetup(u);
    });

  const list = data ?? [];
  return (
    <section aria-labelledby="cards-h">
      <h2 id="cards-h">Saved cards</h2>
      <p class="muted small">Your default card is charged when you win an auction, so that what you win is paid at once. You can also pay each order by FPX or GrabPay.</p>
      {loading && !data && <Loading />}
      <ErrorBox error={error} />
      {data && list.length === 0 && !setup && <p>No saved card.</p>}
      <ul class="saved-cards">
        {list.map((c) => (
          <li key={c.id} class={c.is_default ? 'default' : undefined}>
            <span class="card-name">{cardName(c)}</span>
            <span class="muted">expires {cardExpiry(c)}</span>
            {c.is_default ? <span class="badge">Default</span> : null}
            <span class="row">
              {!c.is_default && (
                <button type="button" disabled={act.busy} aria-label={`Make default: ${cardName(c)}`}
                  onClick={() => act.run(async () => { await api.makeCardDefault(c.id); reload(); return `${cardName(c)} is your default card.`; })}>
                  Make default
                </button>
              )}
              <button type="button" disabled={act.busy} aria-label={`Remove ${cardName(c)}`}
                onClick={() => confirm(`Remove ${cardName(c)}?`) && act.run(async () => { await api.deleteCard(c.id); reload(); return 'Card removed.'; })}>
                Remove
              </button>
            </span>
          </li>
        ))}
      </ul>
      {setup?.client_secret ? (
        <div class="card-setup">
          <h3>New card</h3>
          <PaymentForm
            clientSecret={setup.client_secret}
            kind="setup"
            returnUrl={`${location.origin}/account?setup=${encodeURIComponent(setup.id)}`}
            submitLabel="Save card"
            context="save-card"
            onConfirmed={() => void finish(setup.id)}
          />
          <button type="button" class="link" onClick={() => setSetup(null)}>Cancel</button>
        </div>
      ) : config.data === null && !config.loading && !config.error ? (
        <p class="muted">Cards cannot be saved on this server.</p>
      ) : (
        list.length < 10 && <button type="button" disabled={act.busy || !config.data} onClick={add}>{act.busy ? 'Please wait…' : 'Add a card'}</button>
      )}
      <p role="status" class="ok">{act.ok}</p>
      <ErrorBox error={act.err} />
    </section>
  );
}
