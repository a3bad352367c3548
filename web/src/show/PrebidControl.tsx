// A maximum on a lot whose auction has not started; the server applies it when the lot opens.
import { useId, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { ApiError } from '../api/errors';
import type { Id, Prebid, StreamProduct } from '../api/types';
import { money, parseRinggit } from '../lib/format';
import { useAction } from '../components/useAction';
import type { Prebids } from './prebids';

export function PrebidControl({ streamId, lot, mine, prebids }: { streamId: Id; lot: StreamProduct; mine: Prebid | null; prebids: Prebids }) {
  const fid = useId();
  const [value, setValue] = useState('');
  const { busy, err, ok, run, fail } = useAction('prebid');
  const submit = (e: Event) => {
    e.preventDefault();
    const v = parseRinggit(value);
    if (v === null) return fail('Enter a maximum in ringgit, like 50 or 50.50.');
    if (v < 100) return fail(`A pre-bid is at least ${money(100)}.`);
    void run(async () => {
      const r = await api.placePrebid(streamId, { product_id: lot.id, max_amount: v });
      prebids.put(r.prebid);
      setValue('');
      return `Pre-bid of ${money(r.prebid.max_amount)} placed.`;
    });
  };
  const withdraw = () => run(async () => {
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
