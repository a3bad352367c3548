// Stripe.js, loaded once from where the server says (GET /payments/config: js_url, normally
// https://js.stripe.com/v3/; the browser tests serve a stand-in that talks to a local fake),
// then `Stripe(publishable_key)`. Only the slice of Stripe.js this app uses is typed here:
// the Payment Element mounted with an intent's client_secret, and confirmPayment /
// confirmSetup. Card numbers are typed into Stripe's element and go to Stripe only: Blytz
// never sees or sends one.
import * as api from '../api/endpoints';
import { ApiError } from '../api/errors';

export interface StripeError {
  type?: string;
  code?: string;
  decline_code?: string;
  message?: string;
}

export interface PaymentElement {
  mount(el: HTMLElement | string): void;
  on(event: 'ready' | 'change', fn: (e: { complete?: boolean; value?: { type?: string } }) => void): void;
  destroy(): void;
}

export interface StripeElements {
  create(kind: 'payment', options?: Record<string, unknown>): PaymentElement;
}

interface ConfirmArgs {
  elements: StripeElements;
  confirmParams: { return_url: string };
  redirect?: 'always' | 'if_required';
}

export interface Stripe {
  elements(o: { clientSecret: string; appearance?: Record<string, unknown>; locale?: string }): StripeElements;
  confirmPayment(o: ConfirmArgs): Promise<{ error?: StripeError; paymentIntent?: { id: string; status: string } }>;
  confirmSetup(o: ConfirmArgs): Promise<{ error?: StripeError; setupIntent?: { id: string; status: string } }>;
}

declare global {
  interface Window {
    Stripe?: (key: string) => Stripe;
  }
}

export type PaymentsConfig = { publishable_key: string | null; js_url: string | null; methods: string[] };

let config: Promise<PaymentsConfig | null> | null = null;

/** The server's payments settings, or null when this server takes no payments (503). */
export function paymentsConfig(): Promise<PaymentsConfig | null> {
  config ??= api.paymentsConfig().then(
    (r) => (r.payments.publishable_key && r.payments.js_url ? r.payments : null),
    (e) => {
      config = null; // a network failure is tried again next time
      if (e instanceof ApiError && e.status === 503) return null;
      throw e;
    },
  );
  return config;
}

const loaded = new Map<string, Promise<void>>();

/** Add the <script> for `src` once; resolves when it has run. */
function loadScript(src: string): Promise<void> {
  let p = loaded.get(src);
  if (!p) {
    p = new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.async = true;
      s.onload = () => resolve();
      s.onerror = () => {
        loaded.delete(src);
        s.remove();
        reject(new Error('Could not load the payment form. Check your connection and try again.'));
      };
      document.head.appendChild(s);
    });
    loaded.set(src, p);
  }
  return p;
}

const instances = new Map<string, Stripe>();

/** Stripe.js for this server's key, or null when payments are off here. */
export async function loadStripe(): Promise<Stripe | null> {
  const cfg = await paymentsConfig();
  if (!cfg?.publishable_key || !cfg.js_url) return null;
  await loadScript(cfg.js_url);
  if (!window.Stripe) throw new Error('The payment form did not load. Reload the page and try again.');
  let s = instances.get(cfg.publishable_key);
  if (!s) {
    s = window.Stripe(cfg.publishable_key);
    instances.set(cfg.publishable_key, s);
  }
  return s;
}

/** The Payment Element's look, from the app's own colours. */
export const appearance = {
  theme: 'stripe',
  variables: { colorPrimary: '#a3154a', colorDanger: '#b3261e', borderRadius: '8px', fontFamily: 'system-ui, sans-serif' },
};
