// Account: profile and avatar, delivery addresses, saved cards, buyer limits (spending cap, cool-off),
// notifications, sign out.
import * as api from '../api/endpoints';
import { navigate } from '../router';
import { session, signedOut } from '../state/session';
import { useSignedIn, useTitle } from '../components/ui';
import { Profile } from './Profile';
import { Addresses } from './Addresses';
import { Cards } from './Cards';
import { Limits } from './Limits';
import { Notifications } from './Notifications';

export function Account() {
  useTitle('Account');
  const s = useSignedIn();
  if (!s) return null;
  return (
    <div class="page account">
      <h1>Account</h1>
      <Profile />
      <Addresses />
      <Cards />
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
