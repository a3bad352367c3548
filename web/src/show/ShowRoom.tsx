// The show room: video area, current lot with countdown and bidding, bid history,
// lineup, chat with moderation. All live state comes from realtime/room.ts.
import type { ComponentType } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, errorText } from '../api/client';
import type { Auction, ChatMessage, Id, Prebid, StreamProduct } from '../api/types';
import { clockTime, countdown, money, parseRinggit, when } from '../lib/format';
import { useStore } from '../lib/store';
import { serverNow } from '../realtime/clock';
import { Room, type BidRow, type RoomState } from '../realtime/room';
import { useSession } from '../state/session';
import * as api from '../api/endpoints';
import { ErrorBox, Field, Img, LiveBadge, Loading, useTitle } from '../components/ui';

export interface SellerControlsProps {
  room: Room;
  state: RoomState;
}

/** The seller's controls live in the studio chunk; buyers never load them. */
let SellerControls: ComponentType<SellerControlsProps> | null = null;
function useSellerControls(needed: boolean) {
  const [C, setC] = useState(() => SellerControls);
  useEffect(() => {
    if (needed && !C) import('../studio/SellerControls').then((m) => setC(() => (SellerControls = m.SellerControls)));
  }, [needed]);
  return C;
}

export function ShowRoom({ params }: { params: Record<string, string> }) {
  const room = useMemo(() => new Room(params.id), [params.id]);
  useEffect(() => {
    void room.open();
    return () => room.close();
  }, [room]);
  const st = useStore(room.state);
  const s = useSession();
  const isSeller = !!s && !!st.stream && s.user.id === st.stream.seller_id;
  const Controls = useSellerControls(isSeller);
  const prebids = usePrebids(room.streamId, !!s && !!st.stream && !isSeller ? s.user.id : null);
  useTitle(st.stream?.title ?? 'Show');

  if (st.phase === 'error' && !st.stream) return <div class="page"><h1>Show</h1><ErrorBox error={st.error} /></div>;
  if (!st.stream) return <div class="page"><Loading label="Joining the show…" /></div>;
  const stream = st.stream;
  const lots = stream.products ?? [];
  const lot = lots.find((p) => p.id === st.auction?.product_id) ?? null;

  return (
    <div class="page room" data-phase={st.phase}>
      <div class="room-main">
        <section class="stage" aria-labelledby="show-title">
          <div class="video">
            {/* No live video yet: the show's cover, else the current (or first) lot's photo, else a placeholder. */}
            <Img urls={stream.cover?.urls ?? (lot ?? lots[0])?.image?.urls} alt={`Cover of ${stream.title}`} size="large" eager class="video-img" />
            <div class="video-overlay">
              {stream.status === 'live' ? <LiveBadge /> : <span class="badge muted">{stream.status === 'scheduled' ? 'Starts soon' : 'Ended'}</span>}
              <span class="badge muted viewers" data-testid="viewers">{st.viewers} watching</span>
            </div>
          </div>
          <h1 id="show-title">{stream.title}</h1>
          <p class="muted">
            <a href={`/sellers/${stream.seller.username}`}>{stream.seller.shop_name}</a>
            {stream.status === 'scheduled' && <> · starts {when(stream.starts_at)}</>}
          </p>
          {st.phase === 'reconnecting' && <p class="conn-note" role="status">Connection lost. Reconnecting; bids will catch up.</p>}
        </section>

        <Announcer text={st.announcement} seq={st.announceSeq} />

        {isSeller && Controls && <Controls room={room} state={st} />}

        <LotPanel room={room} st={st} lot={lot} isSeller={isSeller} />

        <Lineup lots={lots} st={st} prebids={isSeller || !s ? null : prebids} />
      </div>
      <Chat room={room} st={st} canModerate={isSeller || st.canModerate} />
    </div>
  );
}

/** Screen-reader announcements of outbid / winning / won / lost, assertive. */
function Announcer({ text, seq }: { text: string; seq: number }) {
  // Re-rendering the same text would not be re-announced: alternate two regions.
  return (
    <div class="visually-hidden">
      <div aria-live="assertive" aria-atomic="true">{seq % 2 === 1 ? text : ''}</div>
      <div aria-live="assertive" aria-atomic="true">{seq % 2 === 0 ? text : ''}</div>
    </div>
  );
}

function Countdown({ a }: { a: Auction }) {
  const [, tick] = useState(0);
  useEffect(() => {
    if (a.status !== 'running') return;
    const t = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(t);
  }, [a.status, a.id]);
  const left = Date.parse(a.ends_at) - serverNow();
  if (a.status !== 'running') return <p class="countdown over">Closed</p>;
  return (
    <p class={`countdown${left < 10_000 ? ' urgent' : ''}`} role="timer" aria-label="Time left">
      {left <= 0 ? 'Closing…' : countdown(left)}
    </p>
  );
}

const standingText: Record<string, string> = {
  winning: "You're the highest bidder",
  outbid: "You've been outbid",
  won: 'You won!',
  lost: 'You lost this one',
};

function LotPanel({ room, st, lot, isSeller }: { room: Room; st: RoomState; lot: StreamProduct | null; isSeller: boolean }) {
  const s = useSession();
  const a = st.auction;
  const standing = Room.standing(st, s?.user.id ?? null);
  const [custom, setCustom] = useState('');
  const [maxBid, setMaxBid] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  useEffect(() => {
    setErr(null);
    setOk(null);
  }, [a?.id]);

  if (!a) {
    return (
      <section class="lot" aria-labelledby="lot-h">
        <h2 id="lot-h">Current lot</h2>
        <p class="empty">{st.stream?.status === 'live' ? 'Waiting for the seller to open the next lot.' : st.stream?.status === 'scheduled' ? 'The show has not started yet.' : 'This show has ended.'}</p>
      </section>
    );
  }
  const running = a.status === 'running';
  const bid = async (body: { amount: number } | { max_amount: number }, done: string) => {
    setBusy(true);
    setErr(null);
    setOk(null);
    try {
      await room.bid(body);
      setOk(done);
      setCustom('');
      setMaxBid('');
    } catch (e) {
      setErr(bidError(e));
    } finally {
      setBusy(false);
    }
  };
  const customBid = (e: Event) => {
    e.preventDefault();
    const v = parseRinggit(custom);
    if (v === null) return setErr('Enter an amount in ringgit, like 25 or 25.50.');
    if (v < a.min_next_bid) return setErr(`The lowest bid now is ${money(a.min_next_bid)}.`);
    void bid({ amount: v }, `Bid of ${money(v)} placed.`);
  };
  const setMax = (e: Event) => {
    e.preventDefault();
    const v = parseRinggit(maxBid);
    if (v === null) return setErr('Enter a maximum in ringgit, like 100.');
    if (v < a.min_next_bid) return setErr(`Your maximum must be at least ${money(a.min_next_bid)}.`);
    void bid({ max_amount: v }, `Maximum of ${money(v)} set: we bid for you up to it.`);
  };
  const canBuyNow = running && !!a.buy_now_price && (a.current_bid ?? 0) < a.buy_now_price;

  return (
    <section class={`lot standing-${standing}`} aria-labelledby="lot-h" data-auction-id={a.id}>
      <h2 id="lot-h">{running ? 'Now bidding' : 'Last lot'}: {lot?.title ?? 'Lot'}</h2>
      <div class="lot-head">
        {lot && <Img urls={lot.image?.urls} alt="" size="small" class="lot-img" />}
        <div class="lot-figures">
          <p class="current">
            <span class="label">{a.current_bid === null ? 'Starting bid' : 'Current bid'}</span>
            <span class="amount" data-testid="current-bid">{money(a.current_bid ?? a.starting_bid ?? a.min_next_bid)}</span>
          </p>
          <Countdown a={a} />
          <p class="muted small">
            {a.mode === 'sudden_death' ? 'Sudden death: no extra time.' : 'Bids in the last 10 s add time.'}
            {a.has_reserve && (a.reserve_met ? ' Reserve met.' : ' Reserve not met yet.')}
          </p>
        </div>
      </div>

      {standing !== 'none' && <p class={`standing ${standing}`} role="status" data-testid="standing">{standingText[standing]}{standing === 'won' ? ` — ${money(a.current_bid)}. See it in your orders.` : ''}</p>}
      {!running && standing === 'none' && (
        <p class="standing over" role="status">{a.winner_id ? `Sold for ${money(a.current_bid)}${a.winner?.username ? ` to ${a.winner.username}` : ''}.` : 'Not sold.'}</p>
      )}

      {running && !isSeller && (s ? (
        <div class="bid-actions">
          <button type="button" class="primary big" disabled={busy} onClick={() => bid({ amount: a.min_next_bid }, `Bid of ${money(a.min_next_bid)} placed.`)}>
            Bid {money(a.min_next_bid)}
          </button>
          {canBuyNow && (
            <button type="button" class="buy-now" disabled={busy} onClick={() => {
              if (confirm(`Buy it now for ${money(a.buy_now_price)}? This ends the auction and you pay that price.`)) void bid({ amount: a.buy_now_price! }, 'Bought!');
            }}>
              Buy now {money(a.buy_now_price)}
            </button>
          )}
          <form class="inline-form" onSubmit={customBid}>
            <Field label="Your bid (RM)" inputMode="decimal" value={custom} onValue={setCustom} hint={`At least ${money(a.min_next_bid)}`} />
            <button type="submit" disabled={busy}>Place bid</button>
          </form>
          <form class="inline-form" onSubmit={setMax}>
            <Field label="Maximum bid (RM)" inputMode="decimal" value={maxBid} onValue={setMaxBid} hint="We bid for you, one step at a time, up to this." />
            <button type="submit" disabled={busy}>Set maximum</button>
          </form>
        </div>
      ) : (
        <p><a class="button-like primary" href={`/signin?next=${encodeURIComponent(location.pathname)}`}>Sign in to bid</a></p>
      ))}
      <ErrorBox error={err} />
      {ok && <p class="ok" role="status">{ok}</p>}

      <BidHistory bids={st.bids} me={s?.user.id ?? null} />
    </section>
  );
}

function bidError(e: unknown): string {
  if (e instanceof ApiError) {
    const min = e.details.min_next_bid;
    switch (e.code) {
      case 'bid_too_low': return `Someone bid first. The lowest bid now is ${money(typeof min === 'number' ? min : null)}.`;
      case 'already_highest_bidder': return 'You are already the highest bidder. Set a maximum to bid higher automatically.';
      case 'auction_ended': return 'This auction has ended.';
      case 'spending_cap': return 'This bid would go over your spending cap (Account → Spending limits).';
      case 'out_of_stock': return 'This lot is sold out.';
      case 'cool_off': return 'You are in a cool-off and cannot bid right now.';
      case 'banned': return 'You are banned from this show.';
      case 'unauthorized': return 'Please sign in again to bid.';
    }
  }
  return errorText(e);
}

function BidHistory({ bids, me }: { bids: BidRow[]; me: string | null }) {
  return (
    <div class="bids">
      <h3 id="bids-h">Bids <span class="muted">({bids.length})</span></h3>
      {bids.length === 0 ? <p class="empty">No bids yet. Be the first!</p> : (
        <ol class="bid-list" aria-labelledby="bids-h">
          {bids.slice(0, 50).map((b, i) => (
            <li key={b.id} class={i === 0 ? 'top' : ''} data-amount={b.amount}>
              <span class="who">{b.bidder_id === me ? 'You' : b.username ?? 'Bidder'}{b.by_proxy && <span class="tag"> auto</span>}</span>
              <span class="amt">{money(b.amount)}</span>
              <time class="muted" dateTime={b.created_at}>{clockTime(b.created_at)}</time>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function Lineup({ lots, st, prebids }: { lots: StreamProduct[]; st: RoomState; prebids: Prebids | null }) {
  if (!lots.length) return null;
  const open = st.stream?.status === 'scheduled' || st.stream?.status === 'live';
  return (
    <section class="lineup" aria-labelledby="lineup-h">
      <h2 id="lineup-h">Lineup</h2>
      {prebids?.loadError ? <p class="error-box" role="alert">Could not load your pre-bids: {errorText(prebids.loadError)}</p> : null}
      <ol>
        {lots.map((p) => {
          const current = st.auction?.product_id === p.id && st.auction.status === 'running';
          const r = st.results[p.id];
          return (
            <li key={p.id} class={current ? 'current' : ''} aria-current={current ? 'true' : undefined}>
              <Img urls={p.image?.urls} alt="" size="small" class="lineup-img" />
              <span class="lineup-title"><a href={`/p/${p.id}`}>{p.title}</a></span>
              <span class="muted small">
                {current ? 'Bidding now' : r ? (r.winner ? `Sold ${money(r.amount)}` : 'Not sold') : p.buy_now_price ? `Value ${money(p.buy_now_price)}` : ''}
              </span>
              {prebids && open && !r && st.auction?.product_id !== p.id && (
                <PrebidControl streamId={st.streamId} lot={p} mine={prebids.byLot[p.id] ?? null} prebids={prebids} />
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

interface Prebids {
  byLot: Record<Id, Prebid>;
  loadError: unknown;
  put: (p: Prebid) => void;
  drop: (productId: Id) => void;
}

/** The signed-in buyer's pre-bids on this show (GET /streams/{id}/prebids/me), by lot. */
function usePrebids(streamId: Id, userId: Id | null): Prebids {
  const [byLot, setByLot] = useState<Record<Id, Prebid>>({});
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => {
    setByLot({});
    setLoadError(null);
    if (!userId) return;
    let live = true;
    api.myPrebids(streamId).then(
      (r) => live && setByLot(Object.fromEntries(r.prebids.map((p) => [String(p.product_id), p]))),
      (e) => live && setLoadError(e),
    );
    return () => { live = false; };
  }, [streamId, userId]);
  return {
    byLot,
    loadError,
    put: (p) => setByLot((m) => ({ ...m, [String(p.product_id)]: p })),
    drop: (id) => setByLot((m) => {
      const { [id]: _gone, ...rest } = m;
      return rest;
    }),
  };
}

function prebidError(e: unknown): string {
  if (e instanceof ApiError) {
    switch (e.code) {
      case 'auction_running': return "This lot's auction is already running: bid on it in the lot panel.";
      case 'out_of_stock': return 'This lot is sold out.';
      case 'cool_off': return 'You are in a cool-off and cannot bid right now.';
      case 'banned': return 'You are banned from this show.';
      case 'unauthorized': return 'Please sign in again to pre-bid.';
    }
  }
  return errorText(e);
}

/** A maximum on a lot whose auction has not started; the server applies it when the lot opens. */
function PrebidControl({ streamId, lot, mine, prebids }: { streamId: Id; lot: StreamProduct; mine: Prebid | null; prebids: Prebids }) {
  const fid = useId();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [ok, setOk] = useState('');
  const act = async (fn: () => Promise<string>) => {
    setBusy(true);
    setErr(null);
    setOk('');
    try {
      setOk(await fn());
    } catch (e) {
      setErr(prebidError(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const v = parseRinggit(value);
    if (v === null) return setErr('Enter a maximum in ringgit, like 50 or 50.50.');
    if (v < 100) return setErr(`A pre-bid is at least ${money(100)}.`);
    void act(async () => {
      const r = await api.placePrebid(streamId, { product_id: lot.id, max_amount: v });
      prebids.put(r.prebid);
      setValue('');
      return `Pre-bid of ${money(r.prebid.max_amount)} placed.`;
    });
  };
  const withdraw = () => act(async () => {
    try {
      await api.withdrawPrebid(streamId, lot.id);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e; // already gone
    }
    prebids.drop(lot.id);
    return 'Pre-bid withdrawn.';
  });
  const described = [`${fid}-hint`, err ? `${fid}-err` : ''].filter(Boolean).join(' ');
  return (
    <div class="prebid" data-testid="prebid">
      {mine && (
        <p class="prebid-mine">
          <span data-testid="prebid-max">Your maximum: {money(mine.max_amount)}</span>{' '}
          <button type="button" class="small" disabled={busy} onClick={withdraw}>
            Withdraw<span class="visually-hidden"> pre-bid on {lot.title}</span>
          </button>
        </p>
      )}
      <form class="prebid-form" onSubmit={submit}>
        <label for={fid}>{mine ? 'New maximum' : 'Pre-bid'}<span class="visually-hidden"> on {lot.title}</span> (RM)</label>
        <div class="prebid-row">
          <input id={fid} inputMode="decimal" autoComplete="off" value={value} aria-invalid={err ? true : undefined} aria-describedby={described}
            onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
          <button type="submit" class="small" disabled={busy}>
            {mine ? 'Change' : 'Pre-bid'}<span class="visually-hidden"> on {lot.title}</span>
          </button>
        </div>
        <p class="hint" id={`${fid}-hint`}>We bid for you up to this when the lot opens.</p>
      </form>
      {err && <p class="field-error" id={`${fid}-err`} role="alert">{err}</p>}
      <p class="ok small" role="status">{ok}</p>
    </div>
  );
}

/** `canModerate`: the seller, or a moderator the seller appointed (join ack). */
function Chat({ room, st, canModerate }: { room: Room; st: RoomState; canModerate: boolean }) {
  const s = useSession();
  const [text, setText] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  useEffect(() => {
    const el = list.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [st.chat.length]);
  const closed = st.stream?.status === 'ended' || st.stream?.status === 'cancelled';
  const muted = st.mutedUntil && Date.parse(st.mutedUntil) > Date.now();

  const send = async (e: Event) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    setBusy(true);
    setErr(null);
    try {
      await room.sendChat(t);
      setText('');
      stick.current = true;
    } catch (x) {
      setErr(x instanceof ApiError && x.code === 'slow_mode' ? `Slow mode is on: wait ${Math.ceil(Number(x.details.retry_after_ms ?? 0) / 1000)} s.` : errorText(x));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="chat" aria-labelledby="chat-h">
      <div class="chat-head">
        <h2 id="chat-h">Chat</h2>
        {st.slowModeS > 0 && <span class="badge muted">Slow mode {st.slowModeS} s</span>}
        {canModerate && <SlowMode room={room} current={st.slowModeS} />}
      </div>
      <ol class="chat-list" ref={list} aria-live="off" aria-label="Chat messages" tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}>
        {st.chat.length === 0 && <li class="empty">No messages yet. Say hello!</li>}
        {st.chat.map((m) => <ChatLine key={m.id} m={m} room={room} mod={canModerate && m.user.id !== s?.user.id && m.user.id !== st.stream?.seller_id} sellerId={st.stream?.seller_id} />)}
      </ol>
      {closed ? <p class="muted">Chat is closed: this show has ended.</p> : s ? (
        st.banned ? <p class="field-error">You are banned from this show.</p> : (
          <form class="chat-form" onSubmit={send}>
            <label for="chat-input" class="visually-hidden">Write a message</label>
            <input id="chat-input" value={text} maxLength={500} autoComplete="off" placeholder={muted ? `Muted until ${clockTime(st.mutedUntil!)}` : 'Say something…'} disabled={!!muted}
              onInput={(e) => setText((e.target as HTMLInputElement).value)} />
            <button type="submit" disabled={busy || !!muted || !text.trim()}>Send</button>
          </form>
        )
      ) : <p><a href={`/signin?next=${encodeURIComponent(location.pathname)}`}>Sign in</a> to chat.</p>}
      <ErrorBox error={err} />
    </section>
  );
}

function ChatLine({ m, room, mod, sellerId }: { m: ChatMessage; room: Room; mod: boolean; sellerId?: string }) {
  const [open, setOpen] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const act = async (fn: () => Promise<unknown>) => {
    setErr(null);
    try {
      await fn();
      setOpen(false);
    } catch (e) {
      setErr(errorText(e));
    }
  };
  return (
    <li class="chat-line" data-id={m.id}>
      <span class={`chat-user${m.user.id === sellerId ? ' host' : ''}`}>{m.user.username}{m.user.id === sellerId && <span class="tag"> host</span>}</span>{' '}
      <span class="chat-text">{m.text}</span>
      {mod && (
        <span class="mod">
          <button type="button" class="link small" aria-expanded={open} aria-label={`Moderate message from ${m.user.username}`} onClick={() => setOpen(!open)}>⋯</button>
          {open && (
            <span class="mod-menu" role="group" aria-label="Moderation">
              <button type="button" class="small" onClick={() => act(() => api.deleteChat(room.streamId, m.id))}>Delete</button>
              <button type="button" class="small" onClick={() => act(() => api.mute(room.streamId, m.user.id, 5))}>Mute 5 min</button>
              <button type="button" class="small" onClick={() => act(() => api.mute(room.streamId, m.user.id, 60))}>Mute 1 h</button>
              <button type="button" class="small danger" onClick={() => confirm(`Ban ${m.user.username} from this show? They can no longer chat or bid.`) && act(() => api.ban(room.streamId, m.user.id))}>Ban</button>
            </span>
          )}
          {err && <span class="field-error" role="alert"> {err}</span>}
        </span>
      )}
    </li>
  );
}

function SlowMode({ room, current }: { room: Room; current: number }) {
  const [err, setErr] = useState<string | null>(null);
  return (
    <span class="slow-mode">
      <label for="slow-mode" class="small">Slow mode</label>{' '}
      <select id="slow-mode" value={String(current)} onChange={async (e) => {
        setErr(null);
        try {
          await api.setSlowMode(room.streamId, Number((e.target as HTMLSelectElement).value));
        } catch (x) {
          setErr(errorText(x));
        }
      }}>
        <option value="0">Off</option>
        <option value="5">5 s</option>
        <option value="15">15 s</option>
        <option value="60">1 min</option>
      </select>
      {err && <span class="field-error" role="alert"> {err}</span>}
    </span>
  );
}
