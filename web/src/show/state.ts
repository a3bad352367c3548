// A show room's state and the pure rules that merge what arrives into it (room.ts feeds
// them from the socket and REST).
//
// Merging is order-independent on purpose: within one auction the price, the minimum
// next bid and the end time only ever increase (soft close never shortens, docs/auctions.md),
// and ended/cancelled are final. So a REST snapshot, a replayed event and a live event
// can land in any order and the view converges on the truth.
import type { Auction, ChatMessage, Cohost, Id, Stream } from '../api/types';
import type { AuctionUpdateEvent } from '../realtime/events';

/** An auction as the room knows it: the REST object, plus the winner that auction:update names. */
export type AuctionView = Auction & { winner?: { id: Id; username: string } | null };

export interface BidRow {
  id: Id;
  bidder_id: Id;
  username: string | null;
  amount: number;
  by_proxy: boolean;
  created_at: string;
}

export type Standing = 'none' | 'winning' | 'outbid' | 'won' | 'lost';

export interface LotResult {
  auction_id: Id;
  product_id: Id;
  winner: { id: Id; username: string } | null;
  amount: number | null;
}

export interface RoomState {
  streamId: Id;
  phase: 'loading' | 'joined' | 'reconnecting' | 'error';
  error: string | null;
  stream: Stream | null;
  auction: AuctionView | null;
  bids: BidRow[]; // the current auction's, highest first
  chat: ChatMessage[]; // oldest first
  viewers: number; // across all server nodes: from the join ack, then user:joined / user:left
  canModerate: boolean; // the seller or one of their moderators (join ack)
  slowModeS: number;
  pinned: ChatMessage | null; // the message pinned above the chat
  cohosts: Cohost[]; // who is on stage beside the seller (show:stage), first invited first
  mutedUntil: string | null;
  banned: boolean;
  myBidOn: Record<Id, boolean>; // auctions this buyer bid on (to tell "lost" from "not bidding")
  results: Record<Id, LotResult>; // by product: lots sold or passed during this visit
  announcement: string; // for the aria-live region: outbid, winning, won, lost
  announceSeq: number;
}

const CHAT_KEEP = 200;

export function initialState(streamId: Id): RoomState {
  return {
    streamId, phase: 'loading', error: null, stream: null, auction: null, bids: [], chat: [],
    viewers: 0, canModerate: false, slowModeS: 0, pinned: null, cohosts: [], mutedUntil: null, banned: false, myBidOn: {}, results: {},
    announcement: '', announceSeq: 0,
  };
}

/** The buyer's standing in the current auction. */
export function standing(s: RoomState, me: Id | null): Standing {
  const a = s.auction;
  if (!a || !me) return 'none';
  if (a.status !== 'running') {
    if (a.winner_id === me) return 'won';
    return s.myBidOn[a.id] ? 'lost' : 'none';
  }
  if (a.leader_id === me) return 'winning';
  return s.myBidOn[a.id] ? 'outbid' : 'none';
}

/** Merge what is known about one auction; see the file comment for why max() is right. */
export function mergeAuction(cur: AuctionView | null, next: Partial<AuctionView> & { id: Id }): AuctionView {
  if (!cur || cur.id !== next.id) return { ...(next as AuctionView) };
  const maxN = (a: number | null | undefined, b: number | null | undefined) =>
    a === null || a === undefined ? (b ?? null) : b === null || b === undefined ? a : Math.max(a, b);
  const later = (a?: string, b?: string) => (!a ? b : !b ? a : Date.parse(a) >= Date.parse(b) ? a : b);
  const final = cur.status !== 'running' ? cur.status : next.status ?? cur.status;
  const m: AuctionView = { ...cur, ...stripUndefined(next) };
  m.status = final;
  m.current_bid = maxN(cur.current_bid, next.current_bid);
  m.min_next_bid = maxN(cur.min_next_bid, next.min_next_bid) ?? cur.min_next_bid;
  m.bid_count = maxN(cur.bid_count, next.bid_count) ?? undefined;
  m.ends_at = later(cur.ends_at, next.ends_at) ?? cur.ends_at;
  if (cur.status !== 'running') {
    m.winner_id = cur.winner_id ?? next.winner_id ?? null;
    m.winner = cur.winner ?? next.winner ?? null;
  }
  if (next.current_bid !== undefined && next.current_bid !== null && cur.current_bid !== null && next.current_bid < cur.current_bid) {
    m.leader_id = cur.leader_id; // an older snapshot must not move the lead back
  }
  return m;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const r: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (r as Record<string, unknown>)[k] = v;
  return r;
}

/** What an auction:update says about its auction. */
export function fromUpdate(e: AuctionUpdateEvent): Partial<AuctionView> & { id: Id } {
  return {
    id: e.auction_id, stream_id: e.stream_id, product_id: e.product_id, status: e.status, mode: e.mode,
    starting_bid: e.starting_bid, current_bid: e.current_bid, min_next_bid: e.min_next_bid,
    ends_at: e.ends_at, ended_at: e.ended_at, winner: e.winner, winner_id: e.winner?.id ?? null,
    bought_now: e.bought_now,
  };
}

/** Bids by id (a known username is kept), highest first. */
export function addBids(rows: BidRow[], add: BidRow[]): BidRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of add) {
    const had = byId.get(r.id);
    byId.set(r.id, had ? { ...had, username: had.username ?? r.username } : r);
  }
  return [...byId.values()].sort((a, b) => b.amount - a.amount);
}

/** Messages by id, oldest first, the last CHAT_KEEP of them. */
export function mergeChat(have: ChatMessage[], add: ChatMessage[]): ChatMessage[] {
  const ids = new Set(have.map((m) => m.id));
  const out = have.concat(add.filter((m) => !ids.has(m.id)));
  out.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || (a.id < b.id ? -1 : 1));
  return out.length > CHAT_KEEP ? out.slice(out.length - CHAT_KEEP) : out;
}

/** What the buyer's last own bid came to, kept against the auction it was about: shown only
 * while nothing has happened since (same price, leader and status), so the line never
 * contradicts a later event. */
export interface BidNote {
  kind: 'placed' | 'refused';
  text: string;
  auctionId: Id;
  price: number | null;
  leader: Id | null | undefined;
  status: Auction['status'];
}

export function noteFor(a: AuctionView, kind: BidNote['kind'], text: string): BidNote {
  return { kind, text, auctionId: a.id, price: a.current_bid, leader: a.leader_id, status: a.status };
}

export type StatusKind = 'winning' | 'outbid' | 'won' | 'lost' | 'over' | 'placed' | 'refused' | 'open';

/** The ONE status line of the lot: the buyer's standing, or their last bid's answer while
 * it is still the latest thing that happened. */
export function statusLine(a: AuctionView, st: Standing, note: BidNote | null, money: (sen: number | null) => string): { kind: StatusKind; text: string } {
  const fresh = note && note.auctionId === a.id && note.price === a.current_bid && note.leader === a.leader_id && note.status === a.status;
  if (a.status !== 'running') {
    if (st === 'won') return { kind: 'won', text: `You won! — ${money(a.current_bid)}. See it in your orders.` };
    const sold = a.winner_id ? `sold for ${money(a.current_bid)}${a.winner?.username ? ` to ${a.winner.username}` : ''}` : 'not sold';
    if (st === 'lost') return { kind: 'lost', text: `You lost this one — ${sold}.` };
    return { kind: 'over', text: a.status === 'cancelled' ? 'The seller cancelled this lot.' : `Auction over — ${sold}.` };
  }
  if (fresh && note.kind === 'refused') return { kind: 'refused', text: `Not placed: ${note.text}` };
  if (st === 'winning') return { kind: 'winning', text: fresh && note ? `${note.text} You're the highest bidder at ${money(a.current_bid)}.` : `You're the highest bidder at ${money(a.current_bid)}.` };
  if (st === 'outbid') return { kind: 'outbid', text: `You've been outbid: ${money(a.current_bid)}. Bid ${money(a.min_next_bid)} to lead.` };
  if (fresh && note) return { kind: 'placed', text: note.text };
  return { kind: 'open', text: a.current_bid === null ? `Bidding opens at ${money(a.min_next_bid)}.` : `Current bid ${money(a.current_bid)}.` };
}
