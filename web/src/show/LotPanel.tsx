// The current lot, as one card: its photo and title, the price, a countdown big enough to
// read at arm's length, ONE status line (statusLine in state.ts: the buyer's standing, or
// the answer to their last bid while nothing newer has happened), and the bid controls.
import { useEffect, useState } from 'preact/hooks';
import type { StreamProduct } from '../api/types';
import { errorText } from '../api/errors';
import { money } from '../lib/format';
import { useSession } from '../state/session';
import { Img } from '../components/ui';
import type { Room } from './room';
import { noteFor, standing as standingOf, statusLine, type BidNote, type RoomState } from './state';
import { Countdown } from './Countdown';
import { BidActions, type PlaceBid } from './BidActions';

/** Lots sold in this show, from the server's record and this visit's results. */
function soldCount(st: RoomState): number {
  return (st.stream?.products ?? []).filter((p) => (p.sales?.length ?? 0) > 0 || st.results[p.id]?.winner).length;
}

export function LotPanel({ room, st, lot, isSeller }: { room: Room; st: RoomState; lot: StreamProduct | null; isSeller: boolean }) {
  const s = useSession();
  const a = st.auction;
  const [note, setNote] = useState<BidNote | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setNote(null), [a?.id]);

  if (!a) {
    return (
      <section class="lot" aria-labelledby="lot-h">
        <h2 id="lot-h" class="lot-title">Current lot</h2>
        <p class="empty">{st.stream?.status === 'live' ? 'Waiting for the seller to open the next lot.' : st.stream?.status === 'scheduled' ? 'The show has not started yet.' : `This show has ended${soldCount(st) ? ` · ${soldCount(st)} sold` : ''}.`}</p>
      </section>
    );
  }
  const running = a.status === 'running';
  const me = s?.user.id ?? null;
  const standing = standingOf(st, me);
  const line = statusLine(a, standing, note, money);
  const current = () => room.state.get().auction ?? a;
  const place: PlaceBid = async (body, done) => {
    setBusy(true);
    try {
      await room.bid(body);
      setNote(noteFor(current(), 'placed', done));
      return true;
    } catch (e) {
      setNote(noteFor(current(), 'refused', errorText(e, 'bid')));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const label = running ? (a.current_bid === null ? 'Starting bid' : 'Current bid') : a.winner_id ? 'Sold' : 'Not sold';

  return (
    <section class={`lot status-${line.kind}`} aria-labelledby="lot-h" data-auction-id={a.id}>
      <div class="lot-head">
        {lot && <Img urls={lot.image?.urls} alt="" size="small" class="lot-img" />}
        <div class="lot-figures">
          <h2 id="lot-h" class="lot-title">{running ? 'Now bidding' : 'Last lot'}: {lot?.title ?? 'Lot'}</h2>
          <p class="current">
            <span class="label">{label}</span>
            <span class="amount" data-testid="current-bid">{money(a.current_bid ?? (running ? a.starting_bid ?? a.min_next_bid : null))}</span>
          </p>
        </div>
        <Countdown a={a} />
      </div>
      <p class="lot-rules muted small">
        {a.mode === 'sudden_death' ? 'Sudden death: no extra time.' : 'Bids in the last 10 s add time.'}
        {a.has_reserve && (a.reserve_met ? ' Reserve met.' : ' Reserve not met yet.')}
      </p>
      <p class={`standing ${line.kind}`} role="status" data-testid="standing">{line.text}</p>

      {running && !isSeller && (s ? (
        <BidActions a={a} leading={standing === 'winning'} busy={busy} place={place} fail={(text) => setNote(noteFor(a, 'refused', text))} />
      ) : (
        <p class="bid-actions"><a class="button-like primary big" href={`/signin?next=${encodeURIComponent(location.pathname)}`}>Sign in to bid</a></p>
      ))}
    </section>
  );
}
