// The show's chat: messages (kept scrolled to the newest unless the reader scrolled up),
// the send form, and the moderators' tools. `canModerate`: the seller, or a moderator the
// seller appointed (join ack).
import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { clockTime } from '../lib/format';
import { useSession } from '../state/session';
import { ErrorBox } from '../components/ui';
import { useAction } from '../components/useAction';
import type { Room } from './room';
import type { RoomState } from './state';
import { ChatLine } from './ChatLine';
import { SlowMode } from './SlowMode';

export function Chat({ room, st, canModerate }: { room: Room; st: RoomState; canModerate: boolean }) {
  const s = useSession();
  const [text, setText] = useState('');
  const { busy, err, run } = useAction();
  const list = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  useEffect(() => {
    const el = list.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [st.chat.length]);
  const closed = st.stream?.status === 'ended' || st.stream?.status === 'cancelled';
  const muted = st.mutedUntil && Date.parse(st.mutedUntil) > Date.now();

  const send = (e: Event) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    void run(async () => {
      await room.sendChat(t);
      setText('');
      stick.current = true;
    });
  };

  return (
    <section class="chat" aria-labelledby="chat-h">
      <div class="chat-head">
        <h2 id="chat-h">Chat</h2>
        {st.slowModeS > 0 && <span class="badge muted">Slow mode {st.slowModeS} s</span>}
        {canModerate && <SlowMode room={room} current={st.slowModeS} />}
      </div>
      {st.pinned && (
        <p class="pinned" data-testid="pinned">
          <span class="badge">Pinned</span> <span class="chat-user">{st.pinned.user.username}</span> {st.pinned.text}
          {canModerate && <button type="button" class="link small" onClick={() => void run(async () => { room.applyPinned((await api.unpinChat(room.streamId)).settings.pinned ?? null); })}>Unpin</button>}
        </p>
      )}
      <ol class="chat-list" ref={list} aria-live="off" aria-label="Chat messages" tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}>
        {st.chat.length === 0 && <li class="empty">No messages yet. Say hello!</li>}
        {st.chat.map((m) => <ChatLine key={m.id} m={m} room={room} mod={canModerate && m.user.id !== s?.user.id && m.user.id !== st.stream?.seller_id} canPin={canModerate && !closed} sellerId={st.stream?.seller_id} />)}
      </ol>
      {closed ? <p class="muted">Chat is closed: this show has ended.</p> : s ? (
        st.banned ? <p class="field-error">You are banned from this show.</p> : (
          <form class="chat-form" onSubmit={send}>
            <label for="chat-input" class="visually-hidden">Write a message</label>
            <input id="chat-input" value={text} maxLength={500} autoComplete="off" placeholder={muted ? `Muted until ${clockTime(st.mutedUntil!)}` : 'Say something…'} disabled={!!muted}
              onInput={(e) => setText((e.target as HTMLInputElement).value)} />
            <button type="submit" disabled={busy || !!muted || !text.trim()}>Send</button>
          </form>
        )
      ) : <p><a href={`/signin?next=${encodeURIComponent(location.pathname)}`}>Sign in</a> to chat.</p>}
      <ErrorBox error={err} />
    </section>
  );
}
