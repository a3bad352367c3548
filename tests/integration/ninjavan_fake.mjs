// A local stand-in for NinjaVan's REST API (one country), strict about what it receives, for
// the shipping suites. It listens on 127.0.0.1 only.
//
// NinjaVan publishes no official SDK on npm (nor elsewhere that we could find), so there is no
// judge package as the Stripe and LiveKit suites have: this fake is written from the facts
// sheet's section 3 (NinjaVan's OpenAPI as re-hosted, and client libraries that agree) and
// checks every request itself; the suites check the fake (a refusal the test did not ask for
// fails it: `rejected`).
//
// What it checks:
// - token: POST /{cc}/2.0/oauth/access_token, Content-Type application/json, a body of exactly
//   client_id, client_secret (the configured ones) and grant_type "client_credentials";
//   answers {access_token, expires (unix s), expires_in, token_type}; counts grants (`grants`);
// - every other call: `Authorization: Bearer <a token it issued, not expired, not revoked>`
//   (else 401 with NinjaVan's error body);
// - create (POST /{cc}/4.2/orders): Content-Type application/json; service_type,
//   service_level, requested_tracking_number (letters and digits, single hyphens, 1..20),
//   reference.merchant_order_number; from and to each with a name of 3..255 characters, a
//   phone_number or an email, an address with address1, city, state, a postcode of five digits
//   (MY) and country MY; parcel_job.is_pickup_required a boolean and, for a pickup,
//   pickup_date YYYY-MM-DD and pickup_timeslot one of the six allowed with timezone
//   Asia/Kuala_Lumpur (delivery_timeslot likewise when sent); dimensions.weight > 0 and every
//   size sent > 0; insured_value >= 0 in RM with at most two decimals; items with a
//   description and a quantity >= 1. A requested number used already is refused as taken
//   (400, "... already exists", with the full tracking number in the message);
// - waybill (GET /{cc}/2.0/reports/waybill?tid=...): a tiny valid PDF made for that tracking
//   number (`pdfOf`), application/pdf;
// - cancel (DELETE /{cc}/2.2/orders/{tracking}): only before pickup (else 400 "cannot be
//   cancelled"); a cancelled one again: 400 "already cancelled"; unknown: 404.
// Every answer carries `x-nv-request-id` (kept in `calls`), errors as
// {"error":{"title","message","details"}}.
//
// Behaviour that can be asked for:
// - fault({status: 500|503|401, times, path}), fault({drop: true, times, path}) before the
//   endpoint runs; fault({expireTokens: true, path}): the tokens expire as that call arrives;
//   fault({after: true, drop: true, path}) after it ran (the order made, the answer lost);
// - refuse({title, message, details, status}) the next create (a 4xx of NinjaVan's);
// - expireTokens(): every token issued so far answers 401 (expired early, or revoked);
//   tokenLifetime (s): how long new tokens live;
// - advance(tracking, status, {reason, rtsLeg}): the parcel moves (pickup blocks a cancel) and a
//   webhook of the real shape is made: {tracking_id, shipper_order_ref_no, status, timestamp
//   (ISO-8601 with +08:00), is_parcel_on_rts_leg, comments, and pickup_exception /
//   delivery_exception {failure_reason} on failures}, signed X-Ninjavan-Hmac-Sha256 =
//   base64(HMAC-SHA256(webhook secret, raw body)); delivered at once to `webhook.url` unless
//   `holdWebhooks`, else kept in `pending` until flush({twice, reverse});
// - journey(tracking, 'delivered'|'returned'|'failed_delivery'): the v2 statuses of that
//   path, one after the other, a minute apart.
import { LoopbackServer } from './loopback_server.mjs';
import { createHmac, randomBytes } from 'node:crypto';

export const CLIENT_ID = 'blytz-fake-client';
export const CLIENT_SECRET = 'nv_client_secret';
export const SHIPPER_PREFIX = 'NVMYBZ';
export const TIMESLOTS = [['09:00', '12:00'], ['09:00', '18:00'], ['09:00', '22:00'], ['12:00', '15:00'], ['15:00', '18:00'], ['18:00', '22:00']];
const TIMEZONE = 'Asia/Kuala_Lumpur';
const SERVICE_TYPES = ['Parcel', 'Document', 'Return', 'Marketplace', 'Corporate', 'Bulky', 'International'];
const SERVICE_LEVELS = ['Standard', 'Express', 'Sameday', 'Nextday'];
// Statuses before the parcel is in NinjaVan's hands: a cancel is still possible.
const BEFORE_PICKUP = ['Pending Pickup', 'Pending Pickup, Shipper Dropoff', 'Driver dispatched for Pickup', 'Pickup Exception, Pending Reschedule', 'Pickup Exception, Reattempt Scheduled'];
export const JOURNEYS = {
  delivered: ['Picked Up, In Transit to Origin Hub', 'Arrived at Origin Hub', 'In Transit to Next Sorting Hub', 'Arrived at Destination Hub', 'On Vehicle for Delivery', 'Delivered, Received by Customer'],
  failed_delivery: ['Picked Up, In Transit to Origin Hub', 'Arrived at Origin Hub', 'On Vehicle for Delivery', 'Delivery Exception, Pending Reschedule'],
  returned: ['Picked Up, In Transit to Origin Hub', 'Arrived at Origin Hub', 'On Vehicle for Delivery', 'Delivery Exception, Max Attempts Reached', 'Delivery Exception, Return to Sender Initiated', 'Returned to Sender'],
};

class Refusal extends Error {
  constructor(status, title, message, details = {}) {
    super(message);
    Object.assign(this, { status, title, details });
  }
}
const invalid = (field, message) => new Refusal(400, 'Invalid request', `${field}: ${message}`, { field });

// Malaysia time with its offset, as NinjaVan's webhooks write it: 2026-12-08T09:00:00+08:00.
export function mytIso(ms) {
  return new Date(ms + 8 * 3600e3).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

// A one-page PDF saying `text`, with a correct cross-reference table.
export function makePdf(text) {
  const safe = text.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 40 780 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 298 420] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const isString = (v) => typeof v === 'string';
const twoDecimals = (v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;

export class FakeNinjaVan extends LoopbackServer {
  constructor({ clientId = CLIENT_ID, clientSecret = CLIENT_SECRET, webhookSecret = clientSecret, country = 'my', prefix = SHIPPER_PREFIX, webhook = null } = {}) {
    super((req, res) => this.handle(req, res));
    if (webhook && !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(webhook).hostname))
      throw new Error(`FakeNinjaVan: a webhook URL on loopback only, not ${webhook}`);
    Object.assign(this, { clientId, clientSecret, webhookSecret, country, prefix, webhook });
    this.tokenLifetime = 43200;
    this.tokens = new Map(); // token -> {expires (ms), revoked}
    this.orders = new Map(); // tracking number -> order
    this.requested = new Map(); // requested number -> tracking number
    this.holdWebhooks = false;
    this.clock = Date.now(); // the webhooks' timestamps advance from here
    this.reset();
  }

  reset() {
    this.calls = []; // {method, path, headers, body, status, requestId}
    this.rejected = []; // {method, path, status, error, expected}
    this.faults = [];
    this.refusals = [];
    this.grants = 0;
    this.pending = []; // webhooks held: {body, signature}
    this.deliveries = []; // webhooks sent: {body, signature, status}
  }

  fault(f) {
    this.faults.push({ times: 1, ...f });
  }

  refuse({ status = 400, title = 'Invalid request', message, details = {} }) {
    this.refusals.push(new Refusal(status, title, message, details));
  }

  expireTokens() {
    for (const t of this.tokens.values()) t.revoked = true;
  }

  order(tracking) {
    return this.orders.get(tracking);
  }

  pdfOf(tracking) {
    return makePdf(`NinjaVan waybill ${tracking}`);
  }

  // ---- HTTP ------------------------------------------------------------------------------

  async handle(req, res) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://x');
    const requestId = randomBytes(16).toString('hex');
    const call = { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, raw, status: 0, requestId };
    this.calls.push(call);
    const send = (status, body, type = 'application/json') => {
      call.status = status;
      res.writeHead(status, { 'Content-Type': type, 'x-nv-request-id': requestId });
      res.end(type === 'application/json' ? JSON.stringify(body) : body);
    };
    const fault = this.takeFault(url.pathname, false);
    if (fault?.expireTokens) this.expireTokens(); // then the call runs, and meets a 401
    else if (fault) {
      call.fault = fault;
      if (fault.drop) return req.socket.destroy();
      const title = fault.status === 401 ? 'Unauthorized' : 'Internal Server Error';
      return send(fault.status, { error: { title, message: 'Injected by the fake.', details: {} } });
    }
    try {
      const prefix = `/${this.country}`;
      if (!url.pathname.startsWith(`${prefix}/`)) throw new Refusal(404, 'Not found', `No such country or path: ${url.pathname}`);
      const path = url.pathname.slice(prefix.length);
      if (req.method === 'POST' && !/^application\/json\b/.test(req.headers['content-type'] || ''))
        throw new Refusal(415, 'Unsupported Media Type', `Content-Type must be application/json, got '${req.headers['content-type'] || ''}'`);
      const body = req.method === 'POST' ? this.json(raw) : null;
      if (req.method !== 'POST' && raw.length) throw new Refusal(400, 'Invalid request', `A ${req.method} has no body`);
      let answer;
      if (req.method === 'POST' && path === '/2.0/oauth/access_token') answer = this.grant(body);
      else {
        this.authorize(req.headers.authorization);
        if (req.method === 'POST' && path === '/4.2/orders') answer = this.create(body);
        else if (req.method === 'GET' && path === '/2.0/reports/waybill') return send(200, this.waybill(url.searchParams), 'application/pdf');
        else if (req.method === 'DELETE' && /^\/2\.2\/orders\/[A-Za-z0-9-]+$/.test(path)) answer = this.cancel(path.slice('/2.2/orders/'.length));
        else throw new Refusal(404, 'Not found', `No route ${req.method} ${path}`);
      }
      const after = this.takeFault(url.pathname, true);
      if (after) {
        call.fault = after;
        return req.socket.destroy(); // it ran; the answer is lost
      }
      send(200, answer);
    } catch (e) {
      if (!(e instanceof Refusal)) {
        this.rejected.push({ method: req.method, path: url.pathname, status: 500, error: { message: e.stack } });
        return send(500, { error: { title: 'Internal Server Error', message: e.message, details: {} } });
      }
      this.rejected.push({ method: req.method, path: url.pathname, status: e.status, error: { title: e.title, message: e.message }, expected: !!e.expected });
      send(e.status, { error: { title: e.title, message: e.message, details: e.details } });
    }
  }

  takeFault(path, after) {
    const i = this.faults.findIndex((f) => !!f.after === after && (!f.path || f.path.test(path)));
    if (i < 0) return null;
    const f = this.faults[i];
    if (--f.times <= 0) this.faults.splice(i, 1);
    return f;
  }

  json(raw) {
    try {
      const v = JSON.parse(raw);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v;
    } catch {}
    throw new Refusal(400, 'Invalid request', 'The body is not a JSON object');
  }

  // ---- token -----------------------------------------------------------------------------

  grant(body) {
    const keys = Object.keys(body).sort().join(',');
    if (keys !== 'client_id,client_secret,grant_type' || body.grant_type !== 'client_credentials')
      throw new Refusal(400, 'Invalid request', `expected client_id, client_secret and grant_type client_credentials, got ${keys}`);
    if (body.client_id !== this.clientId || body.client_secret !== this.clientSecret)
      throw new Refusal(401, 'Unauthorized', 'Invalid client credentials');
    this.grants++;
    const token = randomBytes(24).toString('base64url');
    const expires = Date.now() + this.tokenLifetime * 1000;
    this.tokens.set(token, { expires, revoked: false });
    return { access_token: token, expires: Math.floor(expires / 1000), expires_in: this.tokenLifetime, token_type: 'bearer' };
  }

  authorize(header = '') {
    const m = /^Bearer (\S+)$/.exec(header);
    const t = m && this.tokens.get(m[1]);
    if (!m) throw Object.assign(new Refusal(401, 'Unauthorized', 'Missing bearer token'));
    if (!t || t.revoked || t.expires <= Date.now()) throw Object.assign(new Refusal(401, 'Unauthorized', 'Token expired or invalid'), { expected: !!t });
  }

  // ---- orders ----------------------------------------------------------------------------

  contact(c, side) {
    if (!c || typeof c !== 'object') throw invalid(side, 'required');
    const name = c.name;
    if (!isString(name) || [...name].length < 3 || [...name].length > 255) throw invalid(`${side}.name`, 'must be 3 to 255 characters');
    if (!isString(c.phone_number) && !isString(c.email)) throw invalid(side, 'either phone_number or email is required');
    if (isString(c.phone_number) && !/^\+?\d{8,15}$/.test(c.phone_number)) throw invalid(`${side}.phone_number`, 'is not a phone number');
    if (isString(c.email) && !/^[^@\s]+@[^@\s]+$/.test(c.email)) throw invalid(`${side}.email`, 'is not an email');
    const a = c.address;
    if (!a || typeof a !== 'object') throw invalid(`${side}.address`, 'required');
    for (const f of ['address1', 'city', 'state']) if (!isString(a[f]) || !a[f].trim()) throw invalid(`${side}.address.${f}`, 'required');
    if (a.country !== this.country.toUpperCase()) throw invalid(`${side}.address.country`, `must be ${this.country.toUpperCase()}`);
    if (this.country === 'my' && !/^\d{5}$/.test(a.postcode || '')) throw invalid(`${side}.address.postcode`, 'must be 5 digits');
  }

  slot(s, field) {
    if (!s || !TIMESLOTS.some(([a, b]) => s.start_time === a && s.end_time === b)) throw invalid(field, `must be one of ${TIMESLOTS.map((x) => x.join('-')).join(', ')}`);
    if (s.timezone !== TIMEZONE) throw invalid(`${field}.timezone`, `must be ${TIMEZONE}`);
  }

  checkOrder(b) {
    if (!SERVICE_TYPES.includes(b.service_type)) throw invalid('service_type', 'unknown');
    if (!SERVICE_LEVELS.includes(b.service_level)) throw invalid('service_level', 'unknown');
    const rtn = b.requested_tracking_number;
    if (!isString(rtn) || !/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/.test(rtn) || rtn.length > 20) throw invalid('requested_tracking_number', 'letters and digits with single hyphens, at most 20');
    if (!isString(b.reference?.merchant_order_number) || !b.reference.merchant_order_number) throw invalid('reference.merchant_order_number', 'required');
    this.contact(b.from, 'from');
    this.contact(b.to, 'to');
    const job = b.parcel_job;
    if (!job || typeof job.is_pickup_required !== 'boolean') throw invalid('parcel_job.is_pickup_required', 'a boolean is required');
    if (job.is_pickup_required) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(job.pickup_date || '')) throw invalid('parcel_job.pickup_date', 'YYYY-MM-DD required');
      this.slot(job.pickup_timeslot, 'parcel_job.pickup_timeslot');
      if (!['Scheduled', 'On-Demand'].includes(job.pickup_service_type)) throw invalid('parcel_job.pickup_service_type', 'unknown');
      if (job.pickup_address) this.contact(job.pickup_address, 'parcel_job.pickup_address');
    } else if (job.pickup_timeslot || job.pickup_date) throw invalid('parcel_job', 'a pickup date or timeslot without a pickup');
    if (job.delivery_timeslot) this.slot(job.delivery_timeslot, 'parcel_job.delivery_timeslot');
    if (job.delivery_start_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(job.delivery_start_date)) throw invalid('parcel_job.delivery_start_date', 'YYYY-MM-DD');
    const d = job.dimensions;
    if (!d || !(typeof d.weight === 'number' && d.weight > 0)) throw invalid('parcel_job.dimensions.weight', 'must be positive (kg)');
    for (const f of ['length', 'width', 'height']) if (d[f] !== undefined && !(typeof d[f] === 'number' && d[f] > 0)) throw invalid(`parcel_job.dimensions.${f}`, 'must be positive (cm)');
    if (job.insured_value !== undefined && !(twoDecimals(job.insured_value) && job.insured_value >= 0)) throw invalid('parcel_job.insured_value', 'RM with at most two decimals');
    for (const [i, it] of (job.items || []).entries()) {
      if (!isString(it.item_description) || !it.item_description) throw invalid(`parcel_job.items[${i}].item_description`, 'required');
      if (!Number.isInteger(it.quantity) || it.quantity < 1) throw invalid(`parcel_job.items[${i}].quantity`, 'at least 1');
    }
  }

  create(b) {
    const refusal = this.refusals.shift();
    if (refusal) throw Object.assign(refusal, { expected: true });
    this.checkOrder(b);
    const rtn = b.requested_tracking_number;
    const existing = this.requested.get(rtn.toUpperCase());
    if (existing)
      throw Object.assign(new Refusal(400, 'Duplicate requested tracking number', `Order with tracking number ${existing} already exists`, { requested_tracking_number: rtn }), { expected: true });
    const tracking = `${this.prefix}${rtn.toUpperCase()}`;
    const status = b.parcel_job.is_pickup_required ? 'Pending Pickup' : 'Pending Pickup, Shipper Dropoff';
    const order = { tracking_number: tracking, body: b, status, reference: b.reference.merchant_order_number, history: [] };
    this.orders.set(tracking, order);
    this.requested.set(rtn.toUpperCase(), tracking);
    this.advance(tracking, status);
    return { ...structuredClone(b), tracking_number: tracking };
  }

  waybill(params) {
    const tid = params.get('tid');
    if (!tid || !this.orders.has(tid)) throw new Refusal(404, 'Not found', `No order with tracking number ${tid}`);
    return this.pdfOf(tid);
  }

  cancel(tracking) {
    const o = this.orders.get(tracking);
    if (!o) throw new Refusal(404, 'Not found', `No order with tracking number ${tracking}`);
    if (o.status === 'Cancelled') throw Object.assign(new Refusal(400, 'Cancel failed', `Order ${tracking} is already cancelled`), { expected: true });
    if (!BEFORE_PICKUP.includes(o.status))
      throw Object.assign(new Refusal(400, 'Cancel failed', `Order ${tracking} cannot be cancelled: its status is ${o.status}`, { status: o.status }), { expected: true });
    this.advance(tracking, 'Cancelled');
    return { trackingId: tracking, status: 'Cancelled', updatedAt: mytIso(this.clock) };
  }

  // ---- webhooks --------------------------------------------------------------------------

  sign(body, secret = this.webhookSecret) {
    return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
  }

  // The parcel moves to `status`: the order remembers it, a webhook is made (and sent).
  advance(tracking, status, { reason = '', rtsLeg = false } = {}) {
    const o = this.orders.get(tracking);
    if (!o) throw new Error(`FakeNinjaVan: no order ${tracking}`);
    o.status = status;
    this.clock += 60e3;
    const payload = {
      tracking_id: tracking,
      shipper_order_ref_no: o.reference,
      status,
      timestamp: mytIso(this.clock),
      is_parcel_on_rts_leg: rtsLeg || /^Returned to Sender$/.test(status),
      comments: '',
    };
    if (/^Pickup Exception/.test(status)) payload.pickup_exception = { failure_reason: reason || 'Seller not available' };
    if (/^Delivery Exception/.test(status)) payload.delivery_exception = { failure_reason: reason || 'Recipient not at home' };
    if (/^Delivered/.test(status)) payload.delivery_information = { state: 'Delivered', proof: { signature_uri: '', image_uris: [] } };
    const body = JSON.stringify(payload);
    const hook = { body, signature: this.sign(body), payload };
    o.history.push(hook);
    this.pending.push(hook);
    if (!this.holdWebhooks) this.flush().catch(() => {});
    return hook;
  }

  journey(tracking, path) {
    return JOURNEYS[path].map((status) => this.advance(tracking, status));
  }

  // Deliver what is pending (each `twice` when asked: a duplicate; in `reverse` order when
  // asked: out of order), in sequence. Resolves with the deliveries made.
  async flush({ twice = false, reverse = false } = {}) {
    const batch = this.pending.splice(0);
    if (reverse) batch.reverse();
    const made = [];
    for (const hook of batch) {
      for (let i = 0; i < (twice ? 2 : 1); i++) made.push(await this.deliver(hook));
    }
    return made;
  }

  async deliver(hook) {
    const d = { ...hook, status: 0 };
    if (this.webhook) {
      const r = await fetch(this.webhook, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Ninjavan-Hmac-Sha256': hook.signature }, body: hook.body });
      d.status = r.status;
      await r.arrayBuffer();
    }
    this.deliveries.push(d);
    return d;
  }
}
