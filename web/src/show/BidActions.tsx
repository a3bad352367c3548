// A buyer's ways to bid on the running lot. The main one: hold to bid the next minimum
// (HoldButton: a deliberate gesture, never a stray tap). Buy it now (held the same way):
// offered to every buyer, the leader included, while the price is below the buy-now price;
// it ends the lot at that price (docs/auctions.md). Behind "More": an amount of one's own
// or a maximum the server bids up to (proxy), typed and submitted.
import { useState } from 'preact/hooks';
import type { BidBody } from '../api/endpoints';
import { money, parseRinggit } from '../lib/format';
import { Field } from '../components/ui';
import type { AuctionView } from './state';
import { HoldButton } from './HoldButton';

export type PlaceBid = (body: BidBody, done: string) => Promise<boolean>;

export function BidActions({ a, leading, busy, place, fail }: {
  a: AuctionView;
  leading: boolean;
  busy: boolean;
  place: PlaceBid;
  fail: (text: string) => void;
}) {
  const [custom, setCustom] = useState('');
  const [maxBid, setMaxBid] = useState('');
  const bnp = a.buy_now_price ?? 0;
  const canBuyNow = bnp > 0 && (a.current_bid ?? 0) < bnp;
  // Once the next minimum reaches the buy-now price, a bid would buy: only "buy now" is offered.
  const bidBuys = canBuyNow && a.min_next_bid >= bnp;
  const customBid = (e: Event) => {
    e.preventDefault();
    const v = parseRinggit(custom);
    if (v === null) return fail('Enter an amount in ringgit, like 25 or 25.50.');
    if (v < a.min_next_bid) return fail(`The lowest bid now is ${money(a.min_next_bid)}.`);
    void place({ amount: v }, `Bid of ${money(v)} placed.`).then((ok) => ok && setCustom(''));
  };
  const setMax = (e: Event) => {
    e.preventDefault();
    const v = parseRinggit(maxBid);
    if (v === null) return fail('Enter a maximum in ringgit, like 100.');
    if (v < a.min_next_bid) return fail(`Your maximum must be at least ${money(a.min_next_bid)}.`);
    void place({ max_amount: v }, `Maximum of ${money(v)} set: we bid for you up to it.`).then((ok) => ok && setMaxBid(''));
  };

  return (
    <div class="bid-actions">
      <div class="bid-row">
        {!bidBuys && (
          <HoldButton class="primary big" testId="bid-hold" label={`Hold to bid ${money(a.min_next_bid)}`} disabled={busy || leading}
            sub={leading ? 'You lead: no need to outbid yourself' : undefined}
            onConfirm={() => void place({ amount: a.min_next_bid }, `Bid of ${money(a.min_next_bid)} placed.`)} />
        )}
        {canBuyNow && (
          <HoldButton class="buy-now" testId="buy-now-hold" label={`Hold to buy now ${money(bnp)}`} disabled={busy}
            sub="Ends the lot: you pay this price"
            onConfirm={() => void place({ amount: bnp }, `Bought for ${money(bnp)}.`)} />
        )}
      </div>
      <details class="more-bids">
        <summary>Your own amount or a maximum</summary>
        <form class="inline-form" onSubmit={customBid}>
          <Field label="Your bid (RM)" inputMode="decimal" value={custom} onValue={setCustom} hint={`At least ${money(a.min_next_bid)}`} />
          <button type="submit" disabled={busy || leading}>Place bid</button>
        </form>
        <form class="inline-form" onSubmit={setMax}>
          <Field label="Maximum bid (RM)" inputMode="decimal" value={maxBid} onValue={setMaxBid} hint="We bid for you, one step at a time, up to this." />
          <button type="submit" disabled={busy}>Set maximum</button>
        </form>
      </details>
    </div>
  );
}
