// The seller's choice, in the control room before going live: record the show or not. Once
// the show is live the choice is settled (the server says 409), and the room shows viewers
// the "Recorded" mark. The box follows the click at once; a refusal puts it back.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import type { Stream } from '../api/types';
import { ErrorBox } from '../components/ui';
import { useAction } from '../components/useAction';

export function RecordToggle({ stream, onStream }: { stream: Stream; onStream: (s: Stream) => void }) {
  const { busy, err, run } = useAction('show-control');
  const [on, setOn] = useState(stream.record);
  useEffect(() => setOn(stream.record), [stream.record]);
  const set = (record: boolean) => {
    setOn(record);
    void run(async () => {
      try {
        onStream((await api.setRecord(stream.id, record)).stream);
      } catch (e) {
        setOn(stream.record);
        throw e;
      }
    });
  };
  const id = `record-${stream.id}`;
  return (
    <div class="record-toggle">
      <input type="checkbox" id={id} checked={on} disabled={busy} aria-describedby={`${id}-hint`}
        onChange={(e) => set((e.target as HTMLInputElement).checked)} />
      <label for={id}>Record this show</label>
      <p class="hint" id={`${id}-hint`}>
        {on ? 'Viewers see “Recorded”; the replay and video receipts settle disputes.' : 'No replay, and no video receipts for your buyers.'}
      </p>
      <ErrorBox error={err} />
    </div>
  );
}
