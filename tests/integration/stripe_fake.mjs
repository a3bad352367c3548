// A local stand-in for Stripe's v1 REST API, strict about what it receives, for the
// payments suites. It listens on 127.0.0.1 only.
//
// What it checks on every call to /v1: `Authorization: Bearer <the secret key>` (a
// publishable key is taken only where Stripe.js uses one: confirming or retrieving an intent
// with its client_secret); `Stripe-Version` present and equal to the pinned one; a POST body
// form-encoded (application/x-www-form-urlencoded, bracket keys well formed, no JSON) with
// only the parameters the endpoint knows; `Idempotency-Key` semantics of Stripe's (same key
// and same request → the stored answer again, with `Idempotent-Replayed: true`; same key and
// another request → 400 idempotency_error); `Stripe-Account` naming a known connected account.
// A refused request is answered as Stripe would and also recorded in `rejected`, so that a
// test can assert nothing was refused. Every call is recorded in `calls`.
//
// Answers are Stripe's shapes (ids with Stripe's prefixes, `object`, lists as
// {object:"list",data,has_more,url}, errors as {error:{type,code,decline_code,message,param,
// payment_intent}}), in the pinned version's shapes (an invoice names its subscription in
// parent.subscription_details and its intent's secret in the includable confirmation_secret;
// a subscription's period is on its item); `expand[]` works on every answer (ids become
// objects, includable fields appear; other paths are refused as Stripe refuses them). The
// official `stripe` package is the judge (stripe.test.mjs). A stored idempotent answer is the
// answer as it was sent.
//
// Behaviour that can be asked for:
// - test payment methods: pm_card_visa, pm_card_mastercard succeed; pm_card_chargeDeclined
//   (card_declined/generic_decline), pm_card_chargeDeclinedInsufficientFunds
//   (card_declined/insufficient_funds), pm_card_authenticationRequired (saves, but an
//   off-session charge fails with authentication_required; on-session it asks for 3DS);
//   `nextCard = {code, decline_code}` makes the next card confirmation fail so whatever card;
// - FPX and GrabPay: on-session only, `requires_action` with a redirect_to_url to this fake's
//   /authorize/<pi>; visiting it (or authorize()) with ?outcome=succeed|fail settles the intent
//   and redirects to the return_url as Stripe does;
// - faults before the endpoint runs (nothing stored, so a retry is safe):
//   fault({status: 500|503|409, times, shouldRetry, code, path}), fault({drop: true, times}),
//   fault({hang: ms, times}) (answers nothing for ms, then drops); and after it ran (its answer
//   stored for the key, its events sent, the answer lost: a client killed mid-call):
//   fault({after: true, drop: true}), fault({after: true, hang: ms});
// - billing: products and prices (recurring[interval]), subscriptions of one price (the first
//   invoice charged to the default card, or to the customer's: payment_behavior
//   allow_incomplete leaves a failed one incomplete, error_if_incomplete answers the card's 402
//   and creates nothing, default_incomplete leaves the invoice for Stripe.js: paying its
//   intent there pays the invoice, activates the subscription and, with
//   payment_settings[save_default_payment_method]=on_subscription, makes that card the
//   subscription's default; a declined card there sends invoice.payment_failed), their
//   invoices, cancellation (DELETE; a second one is 404 as Stripe answers it; or
//   POST cancel_at_period_end=true, after which renewal() ends it instead);
//   renewal(subId, {fail}) starts the next period (paid: invoice.paid; failed: past_due and
//   invoice.payment_failed), cancel(subId) ends it as Stripe does when retries run out
//   (customer.subscription.deleted); a card that asks for 3DS fails an invoice;
// - Connect: a Custom account onboarded through the API (individual, business_profile,
//   tos_acceptance, external_account: each checked) is verified at once when complete and
//   with Stripe's test-mode identity values, else pending verification; Express and Standard
//   accounts refuse tos_acceptance and external_account as Stripe does;
// - Connect: following an account link (or completeOnboarding(acct)) finishes onboarding:
//   charges and payouts enabled, account.updated, then the link's return_url (a link is
//   single-use: followed again, it sends to its refresh_url); payout(acct, amount) pays a connected
//   account's balance out (payout.created, payout.paid, with the event's `account`);
// - refunds: failRefund(re) as a bank returns one after it succeeded (charge.refund.updated,
//   refund.failed);
// - disputes: dispute(charge) (charge.dispute.created), closeDispute(dp, 'won'|'lost')
//   (charge.dispute.closed);
// - webhooks: every event is delivered, signed as Stripe signs (t=<unix>,v1=<hex HMAC-SHA256
//   of "t.payload" keyed by the endpoint secret as ASCII), to `webhook.url`; with
//   `holdEvents = true` they wait in `pending` until flush({twice, reverse}).
import { LoopbackServer } from './loopback_server.mjs';
import { createHmac, randomBytes } from 'node:crypto';

export const PINNED_VERSION = '2026-10-28.endive';
export const TEST_SECRET_KEY = 'sk_test_blytzFake0123456789';
export const TEST_PUBLISHABLE_KEY = 'pk_test_blytzFake0123456789';

const PREFIX = {
  customer: 'cus', setup_intent: 'seti', payment_method: 'pm', payment_intent: 'pi', charge: 'ch',
  refund: 're', transfer: 'tr', transfer_reversal: 'trr', account: 'acct', event: 'evt', dispute: 'dp',
  product: 'prod', price: 'price', subscription: 'sub', subscription_item: 'si', invoice: 'in', line_item: 'il', payout: 'po',
};
const newId = (kind) => `${PREFIX[kind]}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
const now = () => Math.floor(Date.now() / 1000);

const TEST_CARDS = {
  pm_card_visa: { brand: 'visa', last4: '4242' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444' },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', fail: { code: 'card_declined', decline_code: 'generic_decline' } },
  pm_card_chargeDeclinedInsufficientFunds: { brand: 'visa', last4: '9995', fail: { code: 'card_declined', decline_code: 'insufficient_funds' } },
  pm_card_authenticationRequired: { brand: 'visa', last4: '3184', needsAuth: true },
};
export const FPX_BANKS = [
  'affin_bank', 'agrobank', 'alliance_bank', 'ambank', 'bank_islam', 'bank_muamalat', 'bank_of_china', 'bank_rakyat',
  'bnp_paribas', 'bsn', 'cimb', 'citibank', 'deutsche_bank', 'hong_leong_bank', 'hsbc', 'kfh', 'maybank2e',
  'maybank2u', 'mbsb_bank', 'ocbc', 'pb_enterprise', 'public_bank', 'rhb', 'standard_chartered', 'uob',
];
const MESSAGES = {
  card_declined: 'Your card was declined.',
  authentication_required: 'Your card was declined. This transaction requires authentication.',
};

// A Stripe error: `stored` when Stripe has begun executing (it keeps the answer for the key).
export class StripeFail extends Error {
  constructor(status, type, message, extra = {}) {
    super(message);
    Object.assign(this, { status, type, extra, stored: !!extra.stored });
    delete this.extra.stored;
  }
}
const invalid = (message, extra = {}) => new StripeFail(400, 'invalid_request_error', message, extra);
const missing = (kind, id) =>
  new StripeFail(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param: 'id' });

// Parses a form body into nested objects and arrays as Stripe reads it: a[b][c]=v, a[0]=v,
// a[]=v. Throws on a malformed key.
export function parseForm(text) {
  const out = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const m = /^([A-Za-z0-9_]+)((?:\[[A-Za-z0-9_]*\])*)$/.exec(key);
    if (!m) throw invalid(`Invalid parameter name: ${key}`);
    const path = [m[1], ...[...m[2].matchAll(/\[([A-Za-z0-9_]*)\]/g)].map((x) => x[1])];
    let node = out;
    for (let i = 0; i < path.length; i++) {
      let k = path[i];
      const last = i === path.length - 1;
      if (Array.isArray(node) && k === '') k = node.length;
      if (last) {
        if (node[k] !== undefined && typeof node[k] === 'object') throw invalid(`Invalid parameter: ${key}`);
        node[k] = value;
      } else {
        const nextIsIndex = /^\d*$/.test(path[i + 1]);
        if (node[k] === undefined) node[k] = nextIsIndex ? [] : {};
        if (typeof node[k] !== 'object') throw invalid(`Invalid parameter: ${key}`);
        node = node[k];
      }
    }
  }
  return out;
}

const int = (v, param, { min = 0, max = 99999999 } = {}) => {
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v) || +v < min || +v > max) throw invalid(`Invalid integer: ${v}`, { param });
  return +v;
};
const bool = (v, param) => {
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw invalid(`Invalid boolean: ${v}`, { param });
  return v === 'true';
};
const requireParam = (p, name) => {
  if (p[name] === undefined || p[name] === '') throw invalid(`Missing required param: ${name}.`, { param: name });
  return p[name];
};
const list = (url, data) => ({ object: 'list', data, has_more: false, url });
const hidden = (obj, key, value) => Object.defineProperty(obj, key, { value, enumerable: false, writable: true });

export class FakeStripe extends LoopbackServer {
  constructor({ secretKey = TEST_SECRET_KEY, publishableKey = TEST_PUBLISHABLE_KEY, version = PINNED_VERSION, webhook = null } = {}) {
    super((req, res) => this.handle(req, res));
    Object.assign(this, { secretKey, publishableKey, version });
    // {url, secret}: where events go (loopback only, like everything a test talks to); null
    // keeps them in `pending` and `eventsList` only.
    if (webhook && !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(webhook.url).hostname))
      throw new Error(`FakeStripe: a webhook URL on loopback only, not ${webhook.url}`);
    this.webhook = webhook;
    this.holdEvents = false;
    this.pending = []; // events held for flush()
    this.deliveries = []; // {id, type, status, header, body}
    this.calls = []; // {method, path, params, headers, status}
    this.rejected = []; // {method, path, status, error}
    this.faults = [];
    this.nextCard = null;
    this.objects = new Map(); // id -> object (every kind; `_account` hidden on each)
    this.idem = new Map(); // account|key -> {fingerprint, status, body}
    this.links = new Map(); // account link id -> {account, returnUrl, refreshUrl, used}
    this.eventsList = [];
  }

  // The options that point the official SDK here.
  sdkOptions(extra = {}) {
    return { host: '127.0.0.1', port: this.port, protocol: 'http', apiVersion: this.version, maxNetworkRetries: 0, telemetry: false, ...extra };
  }

  reset() {
    this.calls.length = 0;
    this.rejected.length = 0;
    this.faults.length = 0;
    this.deliveries.length = 0;
    this.pending.length = 0;
    this.nextCard = null;
    this.holdEvents = false;
  }

  fault(f) {
    this.faults.push({ times: 1, ...f });
  }

  get(id) {
    return this.objects.get(id);
  }

  // ---- HTTP ------------------------------------------------------------------------------

  async handle(req, res) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://x');
    if (url.pathname.startsWith('/authorize/') || url.pathname.startsWith('/onboard/')) return this.visit(url, res);
    const requestId = 'req_' + randomBytes(8).toString('hex');
    const send = (status, obj, extraHeaders = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': requestId, 'Stripe-Version': this.version, ...extraHeaders });
      res.end(JSON.stringify(obj, null, 2));
    };
    const call = { method: req.method, path: url.pathname, headers: req.headers, raw, params: null, status: 0 };
    const errorBody = (e) => ({ error: { type: e.type, message: e.message, ...e.extra, ...(e.extra.code ? { doc_url: `https://stripe.com/docs/error-codes/${e.extra.code}` } : {}) } });
    const refuse = (e) => {
      call.status = e.status;
      this.rejected.push({ method: req.method, path: url.pathname, status: e.status, error: errorBody(e).error });
      send(e.status, errorBody(e));
    };
    try {
      const fault = this.takeFault(url.pathname);
      if (fault && !fault.after) {
        call.fault = fault;
        this.calls.push(call);
        if (fault.drop) return req.socket.destroy();
        if (fault.hang) return void setTimeout(() => req.socket.destroy(), fault.hang);
        const headers = fault.shouldRetry !== undefined ? { 'Stripe-Should-Retry': String(fault.shouldRetry) } : {};
        call.status = fault.status;
        const type = fault.status === 409 ? 'invalid_request_error' : 'api_error';
        return send(fault.status, { error: { type, code: fault.code, message: fault.message || 'Injected by the fake.' } }, headers);
      }
      if (fault) call.fault = fault;
      this.calls.push(call);
      const route = this.route(req.method, url.pathname);
      if (!route) throw new StripeFail(404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${url.pathname}).`);
      let params;
      if (req.method === 'POST') {
        if (!/^application\/x-www-form-urlencoded\b/.test(req.headers['content-type'] || ''))
          throw invalid(`Invalid request: the body must be application/x-www-form-urlencoded, got '${req.headers['content-type'] || ''}'`);
        params = parseForm(raw);
      } else {
        if (raw.length) throw invalid(`A ${req.method} request has no body`);
        params = parseForm(url.search.slice(1));
      }
      call.params = params;
      // The secret key as a bearer token; Stripe.js sends its publishable key as `key`.
      const auth = req.headers.authorization || '';
      const key = auth.startsWith('Bearer ') ? auth.slice(7) : params.key || '';
      if (!key) throw new StripeFail(401, 'invalid_request_error', 'You did not provide an API key.');
      const publishable = key === this.publishableKey;
      if (key !== this.secretKey && !(publishable && route.publishable))
        throw new StripeFail(401, 'invalid_request_error', `Invalid API Key provided: ${key.slice(0, 8)}***`);
      if (!publishable && params.key !== undefined) throw invalid('Received unknown parameter: key', { param: 'key' });
      const version = req.headers['stripe-version'];
      if (version !== this.version)
        throw invalid(`Stripe-Version ${version === undefined ? 'missing' : `'${version}'`}: this fake serves '${this.version}' only`);
      const allowed = new Set([...(route.params || []), 'expand', 'metadata']);
      if (publishable) allowed.add('client_secret').add('key');
      for (const name of Object.keys(params)) {
        if (!allowed.has(name)) throw invalid(`Received unknown parameter: ${name}`, { param: name });
      }
      const account = req.headers['stripe-account'];
      if (account !== undefined && !(this.objects.get(account)?.object === 'account'))
        throw new StripeFail(403, 'invalid_request_error', `The provided key does not have access to account '${account}'`, { code: 'account_invalid' });
      const ctx = { account: account || null, publishable, requestId, idempotencyKey: req.headers['idempotency-key'] || null, params };
      if (publishable) this.checkClientSecret(route, ctx);
      let idemSlot = null;
      if (req.method === 'POST' && ctx.idempotencyKey) {
        if (ctx.idempotencyKey.length > 255) throw invalid('Idempotency-Key is longer than 255 characters');
        const slotKey = `${ctx.account || ''}|${ctx.idempotencyKey}`;
        const fingerprint = `${req.method} ${url.pathname} ${raw}`;
        const stored = this.idem.get(slotKey);
        if (stored) {
          if (stored.fingerprint !== fingerprint) {
            throw new StripeFail(400, 'idempotency_error',
              `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${ctx.idempotencyKey}' if you meant to execute a different request.`);
          }
          call.status = stored.status;
          call.replayed = true;
          return send(stored.status, stored.body, { 'Idempotent-Replayed': 'true', 'Idempotency-Key': ctx.idempotencyKey });
        }
        idemSlot = { slotKey, fingerprint };
      }
      let status = 200;
      let body;
      try {
        body = this.expand(route.run(ctx), params.expand);
      } catch (e) {
        if (!(e instanceof StripeFail) || !e.stored) throw e;
        status = e.status;
        body = errorBody(e);
        this.rejected.push({ method: req.method, path: url.pathname, status, error: body.error, expected: true });
      }
      body = JSON.parse(JSON.stringify(body)); // the answer as sent, not the live object
      if (idemSlot) this.idem.set(idemSlot.slotKey, { fingerprint: idemSlot.fingerprint, status, body });
      call.status = status;
      const extra = ctx.idempotencyKey ? { 'Idempotency-Key': ctx.idempotencyKey } : {};
      if (fault?.after) {
        // Stripe ran the request and kept its answer; the caller never gets it
        this.afterAnswer();
        if (fault.drop) return req.socket.destroy();
        return void setTimeout(() => req.socket.destroy(), fault.hang);
      }
      send(status, body, extra);
      this.afterAnswer();
    } catch (e) {
      if (e instanceof StripeFail) return refuse(e);
      call.status = 500;
      this.rejected.push({ method: req.method, path: url.pathname, status: 500, error: { message: e.stack } });
      send(500, { error: { type: 'api_error', message: e.message } });
    }
  }

  takeFault(path) {
    const i = this.faults.findIndex((f) => !f.path || f.path.test(path));
    if (i < 0) return null;
    const f = this.faults[i];
    if (--f.times <= 0) this.faults.splice(i, 1);
    return f;
  }

  route(method, path) {
    for (const r of ROUTES) {
      if (r.method !== method) continue;
      const m = r.re.exec(path);
      if (m) return { ...r, run: (ctx) => r.run(this, ctx, ...m.slice(1)), id: m[1] };
    }
    return null;
  }

  // Stripe.js acts with the publishable key and the intent's client_secret.
  checkClientSecret(route, ctx) {
    const intent = this.objects.get(route.id);
    if (!intent || ctx.params.client_secret !== intent.client_secret)
      throw invalid('The client_secret provided does not match the client_secret associated with this intent.', { param: 'client_secret' });
    delete ctx.params.client_secret;
    delete ctx.params.key;
  }

  // ---- objects ---------------------------------------------------------------------------

  put(obj, account) {
    hidden(obj, '_account', account || null);
    this.objects.set(obj.id, obj);
    return obj;
  }

  find(kind, id, ctx) {
    const obj = this.objects.get(id);
    if (!obj || obj.object !== kind || obj._account !== (ctx?.account ?? null)) throw missing(kind, id);
    return obj;
  }

  // Stripe's expand[]: in a copy of `body`, each dotted path's ids become their objects and an
  // includable field (an invoice's confirmation_secret) appears. A path through anything else
  // is refused as Stripe refuses it.
  expand(body, paths) {
    if (paths === undefined) return body;
    if (!Array.isArray(paths) || paths.some((x) => typeof x !== 'string')) throw invalid('Invalid array', { param: 'expand' });
    let out = JSON.parse(JSON.stringify(body));
    for (const path of paths) out = this.expandPath(out, path.split('.'), path);
    return out;
  }

  expandPath(node, [seg, ...rest], path) {
    const how = EXPANDABLE[node?.object]?.[seg];
    if (!how) throw invalid(`This property cannot be expanded (${seg}).`, { param: 'expand' });
    if (how === 'includable') {
      if (rest.length) throw invalid(`This property cannot be expanded (${rest[0]}).`, { param: 'expand' });
      node[seg] = this.objects.get(node.id)?.[`_${seg}`] ?? null;
      return node;
    }
    if (typeof node[seg] === 'string') node[seg] = JSON.parse(JSON.stringify(this.objects.get(node[seg])));
    if (node[seg] && rest.length) node[seg] = this.expandPath(node[seg], rest, path);
    return node;
  }

  // ---- events and webhooks ---------------------------------------------------------------

  emit(type, object, ctx = null, previous = null) {
    const event = {
      id: newId('event'),
      object: 'event',
      api_version: this.version,
      created: now(),
      livemode: false,
      pending_webhooks: this.webhook ? 1 : 0,
      type,
      request: { id: ctx?.requestId ?? null, idempotency_key: ctx?.idempotencyKey ?? null },
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
    };
    if (object._account) event.account = object._account;
    this.put(event, null);
    this.eventsList.unshift(event);
    this.pending.push(event);
    return event;
  }

  // After an answer has gone out: deliver what was emitted unless told to hold events.
  afterAnswer() {
    if (!this.holdEvents && this.webhook) {
      this.flush().catch(() => {});
    }
  }

  // Stripe's signature header for `payload` at `timestamp` (unix seconds).
  signature(payload, timestamp = now(), secret = this.webhook.secret) {
    const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
    return `t=${timestamp},v1=${v1}`;
  }

  // Sends the pending events (each twice with `twice`, newest first with `reverse`), one after
  // the other. Resolves with their deliveries.
  async flush({ twice = false, reverse = false } = {}) {
    let batch = this.pending.splice(0);
    if (reverse) batch = batch.reverse();
    const done = [];
    for (const event of batch) {
      for (let n = twice ? 2 : 1; n > 0; n--) done.push(await this.deliver(event));
    }
    return done;
  }

  async deliver(event) {
    const body = JSON.stringify(event, null, 2);
    const header = this.signature(body);
    const d = { id: event.id, type: event.type, status: 0, header, body };
    try {
      const res = await fetch(this.webhook.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': header, 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
        body,
        signal: AbortSignal.timeout(10000),
      });
      d.status = res.status;
      await res.arrayBuffer();
    } catch (e) {
      d.error = e.message;
    }
    this.deliveries.push(d);
    return d;
  }

  // ---- redirects a buyer or a seller follows ---------------------------------------------

  visit(url, res) {
    const [, what, id] = url.pathname.split('/');
    try {
      const target = what === 'authorize' ? this.authorize(id, url.searchParams.get('outcome') || 'succeed') : this.followLink(id);
      res.writeHead(302, { Location: target });
      res.end();
    } catch (e) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end(e.message);
    }
    this.afterAnswer();
  }

  // The buyer finishing (or abandoning) a redirect payment. Returns where the bank sends them.
  authorize(piId, outcome = 'succeed') {
    const pi = this.objects.get(piId);
    if (!pi || pi.object !== 'payment_intent' || pi.status !== 'requires_action') throw new Error(`no intent waiting: ${piId}`);
    const returnUrl = pi.next_action.redirect_to_url.return_url;
    pi.next_action = null;
    if (outcome === 'succeed') {
      succeed(this, pi, null);
    } else {
      pi.status = 'requires_payment_method';
      pi.last_payment_error = { type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: 'The customer did not complete the payment.', payment_method: structuredClone(this.objects.get(pi.payment_method)) };
      pi.payment_method = null;
      this.emit('payment_intent.payment_failed', pi);
    }
    const back = new URL(returnUrl);
    back.searchParams.set('payment_intent', pi.id);
    back.searchParams.set('payment_intent_client_secret', pi.client_secret);
    back.searchParams.set('redirect_status', outcome === 'succeed' ? 'succeeded' : 'failed');
    return back.toString();
  }

  // A seller following an account link: once, onboarding finishes and they are sent to its
  // return_url; again (links are single-use), to its refresh_url for a new one.
  followLink(linkId) {
    const link = this.links.get(linkId);
    if (!link) throw new Error(`no account link ${linkId}`);
    if (link.used) return link.refreshUrl;
    link.used = true;
    this.completeOnboarding(link.account);
    return link.returnUrl;
  }

  completeOnboarding(acctId) {
    const acct = this.objects.get(acctId);
    if (!acct || acct.object !== 'account') throw new Error(`no account ${acctId}`);
    Object.assign(acct, { details_submitted: true, charges_enabled: true, payouts_enabled: true });
    acct.requirements = { currently_due: [], disabled_reason: null };
    for (const c of Object.keys(acct.capabilities)) acct.capabilities[c] = 'active';
    this.emit('account.updated', acct);
    return acct;
  }

  // A chargeback on a charge; closeDispute settles it as 'won' or 'lost'.
  dispute(chargeId, reason = 'fraudulent') {
    const ch = this.objects.get(chargeId);
    const dp = this.put({
      id: newId('dispute'), object: 'dispute', amount: ch.amount, currency: ch.currency, charge: ch.id, payment_intent: ch.payment_intent,
      reason, status: 'needs_response', is_charge_refundable: false, created: now(), livemode: false, metadata: {},
      evidence_details: { due_by: now() + 7 * 86400, has_evidence: false, past_due: false, submission_count: 0 },
    });
    ch.disputed = true;
    this.emit('charge.dispute.created', dp);
    this.afterAnswer();
    return dp;
  }

  // A refund that succeeded comes back from the buyer's bank (an account closed, ...): failed
  // with its failure_reason, the charge's amount_refunded lowered, and Stripe's two reports of
  // it, charge.refund.updated and refund.failed.
  failRefund(reId, reason = 'expired_or_canceled_card') {
    const re = this.objects.get(reId);
    if (re?.object !== 'refund' || re.status === 'failed') throw new Error(`no refund to fail: ${reId}`);
    const ch = this.objects.get(re.charge);
    Object.assign(re, { status: 'failed', failure_reason: reason });
    ch.amount_refunded -= re.amount;
    ch.refunded = false;
    this.emit('charge.refund.updated', re);
    this.emit('refund.failed', re);
    this.afterAnswer();
    return re;
  }

  closeDispute(dpId, status) {
    const dp = this.objects.get(dpId);
    dp.status = status;
    this.emit('charge.dispute.closed', dp);
    this.afterAnswer();
    return dp;
  }

  // The next period of a subscription begins: its invoice is charged to the default card (or
  // fails as `fail` says: true for insufficient_funds, or {code, decline_code}). Paid: active,
  // invoice.paid with the new period on its line. Failed: past_due, invoice.payment_failed.
  // The period moves on either way, as Stripe's does. Returns the invoice (null when the
  // subscription was set to end at its period's end: it ends, customer.subscription.deleted).
  renewal(subId, { fail = null } = {}) {
    const sub = this.objects.get(subId);
    if (sub?.object !== 'subscription' || !['active', 'past_due'].includes(sub.status)) throw new Error(`no subscription to renew: ${subId}`);
    if (sub.cancel_at_period_end) { // its period is over: it ends, no invoice
      cancelSubscription(this, sub, null);
      this.afterAnswer();
      return null;
    }
    const item = sub.items.data[0];
    const before = { latest_invoice: sub.latest_invoice, status: sub.status };
    const was = [item.current_period_start, item.current_period_end];
    const next = [was[1], addInterval(was[1], item.price.recurring)];
    [item.current_period_start, item.current_period_end] = next;
    const inv = openInvoice(this, sub, 'subscription_cycle', next, was, null);
    const pm = invoiceCard(this, sub);
    if (!pm) throw new Error(`no card to charge for ${subId}`);
    const outcome = fail === true ? { code: 'card_declined', decline_code: 'insufficient_funds' } : fail || cardOutcome(this, pm, true);
    sub.status = chargeInvoice(this, inv, pm, outcome, null) ? 'past_due' : 'active';
    if (sub.status === before.status) delete before.status;
    this.emit('customer.subscription.updated', sub, null, before);
    this.afterAnswer();
    return inv;
  }

  // Stripe ends a subscription by itself (its retries ran out): customer.subscription.deleted.
  cancel(subId) {
    const sub = this.objects.get(subId);
    if (sub?.object !== 'subscription' || sub.status === 'canceled') throw new Error(`no subscription to cancel: ${subId}`);
    cancelSubscription(this, sub, null);
    this.afterAnswer();
    return sub;
  }

  // A connected account's balance paid out to its bank: payout.created, then payout.paid (both
  // with the event's `account`).
  payout(acctId, amount) {
    const acct = this.objects.get(acctId);
    if (acct?.object !== 'account' || !acct.payouts_enabled) throw new Error(`no account with payouts: ${acctId}`);
    const po = this.put({
      id: newId('payout'), object: 'payout', amount, arrival_date: now(), automatic: true, balance_transaction: 'txn_' + randomBytes(8).toString('hex'),
      created: now(), currency: 'myr', description: 'STRIPE PAYOUT', destination: 'ba_' + randomBytes(8).toString('hex'), failure_code: null,
      failure_message: null, livemode: false, metadata: {}, method: 'standard', source_type: 'card', statement_descriptor: null, status: 'in_transit', type: 'bank_account',
    }, acctId);
    this.emit('payout.created', po);
    po.status = 'paid';
    this.emit('payout.paid', po);
    this.afterAnswer();
    return po;
  }
}

// ---- behaviour per object kind ----------------------------------------------------------

function customerObj(p) {
  return {
    id: newId('customer'), object: 'customer', created: now(), email: p.email ?? null, name: p.name ?? null, phone: p.phone ?? null,
    description: p.description ?? null, livemode: false, metadata: p.metadata || {},
    invoice_settings: { default_payment_method: p.invoice_settings?.default_payment_method ?? null },
  };
}

// A PaymentMethod made from a test pm id (as Stripe clones pm_card_visa into a new pm_...),
// or from payment_method_data (fpx, grabpay, card by test id).
function makePaymentMethod(fake, source, ctx) {
  let pm;
  if (typeof source === 'string') {
    if (TEST_CARDS[source]) {
      const t = TEST_CARDS[source];
      pm = { type: 'card', card: { brand: t.brand, last4: t.last4, exp_month: 12, exp_year: new Date().getFullYear() + 3, country: 'MY', funding: 'credit', fingerprint: randomBytes(8).toString('hex') } };
      hidden(pm, '_test', source);
    } else {
      return fake.find('payment_method', source, ctx);
    }
  } else {
    const type = requireParam(source, 'type');
    if (type === 'fpx') {
      const bank = source.fpx?.bank;
      if (!FPX_BANKS.includes(bank)) throw invalid(`Invalid fpx[bank]: must be one of ${FPX_BANKS.join(', ')}`, { param: 'payment_method_data[fpx][bank]' });
      pm = { type, fpx: { bank, account_holder_type: source.fpx.account_holder_type || 'individual' } };
    } else if (type === 'grabpay') {
      pm = { type, grabpay: {} };
    } else {
      throw invalid(`Invalid payment_method_data[type]: ${type} is not offered by this fake`, { param: 'payment_method_data[type]' });
    }
  }
  const obj = { id: newId('payment_method'), object: 'payment_method', created: now(), customer: null, livemode: false, billing_details: { address: null, email: null, name: null, phone: null }, metadata: {}, ...pm };
  if (pm._test) hidden(obj, '_test', pm._test);
  return fake.put(obj, ctx?.account);
}

function attach(fake, pm, customerId, ctx) {
  const cus = fake.find('customer', customerId, ctx);
  if (pm.type !== 'card') throw invalid(`PaymentMethods of type ${pm.type} cannot be attached to a customer: they are single-use.`, { code: 'payment_method_not_available' });
  if (pm.customer && pm.customer !== cus.id) throw invalid('This PaymentMethod is already attached to another customer.', { code: 'payment_method_unexpected_state' });
  pm.customer = cus.id;
  fake.emit('payment_method.attached', pm, ctx);
  return pm;
}

const intentSecret = (id) => `${id}_secret_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

function confirmSetup(fake, si, p, ctx) {
  if (si.status === 'succeeded') throw invalid('You cannot confirm this SetupIntent because it has already succeeded.', { code: 'setup_intent_unexpected_state' });
  const pmSource = p.payment_method ?? p.payment_method_data ?? si.payment_method;
  if (!pmSource) throw invalid('You must provide a payment_method to confirm this SetupIntent.', { param: 'payment_method' });
  const pm = makePaymentMethod(fake, pmSource, ctx);
  if (pm.type !== 'card') throw invalid(`The PaymentMethod type ${pm.type} cannot be saved for later use.`, { code: 'payment_method_not_available' });
  if (si.customer) attach(fake, pm, si.customer, ctx);
  Object.assign(si, { payment_method: pm.id, status: 'succeeded', last_setup_error: null });
  fake.emit('setup_intent.succeeded', si, ctx);
  return si;
}

function newCharge(fake, pi) {
  const pm = fake.objects.get(pi.payment_method);
  const ch = fake.put({
    id: newId('charge'), object: 'charge', amount: pi.amount, amount_captured: pi.amount, amount_refunded: 0, captured: true, paid: true,
    refunded: false, disputed: false, status: 'succeeded', currency: pi.currency, customer: pi.customer, payment_intent: pi.id,
    payment_method: pi.payment_method, payment_method_details: pm ? { type: pm.type, [pm.type]: pm[pm.type] } : null,
    transfer_group: pi.transfer_group, metadata: pi.metadata, created: now(), livemode: false, balance_transaction: 'txn_' + randomBytes(8).toString('hex'),
  }, pi._account);
  return ch;
}

function succeed(fake, pi, ctx) {
  const ch = newCharge(fake, pi);
  Object.assign(pi, { status: 'succeeded', amount_received: pi.amount, latest_charge: ch.id, last_payment_error: null, next_action: null });
  fake.emit('charge.succeeded', ch, ctx);
  fake.emit('payment_intent.succeeded', pi, ctx);
}

// The card error of `fail` for `pm`, left on `pi` (emitted as payment_intent.payment_failed).
function cardError(fake, pi, pm, fail, ctx) {
  const error = {
    type: 'card_error', code: fail.code, decline_code: fail.decline_code, message: MESSAGES[fail.code] || 'Your card was declined.',
    payment_method: structuredClone(pm),
  };
  Object.assign(pi, { status: 'requires_payment_method', last_payment_error: error, next_action: null });
  fake.emit('payment_intent.payment_failed', pi, ctx);
  return error;
}

function failCard(fake, pi, pm, fail, ctx) {
  const error = cardError(fake, pi, pm, fail, ctx);
  throw new StripeFail(402, 'card_error', error.message, {
    code: fail.code, decline_code: fail.decline_code, payment_intent: structuredClone(pi), payment_method: structuredClone(pm), stored: true,
  });
}

// A PaymentIntent (requires_payment_method) from the parameters of a create call.
function newIntent(fake, p, ctx) {
  const pi = {
    id: newId('payment_intent'), object: 'payment_intent', amount: p.amount, amount_capturable: 0, amount_received: 0, currency: p.currency, customer: p.customer ?? null,
    payment_method: null, payment_method_types: p.payment_method_types, status: 'requires_payment_method', capture_method: 'automatic', confirmation_method: 'automatic',
    created: now(), description: p.description ?? null, latest_charge: null, last_payment_error: null, next_action: null, livemode: false,
    metadata: p.metadata || {}, setup_future_usage: p.setup_future_usage ?? null, transfer_group: p.transfer_group ?? null, canceled_at: null, cancellation_reason: null,
    receipt_email: p.receipt_email ?? null, statement_descriptor_suffix: p.statement_descriptor_suffix ?? null,
  };
  pi.client_secret = intentSecret(pi.id);
  fake.put(pi, ctx?.account);
  fake.emit('payment_intent.created', pi, ctx);
  return pi;
}

// What charging the card `pm` does: null (it succeeds), 'action' (3DS, on-session only) or
// the failure {code, decline_code}. Takes `nextCard` when it is set.
function cardOutcome(fake, pm, offSession) {
  const forced = fake.nextCard;
  fake.nextCard = null;
  const test = TEST_CARDS[pm._test] || {};
  if (forced) return forced;
  if (test.fail) return test.fail;
  if (test.needsAuth) return offSession ? { code: 'authentication_required', decline_code: 'authentication_required' } : 'action';
  return null;
}

// Confirms `pi` with the parameters of a create or confirm call.
function confirmPayment(fake, pi, p, ctx) {
  if (!['requires_payment_method', 'requires_confirmation'].includes(pi.status))
    throw invalid(`This PaymentIntent's status is ${pi.status}: it cannot be confirmed.`, { code: 'payment_intent_unexpected_state' });
  const offSession = bool(p.off_session, 'off_session') ?? false;
  const source = p.payment_method ?? p.payment_method_data ?? pi.payment_method;
  if (!source) throw invalid('You cannot confirm this PaymentIntent because it is missing a payment method.', { code: 'payment_intent_unexpected_state', param: 'payment_method' });
  const pm = makePaymentMethod(fake, source, ctx);
  if (!pi.payment_method_types.includes(pm.type))
    throw invalid(`The PaymentMethod provided (${pm.type}) is not allowed for this PaymentIntent: ${pi.payment_method_types.join(', ')}.`, { code: 'payment_intent_incompatible_payment_method', param: 'payment_method' });
  if (pm.customer && pm.customer !== pi.customer) throw invalid('The PaymentMethod belongs to another customer.', { param: 'payment_method' });
  pi.payment_method = pm.id;
  if (p.return_url) hidden(pi, '_returnUrl', p.return_url);
  if (pm.type === 'card') {
    if (offSession && !pm.customer) throw invalid('An off-session payment needs a PaymentMethod saved to the customer.', { param: 'payment_method' });
    const outcome = cardOutcome(fake, pm, offSession);
    if (outcome === 'action') return requireAction(fake, pi, ctx); // 3DS, as a redirect here
    if (outcome) {
      if (pi._invoice) fake.emit('invoice.payment_failed', fake.objects.get(pi._invoice), ctx);
      failCard(fake, pi, pm, outcome, ctx);
    }
    succeed(fake, pi, ctx);
    if (pi._invoice) invoicePaidOnSession(fake, fake.objects.get(pi._invoice), pm, ctx);
    return pi;
  }
  // fpx, grabpay: single-use redirects
  if (offSession) throw invalid(`PaymentMethods of type ${pm.type} cannot be used off-session.`, { param: 'off_session' });
  if (pi.setup_future_usage) throw invalid(`${pm.type} does not support setup_future_usage.`, { param: 'setup_future_usage' });
  return requireAction(fake, pi, ctx);
}

function requireAction(fake, pi, ctx) {
  if (!pi._returnUrl) throw invalid('A return_url must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed.', { param: 'return_url' });
  pi.status = 'requires_action';
  pi.next_action = { type: 'redirect_to_url', redirect_to_url: { url: `${fake.url}/authorize/${pi.id}`, return_url: pi._returnUrl } };
  fake.emit('payment_intent.requires_action', pi, ctx);
  return pi;
}

function chargeOf(fake, p, ctx) {
  if (p.charge) return fake.find('charge', p.charge, ctx);
  const pi = fake.find('payment_intent', requireParam(p, 'payment_intent'), ctx);
  if (!pi.latest_charge || pi.status !== 'succeeded') throw invalid(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, { code: 'charge_not_refundable', param: 'payment_intent' });
  return fake.objects.get(pi.latest_charge);
}

// ---- billing: products, prices, subscriptions and their invoices ------------------------

const EXPANDABLE = {
  payment_intent: { customer: 'id', payment_method: 'id', latest_charge: 'id' },
  setup_intent: { customer: 'id', payment_method: 'id' },
  payment_method: { customer: 'id' },
  charge: { customer: 'id', payment_intent: 'id' },
  refund: { charge: 'id', payment_intent: 'id' },
  dispute: { charge: 'id', payment_intent: 'id' },
  transfer: { destination: 'id' },
  subscription: { customer: 'id', default_payment_method: 'id', latest_invoice: 'id' },
  // since 2025 an invoice names no payment_intent: its intent's secret is this includable field
  invoice: { customer: 'id', confirmation_secret: 'includable' },
};

const INTERVALS = ['day', 'week', 'month', 'year'];

// `t` (unix seconds) one recurring interval later, by the calendar (UTC).
function addInterval(t, { interval, interval_count: n }) {
  const d = new Date(t * 1000);
  if (interval === 'day' || interval === 'week') d.setUTCDate(d.getUTCDate() + n * (interval === 'week' ? 7 : 1));
  else if (interval === 'month') d.setUTCMonth(d.getUTCMonth() + n);
  else d.setUTCFullYear(d.getUTCFullYear() + n);
  return Math.floor(d.getTime() / 1000);
}

function onlyKeys(obj, keys, prefix) {
  for (const k of Object.keys(obj || {})) if (!keys.includes(k)) throw invalid(`Received unknown parameter: ${prefix}[${k}]`, { param: `${prefix}[${k}]` });
}

function productObj(p) {
  return {
    id: newId('product'), object: 'product', active: true, created: now(), updated: now(), default_price: null, description: p.description ?? null, images: [],
    livemode: false, marketing_features: [], metadata: p.metadata || {}, name: requireParam(p, 'name'), package_dimensions: null, shippable: null,
    statement_descriptor: null, tax_code: null, unit_label: null, url: null,
  };
}

function priceObj(fake, p, ctx) {
  const currency = requireParam(p, 'currency');
  if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}.`, { param: 'currency' });
  const unit = int(requireParam(p, 'unit_amount'), 'unit_amount');
  let product = p.product;
  if (product) fake.find('product', product, ctx);
  else if (p.product_data) product = fake.put(productObj(p.product_data), ctx.account).id;
  else throw invalid('You must specify either `product` or `product_data` when creating a price.', { param: 'product' });
  let recurring = null;
  if (p.recurring) {
    onlyKeys(p.recurring, ['interval', 'interval_count'], 'recurring');
    const interval = requireParam(p.recurring, 'interval');
    if (!INTERVALS.includes(interval)) throw invalid(`Invalid recurring[interval]: must be one of ${INTERVALS.join(', ')}`, { param: 'recurring[interval]' });
    recurring = { interval, interval_count: int(p.recurring.interval_count, 'recurring[interval_count]', { min: 1, max: 365 }) ?? 1, meter: null, trial_period_days: null, usage_type: 'licensed' };
  }
  return {
    id: newId('price'), object: 'price', active: true, billing_scheme: 'per_unit', created: now(), currency, custom_unit_amount: null, livemode: false,
    lookup_key: p.lookup_key ?? null, metadata: p.metadata || {}, nickname: p.nickname ?? null, product, recurring, tax_behavior: 'unspecified',
    tiers_mode: null, transform_quantity: null, type: recurring ? 'recurring' : 'one_time', unit_amount: unit, unit_amount_decimal: String(unit),
  };
}

// The card an invoice of `sub` is charged to: the subscription's default, else the customer's.
function invoiceCard(fake, sub) {
  const cus = fake.objects.get(sub.customer);
  const id = sub.default_payment_method ?? cus.invoice_settings.default_payment_method;
  return id ? fake.objects.get(id) : null;
}

// The invoice of `sub`'s period [start, end] (its one line), finalized with its PaymentIntent;
// `ended` is the period the invoice's own period_start/end name (the one just over, for a
// renewal, as Stripe does). sub.latest_invoice names it.
function openInvoice(fake, sub, reason, [start, end], ended, ctx) {
  const item = sub.items.data[0];
  const amount = item.price.unit_amount * item.quantity;
  const inv = {
    id: newId('invoice'), object: 'invoice', amount_due: amount, amount_paid: 0, amount_remaining: amount, attempt_count: 0, attempted: false,
    billing_reason: reason, collection_method: 'charge_automatically', created: now(), currency: item.price.currency, customer: sub.customer,
    default_payment_method: null, description: null, livemode: false, metadata: {}, next_payment_attempt: null, number: null,
    parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: structuredClone(sub.metadata), subscription: sub.id } },
    period_start: ended[0], period_end: ended[1], status: 'open', subtotal: amount, total: amount,
    status_transitions: { finalized_at: now(), marked_uncollectible_at: null, paid_at: null, voided_at: null },
  };
  inv.number = `BLYTZ-${inv.id.slice(3, 9).toUpperCase()}-${String(fake.invoiceCount = (fake.invoiceCount || 0) + 1).padStart(4, '0')}`;
  const line = {
    id: newId('line_item'), object: 'line_item', amount, currency: inv.currency, description: `${item.quantity} × plan`, discount_amounts: [], discountable: true,
    discounts: [], invoice: inv.id, livemode: false, metadata: {}, period: { start, end },
    parent: { type: 'subscription_item_details', invoice_item_details: null, subscription_item_details: { invoice_item: null, proration: false, proration_details: { credited_items: null }, subscription: sub.id, subscription_item: item.id } },
    pricing: { type: 'price_details', price_details: { price: item.price.id, product: item.price.product }, unit_amount_decimal: String(item.price.unit_amount) },
    quantity: item.quantity, subscription: sub.id, taxes: [],
  };
  inv.lines = list(`/v1/invoices/${inv.id}/lines`, [line]);
  fake.put(inv, sub._account);
  const pi = newIntent(fake, { amount, currency: inv.currency, customer: sub.customer, payment_method_types: ['card'], description: reason === 'subscription_create' ? 'Subscription creation' : 'Subscription update' }, ctx);
  hidden(inv, '_intent', pi.id);
  hidden(pi, '_invoice', inv.id);
  hidden(inv, '_confirmation_secret', { client_secret: pi.client_secret, type: 'payment_intent' });
  sub.latest_invoice = inv.id;
  fake.emit('invoice.created', inv, ctx);
  fake.emit('invoice.finalized', inv, ctx);
  return inv;
}

// Charges `inv` to `pm` as `outcome` (cardOutcome's) says: paid, or the card's error left on
// its intent. Returns that error, or null when paid.
function chargeInvoice(fake, inv, pm, outcome, ctx) {
  const pi = fake.objects.get(inv._intent);
  pi.payment_method = pm.id;
  inv.attempt_count += 1;
  inv.attempted = true;
  if (!outcome) {
    succeed(fake, pi, ctx);
    markPaid(fake, inv, ctx);
    return null;
  }
  // an invoice here has no 3DS step: a card that asks for it fails as off-session ones do
  const fail = outcome === 'action' ? { code: 'authentication_required', decline_code: 'authentication_required' } : outcome;
  const error = cardError(fake, pi, pm, fail, ctx);
  inv.next_payment_attempt = now() + 3 * 86400;
  fake.emit('invoice.payment_failed', inv, ctx);
  return error;
}

function markPaid(fake, inv, ctx) {
  Object.assign(inv, { status: 'paid', amount_paid: inv.amount_due, amount_remaining: 0, next_payment_attempt: null });
  inv.status_transitions.paid_at = now();
  fake.emit('invoice.paid', inv, ctx);
  fake.emit('invoice.payment_succeeded', inv, ctx);
}

// The browser paid an invoice's intent with Stripe.js (default_incomplete): the invoice is
// paid, the subscription active, and with payment_settings[save_default_payment_method]=
// on_subscription the card is saved to the customer as the subscription's default (renewals
// are charged to it).
function invoicePaidOnSession(fake, inv, pm, ctx) {
  const sub = fake.objects.get(inv.parent.subscription_details.subscription);
  inv.attempt_count += 1;
  inv.attempted = true;
  markPaid(fake, inv, ctx);
  if (sub.payment_settings?.save_default_payment_method === 'on_subscription') {
    if (!pm.customer) pm.customer = sub.customer;
    sub.default_payment_method = pm.id;
  }
  setSubStatus(fake, sub, 'active', ctx);
}

function setSubStatus(fake, sub, status, ctx) {
  if (sub.status === status) return;
  const was = sub.status;
  sub.status = status;
  fake.emit('customer.subscription.updated', sub, ctx, { status: was });
}

const SUB_BEHAVIOURS = ['allow_incomplete', 'default_incomplete', 'error_if_incomplete'];

// POST /v1/subscriptions: one item (a recurring price), paid at once from the default card
// unless payment_behavior=default_incomplete (the browser confirms the first invoice's intent
// then); error_if_incomplete refuses with the card's 402 and creates nothing.
function createSubscription(f, ctx) {
  const p = ctx.params;
  const cus = f.find('customer', requireParam(p, 'customer'), ctx);
  if (!Array.isArray(p.items) || p.items.length !== 1) throw invalid('This fake takes exactly one item: items[0][price].', { param: 'items' });
  onlyKeys(p.items[0], ['price', 'quantity', 'metadata'], 'items[0]');
  const price = f.find('price', requireParam(p.items[0], 'price'), ctx);
  if (!price.recurring) throw invalid('The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.', { param: 'items[0][price]' });
  const quantity = int(p.items[0].quantity, 'items[0][quantity]', { min: 1 }) ?? 1;
  const behaviour = p.payment_behavior ?? 'allow_incomplete';
  if (!SUB_BEHAVIOURS.includes(behaviour)) throw invalid(`Invalid payment_behavior: must be one of ${SUB_BEHAVIOURS.join(', ')}`, { param: 'payment_behavior' });
  const offSession = bool(p.off_session, 'off_session') ?? false;
  onlyKeys(p.payment_settings, ['save_default_payment_method'], 'payment_settings');
  const save = p.payment_settings?.save_default_payment_method ?? 'off';
  if (!['off', 'on_subscription'].includes(save)) throw invalid('Invalid payment_settings[save_default_payment_method]: must be one of off, on_subscription', { param: 'payment_settings[save_default_payment_method]' });
  if (p.default_payment_method && f.find('payment_method', p.default_payment_method, ctx).customer !== cus.id)
    throw invalid('The PaymentMethod provided must be attached to the customer.', { param: 'default_payment_method' });
  const start = now();
  const end = addInterval(start, price.recurring);
  const sub = {
    id: newId('subscription'), object: 'subscription', billing_cycle_anchor: start, cancel_at: null, cancel_at_period_end: false, canceled_at: null,
    collection_method: 'charge_automatically', created: start, currency: price.currency, customer: cus.id, default_payment_method: p.default_payment_method ?? null,
    description: p.description ?? null, ended_at: null, latest_invoice: null, livemode: false, metadata: p.metadata || {}, start_date: start, status: 'incomplete',
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: save },
  };
  sub.items = list(`/v1/subscription_items?subscription=${sub.id}`, [{
    id: newId('subscription_item'), object: 'subscription_item', created: start, current_period_end: end, current_period_start: start, metadata: p.items[0].metadata || {},
    price: structuredClone(price), quantity, subscription: sub.id,
  }]);
  const pm = behaviour === 'default_incomplete' ? null : invoiceCard(f, sub);
  if (behaviour !== 'default_incomplete' && !pm)
    throw invalid('This customer has no attached payment source or default payment method. Please consider adding a default payment method.', { code: 'resource_missing' });
  const outcome = pm && cardOutcome(f, pm, offSession);
  if (outcome && behaviour === 'error_if_incomplete') {
    const fail = outcome === 'action' ? { code: 'authentication_required', decline_code: 'authentication_required' } : outcome;
    throw new StripeFail(402, 'card_error', MESSAGES[fail.code] || 'Your card was declined.', { code: fail.code, decline_code: fail.decline_code, stored: true });
  }
  f.put(sub, ctx.account);
  f.emit('customer.subscription.created', sub, ctx);
  const inv = openInvoice(f, sub, 'subscription_create', [start, end], [start, start], ctx);
  if (pm && !chargeInvoice(f, inv, pm, outcome, ctx)) setSubStatus(f, sub, 'active', ctx);
  return sub;
}

function cancelSubscription(fake, sub, ctx) {
  Object.assign(sub, { status: 'canceled', canceled_at: now(), ended_at: now() });
  fake.emit('customer.subscription.deleted', sub, ctx);
  return sub;
}

const PI_PARAMS = ['amount', 'currency', 'customer', 'payment_method', 'payment_method_types', 'payment_method_data', 'confirm', 'off_session', 'return_url', 'description', 'setup_future_usage', 'statement_descriptor_suffix', 'receipt_email', 'transfer_group', 'capture_method', 'error_on_requires_action', 'application_fee_amount', 'on_behalf_of', 'transfer_data', 'payment_method_options'];
const CONFIRM_PARAMS = ['payment_method', 'payment_method_data', 'return_url', 'off_session', 'setup_future_usage', 'error_on_requires_action', 'payment_method_options'];

// A Custom account onboarded through the API: what it still needs (requirements.currently_due,
// Stripe's dotted names) from what the platform sent, each field's format checked; complete and
// with Stripe's test-mode values (date of birth 1901-01-01, id number 000000000, line1
// address_full_match) it is verified at once: charges and payouts enabled, account.updated.
// Other values leave it pending verification, as test mode does with real-looking data.
const BIC = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
function apiOnboardingDue(p) {
  const due = [];
  const ind = p.individual || {};
  const need = (v, name) => { if (v === undefined || v === '') due.push(name); };
  need(p.business_type, 'business_type');
  need(p.business_profile?.mcc, 'business_profile.mcc');
  need(p.business_profile?.url ?? p.business_profile?.product_description, 'business_profile.product_description');
  need(p.external_account, 'external_account');
  for (const k of ['first_name', 'last_name', 'email', 'phone', 'id_number']) need(ind[k], `individual.${k}`);
  for (const k of ['day', 'month', 'year']) need(ind.dob?.[k], `individual.dob.${k}`);
  for (const k of ['line1', 'city', 'state', 'postal_code']) need(ind.address?.[k], `individual.address.${k}`);
  need(p.tos_acceptance?.date, 'tos_acceptance.date');
  need(p.tos_acceptance?.ip, 'tos_acceptance.ip');
  return due;
}
function checkApiOnboarding(p) {
  if (p.business_type !== undefined && !['individual', 'company'].includes(p.business_type)) throw invalid(`Invalid business_type: ${p.business_type}`, { param: 'business_type' });
  const ind = p.individual || {};
  if (ind.phone !== undefined && !/^\+\d{8,15}$/.test(ind.phone)) throw invalid('Invalid phone number', { param: 'individual[phone]' });
  if (ind.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(ind.email)) throw invalid('Invalid email address', { param: 'individual[email]' });
  if (ind.dob) {
    int(ind.dob.day, 'individual[dob][day]', { min: 1, max: 31 });
    int(ind.dob.month, 'individual[dob][month]', { min: 1, max: 12 });
    int(ind.dob.year, 'individual[dob][year]', { min: 1900, max: 2100 });
  }
  if (ind.address?.postal_code !== undefined && !/^\d{5}$/.test(ind.address.postal_code)) throw invalid('Invalid postal code for MY', { param: 'individual[address][postal_code]' });
  if (p.business_profile?.mcc !== undefined && !/^\d{4}$/.test(p.business_profile.mcc)) throw invalid(`Invalid mcc: ${p.business_profile.mcc}`, { param: 'business_profile[mcc]' });
  if (p.tos_acceptance) {
    const date = int(p.tos_acceptance.date, 'tos_acceptance[date]', { min: 1, max: now() + 60 });
    if (date !== undefined && date < now() - 365 * 86400) throw invalid('tos_acceptance[date] must be within the past year', { param: 'tos_acceptance[date]' });
  }
  const ba = p.external_account;
  if (ba !== undefined) {
    if (typeof ba !== 'object' || ba.object !== 'bank_account') throw invalid('external_account must be a bank account', { param: 'external_account' });
    if (ba.country !== 'MY' || ba.currency !== 'myr') throw invalid('The bank account must be in MY and myr', { param: 'external_account[country]' });
    if (!BIC.test(ba.routing_number ?? '')) throw invalid('Invalid routing number (a SWIFT/BIC code)', { param: 'external_account[routing_number]' });
    if (!/^\d{6,17}$/.test(ba.account_number ?? '')) throw invalid('Invalid account number', { param: 'external_account[account_number]' });
  }
}
function onboardByApi(f, acct, p) {
  checkApiOnboarding(p);
  const due = apiOnboardingDue(p);
  const ind = p.individual || {};
  const ba = p.external_account;
  if (ba) acct.external_accounts = list(`/v1/accounts/${acct.id}/external_accounts`, [{ id: 'ba_' + randomBytes(8).toString('hex'), object: 'bank_account', account: acct.id, country: ba.country, currency: ba.currency, routing_number: ba.routing_number, last4: ba.account_number.slice(-4), account_holder_name: ba.account_holder_name ?? null, account_holder_type: ba.account_holder_type ?? null, status: 'new' }]);
  if (p.tos_acceptance) acct.tos_acceptance = { date: +p.tos_acceptance.date, ip: p.tos_acceptance.ip };
  if (p.individual) acct.individual = { object: 'person', first_name: ind.first_name ?? null, last_name: ind.last_name ?? null, email: ind.email ?? null, phone: ind.phone ?? null, address: ind.address ?? {}, id_number_provided: ind.id_number !== undefined };
  if (p.business_profile) acct.business_profile = { mcc: p.business_profile.mcc ?? null, product_description: p.business_profile.product_description ?? null, url: p.business_profile.url ?? null };
  const testVerified = ind.dob?.day === '1' && ind.dob?.month === '1' && ind.dob?.year === '1901' && ind.id_number === '000000000' && ind.address?.line1 === 'address_full_match';
  acct.requirements = due.length ? { currently_due: due, pending_verification: [], disabled_reason: 'requirements.past_due' }
    : testVerified ? { currently_due: [], pending_verification: [], disabled_reason: null }
      : { currently_due: [], pending_verification: ['individual.id_number', 'individual.verification.document'], disabled_reason: 'requirements.pending_verification' };
  acct.details_submitted = due.length === 0;
  if (due.length === 0 && testVerified) f.completeOnboarding(acct.id);
}

const R = (method, path, params, run, extra = {}) => ({ method, re: new RegExp(`^${path.replace(/:id/g, '([A-Za-z0-9_]+)')}$`), params, run, ...extra });

const ROUTES = [
  R('POST', '/v1/customers', ['email', 'name', 'phone', 'description', 'invoice_settings'], (f, ctx) => f.put(customerObj(ctx.params), ctx.account)),
  R('GET', '/v1/customers/:id', [], (f, ctx, id) => f.find('customer', id, ctx)),
  R('POST', '/v1/customers/:id', ['email', 'name', 'phone', 'description', 'invoice_settings'], (f, ctx, id) => {
    const cus = f.find('customer', id, ctx);
    const p = ctx.params;
    for (const k of ['email', 'name', 'phone', 'description']) if (p[k] !== undefined) cus[k] = p[k] || null;
    if (p.metadata) Object.assign(cus.metadata, p.metadata);
    const dpm = p.invoice_settings?.default_payment_method;
    if (dpm !== undefined) {
      if (dpm && f.find('payment_method', dpm, ctx).customer !== cus.id) throw invalid('That PaymentMethod is not attached to this customer.', { param: 'invoice_settings[default_payment_method]' });
      cus.invoice_settings.default_payment_method = dpm || null;
    }
    return cus;
  }),
  R('DELETE', '/v1/customers/:id', [], (f, ctx, id) => {
    f.find('customer', id, ctx);
    return f.put({ id, object: 'customer', deleted: true }, ctx.account);
  }),
  R('GET', '/v1/customers/:id/payment_methods', ['type', 'limit'], (f, ctx, id) => {
    f.find('customer', id, ctx);
    const data = [...f.objects.values()].filter((o) => o.object === 'payment_method' && o.customer === id && (!ctx.params.type || o.type === ctx.params.type));
    return list(`/v1/customers/${id}/payment_methods`, data.reverse());
  }),

  R('POST', '/v1/setup_intents', ['customer', 'usage', 'payment_method_types', 'payment_method', 'confirm', 'return_url', 'description', 'automatic_payment_methods'], (f, ctx) => {
    const p = ctx.params;
    if (p.customer) f.find('customer', p.customer, ctx);
    const usage = p.usage ?? 'off_session';
    if (!['off_session', 'on_session'].includes(usage)) throw invalid(`Invalid usage: ${usage}`, { param: 'usage' });
    const types = p.payment_method_types ?? ['card'];
    if (!Array.isArray(types) || types.some((t) => t !== 'card')) throw invalid('Only card can be saved for later use here.', { param: 'payment_method_types' });
    const si = { id: newId('setup_intent'), object: 'setup_intent', created: now(), customer: p.customer ?? null, usage, payment_method_types: types, payment_method: null, status: 'requires_payment_method', last_setup_error: null, next_action: null, description: p.description ?? null, livemode: false, metadata: p.metadata || {} };
    si.client_secret = intentSecret(si.id);
    f.put(si, ctx.account);
    f.emit('setup_intent.created', si, ctx);
    if (bool(p.confirm, 'confirm')) confirmSetup(f, si, p, ctx);
    return si;
  }),
  R('GET', '/v1/setup_intents/:id', [], (f, ctx, id) => f.find('setup_intent', id, ctx), { publishable: true }),
  R('POST', '/v1/setup_intents/:id/confirm', ['payment_method', 'payment_method_data', 'return_url'], (f, ctx, id) => confirmSetup(f, f.find('setup_intent', id, ctx), ctx.params, ctx), { publishable: true }),

  R('GET', '/v1/payment_methods/:id', [], (f, ctx, id) => f.find('payment_method', id, ctx)),
  R('GET', '/v1/payment_methods', ['customer', 'type', 'limit'], (f, ctx) => {
    const { customer, type } = ctx.params;
    f.find('customer', requireParam(ctx.params, 'customer'), ctx);
    const data = [...f.objects.values()].filter((o) => o.object === 'payment_method' && o.customer === customer && (!type || o.type === type));
    return list('/v1/payment_methods', data.reverse());
  }),
  R('POST', '/v1/payment_methods/:id/attach', ['customer'], (f, ctx, id) => {
    const pm = TEST_CARDS[id] ? makePaymentMethod(f, id, ctx) : f.find('payment_method', id, ctx);
    return attach(f, pm, requireParam(ctx.params, 'customer'), ctx);
  }),
  R('POST', '/v1/payment_methods/:id/detach', [], (f, ctx, id) => {
    const pm = f.find('payment_method', id, ctx);
    if (!pm.customer) throw invalid('The payment method you provided is not attached to a customer so detachment is impossible.', { code: 'payment_method_unexpected_state' });
    const cus = f.objects.get(pm.customer);
    if (cus.invoice_settings.default_payment_method === pm.id) cus.invoice_settings.default_payment_method = null;
    pm.customer = null;
    f.emit('payment_method.detached', pm, ctx);
    return pm;
  }),

  R('POST', '/v1/payment_intents', PI_PARAMS, (f, ctx) => {
    const p = ctx.params;
    const amount = int(requireParam(p, 'amount'), 'amount', { min: 1 });
    const currency = requireParam(p, 'currency');
    if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}. Stripe currencies are lowercase ISO codes.`, { param: 'currency' });
    if (currency === 'myr' && amount < 200) throw invalid('Amount must be at least RM 2.00 myr', { code: 'amount_too_small', param: 'amount' });
    if (p.customer) f.find('customer', p.customer, ctx);
    const types = p.payment_method_types ?? ['card'];
    if (!Array.isArray(types) || types.some((t) => !['card', 'fpx', 'grabpay'].includes(t))) throw invalid('payment_method_types must be a list of card, fpx, grabpay.', { param: 'payment_method_types' });
    if (bool(p.off_session, 'off_session') !== undefined && !bool(p.confirm, 'confirm')) throw invalid('off_session can only be used with confirm=true.', { param: 'off_session' });
    if (p.capture_method && p.capture_method !== 'automatic') throw invalid('This fake captures automatically only.', { param: 'capture_method' });
    const pi = newIntent(f, { ...p, amount, currency, payment_method_types: types }, ctx);
    if (p.payment_method && !bool(p.confirm, 'confirm')) pi.payment_method = makePaymentMethod(f, p.payment_method, ctx).id;
    if (bool(p.confirm, 'confirm')) confirmPayment(f, pi, p, ctx);
    return pi;
  }),
  R('GET', '/v1/payment_intents/:id', [], (f, ctx, id) => f.find('payment_intent', id, ctx), { publishable: true }),
  R('POST', '/v1/payment_intents/:id/confirm', CONFIRM_PARAMS, (f, ctx, id) => confirmPayment(f, f.find('payment_intent', id, ctx), ctx.params, ctx), { publishable: true }),
  R('POST', '/v1/payment_intents/:id/cancel', ['cancellation_reason'], (f, ctx, id) => {
    const pi = f.find('payment_intent', id, ctx);
    if (['succeeded', 'canceled'].includes(pi.status)) throw invalid(`You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`, { code: 'payment_intent_unexpected_state' });
    Object.assign(pi, { status: 'canceled', canceled_at: now(), cancellation_reason: ctx.params.cancellation_reason ?? null, next_action: null });
    f.emit('payment_intent.canceled', pi, ctx);
    return pi;
  }),
  R('GET', '/v1/charges/:id', [], (f, ctx, id) => f.find('charge', id, ctx)),

  R('POST', '/v1/refunds', ['payment_intent', 'charge', 'amount', 'reason', 'reverse_transfer', 'refund_application_fee'], (f, ctx) => {
    const p = ctx.params;
    const ch = chargeOf(f, p, ctx);
    const left = ch.amount - ch.amount_refunded;
    if (left === 0) throw invalid(`Charge ${ch.id} has already been refunded.`, { code: 'charge_already_refunded' });
    const amount = int(p.amount, 'amount', { min: 1 }) ?? left;
    if (amount > left) throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, { code: 'amount_too_large', param: 'amount' });
    if (p.reason && !['duplicate', 'fraudulent', 'requested_by_customer'].includes(p.reason)) throw invalid(`Invalid reason: ${p.reason}`, { param: 'reason' });
    const re = f.put({ id: newId('refund'), object: 'refund', amount, currency: ch.currency, charge: ch.id, payment_intent: ch.payment_intent, reason: p.reason ?? null, status: 'succeeded', created: now(), metadata: p.metadata || {}, balance_transaction: 'txn_' + randomBytes(8).toString('hex') }, ctx.account);
    ch.amount_refunded += amount;
    ch.refunded = ch.amount_refunded === ch.amount;
    f.emit('refund.created', re, ctx);
    f.emit('charge.refunded', ch, ctx);
    return re;
  }),
  R('GET', '/v1/refunds/:id', [], (f, ctx, id) => f.find('refund', id, ctx)),

  R('POST', '/v1/transfers', ['amount', 'currency', 'destination', 'transfer_group', 'source_transaction', 'description'], (f, ctx) => {
    const p = ctx.params;
    const amount = int(requireParam(p, 'amount'), 'amount', { min: 1 });
    const currency = requireParam(p, 'currency');
    const dest = f.objects.get(requireParam(p, 'destination'));
    if (!dest || dest.object !== 'account') throw invalid(`No such destination: '${p.destination}'`, { param: 'destination' });
    if (!dest.payouts_enabled || dest.capabilities.transfers !== 'active') throw invalid("Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments", { code: 'insufficient_capabilities_for_transfer', param: 'destination' });
    if (p.source_transaction) {
      const ch = f.find('charge', p.source_transaction, ctx);
      const used = [...f.objects.values()].filter((o) => o.object === 'transfer' && o.source_transaction === ch.id).reduce((s, t) => s + t.amount, 0);
      if (amount + used > ch.amount - ch.amount_refunded) throw invalid('Insufficient funds in source_transaction for this transfer.', { code: 'insufficient_funds', param: 'amount' });
    }
    const tr = f.put({ id: newId('transfer'), object: 'transfer', amount, amount_reversed: 0, reversed: false, currency, destination: dest.id, transfer_group: p.transfer_group ?? null, source_transaction: p.source_transaction ?? null, description: p.description ?? null, created: now(), livemode: false, metadata: p.metadata || {}, reversals: list('', []) }, ctx.account);
    tr.reversals.url = `/v1/transfers/${tr.id}/reversals`;
    f.emit('transfer.created', tr, ctx);
    return tr;
  }),
  R('GET', '/v1/transfers/:id', [], (f, ctx, id) => f.find('transfer', id, ctx)),
  R('POST', '/v1/transfers/:id/reversals', ['amount', 'description', 'refund_application_fee'], (f, ctx, id) => {
    const tr = f.find('transfer', id, ctx);
    const left = tr.amount - tr.amount_reversed;
    const amount = int(ctx.params.amount, 'amount', { min: 1 }) ?? left;
    if (left === 0 || amount > left) throw invalid(`Reversal amount (${amount}) is greater than the amount left on the transfer (${left}).`, { code: 'amount_too_large', param: 'amount' });
    const trr = f.put({ id: newId('transfer_reversal'), object: 'transfer_reversal', amount, currency: tr.currency, transfer: tr.id, created: now(), metadata: ctx.params.metadata || {} }, ctx.account);
    tr.amount_reversed += amount;
    tr.reversed = tr.amount_reversed === tr.amount;
    tr.reversals.data.unshift(trr);
    f.emit('transfer.reversed', tr, ctx);
    return trr;
  }),
  R('GET', '/v1/transfers/:id/reversals', ['limit'], (f, ctx, id) => f.find('transfer', id, ctx).reversals),

  R('POST', '/v1/accounts', ['type', 'country', 'email', 'capabilities', 'business_type', 'controller', 'individual', 'business_profile', 'tos_acceptance', 'external_account'], (f, ctx) => {
    const p = ctx.params;
    const type = p.type ?? 'standard';
    if (!['express', 'standard', 'custom'].includes(type)) throw invalid(`Invalid type: ${type}`, { param: 'type' });
    if (type !== 'custom' && p.tos_acceptance) throw invalid('You cannot accept the Terms of Service on behalf of Standard and Express connected accounts.', { param: 'tos_acceptance' });
    if (type !== 'custom' && p.external_account) throw invalid('Only accounts whose requirements the platform collects can have their external accounts set through the API.', { param: 'external_account' });
    const caps = {};
    for (const [c, v] of Object.entries(p.capabilities || {})) if (bool(v.requested, `capabilities[${c}][requested]`)) caps[c] = 'inactive';
    if (type === 'standard' && !caps.transfers) caps.transfers = 'inactive';
    const acct = f.put({ id: newId('account'), object: 'account', type, country: p.country ?? 'MY', email: p.email ?? null, default_currency: 'myr', business_type: p.business_type ?? null, capabilities: caps, charges_enabled: false, payouts_enabled: false, details_submitted: false, created: now(), metadata: p.metadata || {}, requirements: { currently_due: ['external_account', 'individual.id_number'], disabled_reason: 'requirements.past_due' } }, null);
    if (type === 'custom') onboardByApi(f, acct, p);
    return acct;
  }),
  R('GET', '/v1/accounts/:id', [], (f, ctx, id) => f.find('account', id, null)),
  R('POST', '/v1/account_links', ['account', 'refresh_url', 'return_url', 'type', 'collect'], (f, ctx) => {
    const p = ctx.params;
    const acct = f.find('account', requireParam(p, 'account'), null);
    for (const k of ['refresh_url', 'return_url']) if (!/^https?:\/\//.test(requireParam(p, k))) throw invalid(`Not a valid URL: ${k}`, { param: k });
    if (!['account_onboarding', 'account_update'].includes(requireParam(p, 'type'))) throw invalid(`Invalid type: ${p.type}`, { param: 'type' });
    const link = `link_${randomBytes(9).toString('hex')}`;
    f.links.set(link, { account: acct.id, returnUrl: p.return_url, refreshUrl: p.refresh_url, used: false });
    return { object: 'account_link', created: now(), expires_at: now() + 300, url: `${f.url}/onboard/${link}` };
  }),

  R('POST', '/v1/products', ['name', 'description', 'active'], (f, ctx) => f.put(productObj(ctx.params), ctx.account)),
  R('GET', '/v1/products/:id', [], (f, ctx, id) => f.find('product', id, ctx)),
  R('POST', '/v1/prices', ['currency', 'unit_amount', 'recurring', 'product', 'product_data', 'nickname', 'lookup_key'], (f, ctx) => f.put(priceObj(f, ctx.params, ctx), ctx.account)),
  R('GET', '/v1/prices/:id', [], (f, ctx, id) => f.find('price', id, ctx)),
  R('POST', '/v1/subscriptions', ['customer', 'items', 'default_payment_method', 'payment_behavior', 'off_session', 'description', 'payment_settings'], (f, ctx) => createSubscription(f, ctx)),
  // an update: only what Blytz changes (cancel_at_period_end) and the metadata
  R('POST', '/v1/subscriptions/:id', ['cancel_at_period_end', 'metadata'], (f, ctx, id) => {
    const sub = f.find('subscription', id, ctx);
    if (sub.status === 'canceled') throw invalid('A canceled subscription can only update its cancellation_details and metadata.', { param: 'cancel_at_period_end' });
    const before = {};
    const flag = bool(ctx.params.cancel_at_period_end, 'cancel_at_period_end');
    if (flag !== undefined && flag !== sub.cancel_at_period_end) {
      Object.assign(before, { cancel_at_period_end: sub.cancel_at_period_end, cancel_at: sub.cancel_at });
      sub.cancel_at_period_end = flag;
      sub.cancel_at = flag ? sub.items.data[0].current_period_end : null;
    }
    if (ctx.params.metadata) { before.metadata = structuredClone(sub.metadata); Object.assign(sub.metadata, ctx.params.metadata); }
    if (Object.keys(before).length) f.emit('customer.subscription.updated', sub, ctx, before);
    return sub;
  }),
  R('GET', '/v1/subscriptions/:id', [], (f, ctx, id) => f.find('subscription', id, ctx)),
  R('DELETE', '/v1/subscriptions/:id', ['invoice_now', 'prorate'], (f, ctx, id) => {
    const sub = f.find('subscription', id, ctx);
    // as Stripe: a cancelled subscription is gone for a cancel, though GET still finds it
    if (sub.status === 'canceled') throw missing('subscription', id);
    return cancelSubscription(f, sub, ctx);
  }),
  R('GET', '/v1/invoices/:id', [], (f, ctx, id) => f.find('invoice', id, ctx)),
  R('GET', '/v1/payouts/:id', [], (f, ctx, id) => f.find('payout', id, ctx)),

  R('GET', '/v1/events/:id', [], (f, ctx, id) => f.find('event', id, null)),
  R('GET', '/v1/events', ['type', 'limit'], (f, ctx) => list('/v1/events', f.eventsList.filter((e) => !ctx.params.type || e.type === ctx.params.type).slice(0, int(ctx.params.limit, 'limit', { min: 1, max: 100 }) ?? 10))),
];
