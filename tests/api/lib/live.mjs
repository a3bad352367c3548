// What the live-show suites share: waiting for an event, starting and reading an auction,
// and checking a bid log's hash chain the way a buyer does. Each helper asserts what it relies
// on (status codes), so a test that uses it keeps every check it had.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { api } from './harness.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** An ISO timestamp `ms` from now. */
export const at = (ms) => new Date(Date.now() + ms).toISOString();

/** Resolves with the arguments of `emitter`'s next `event`; rejects after `ms`. */
export function once(emitter, event, ms = 5000) {
  return new Promise((ok, fail) => {
    const t = setTimeout(() => fail(new Error(`timed out waiting for ${event}`)), ms);
    emitter.once(event, (...args) => { clearTimeout(t); ok(args); });
  });
}

/** `seller` starts an auction in the live show `streamId`; asserts 201, returns the auction. */
export async function startAuction(srv, seller, streamId, body) {
  const r = await api(srv, 'POST', `/api/v1/streams/${streamId}/auctions`, { token: seller.access_token, body });
  assert.equal(r.status, 201, r.text);
  return r.json.auction;
}

/** The auction as `who` (a session, or anonymous) reads it; asserts 200. */
export async function getAuction(srv, id, who) {
  const r = await api(srv, 'GET', `/api/v1/auctions/${id}`, { token: who?.access_token });
  assert.equal(r.status, 200, r.text);
  return r.json.auction;
}

/** Polls the auction until it is no longer running (sleeping until about its ends_at). */
export async function waitEnded(srv, id, limitMs = 30000) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const a = await getAuction(srv, id);
    if (a.status !== 'running') return a;
    if (Date.now() > deadline) throw new Error(`auction ${id} still running`);
    await sleep(Math.max(20, Math.min(500, Date.parse(a.ends_at) - Date.now() + 20)));
  }
}

/** What a buyer runs to check the log (docs/auctions.md "Verifying the bid log"): asserts
 * each entry's seq, prev_hash and hash; returns the head hash. */
export function verifyChain(auctionId, entries) {
  let prev = '0'.repeat(64);
  for (const [i, e] of entries.entries()) {
    assert.equal(e.seq, i + 1);
    assert.equal(e.prev_hash, prev);
    const line = `${auctionId}|${e.seq}|${e.id}|${e.bidder.id}|${e.amount}|${e.by_proxy ? 1 : 0}|${e.created_at_ms}`;
    const h = createHash('sha256').update(Buffer.from(prev, 'hex')).update(line).digest('hex');
    assert.equal(e.hash, h, `entry ${e.seq}`);
    prev = h;
  }
  return prev;
}

/** An after() hook's body: disconnects every socket a suite opened, then stops its servers
 * (those not started are null). */
export async function stopAll(sockets, ...servers) {
  for (const s of sockets) s.disconnect();
  for (const srv of servers) if (srv) await srv.stop();
}
