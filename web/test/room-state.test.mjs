// The show room's merge rules (src/show/state.ts), without a browser: a REST snapshot, a
// replayed event and a live event may land in any order and the view must converge.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importTs } from './lib/import-ts.mjs';

let s;

before(async () => { s = await importTs('src/show/state.ts'); });

const base = {
  id: 'a1', stream_id: 's1', status: 'running', current_bid: 300, min_next_bid: 400, bid_count: 2,
  leader_id: 'u2', winner_id: null, ends_at: '2026-01-01T10:00:20.000Z', server_time: '2026-01-01T10:00:00.000Z',
};

test('price, minimum, count and end time only rise, whatever the order', () => {
  const older = { id: 'a1', current_bid: 200, min_next_bid: 300, bid_count: 1, leader_id: 'u1', ends_at: '2026-01-01T10:00:10.000Z' };
  const newer = { id: 'a1', current_bid: 500, min_next_bid: 600, bid_count: 3, leader_id: 'u3', ends_at: '2026-01-01T10:00:30.000Z' };
  const one = s.mergeAuction(s.mergeAuction(base, older), newer);
  const two = s.mergeAuction(s.mergeAuction(base, newer), older);
  for (const m of [one, two]) {
    assert.equal(m.current_bid, 500);
    assert.equal(m.min_next_bid, 600);
    assert.equal(m.bid_count, 3);
    assert.equal(m.ends_at, '2026-01-01T10:00:30.000Z');
    assert.equal(m.leader_id, 'u3', 'an older snapshot does not move the lead back');
  }
});

test('ended is final, and so is its winner', () => {
  const ended = s.mergeAuction(base, { id: 'a1', status: 'ended', winner_id: 'u2', winner: { id: 'u2', username: 'siti' } });
  const late = s.mergeAuction(ended, { id: 'a1', status: 'running', winner_id: null, winner: null });
  assert.equal(late.status, 'ended');
  assert.equal(late.winner_id, 'u2');
  assert.equal(late.winner.username, 'siti');
});

test('another auction replaces the current one', () => {
  const next = s.mergeAuction(base, { ...base, id: 'a2', current_bid: null, min_next_bid: 100 });
  assert.equal(next.id, 'a2');
  assert.equal(next.current_bid, null);
});

test('bids are keyed by id, highest first, keeping a known name', () => {
  const row = (id, amount, username = null) => ({ id, bidder_id: 'u1', username, amount, by_proxy: false, created_at: '2026-01-01T10:00:00.000Z' });
  const bids = s.addBids([row('b1', 100, 'ali')], [row('b2', 300), row('b1', 100)]);
  assert.deepEqual(bids.map((b) => b.id), ['b2', 'b1']);
  assert.equal(bids[1].username, 'ali');
});

test('chat is kept oldest first, without repeats, the last 200', () => {
  const msg = (i) => ({ id: `m${String(i).padStart(4, '0')}`, stream_id: 's1', user: { id: 'u1', username: 'ali' }, text: 'hi', created_at: new Date(Date.UTC(2026, 0, 1, 10, 0, i)).toISOString() });
  const all = Array.from({ length: 250 }, (_, i) => msg(i));
  const merged = s.mergeChat(all.slice(100).reverse(), all.slice(0, 150));
  assert.equal(merged.length, 200);
  assert.equal(merged[0].id, 'm0050');
  assert.equal(merged.at(-1).id, 'm0249');
});

test('the buyer\'s standing', () => {
  const st = { ...s.initialState('s1'), auction: base };
  assert.equal(s.standing(st, null), 'none');
  assert.equal(s.standing(st, 'u2'), 'winning');
  assert.equal(s.standing(st, 'u1'), 'none');
  assert.equal(s.standing({ ...st, myBidOn: { a1: true } }, 'u1'), 'outbid');
  const over = { ...st, auction: { ...base, status: 'ended', winner_id: 'u2' }, myBidOn: { a1: true } };
  assert.equal(s.standing(over, 'u2'), 'won');
  assert.equal(s.standing(over, 'u1'), 'lost');
});

test('one status line: the last bid\'s answer only while nothing newer happened, then the standing', () => {
  const money = (v) => (v === null ? '—' : `RM ${(v / 100).toFixed(2)}`);
  const a = { ...base, leader_id: 'me', current_bid: 500, min_next_bid: 600 };
  const st = { ...s.initialState('s1'), auction: a, myBidOn: { a1: true } };
  const placed = s.noteFor(a, 'placed', 'Bid of RM 5.00 placed.');
  let line = s.statusLine(a, s.standing(st, 'me'), placed, money);
  assert.equal(line.kind, 'winning');
  assert.equal(line.text, "Bid of RM 5.00 placed. You're the highest bidder at RM 5.00.");

  // Someone outbids: the "placed" note is stale and disappears; outbid is the only message.
  const b = s.mergeAuction(a, { id: 'a1', current_bid: 600, min_next_bid: 700, leader_id: 'u9' });
  line = s.statusLine(b, s.standing({ ...st, auction: b }, 'me'), placed, money);
  assert.deepEqual(line, { kind: 'outbid', text: "You've been outbid: RM 6.00. Bid RM 7.00 to lead." });

  // A refusal shows while it is the latest news, and gives way to the next event.
  const refused = s.noteFor(b, 'refused', 'Someone bid first: the lowest bid now is RM 7.00.');
  line = s.statusLine(b, 'outbid', refused, money);
  assert.deepEqual(line, { kind: 'refused', text: 'Not placed: Someone bid first: the lowest bid now is RM 7.00.' });
  const c = s.mergeAuction(b, { id: 'a1', current_bid: 700, min_next_bid: 800, leader_id: 'me' });
  assert.equal(s.statusLine(c, 'winning', refused, money).kind, 'winning');

  // Ended: won, lost, sold to someone who lets their name be shown, or not sold.
  const won = s.mergeAuction(c, { id: 'a1', status: 'ended', winner_id: 'me', winner: { id: 'me', username: 'me' } });
  assert.equal(s.statusLine(won, 'won', refused, money).text, 'You won! — RM 7.00. See it in your orders.');
  const sold = { ...won, winner_id: 'u9', winner: { id: 'u9', username: 'siti' } };
  assert.equal(s.statusLine(sold, 'lost', null, money).text, 'You lost this one — sold for RM 7.00 to siti.');
  assert.equal(s.statusLine({ ...sold, winner: null }, 'none', null, money).text, 'Auction over — sold for RM 7.00.');
  assert.equal(s.statusLine({ ...won, winner_id: null, winner: null }, 'none', null, money).text, 'Auction over — not sold.');
  assert.equal(s.statusLine({ ...won, status: 'cancelled', winner_id: null }, 'none', null, money).kind, 'over');

  // A note about another auction never shows.
  const other = { ...a, id: 'a2', leader_id: 'u9' };
  assert.equal(s.statusLine(other, 'none', s.noteFor(a, 'refused', 'x'), money).kind, 'open');
});
