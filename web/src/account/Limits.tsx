// The buyer's own limits: a spending cap per day or week, and a cool-off from bidding.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { errorText } from '../api/errors';
import type { BuyerLimits } from '../api/types';
import { money, parseRinggit, ringgitInput, when } from '../lib/format';
import { ErrorBox, Field, Loading, Select, useLoad } from '../components/ui';

export function Limits() {
  const { data, error, loading } = useLoad(() => api.limits(), []);
  const [limits, setLimits] = useState<BuyerLimits | null>(null);
  const [cap, setCap] = useState('');
  const [period, setPeriod] = useState<'day' | 'week'>('week');
  const [days, setDays] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    if (data) {
      setLimits(data.limits);
      setCap(data.limits.spending_cap ? ringgitInput(data.limits.spending_cap.amount) : '');
      setPeriod(data.limits.spending_cap?.period ?? 'week');
    }
  }, [data]);
  if (loading) return <Loading />;
  const l = limits;
  const saveCap = async (e: Event) => {
    e.preventDefault();
    setErr(null); setMsg(null);
    const amount = cap.trim() ? parseRinggit(cap) : null;
    if (cap.trim() && (amount === null || amount < 100)) return setErr('The cap is an amount in ringgit, at least RM 1.');
    try {
      const r = await api.setLimits({ spending_cap: amount === null ? null : { amount, period } });
      setLimits(r.limits);
      setMsg(amount === null ? 'Spending cap removed.' : 'Spending cap saved.');
    } catch (x) { setErr(errorText(x)); }
  };
  const coolOff = async (e: Event) => {
    e.preventDefault();
    setErr(null); setMsg(null);
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 365) return setErr('A cool-off lasts 1 to 365 days.');
    if (!confirm(`Stop all bidding for ${n} day${n === 1 ? '' : 's'}? A cool-off cannot be shortened or removed.`)) return;
    try {
      const r = await api.setLimits({ cool_off_days: n });
      setLimits(r.limits);
      setMsg('Cool-off started.');
    } catch (x) { setErr(errorText(x)); }
  };
  return (
    <section aria-labelledby="lim-h">
      <h2 id="lim-h">Spending limits</h2>
      <ErrorBox error={error} />
      {l && (
        <p>
          Committed in the current window: <strong>{money(l.committed)}</strong>
          {l.spending_cap ? <> of your {money(l.spending_cap.amount)} {l.spending_cap.period === 'day' ? 'daily' : 'weekly'} cap.</> : ' (no cap set).'}
          {l.cool_off_until && <><br /><strong>Cool-off until {when(l.cool_off_until)}</strong>: bidding is paused.</>}
        </p>
      )}
      <form onSubmit={saveCap} class="stack">
        <div class="row">
          <Field label="Spending cap (RM)" inputMode="decimal" value={cap} onValue={setCap} hint="Leave empty for no cap." />
          <Select label="Per" value={period} onValue={(v) => setPeriod(v as 'day' | 'week')}>
            <option value="day">Day (last 24 hours)</option>
            <option value="week">Week (last 7 days)</option>
          </Select>
        </div>
        <button type="submit">Save cap</button>
      </form>
      <form onSubmit={coolOff} class="stack">
        <Field label="Cool-off (days)" type="number" inputMode="numeric" min={1} max={365} value={days} onValue={setDays} hint="Take a break from bidding. It cannot be shortened." />
        <button type="submit">Start cool-off</button>
      </form>
      <p role="status" class="ok">{msg}</p>
      <ErrorBox error={err} />
    </section>
  );
}
