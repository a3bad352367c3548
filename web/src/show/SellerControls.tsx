// The seller's control room in their own show, usable on a phone held in one hand. Two
// parts: the bar on the show's screen (go live; "run next lot" in one tap with the lot's
// prepared settings; while a lot runs, the latest bids; end the show) and, below the
// screen, the queue of lots with their settings (lotPlan.ts), prepared before the show.
// The camera preview is the room's picture (VideoStage).
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import type { Id, StreamProduct } from '../api/types';
import { money } from '../lib/format';
import { createStore, useStore } from '../lib/store';
import { ErrorBox, Field, Select } from '../components/ui';
import { useAction } from '../components/useAction';
import type { SellerControlsProps } from './useSellerControls';
import { EncoderPanel } from './EncoderPanel';
import type { RoomState } from './state';
import { RecordToggle } from './RecordToggle';
import { defaultPlan, loadPlans, lowStartWarning, planBody, savePlans, type LotPlan } from './lotPlan';

// The plans of the show open in this tab, shared by the bar and the queue.
const plans = createStore<{ streamId: Id | null; byLot: Record<Id, LotPlan> }>({ streamId: null, byLot: {} });

function usePlans(streamId: Id) {
  const st = useStore(plans);
  useEffect(() => {
    if (plans.get().streamId !== streamId) plans.set({ streamId, byLot: loadPlans(streamId) });
  }, [streamId]);
  // Until the effect has shared them, read the saved plans here: the first render already
  // shows them (a reload must not flash the defaults, nor let a field be typed over).
  const current = () => (plans.get().streamId === streamId ? plans.get().byLot : loadPlans(streamId));
  const byLot = st.streamId === streamId ? st.byLot : loadPlans(streamId);
  const planOf = (lot: Id) => ({ ...defaultPlan, ...byLot[lot] });
  const setPlan = (lot: Id, p: LotPlan) => {
    const next = { ...current(), [lot]: p };
    plans.set({ streamId, byLot: next });
    savePlans(streamId, next);
  };
  return { planOf, setPlan };
}

/** Lots still to run, in lineup order: not sold (now or earlier in the show), in stock, not running. */
function queueOf(state: RoomState): StreamProduct[] {
  const lots = state.stream?.products ?? [];
  const running = state.auction?.status === 'running' ? state.auction.product_id : null;
  return lots.filter((p) => !state.results[p.id]?.winner && !(p.sales?.length) && (p.quantity ?? 1) > 0 && p.id !== running);
}

export function SellerBar({ room, state }: SellerControlsProps) {
  const stream = state.stream!;
  const { planOf } = usePlans(stream.id);
  const { busy, err, run, fail } = useAction('show-control');
  const a = state.auction;
  const running = a?.status === 'running';
  const queue = queueOf(state);
  const next = queue[0] ?? null;
  const act = (fn: () => Promise<unknown>) => run(async () => {
    await fn();
  });
  const runNext = () => {
    if (!next) return;
    const body = planBody(next.id, planOf(next.id));
    if (typeof body === 'string') return fail(`${next.title}: ${body}`);
    void act(() => api.startAuction(stream.id, body).then((r) => room.applyAuction(r.auction)));
  };
  const cancelLot = () => {
    if (a && confirm('Cancel this lot? Nobody wins it and its bids are void; you can run it again later.')) {
      void act(() => api.cancelAuction(a.id).then((r) => room.applyAuction(r.auction)));
    }
  };
  const endShow = () => {
    if (confirm('End the show for everyone?')) void act(() => api.endShow(stream.id).then((r) => room.applyStream(r.stream)));
  };
  const nextPlan = next ? planOf(next.id) : null;
  const warn = next && nextPlan ? lowStartWarning(next, nextPlan, money) : null;
  const nextBody = next && nextPlan ? planBody(next.id, nextPlan) : null;
  const from = nextBody && typeof nextBody !== 'string' ? ` · from ${money(nextBody.starting_bid)}` : '';

  return (
    <section class="seller-bar" aria-label="Show controls">
      {stream.status === 'scheduled' && (
        <button type="button" class="primary big" disabled={busy} onClick={() => act(() => api.goLive(stream.id).then((r) => room.applyStream(r.stream)))}>Go live</button>
      )}
      {stream.status === 'scheduled' && <RecordToggle stream={stream} onStream={(s) => room.applyStream(s)} />}
      {stream.status === 'live' && (running ? (
        <div class="bid-feed" aria-label="Latest bids">
          <p role="status">Auction running on “{stream.products?.find((p) => p.id === a?.product_id)?.title}” — {state.bids.length} bids, top {money(a?.current_bid ?? null)}.</p>
          <ol class="feed">
            {state.bids.slice(0, 3).map((b) => <li key={b.id}><span class="who">{b.username ?? 'Bidder'}</span> <span class="amt">{money(b.amount)}</span></li>)}
          </ol>
          <button type="button" class="small" disabled={busy} onClick={cancelLot}>Cancel lot</button>
        </div>
      ) : next && nextPlan ? (
        <>
          <button type="button" class="primary big run-next" disabled={busy} onClick={runNext}>
            Run next lot: {next.title}{from}
          </button>
          {warn && <p class="warn" role="note">{warn}</p>}
        </>
      ) : <p>No lots left to run.</p>)}
      {stream.status === 'live' && (
        <button type="button" class="danger" disabled={busy || running} onClick={endShow} aria-describedby={running ? 'end-why' : undefined}>End show</button>
      )}
      {stream.status === 'live' && running && <p class="hint" id="end-why">The show can end once this lot closes.</p>}
      <ErrorBox error={err} />
    </section>
  );
}

function LotRow({ lot, plan, onPlan }: { lot: StreamProduct; plan: LotPlan; onPlan: (p: LotPlan) => void }) {
  const set = (k: keyof LotPlan) => (v: string) => onPlan({ ...plan, [k]: v });
  const warn = lowStartWarning(lot, plan, money);
  const bad = planBody(lot.id, plan);
  return (
    <li class="queue-lot">
      <h3>{lot.title}{lot.buy_now_price ? <span class="muted small"> · value {money(lot.buy_now_price)}</span> : null}</h3>
      <div class="queue-fields">
        <Field label="Starting bid (RM)" inputMode="decimal" value={plan.starting} onValue={set('starting')} />
        <Field label="Duration (seconds)" type="number" inputMode="numeric" min={5} max={300} value={plan.duration} onValue={set('duration')} />
        <Field label="Reserve (RM, hidden)" inputMode="decimal" value={plan.reserve} onValue={set('reserve')} hint="Optional" />
        <Field label="Buy-it-now (RM)" inputMode="decimal" value={plan.buyNow} onValue={set('buyNow')} hint="Optional" />
        <Select label="Mode" value={plan.mode} onValue={set('mode')}>
          <option value="standard">Standard (+10 s on late bids)</option>
          <option value="sudden_death">Sudden death</option>
        </Select>
      </div>
      {typeof bad === 'string' && <p class="field-error">{bad}</p>}
      {warn && <p class="warn">{warn}</p>}
    </li>
  );
}

export function LotQueue({ state }: SellerControlsProps) {
  const stream = state.stream!;
  const { planOf, setPlan } = usePlans(stream.id);
  const queue = queueOf(state);
  const [open, setOpen] = useState(true);
  return (
    <section class="seller-controls" aria-labelledby="ctl-h">
      <h2 id="ctl-h">Control room</h2>
      {stream.status === 'ended' ? <p>This show has ended. <a href="/orders?role=seller">See your sales</a>.</p> : (
        <details open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
          <summary>Lot queue ({queue.length}): settings for each lot, set before the show</summary>
          {queue.length === 0 ? <p class="empty">No lots left to run.</p> : (
            <ol class="queue">
              {queue.map((p) => <LotRow key={p.id} lot={p} plan={planOf(p.id)} onPlan={(v) => setPlan(p.id, v)} />)}
            </ol>
          )}
          <p class="hint">Kept on this device. “Run next lot” starts the first lot here with its settings.</p>
        </details>
      )}
      {stream.status !== 'ended' && <EncoderPanel streamId={stream.id} live={stream.status === 'live'} />}
    </section>
  );
}
