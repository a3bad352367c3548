// One chat message; for the seller and moderators, a menu to pin it and (for others'
// messages, `mod`) to delete it or mute or ban its author.
import { useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import type { ChatMessage } from '../api/types';
import { useAction } from '../components/useAction';
import type { Room } from './room';

export function ChatLine({ m, room, mod, canPin, sellerId }: { m: ChatMessage; room: Room; mod: boolean; canPin?: boolean; sellerId?: string }) {
  const [open, setOpen] = useState(false);
  const { err, run } = useAction();
  const act = (fn: () => Promise<unknown>) => run(async () => {
    await fn();
    setOpen(false);
  });
  return (
    <li class="chat-line" data-id={m.id}>
      <span class={`chat-user${m.user.id === sellerId ? ' host' : ''}`}>{m.user.username}{m.user.id === sellerId && <span class="tag"> host</span>}</span>{' '}
      <span class="chat-text">{m.text}</span>
      {(mod || canPin) && (
        <span class="mod">
          <button type="button" class="link small" aria-expanded={open} aria-label={`${mod ? 'Moderate' : 'Pin'} message from ${m.user.username}`} onClick={() => setOpen(!open)}>⋯</button>
          {open && (
            <span class="mod-menu" role="group" aria-label="Moderation">
              {canPin && <button type="button" class="small" onClick={() => act(() => api.pinChat(room.streamId, m.id).then((r) => room.applyPinned(r.settings.pinned ?? null)))}>Pin</button>}
              {mod && <>
              <button type="button" class="small" onClick={() => act(() => api.deleteChat(room.streamId, m.id))}>Delete</button>
              <button type="button" class="small" onClick={() => act(() => api.mute(room.streamId, m.user.id, 5))}>Mute 5 min</button>
              <button type="button" class="small" onClick={() => act(() => api.mute(room.streamId, m.user.id, 60))}>Mute 1 h</button>
              <button type="button" class="small danger" onClick={() => confirm(`Ban ${m.user.username} from this show? They can no longer chat or bid.`) && act(() => api.ban(room.streamId, m.user.id))}>Ban</button>
              </>}
            </span>
          )}
          {err && <span class="field-error" role="alert"> {err}</span>}
        </span>
      )}
    </li>
  );
}
