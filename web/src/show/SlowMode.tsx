// Slow mode for moderators: how long each viewer waits between messages.
import * as api from '../api/endpoints';
import { useAction } from '../components/useAction';
import type { Room } from './room';

export function SlowMode({ room, current }: { room: Room; current: number }) {
  const { err, run } = useAction();
  return (
    <span class="slow-mode">
      <label for="slow-mode" class="small">Slow mode</label>{' '}
      <select id="slow-mode" value={String(current)} onChange={(e) => {
        const seconds = Number((e.target as HTMLSelectElement).value);
        void run(async () => {
          await api.setSlowMode(room.streamId, seconds);
        });
      }}>
        <option value="0">Off</option>
        <option value="5">5 s</option>
        <option value="15">15 s</option>
        <option value="60">1 min</option>
      </select>
      {err && <span class="field-error" role="alert"> {err}</span>}
    </span>
  );
}
