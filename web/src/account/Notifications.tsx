// The user's notifications (shows going live), newest first; opening one marks it read.
import { useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import type { Notification } from '../api/types';
import { when } from '../lib/format';
import { ErrorBox, Loading, useLoad } from '../components/ui';

export function Notifications() {
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
              <a href={n.stream_id ? `/s/${n.stream_id}` : n.order_id ? `/orders/${n.order_id}` : '#'} onClick={() => {
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
