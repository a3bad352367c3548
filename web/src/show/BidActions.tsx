// A buyer's ways to bid on the running lot: the next minimum in one tap, buy it now, an
// amount of their own, or a maximum the server bids up to for them (proxy).
import { useState } from 'preact/hooks';
import type { BidBody } from '../api/endpoints';
import { money, parseRinggit } from '../lib/format';
import { Field } from '../components/ui';
import type { Action } from '../components/useAction';
import type { Room } from './room';
import type { AuctionView } from './state';

export function BidActions({ room, a, action }: { room: Room; a: AuctionView; action: Action }) {
  const [custom, setCustom] = useState('');
  const [maxBid, setMaxBid] = useState('');
  const { busy } = action;
  const bid = (body: BidBody, done: string) => action.run(async () => {
    await room.bid(body);
    setCustom('');
    setMaxBid('');
    return done;
  });
  const customBid = (e: Event) => {
    e.preventDefault();
    const v = parseRinggit(custom);
    if (v === null) return action.fail('Enter an amount in ringgit, like 25 or 25.50.');
    if (v < a.min_next_bid) return action.fail(`The lowest bid now is ${money(a.min_next_bid)}.`);
    void bid({ amount: v }, `Bid of ${money(v)} placed.`);
  };
  const setMax = (e: Event) => {
    e.preventDefault();
    const v = parseRinggit(maxBid);
    if (v === null) return action.fail('Enter a maximum in ringgit, like 100.');
    if (v < a.min_next_bid) return action.fail(`Your maximum must be at least ${money(a.min_next_bid)}.`);
    void bid({ max_amount: v }, `Maximum of ${money(v)} set: we bid for you up to it.`);
  };
  const canBuyNow = !!a.buy_now_price && (a.current_bid ?? 0) < a.buy_now_price;

  return (
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
  );
}
