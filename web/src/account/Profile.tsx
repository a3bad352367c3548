// The signed-in user's profile: photo, display name, about.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { useSession, userChanged } from '../state/session';
import { ErrorBox, Field, Img, TextArea } from '../components/ui';
import { useAction } from '../components/useAction';

export function Profile() {
  const s = useSession()!;
  const [name, setName] = useState(s.user.display_name ?? '');
  const [bio, setBio] = useState(s.user.bio ?? '');
  const [winName, setWinName] = useState(!!s.user.show_win_name);
  const { busy, err, ok: msg, run } = useAction();
  useEffect(() => {
    api.me().then((r) => userChanged(r.user), () => undefined);
  }, []);
  const save = (e: Event) => {
    e.preventDefault();
    return run(async () => {
      userChanged((await api.updateMe({ display_name: name, bio, show_win_name: winName })).user);
      return 'Profile saved.';
    });
  };
  const onAvatar = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    await run(async () => {
      await api.uploadAvatar(file);
      userChanged((await api.me()).user);
      return 'Photo updated.';
    });
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
        <p class="check">
          <input id="win-name" type="checkbox" checked={winName} onChange={(e) => setWinName((e.target as HTMLInputElement).checked)} aria-describedby="win-name-hint" />
          <label for="win-name">Show my username on lots I win</label>
        </p>
        <p class="hint" id="win-name-hint">People who open an ended show or a sold product later see the price either way; your name only if this is on.</p>
        <button type="submit" disabled={busy}>Save profile</button>
      </form>
      <p role="status" class="ok">{msg}</p>
      <ErrorBox error={err} />
    </section>
  );
}
