// A show room's live state: the show, its current auction and bids, chat, viewers, and
// what the signed-in buyer stands to win or lose (state.ts holds the state and its merge
// rules). Events arrive over the socket; the same state is rebuilt over REST after a
// reconnect, so a bid is never missing from the view.
import type { Socket } from 'socket.io-client';
import * as api from '../api/endpoints';
import type { BidBody } from '../api/endpoints';
import { idemKey } from '../api/client';
import { ackError, ApiError, errorMessage, errorText } from '../api/errors';
import type { Auction, AuctionState, ChatMessage, Id, LogEntry, Stage, Stream } from '../api/types';
import type { Ack, AuctionUpdateEvent, BidAck, BidEvent, JoinAck } from '../realtime/events';
import { createStore, type Store } from '../lib/store';
import { money } from '../lib/format';
import { session } from '../state/session';
import { emitAsUser, getSocket } from '../realtime/socket';
import { sampleClock } from '../realtime/clock';
import {
  addBids, fromUpdate, initialState, mergeAuction, mergeChat, type AuctionView, type BidRow, type RoomState,
} from './state';

const usernames = new Map<Id, string>();

export class Room {
  readonly state: Store<RoomState>;
  private socket: Socket;
  private offs: Array<() => void> = [];
  private closed = false;
  private joinedOnce = false;
  private joining: Promise<void> | null = null;
  private stageEvents = 0;

  constructor(readonly streamId: Id) {
    this.state = createStore(initialState(streamId));
    this.socket = getSocket();
  }

  private get me(): Id | null {
    return session.get()?.user.id ?? null;
  }

  private patch(p: Partial<RoomState> | ((s: RoomState) => Partial<RoomState>)) {
    if (this.closed) return;
    this.state.set((s) => ({ ...s, ...(typeof p === 'function' ? p(s) : p) }));
  }

  private announce(text: string) {
    this.patch((s) => ({ announcement: text, announceSeq: s.announceSeq + 1 }));
  }

  async open(): Promise<void> {
    const on = <T>(ev: string, fn: (p: T) => void) => {
      const h = (p: T) => {
        if (!this.closed) fn(p);
      };
      this.socket.on(ev, h);
      this.offs.push(() => this.socket.off(ev, h));
    };
    on<AuctionUpdateEvent>('auction:update', (e) => this.onAuctionUpdate(e));
    on<BidEvent>('auction:bid', (e) => this.onBid(e));
    on<ChatMessage>('chat:message', (m) => this.onChat(m));
    on<{ message_id: Id }>('chat:deleted', (e) =>
      this.patch((s) => ({ chat: s.chat.filter((m) => m.id !== e.message_id), pinned: s.pinned?.id === e.message_id ? null : s.pinned })));
    on<{ message: ChatMessage | null }>('chat:pinned', (e) => this.applyPinned(e.message));
    on<{ user_id: Id; until: string }>('chat:muted', (e) => {
      if (e.user_id === this.me) this.patch({ mutedUntil: e.until });
    });
    on<{ user_id: Id }>('chat:unmuted', (e) => {
      if (e.user_id === this.me) this.patch({ mutedUntil: null });
    });
    on<{ user_id: Id }>('chat:banned', (e) => {
      if (e.user_id === this.me) this.patch({ banned: true });
      this.patch((s) => ({ chat: s.chat.filter((m) => m.user.id !== e.user_id) }));
    });
    on<{ user_id: Id }>('chat:unbanned', (e) => {
      if (e.user_id === this.me) this.patch({ banned: false });
    });
    on<{ seconds: number }>('chat:slow_mode', (e) => this.patch({ slowModeS: e.seconds }));
    on<Stage>('show:stage', (e) => {
      this.stageEvents++;
      this.applyStage(e);
    });
    on<{ viewers: number }>('user:joined', (e) => this.patch({ viewers: e.viewers }));
    on<{ viewers: number }>('user:left', (e) => this.patch({ viewers: e.viewers }));
    on<{ stream_id: Id; status: Stream['status'] }>('stream:status', (e) =>
      this.patch((s) => ({ stream: s.stream ? { ...s.stream, status: e.status } : s.stream })));
    on<void>('disconnect', () => this.patch({ phase: 'reconnecting' }));
    on<void>('connect', () => {
      // Recovered: the server replayed the missed events before this. Not recovered
      // (a new session; the server also says so when it cannot vouch for the replay):
      // join again, and reload the chat that was missed. Both: re-sync the auction over
      // REST as the safety net.
      const recovered = this.socket.recovered;
      if (!recovered || !this.joinedOnce) void this.join();
      else this.patch({ phase: 'joined' });
      if (this.joinedOnce) {
        void this.resync();
        if (!recovered) {
          void this.resyncChat();
          void this.resyncStage();
        }
      }
    });

    // First paint from REST while the socket connects.
    const [st, chat, settings] = await Promise.allSettled([
      api.getStream(this.streamId),
      api.chatHistory(this.streamId),
      api.chatSettings(this.streamId),
    ]);
    void this.resyncStage();
    if (st.status === 'rejected') {
      this.patch({ phase: 'error', error: errorText(st.reason) });
      return;
    }
    this.patch((s) => ({
      stream: s.stream ?? st.value.stream,
      chat: chat.status === 'fulfilled' ? mergeChat(s.chat, [...chat.value.messages].reverse()) : s.chat,
      slowModeS: settings.status === 'fulfilled' ? settings.value.settings.slow_mode_s : s.slowModeS,
      pinned: settings.status === 'fulfilled' ? settings.value.settings.pinned ?? null : s.pinned,
    }));
    if (this.socket.connected) void this.join();
  }

  close(): void {
    if (this.closed) return;
    if (this.socket.connected) this.socket.emit('leave:stream', { stream_id: this.streamId });
    this.closed = true;
    for (const off of this.offs) off();
    this.offs = [];
  }

  /** Join the room; a join already in flight is shared (connect and first paint race). */
  private join(): Promise<void> {
    this.joining ??= this.doJoin().finally(() => {
      this.joining = null;
    });
    return this.joining;
  }

  private async doJoin(): Promise<void> {
    const t0 = Date.now();
    let ack: Ack<JoinAck>;
    try {
      ack = await emitAsUser('join:stream', { stream_id: this.streamId });
    } catch {
      return; // timed out: the next connect joins again
    }
    if (this.closed) return;
    if (!ack.ok) {
      this.patch({ phase: 'error', error: errorMessage(ackError(ack.error)) });
      return;
    }
    sampleClock(ack.server_time, t0, Date.now());
    this.joinedOnce = true;
    const prev = this.state.get().auction;
    this.patch((s) => ({ phase: 'joined', error: null, stream: ack.stream ?? s.stream, viewers: ack.viewers, canModerate: !!ack.can_moderate }));
    if (ack.auction) {
      this.setAuction(ack.auction);
      void this.loadLog(ack.auction.id);
    } else if (prev && prev.status === 'running') {
      void this.refreshAuction(prev.id); // it ended while we were away
    }
  }

  /** After a reconnect that was not recovered: the latest chat, from REST. */
  private async resyncChat(): Promise<void> {
    try {
      const { messages } = await api.chatHistory(this.streamId);
      this.patch((s) => ({ chat: mergeChat(s.chat, [...messages].reverse()) }));
    } catch {
      /* offline again: the next reconnect retries */
    }
  }

  /** Who is on stage, from REST (on opening, and after a reconnect that was not recovered). */
  private async resyncStage(): Promise<void> {
    const before = this.stageEvents;
    try {
      const stage = await api.cohosts(this.streamId);
      if (this.stageEvents === before) this.applyStage(stage); // else an event told us later news
    } catch {
      /* offline: the next reconnect retries, and show:stage carries the whole stage */
    }
  }

  /** After a reconnect: the auction and every accepted bid, from REST. */
  private async resync(): Promise<void> {
    const a = this.state.get().auction;
    if (!a) return;
    await this.refreshAuction(a.id);
    await this.loadLog(a.id);
  }

  private async refreshAuction(id: Id): Promise<void> {
    const t0 = Date.now();
    try {
      const { auction } = await api.getAuction(id);
      sampleClock(auction.server_time, t0, Date.now());
      this.setAuction(auction);
    } catch {
      /* offline again: the next reconnect retries */
    }
  }

  private async loadLog(id: Id): Promise<void> {
    let entries: LogEntry[];
    try {
      ({ entries } = await api.auctionLog(id));
    } catch {
      return;
    }
    if (this.state.get().auction?.id !== id) return;
    const rows: BidRow[] = entries.map((e) => ({
      id: e.id, bidder_id: e.bidder.id, username: e.bidder.username || (usernames.get(e.bidder.id) ?? null),
      amount: e.amount, by_proxy: e.by_proxy, created_at: e.created_at,
    }));
    const me = this.me;
    this.patch((s) => {
      const bids = addBids(s.bids, rows);
      const top = bids[0];
      const auction = s.auction && top && s.auction.id === id ? mergeAuction(s.auction, { id, current_bid: top.amount, leader_id: top.bidder_id }) : s.auction;
      const mine = me && rows.some((r) => r.bidder_id === me);
      return { bids, auction, myBidOn: mine ? { ...s.myBidOn, [id]: true } : s.myBidOn };
    });
    void this.nameBidders(rows.filter((r) => !r.username).map((r) => r.bidder_id));
  }

  /** The log carries bidder ids only: look their usernames up once each. */
  private async nameBidders(ids: Id[]): Promise<void> {
    for (const id of new Set(ids)) {
      if (!usernames.has(id)) {
        try {
          usernames.set(id, (await api.getUser(id)).user.username);
        } catch {
          continue;
        }
      }
      const name = usernames.get(id)!;
      this.patch((s) => ({ bids: s.bids.map((b) => (b.bidder_id === id && !b.username ? { ...b, username: name } : b)) }));
    }
  }

  private setAuction(a: AuctionView): void {
    const before = this.state.get().auction;
    const merged = mergeAuction(before, a);
    this.patch((s) => ({ auction: merged, bids: before && before.id !== a.id ? [] : s.bids }));
    if (merged.status !== 'running' && (!before || before.id !== a.id || before.status === 'running')) this.finished(merged);
  }

  private onAuctionUpdate(e: AuctionUpdateEvent): void {
    if (e.stream_id && e.stream_id !== this.streamId) return;
    const cur = this.state.get().auction;
    if (cur && cur.id !== e.auction_id && cur.status === 'running' && e.status !== 'running') return; // stale
    const isNew = !cur || cur.id !== e.auction_id;
    const wasRunning = !!cur && cur.id === e.auction_id && cur.status === 'running';
    const merged = mergeAuction(isNew ? null : cur, fromUpdate(e));
    this.patch((s) => ({ auction: merged, bids: isNew ? [] : s.bids }));
    if (isNew) {
      if (e.status === 'running') this.announce(`New lot open: bidding starts at ${money(e.min_next_bid)}`);
      void this.refreshAuction(e.auction_id); // buy-it-now price, reserve, leader
    }
    if (e.status !== 'running' && (isNew || wasRunning)) this.finished(merged);
  }

  private finished(a: AuctionView): void {
    const me = this.me;
    const s = this.state.get();
    const amount = a.current_bid;
    const winner = a.winner ?? (a.winner_id ? { id: a.winner_id, username: usernames.get(a.winner_id) ?? '' } : null);
    if (a.product_id) {
      this.patch((st) => ({ results: { ...st.results, [a.product_id!]: { auction_id: a.id, product_id: a.product_id!, winner, amount } } }));
    }
    if (me && a.winner_id === me) this.announce(`You won this lot for ${money(amount)}!`);
    else if (me && s.myBidOn[a.id]) this.announce(a.winner_id ? `Auction over: you lost this lot (sold for ${money(amount)}).` : 'Auction over: the lot did not sell.');
    else this.announce(a.winner_id ? `Sold for ${money(amount)}${winner?.username ? ` to ${winner.username}` : ''}.` : 'Auction over: the lot did not sell.');
  }

  private onBid(e: BidEvent): void {
    const cur = this.state.get().auction;
    if (!cur || cur.id !== e.auction_id) {
      void this.refreshAuction(e.auction_id).then(() => this.loadLog(e.auction_id));
      return;
    }
    usernames.set(e.bidder.id, e.bidder.username);
    const me = this.me;
    const wasLeader = !!me && cur.leader_id === me;
    const row: BidRow = { id: e.id, bidder_id: e.bidder.id, username: e.bidder.username, amount: e.amount, by_proxy: !!e.by_proxy, created_at: e.created_at };
    this.patch((s) => {
      const bids = addBids(s.bids, [row]);
      const top = bids[0];
      const auction = mergeAuction(s.auction, {
        id: e.auction_id, current_bid: e.current_bid, min_next_bid: e.min_next_bid, ends_at: e.ends_at,
        leader_id: top.bidder_id, bid_count: Math.max(s.auction?.bid_count ?? 0, bids.length),
      });
      const mine = e.bidder.id === me;
      return { bids, auction, myBidOn: mine ? { ...s.myBidOn, [e.auction_id]: true } : s.myBidOn };
    });
    const leader = this.state.get().auction?.leader_id;
    if (me && leader === me && !wasLeader) this.announce(`You're the highest bidder at ${money(e.current_bid)}.`);
    else if (me && wasLeader && leader !== me) this.announce(`You've been outbid! Current bid ${money(e.current_bid)}.`);
  }

  private onChat(m: ChatMessage): void {
    if (m.stream_id !== this.streamId) return;
    this.patch((s) => ({ chat: mergeChat(s.chat, [m]) }));
  }

  // ---- actions

  /** A show the seller changed over REST (go live, end): show it before the event comes. */
  applyStream(stream: Stream): void {
    this.patch((s) => ({ stream: { ...stream, products: stream.products ?? s.stream?.products } }));
  }

  /** The stage (show:stage or GET /cohosts: the same object, always the whole of it). */
  applyStage(stage: Stage): void {
    if (stage.stream_id === this.streamId) this.patch({ cohosts: stage.cohosts });
  }

  /** The pinned message, from the event or the staff's own REST answer. */
  applyPinned(m: ChatMessage | null): void {
    this.patch({ pinned: m });
  }

  /** An auction the seller just started over REST. */
  applyAuction(a: Auction): void {
    this.setAuction(a);
  }

  async sendChat(text: string): Promise<void> {
    if (this.socket.connected) {
      const ack = await emitAsUser<Ack<{ message: ChatMessage }>>('chat:message', { stream_id: this.streamId, text });
      if (!ack.ok) throw ackError(ack.error);
      this.onChat(ack.message);
    } else {
      const { message } = await api.postChat(this.streamId, text);
      this.onChat(message);
    }
  }

  /** Bid an amount, or set a maximum (proxy). Over the socket when connected, else REST. */
  async bid(body: BidBody): Promise<void> {
    const a = this.state.get().auction;
    if (!a) throw new Error('No auction is running.');
    const t0 = Date.now();
    let auction: AuctionState;
    if (this.socket.connected) {
      let ack: Ack<BidAck>;
      try {
        ack = await emitAsUser('auction:bid', { auction_id: a.id, ...body });
      } catch {
        throw new Error('No answer from the server: check the current bid before bidding again.');
      }
      if (!ack.ok) {
        this.bidRefused(a.id, ack.error.details);
        throw ackError(ack.error);
      }
      auction = ack.auction;
    } else {
      try {
        ({ auction } = await api.placeBid(a.id, body, idemKey()));
      } catch (e) {
        if (e instanceof ApiError) this.bidRefused(a.id, e.details);
        throw e;
      }
    }
    sampleClock(auction.server_time, t0, Date.now());
    this.patch((s) => ({ myBidOn: { ...s.myBidOn, [a.id]: true } }));
    // The answer carries the auction's state, a subset of its fields: merged into the rest.
    this.setAuction(auction as AuctionView);
  }

  /** A refusal carries the real price: show it at once. */
  private bidRefused(id: Id, details: Record<string, unknown> | undefined) {
    const cur = details && typeof details.current_bid === 'number' ? details.current_bid : undefined;
    const min = details && typeof details.min_next_bid === 'number' ? details.min_next_bid : undefined;
    if (cur !== undefined || min !== undefined) {
      this.patch((s) => ({ auction: s.auction ? mergeAuction(s.auction, { id, current_bid: cur, min_next_bid: min }) : s.auction }));
    }
  }
}

