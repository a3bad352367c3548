// The current auction's bids, highest first (the first 50).
import { clockTime, money } from '../lib/format';
import type { BidRow } from './state';

export function BidHistory({ bids, me }: { bids: BidRow[]; me: string | null }) {
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
