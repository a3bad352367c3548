// Stripe's Payment Element for one intent: the card fields, FPX's bank list or GrabPay's
// button, drawn by Stripe.js (the card number is typed into Stripe's form, never ours), and
// the button that confirms it. A refusal (a declined card) leaves the form up to try again;
// methods that send the buyer to their bank leave the page for `returnUrl`.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorText, type ErrorContext } from '../api/errors';
import { ErrorBox, Loading } from '../components/ui';
import { appearance, loadStripe, type Stripe, type StripeElements, type StripeError } from './stripe';

/** Stripe.js's refusal in the app's words where the app has some (card_declined, ...). */
export function stripeErrorText(e: StripeError, context?: ErrorContext): string {
  return errorText(new ApiError(0, e.code ?? 'payment_failed', e.message ?? 'The payment did not go through.'), context);
}

interface Props {
  clientSecret: string;
  /** A payment (confirmPayment) or saving a card (confirmSetup). */
  kind: 'payment' | 'setup';
  returnUrl: string;
  submitLabel: string;
  /** Stripe accepted it without leaving the page. */
  onConfirmed: () => void;
  context?: ErrorContext;
}

export function PaymentForm({ clientSecret, kind, returnUrl, submitLabel, onConfirmed, context }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const stripe = useRef<{ s: Stripe; elements: StripeElements } | null>(null);
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let destroy = () => undefined as void;
    loadStripe().then(
      (s) => {
        if (!live || !host.current) return;
        if (!s) {
          setErr('Paying online is not available on this server.');
          return;
        }
        const elements = s.elements({ clientSecret, appearance });
        const el = elements.create('payment', { layout: 'tabs' });
        el.on('ready', () => live && setReady(true));
        el.mount(host.current);
        stripe.current = { s, elements };
        destroy = () => el.destroy();
      },
      (e) => live && setErr(errorText(e)),
    );
    return () => {
      live = false;
      destroy();
    };
  }, [clientSecret]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const st = stripe.current;
    if (!st || busy) return;
    setBusy(true);
    setErr(null);
    try {
      const args = { elements: st.elements, confirmParams: { return_url: returnUrl }, redirect: 'if_required' as const };
      const r = kind === 'payment' ? await st.s.confirmPayment(args) : await st.s.confirmSetup(args);
      if (r.error) setErr(stripeErrorText(r.error, context));
      else onConfirmed();
    } catch (x) {
      setErr(errorText(x, context));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="pay-form stack" onSubmit={submit} aria-label={kind === 'payment' ? 'Payment details' : 'Card details'} aria-busy={!ready}>
      <div ref={host} class="pay-element" />
      {!ready && !err && <Loading label="Loading the secure payment form…" />}
      <ErrorBox error={err} />
      <button type="submit" class="primary" disabled={!ready || busy}>{busy ? 'Please wait…' : submitLabel}</button>
    </form>
  );
}
