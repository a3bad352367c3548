// Account: profile and avatar, buyer limits (spending cap, cool-off), notifications, sign out.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { errorText } from '../api/client';
import type { BuyerLimits, Notification } from '../api/types';
import { money, parseRinggit, ringgitInput, when } from '../lib/format';
import { navigate } from '../router';
import { session, signedOut, useSession, userChanged } from '../state/session';
import { ErrorBox, Field, Img, Loading, Select, TextArea, useLoad, useTitle } from '../components/ui';

export function Account() {
  useTitle('Account');
  const s = useSession();
  useEffect(() => {
    if (!s) navigate('/signin?next=/account', { replace: true });
  }, [s]);
  if (!s) return null;
  return (
    <div class="page account">
      <h1>Account</h1>
      <Profile />
      <Limits />
      <Notifications />
      <section aria-labelledby="out-h">
        <h2 id="out-h">Sign out</h2>
        <button type="button" onClick={async () => {
          const rt = session.get()?.refresh_token;
          signedOut();
          if (rt) await api.logout(rt).catch(() => undefined);
          navigate('/');
        }}>Sign out of this device</button>
      </section>
    </div>
  );
}

function Profile() {
  const s = useSession()!;
  const [name, setName] = useState(s.user.display_name ?? '');
  const [bio, setBio] = useState(s.user.bio ?? '');
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.me().then((r) => userChanged(r.user), () => undefined);
  }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true); setErr(null); setMsg(null);
    try {
      userChanged((await api.updateMe({ display_name: name, bio })).user);
      setMsg('Profile saved.');
    } catch (x) { setErr(errorText(x)); } finally { setBusy(false); }
  };
  const onAvatar = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    setBusy(true); setErr(null); setMsg(null);
    try {
      await api.uploadAvatar(file);
      userChanged((await api.me()).user);
      setMsg('Photo updated.');
    } catch (x) { setErr(errorText(x)); } finally { setBusy(false); }
  };
  return (
    <section aria-labelledby="prof-h">
      <h2 id="prof-h">Profile</h2>
      <div class="profile-row">
        <Img urls={s.user.avatar?.urls} alt={s.user.avatar ? 'Your photo' : 'No photo yet'} size="small" class="avatar" />
        <div>
          <p><strong>@{s.user.username}</strong></p>
          <p class="muted">{s.user.email}</p>
          <input id="avatar-file" class="visually-hidden file-input" type="file" accept="image/jpeg,image/png,image/webp,image/gif" onChange={onAvatar} />
          <label class="button-like" for="avatar-file">Change photo</label>
        </div>
      </div>
      <form onSubmit={save} class="stack">
        <Field label="Display name" value={name} onValue={setName} maxLength={60} />
        <TextArea label="About you" value={bio} onValue={setBio} maxLength={500} />
        <button type="submit" disabled={busy}>Save profile</button>
      </form>
      <p role="status" class="ok">{msg}</p>
      <ErrorBox error={err} />
    </section>
  );
}

function Limits() {
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

function Notifications() {
  const { data, error, loading } = useLoad(() => api.notifications(), []);
  const [read, setRead] = useState<Record<string, boolean>>({});
  if (loading) return <Loading />;
  const list: Notification[] = data?.notifications ?? [];
  return (
    <section aria-labelledby="notif-h">
      <h2 id="notif-h">Notifications {data && data.unread > 0 && <span class="badge">{data.unread} new</span>}</h2>
      <ErrorBox error={error} />
      {list.length === 0 ? <p class="empty">Nothing yet. Follow shops to hear when they go live.</p> : (
        <ul class="list">
          {list.map((n) => (
            <li key={n.id} class={n.read_at || read[n.id] ? 'read' : 'unread'}>
              <a href={n.stream_id ? `/s/${n.stream_id}` : '#'} onClick={() => {
                if (!n.read_at) { setRead({ ...read, [n.id]: true }); void api.markRead(n.id).catch(() => undefined); }
              }}>
                {n.kind === 'show_live' ? `Live now: ${n.title}` : n.title}
              </a>
              <span class="muted"> · {when(n.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
