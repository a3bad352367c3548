// The seller's panel in their own show room: go live, open the next lot's auction, end
// the show. Bids arrive in the same room view as the buyers'.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import type { AuctionMode } from '../api/types';
import { money, parseRinggit } from '../lib/format';
import { ErrorBox, Field, Select } from '../components/ui';
import { useAction } from '../components/useAction';
import type { SellerControlsProps } from './useSellerControls';

export function SellerControls({ room, state }: SellerControlsProps) {
  const stream = state.stream!;
  const lots = stream.products ?? [];
  const running = state.auction?.status === 'running';
  const unsold = lots.filter((p) => !state.results[p.id]?.winner && (p.quantity ?? 1) > 0);
  const [lot, setLot] = useState('');
  const [f, setF] = useState({ starting: '1', duration: '30', mode: 'standard', reserve: '', buyNow: '' });
  const { busy, err, run, fail } = useAction('show-control');
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  useEffect(() => {
    if (!lot || !unsold.some((p) => p.id === lot)) setLot(unsold[0]?.id ?? '');
  }, [unsold.map((p) => p.id).join(), lot]);

  const act = (fn: () => Promise<unknown>) => run(async () => {
    await fn();
  });

  const start = (e: Event) => {
    e.preventDefault();
    const starting = parseRinggit(f.starting);
    const reserve = f.reserve.trim() ? parseRinggit(f.reserve) : undefined;
    const buyNow = f.buyNow.trim() ? parseRinggit(f.buyNow) : undefined;
    const duration = Number(f.duration);
    if (starting === null || starting < 100) return fail('The starting bid is at least RM 1.');
    if (reserve === null || buyNow === null) return fail('Prices are amounts in ringgit, like 50 or 49.90.');
    if (!Number.isInteger(duration) || duration < 5 || duration > 300) return fail('An auction lasts 5 to 300 seconds.');
    if (!lot) return fail('Pick a lot.');
    void act(() => api.startAuction(stream.id, {
      product_id: lot, starting_bid: starting, duration_s: duration, mode: f.mode as AuctionMode,
      reserve_price: reserve, buy_now_price: buyNow,
    }).then((r) => room.applyAuction(r.auction)));
  };

  return (
    <section class="seller-controls" aria-labelledby="ctl-h">
      <h2 id="ctl-h">Control room</h2>
      {stream.status === 'scheduled' && (
        <button type="button" class="primary" disabled={busy} onClick={() => act(() => api.goLive(stream.id).then((r) => room.applyStream(r.stream)))}>Go live</button>
      )}
      {stream.status === 'live' && (
        <>
          {running ? (
            <p role="status">Auction running on “{lots.find((p) => p.id === state.auction?.product_id)?.title}” — {state.bids.length} bids, top {money(state.auction?.current_bid ?? null)}.</p>
          ) : (
            <form class="stack" onSubmit={start} aria-label="Start an auction">
              <Select label="Next lot" value={lot} onValue={setLot}>
                {unsold.length === 0 && <option value="">No lots left</option>}
                {unsold.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
              </Select>
              <div class="row">
                <Field label="Starting bid (RM)" inputMode="decimal" required value={f.starting} onValue={set('starting')} />
                <Field label="Duration (seconds)" type="number" inputMode="numeric" min={5} max={300} required value={f.duration} onValue={set('duration')} />
              </div>
              <Select label="Mode" value={f.mode} onValue={set('mode')} hint="Standard: a bid in the last 10 s resets the clock to 10 s. Sudden death: never extended.">
                <option value="standard">Standard</option>
                <option value="sudden_death">Sudden death</option>
              </Select>
              <div class="row">
                <Field label="Reserve (RM, hidden)" inputMode="decimal" value={f.reserve} onValue={set('reserve')} hint="Optional" />
                <Field label="Buy-it-now (RM)" inputMode="decimal" value={f.buyNow} onValue={set('buyNow')} hint="Optional" />
              </div>
              <button type="submit" class="primary" disabled={busy || !unsold.length}>Start auction</button>
            </form>
          )}
          <button type="button" class="danger" disabled={busy || running} onClick={() => confirm('End the show for everyone?') && act(() => api.endShow(stream.id).then((r) => room.applyStream(r.stream)))}>
            End show
          </button>
        </>
      )}
      {stream.status === 'ended' && <p>This show has ended. <a href="/orders?role=seller">See your sales</a>.</p>}
      <ErrorBox error={err} />
      <p class="visually-hidden" aria-live="polite">{room.streamId && running ? `Top bid ${money(state.auction?.current_bid ?? null)}` : ''}</p>
    </section>
  );
}
