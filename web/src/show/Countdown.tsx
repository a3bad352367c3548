// Time left in the running auction, on the server's clock (realtime/clock.ts).
import { useEffect, useState } from 'preact/hooks';
import { countdown } from '../lib/format';
import { serverNow } from '../realtime/clock';
import type { AuctionView } from './state';

export function Countdown({ a }: { a: AuctionView }) {
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
