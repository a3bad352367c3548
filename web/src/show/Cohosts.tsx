// Co-hosts in the show room (docs/video.md "Co-hosts and screen share"). The seller's part,
// below the screen: invite a co-host by username, the co-hosts with Remove, and Share screen.
// A co-host's part, on the screen where the seller has their controls: "You're co-hosting",
// Go on camera / Leave camera, Share screen, Step down.
import { useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { ErrorBox, Field } from '../components/ui';
import { useAction } from '../components/useAction';
import type { Room } from './room';
import type { RoomState } from './state';
import type { StageControls } from './useStage';

interface Props {
  room: Room;
  st: RoomState;
  stage: StageControls;
}

function ShareButton({ stage, label = 'Share screen' }: { stage: StageControls; label?: string }) {
  const { busy, err, run } = useAction();
  if (!stage.canShare) return null;
  return (
    <>
      {stage.sharing ? (
        <button type="button" onClick={() => stage.stopSharing()}>Stop sharing</button>
      ) : (
        <button type="button" disabled={busy} onClick={() => run(async () => {
          try {
            await stage.share();
          } catch {
            throw new Error('The screen was not shared (the browser was not allowed to, or you cancelled).');
          }
        })}>{label}</button>
      )}
      <ErrorBox error={err} />
    </>
  );
}

/** The seller's stage: their screen share, and their co-hosts. */
export function CohostPanel({ room, st, stage }: Props) {
  const [name, setName] = useState('');
  const invite = useAction();
  const remove = useAction();
  const open = st.stream?.status === 'scheduled' || st.stream?.status === 'live';
  const submit = (e: Event) => {
    e.preventDefault();
    const username = name.trim().replace(/^@/, '');
    if (!username) return invite.fail('Type the username of the person to invite.');
    void invite.run(async () => {
      const r = await api.inviteCohost(room.streamId, username);
      setName('');
      return `${r.cohost.username} is a co-host now: they see “You're co-hosting” in this show.`;
    });
  };
  return (
    <section class="stage-panel" aria-labelledby="stage-h">
      <h2 id="stage-h">On stage</h2>
      <div class="stage-share"><ShareButton stage={stage} /></div>
      {st.cohosts.length > 0 && (
        <ul class="cohost-list" aria-label="Co-hosts">
          {st.cohosts.map((c) => (
            <li key={c.id}>
              <span class="who">{c.username}</span>
              <button type="button" class="small danger" disabled={remove.busy} aria-label={`Remove ${c.username}`}
                onClick={() => remove.run(async () => {
                  await api.removeCohost(room.streamId, c.id);
                  room.applyStage({ stream_id: room.streamId, cohosts: room.state.get().cohosts.filter((x) => x.id !== c.id) });
                })}>Remove</button>
            </li>
          ))}
        </ul>
      )}
      <ErrorBox error={remove.err} />
      {open && (
        <form class="inline-form" onSubmit={submit}>
          <Field label="Invite a co-host" value={name} onValue={setName} autoComplete="off" hint="Their username. Up to 3 co-hosts go on camera with you." />
          <button type="submit" disabled={invite.busy}>Invite</button>
        </form>
      )}
      <ErrorBox error={invite.err} />
      {invite.ok && <p class="ok" role="status">{invite.ok}</p>}
    </section>
  );
}

/** The co-host's controls, on the show's screen. */
export function CohostBar({ st, stage }: Props) {
  const leave = useAction();
  const live = st.stream?.status === 'live';
  const seller = st.stream?.seller.username ?? 'the seller';
  return (
    <section class="cohost-bar" aria-label="Co-hosting">
      <p class="cohost-note"><strong>You're co-hosting</strong> with {seller}{live ? '' : ': go on camera once the show is live'}.</p>
      {live && (stage.onCamera ? (
        <button type="button" onClick={() => stage.setOnCamera(false)}>Leave camera</button>
      ) : (
        <button type="button" class="primary" onClick={() => stage.setOnCamera(true)}>Go on camera</button>
      ))}
      <ShareButton stage={stage} />
      <button type="button" class="danger" disabled={leave.busy}
        onClick={() => confirm('Step down as co-host? The seller can invite you again.') && leave.run(() => stage.stepDown())}>Step down</button>
      <ErrorBox error={leave.err} />
    </section>
  );
}
