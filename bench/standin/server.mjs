// Stand-in real-time server for developing bench/blytz-load before blytz's own
// gateway exists. Official socket.io 4.8 on node:http, state in memory (no
// database: figures against it are an upper bound for a Node peer, not the
// DESIGN §6 "Node.js peer" that persists bids in PostgreSQL).
//
// It implements only what the load generator's setup and scenarios use, with
// the shapes of DESIGN §3: register, become seller, categories, products,
// streams (+ live), auctions (start, get, bid) and the Socket.IO events
// join:stream / leave:stream / auction:bid / auction:update.
//
// Usage: node server.mjs PORT   (listens on 127.0.0.1 only)
import http from 'node:http';
import crypto from 'node:crypto';
import { Server } from 'socket.io';

const port = Number(process.argv[2] || 8090);
const RM = (x) => x * 100;
const PRICE_CAP = RM(1000000);
// The increment table of docs/auctions.md: the step of the band the current price is in.
const BANDS = [
  [RM(0), RM(1)], [RM(30), RM(2)], [RM(50), RM(5)], [RM(100), RM(10)], [RM(250), RM(25)],
  [RM(500), RM(50)], [RM(5000), RM(100)], [RM(10000), RM(250)], [RM(25000), RM(500)],
  [RM(50000), RM(1000)], [RM(100000), RM(2500)],
];
const increment = (cur) => BANDS.reduce((step, [from, s]) => (cur >= from ? s : step), RM(1));

const users = new Map(); // id -> user
const tokens = new Map(); // access token -> user id
const products = new Map();
const streams = new Map();
const auctions = new Map();
let nextId = 1;
const newId = (prefix) => `${prefix}_${(nextId++).toString(36)}`;
const now = () => Date.now();
const iso = (ms) => (ms == null ? null : new Date(ms).toISOString());

class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    Object.assign(this, { status, code, details });
  }
}

function minNext(a) {
  return a.current_bid == null ? a.starting_bid : a.current_bid + increment(a.current_bid);
}

function auctionView(a) {
  return {
    id: a.id, stream_id: a.stream_id, product_id: a.product_id, status: a.status, mode: a.mode,
    starting_bid: a.starting_bid, current_bid: a.current_bid, min_next_bid: minNext(a),
    currency: 'MYR', winner_id: a.winner_id, ends_at: iso(a.ends_at), bid_count: a.bids,
  };
}

const streamView = (s) => ({
  id: s.id, seller_id: s.seller_id, title: s.title, status: s.status, starts_at: iso(s.starts_at),
  started_at: iso(s.started_at), ended_at: null, product_ids: s.product_ids,
});

function userOf(req) {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization || '');
  const id = m && tokens.get(m[1]);
  if (!id) throw new ApiError(401, 'unauthorized', 'Authentication required');
  return users.get(id);
}

function issueToken(user) {
  const t = crypto.randomBytes(18).toString('base64url');
  tokens.set(t, user.id);
  return t;
}

function closeIfDue(a, t) {
  if (a.status === 'running' && t >= a.ends_at) endAuction(a);
}

function endAuction(a) {
  a.status = 'ended';
  a.winner_id = a.leader_id;
  streams.get(a.stream_id).auction_id = null;
  io.to(`stream:${a.stream_id}`).emit('auction:update', {
    auction_id: a.id, status: a.status, current_bid: a.current_bid, ends_at: iso(a.ends_at),
    winner: a.winner_id, seq: ++streams.get(a.stream_id).seq,
  });
}

// One rule set for HTTP and socket bids; broadcasts after the state changed.
function placeBid(user, auctionId, amount) {
  const a = auctions.get(auctionId);
  if (!a) throw new ApiError(404, 'not_found', 'Not found');
  const t = now();
  closeIfDue(a, t);
  if (a.status !== 'running') throw new ApiError(409, 'auction_ended', 'Auction has ended');
  if (!Number.isInteger(amount) || amount <= 0 || amount > PRICE_CAP)
    throw new ApiError(422, 'validation_failed', 'amount is invalid', { field: 'amount' });
  if (user.id === a.seller_id) throw new ApiError(403, 'not_eligible', 'Not eligible to bid');
  if (user.id === a.leader_id)
    throw new ApiError(409, 'already_highest_bidder', 'You are already the highest bidder');
  if (amount < minNext(a))
    throw new ApiError(422, 'bid_too_low', 'Bid is below the minimum next bid',
      { current_bid: a.current_bid, min_next_bid: minNext(a) });
  const bought = a.buy_now_price != null && amount >= a.buy_now_price;
  a.current_bid = bought ? a.buy_now_price : amount;
  a.leader_id = user.id;
  a.bids++;
  if (a.mode === 'standard' && !bought && a.ends_at - t < 10000) a.ends_at = t + 10000;
  const bid = {
    id: newId('bid'), auction_id: a.id, bidder: { id: user.id, username: user.username },
    amount: a.current_bid, currency: 'MYR', by_proxy: false, created_at: iso(t),
  };
  const s = streams.get(a.stream_id);
  io.to(`stream:${s.id}`).emit('auction:bid', {
    ...bid, current_bid: a.current_bid, min_next_bid: minNext(a), ends_at: iso(a.ends_at), seq: ++s.seq,
  });
  if (bought) endAuction(a);
  return { bid, auction: auctionView(a) };
}

// The signed-in user, who must be a seller.
function sellerOf(req) {
  const u = userOf(req);
  if (!u.is_seller) throw new ApiError(403, 'not_a_seller', 'Account is not a seller');
  return u;
}

// Show `id`, which must be the signed-in user's.
function ownStream(req, id) {
  const u = userOf(req);
  const s = streams.get(id);
  if (!s) throw new ApiError(404, 'not_found', 'Not found');
  if (s.seller_id !== u.id) throw new ApiError(403, 'forbidden', 'Not allowed');
  return s;
}

const routes = [
  ['POST', /^\/api\/v1\/auth\/register$/, (req, b) => {
    if (!b.email || !b.username || !b.password) throw new ApiError(422, 'validation_failed', 'missing field');
    const user = { id: newId('usr'), email: b.email, username: b.username, is_seller: false };
    users.set(user.id, user);
    return [201, { user, access_token: issueToken(user), refresh_token: crypto.randomUUID() }];
  }],
  ['POST', /^\/api\/v1\/sellers$/, (req, b) => {
    const u = userOf(req);
    u.is_seller = true;
    return [201, { seller: { id: u.id, user_id: u.id, shop_name: b.shop_name } }];
  }],
  ['GET', /^\/api\/v1\/categories$/, () => [200, { categories: [{ id: 'cat_1', name: 'Watches', slug: 'watches' }] }]],
  ['POST', /^\/api\/v1\/products$/, (req, b) => {
    const u = sellerOf(req);
    const p = { id: newId('prd'), seller_id: u.id, title: b.title, quantity: b.quantity, buy_now_price: b.buy_now_price };
    products.set(p.id, p);
    return [201, { product: p }];
  }],
  ['POST', /^\/api\/v1\/streams$/, (req, b) => {
    const u = sellerOf(req);
    const s = { id: newId('str'), seller_id: u.id, title: b.title, status: 'scheduled',
      starts_at: Date.parse(b.starts_at), started_at: null, product_ids: b.product_ids, seq: 0, auction_id: null };
    streams.set(s.id, s);
    return [201, { stream: streamView(s) }];
  }],
  ['POST', /^\/api\/v1\/streams\/([^/]+)\/live$/, (req, b, [id]) => {
    const s = ownStream(req, id);
    s.status = 'live';
    s.started_at = now();
    return [200, { stream: streamView(s) }];
  }],
  ['POST', /^\/api\/v1\/streams\/([^/]+)\/auctions$/, (req, b, [id]) => {
    const s = ownStream(req, id);
    if (s.auction_id) {
      closeIfDue(auctions.get(s.auction_id), now());
      if (s.auction_id) throw new ApiError(409, 'auction_running', 'Another auction is running');
    }
    const t = now();
    const a = { id: newId('auc'), stream_id: s.id, seller_id: s.seller_id, product_id: b.product_id, status: 'running',
      mode: b.mode || 'standard', starting_bid: b.starting_bid, buy_now_price: b.buy_now_price ?? null,
      current_bid: null, leader_id: null, winner_id: null, bids: 0, ends_at: t + 1000 * (b.duration_s || 30) };
    auctions.set(a.id, a);
    s.auction_id = a.id;
    io.to(`stream:${s.id}`).emit('auction:update', {
      auction_id: a.id, status: a.status, current_bid: null, ends_at: iso(a.ends_at), seq: ++s.seq,
    });
    return [201, { auction: auctionView(a) }];
  }],
  ['GET', /^\/api\/v1\/auctions\/([^/]+)$/, (req, b, [id]) => {
    const a = auctions.get(id);
    if (!a) throw new ApiError(404, 'not_found', 'Not found');
    return [200, { auction: auctionView(a) }];
  }],
  ['POST', /^\/api\/v1\/auctions\/([^/]+)\/bids$/, (req, b, [id]) => [201, placeBid(userOf(req), id, b.amount)]],
  ['GET', /^\/healthz$/, () => [200, { ok: true }]],
];

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function handle(req, res, raw) {
  const path = req.url.split('?')[0];
  for (const [method, re, fn] of routes) {
    const m = re.exec(path);
    if (!m || method !== req.method) continue;
    try {
      const body = raw.length ? JSON.parse(raw) : {};
      const [status, out] = fn(req, body, m.slice(1));
      return send(res, status, out);
    } catch (e) {
      if (e instanceof ApiError)
        return send(res, e.status, { error: { code: e.code, message: e.message, details: e.details || {} } });
      if (e instanceof SyntaxError) return send(res, 400, { error: { code: 'invalid_json', message: e.message } });
      throw e;
    }
  }
  send(res, 404, { error: { code: 'not_found', message: 'Not found' } });
}

const server = http.createServer((req, res) => {
  if (req.url.startsWith('/socket.io/')) return; // socket.io answers its own requests
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => handle(req, res, Buffer.concat(chunks).toString()));
});
server.keepAliveTimeout = 60000;

const io = new Server(server, { serveClient: false, transports: ['polling', 'websocket'] });

io.on('connection', (socket) => {
  const uid = tokens.get(socket.handshake.auth?.token);
  const user = uid ? users.get(uid) : null;
  socket.on('join:stream', (p, ack) => {
    const s = streams.get(p?.stream_id);
    if (typeof ack !== 'function') return;
    if (!s) return ack({ error: { code: 'not_found', message: 'Not found' } });
    socket.join(`stream:${s.id}`);
    const a = s.auction_id ? auctionView(auctions.get(s.auction_id)) : null;
    ack({ ok: true, stream: streamView(s), auction: a, viewers: io.sockets.adapter.rooms.get(`stream:${s.id}`)?.size ?? 0, server_time: iso(now()) });
  });
  socket.on('leave:stream', (p, ack) => {
    socket.leave(`stream:${p?.stream_id}`);
    if (typeof ack === 'function') ack({ ok: true });
  });
  socket.on('auction:bid', (p, ack) => {
    if (typeof ack !== 'function') return;
    try {
      if (!user) throw new ApiError(401, 'unauthorized', 'Authentication required');
      ack({ ok: true, ...placeBid(user, p?.auction_id, p?.amount) });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      ack({ error: { code: e.code, message: e.message, details: e.details || {} } });
    }
  });
});

server.listen(port, '127.0.0.1', () => console.error(`standin listening on 127.0.0.1:${port} pid ${process.pid}`));
process.on('SIGTERM', () => process.exit(0));
