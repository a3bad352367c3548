// A stand-in for Stripe.js (https://js.stripe.com/v3/) in the browser tests: the slice of it
// the web app uses, talking to the local fake Stripe (tests/integration/stripe_fake.mjs) as
// Stripe.js talks to Stripe: with the publishable key and the intent's client_secret only.
// The fake serves this file (tests/e2e/lib/payments.mjs), so its API is this script's origin.
//
//   Stripe(publishable_key)
//     .elements({clientSecret, appearance})  → elements
//       .create('payment')                   → the Payment Element: mount(el), on('ready'), destroy()
//     .confirmPayment({elements, confirmParams: {return_url}, redirect})
//     .confirmSetup({elements, confirmParams: {return_url}, redirect})
//
// The Payment Element reads its intent and draws a form for the methods the intent allows:
// card (Stripe's test card numbers become the fake's test payment methods: 4242 4242 4242 4242
// is pm_card_visa, 4000 0000 0000 0002 is declined, ...), FPX with its bank list, GrabPay.
// Confirming a method that needs the buyer's bank (FPX, GrabPay, 3-D Secure) follows the
// fake's redirect_to_url, which settles the intent and sends the browser back to return_url
// with payment_intent, payment_intent_client_secret and redirect_status, as Stripe does.
(function () {
  'use strict';
  const API = new URL(document.currentScript.src).origin;
  const VERSION = '__STRIPE_VERSION__'; // filled in when served
  const BANKS = JSON.parse('__FPX_BANKS__');
  const BANK_NAMES = {
    affin_bank: 'Affin Bank', agrobank: 'AGRONet', alliance_bank: 'Alliance Bank', ambank: 'AmBank',
    bank_islam: 'Bank Islam', bank_muamalat: 'Bank Muamalat', bank_of_china: 'Bank of China', bank_rakyat: 'Bank Rakyat',
    bnp_paribas: 'BNP Paribas', bsn: 'BSN', cimb: 'CIMB Clicks', citibank: 'Citibank', deutsche_bank: 'Deutsche Bank',
    hong_leong_bank: 'Hong Leong Bank', hsbc: 'HSBC Bank', kfh: 'KFH', maybank2e: 'Maybank2E', maybank2u: 'Maybank2U',
    mbsb_bank: 'MBSB Bank', ocbc: 'OCBC Bank', pb_enterprise: 'PB Enterprise', public_bank: 'Public Bank', rhb: 'RHB Bank',
    standard_chartered: 'Standard Chartered', uob: 'UOB Bank',
  };
  const TEST_CARDS = {
    '4242424242424242': 'pm_card_visa',
    '5555555555554444': 'pm_card_mastercard',
    '4000000000000002': 'pm_card_chargeDeclined',
    '4000000000009995': 'pm_card_chargeDeclinedInsufficientFunds',
    '4000002760003184': 'pm_card_authenticationRequired',
  };
  const LABELS = { card: 'Card', fpx: 'FPX', grabpay: 'GrabPay' };
  let uid = 0;

  /** One call to the fake's /v1 as Stripe.js makes it: the publishable key and the secret as parameters. */
  async function call(pk, method, path, params) {
    const form = new URLSearchParams({ key: pk, ...params });
    const res = await fetch(API + path + (method === 'GET' ? `?${form}` : ''), {
      method,
      headers: method === 'POST' ? { 'Stripe-Version': VERSION, 'Content-Type': 'application/x-www-form-urlencoded' } : { 'Stripe-Version': VERSION },
      body: method === 'POST' ? form : undefined,
    });
    const json = await res.json();
    return res.ok ? { ok: json } : { error: json.error };
  }

  /** "pi_123_secret_abc" → the intent's id and its kind's path. */
  function intentOf(secret) {
    const id = String(secret).split('_secret_')[0];
    return { id, path: id.startsWith('seti_') ? 'setup_intents' : 'payment_intents' };
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }

  function field(label, input) {
    const id = `stripe-standin-${++uid}`;
    input.id = id;
    return el('div', { class: 'standin-field' }, el('label', { for: id }, label), input);
  }

  class PaymentElement {
    constructor(elements) {
      this.elements = elements;
      this.handlers = { ready: [], change: [] };
      this.root = null;
      this.type = null;
    }

    on(event, fn) {
      (this.handlers[event] ||= []).push(fn);
      return this;
    }

    emit(event, arg) {
      for (const fn of this.handlers[event] || []) fn(arg);
    }

    async mount(target) {
      const host = typeof target === 'string' ? document.querySelector(target) : target;
      const { id, path } = intentOf(this.elements.clientSecret);
      const r = await call(this.elements.pk, 'GET', `/v1/${path}/${id}`, { client_secret: this.elements.clientSecret });
      if (r.error) throw new Error(`stand-in: cannot read ${id}: ${r.error.message}`);
      const types = r.ok.payment_method_types || ['card'];
      this.root = el('div', { class: 'standin-payment-element', 'data-testid': 'payment-element' });
      this.panels = {};
      if (types.length > 1) {
        const tabs = el('fieldset', { class: 'standin-tabs' }, el('legend', {}, 'Payment method'));
        const group = `standin-type-${++uid}`;
        for (const t of types) {
          const radio = el('input', { type: 'radio', name: group, value: t });
          radio.addEventListener('change', () => this.select(t));
          tabs.append(el('label', {}, radio, ` ${LABELS[t] || t}`));
        }
        this.root.append(tabs);
      }
      for (const t of types) {
        const panel = el('div', { 'data-method': t });
        if (t === 'card') {
          this.number = el('input', { inputmode: 'numeric', autocomplete: 'cc-number', placeholder: '1234 1234 1234 1234' });
          this.expiry = el('input', { inputmode: 'numeric', autocomplete: 'cc-exp', placeholder: 'MM / YY' });
          this.cvc = el('input', { inputmode: 'numeric', autocomplete: 'cc-csc', placeholder: 'CVC' });
          panel.append(field('Card number', this.number), field('Expiry date', this.expiry), field('Security code', this.cvc));
        } else if (t === 'fpx') {
          this.bank = el('select', {}, el('option', { value: '' }, 'Select your bank'));
          for (const b of BANKS) this.bank.append(el('option', { value: b }, BANK_NAMES[b] || b));
          panel.append(field('FPX Bank', this.bank));
        } else if (t === 'grabpay') {
          panel.append(el('p', {}, 'After you pay, you will be sent to GrabPay to approve the payment.'));
        }
        this.panels[t] = panel;
        this.root.append(panel);
      }
      host.append(this.root);
      this.select(types[0]);
      this.emit('ready', {});
    }

    select(t) {
      this.type = t;
      for (const [k, p] of Object.entries(this.panels)) p.hidden = k !== t;
      const radio = this.root.querySelector(`input[type=radio][value="${t}"]`);
      if (radio) radio.checked = true;
      this.emit('change', { complete: false, value: { type: t } });
    }

    /** The confirm call's payment method, or a validation error as Stripe.js reports one. */
    method() {
      if (this.type === 'card') {
        const pm = TEST_CARDS[this.number.value.replace(/\D/g, '')];
        if (!pm) return { error: { type: 'validation_error', code: 'incorrect_number', message: 'Your card number is invalid.' } };
        return { params: { payment_method: pm } };
      }
      if (this.type === 'fpx') {
        if (!this.bank.value) return { error: { type: 'validation_error', code: 'incomplete', message: 'Select your bank.' } };
        return { params: { 'payment_method_data[type]': 'fpx', 'payment_method_data[fpx][bank]': this.bank.value } };
      }
      return { params: { 'payment_method_data[type]': this.type } };
    }

    destroy() {
      this.root?.remove();
    }
  }

  async function confirm(stripe, { elements, confirmParams = {}, redirect = 'always' }, want) {
    const element = elements.element;
    if (!element || !element.type) return { error: { type: 'invalid_request_error', message: 'The Payment Element is not mounted.' } };
    const m = element.method();
    if (m.error) return { error: m.error };
    const { id, path } = intentOf(elements.clientSecret);
    if (path !== want) return { error: { type: 'invalid_request_error', message: `confirm ${want} with a ${path} secret` } };
    const r = await call(stripe.pk, 'POST', `/v1/${path}/${id}/confirm`, {
      client_secret: elements.clientSecret, return_url: confirmParams.return_url || '', ...m.params,
    });
    if (r.error) return { error: r.error };
    const intent = r.ok;
    const next = intent.next_action;
    if (intent.status === 'requires_action' && next?.type === 'redirect_to_url') {
      window.location.assign(next.redirect_to_url.url);
      return new Promise(() => {}); // the page is leaving
    }
    if (redirect === 'always' && confirmParams.return_url) {
      const back = new URL(confirmParams.return_url);
      const name = path === 'setup_intents' ? 'setup_intent' : 'payment_intent';
      back.searchParams.set(name, intent.id);
      back.searchParams.set(`${name}_client_secret`, elements.clientSecret);
      back.searchParams.set('redirect_status', intent.status);
      window.location.assign(back.toString());
      return new Promise(() => {});
    }
    return path === 'setup_intents' ? { setupIntent: intent } : { paymentIntent: intent };
  }

  window.Stripe = function Stripe(pk) {
    if (!/^pk_/.test(pk)) throw new Error('stand-in: Stripe() takes a publishable key');
    const stripe = { pk };
    stripe.elements = ({ clientSecret }) => {
      const elements = { pk, clientSecret, element: null };
      elements.create = (kind) => {
        if (kind !== 'payment') throw new Error(`stand-in: only the Payment Element, not ${kind}`);
        elements.element = new PaymentElement(elements);
        return elements.element;
      };
      return elements;
    };
    stripe.confirmPayment = (o) => confirm(stripe, o, 'payment_intents');
    stripe.confirmSetup = (o) => confirm(stripe, o, 'setup_intents');
    return stripe;
  };
})();
