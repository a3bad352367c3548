// The current lot: its price, the countdown, where the buyer stands, the bid controls and
// the bids so far.
import { useEffect } from 'preact/hooks';
import type { StreamProduct } from '../api/types';
import { money } from '../lib/format';
import { useSession } from '../state/session';
import { ErrorBox, Img } from '../components/ui';
import { useAction } from '../components/useAction';
import type { Room } from './room';
import { standing as standingOf, type RoomState } from './state';
import { Countdown } from './Countdown';
import { BidActions } from './BidActions';
import { BidHistory } from './BidHistory';

const standingText: Record<string, string> = {
  winning: "You're the highest bidder",
  outbid: "You've been outbid",
  won: 'You won!',
  lost: 'You lost this one',
};

export function LotPanel({ room, st, lot, isSeller }: { room: Room; st: RoomState; lot: StreamProduct | null; isSeller: boolean }) {
  const s = useSession();
  const a = st.auction;
  const standing = standingOf(st, s?.user.id ?? null);
  const action = useAction('bid');
  useEffect(() => action.reset(), [a?.id]);

  if (!a) {
    return (
      <section class="lot" aria-labelledby="lot-h">
        <h2 id="lot-h">Current lot</h2>
        <p class="empty">{st.stream?.status === 'live' ? 'Waiting for the seller to open the next lot.' : st.stream?.status === 'scheduled' ? 'The show has not started yet.' : 'This show has ended.'}</p>
      </section>
    );
  }
  const running = a.status === 'running';

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

      {running && !isSeller && (s ? <BidActions room={room} a={a} action={action} /> : (
        <p><a class="button-like primary" href={`/signin?next=${encodeURIComponent(location.pathname)}`}>Sign in to bid</a></p>
      ))}
      <ErrorBox error={action.err} />
      {action.ok && <p class="ok" role="status">{action.ok}</p>}

      <BidHistory bids={st.bids} me={s?.user.id ?? null} />
    </section>
  );
}
