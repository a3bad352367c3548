// Sign in and sign up. Both end with the session stored and a redirect to ?next=.
import { useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { ApiError, errorMessage, fieldError, formError, type FormError } from '../api/errors';
import { navigate, useLocation } from '../router';
import { signedIn } from '../state/session';
import { ErrorBox, Field, useTitle } from '../components/ui';
import { useAction } from '../components/useAction';

function nextPath(q: URLSearchParams): string {
  const n = q.get('next') ?? '/';
  return n.startsWith('/') && !n.startsWith('//') ? n : '/';
}

export function SignIn() {
  useTitle('Sign in');
  const { query } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, err: error, run } = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    return run(async () => {
      signedIn(await api.login(email.trim(), password));
      navigate(nextPath(query), { replace: true });
    });
  };
  return (
    <div class="page narrow">
      <h1>Sign in</h1>
      <form onSubmit={submit} class="stack">
        <Field label="Email" type="email" autoComplete="email" required value={email} onValue={setEmail} />
        <Field label="Password" type="password" autoComplete="current-password" required value={password} onValue={setPassword} />
        <ErrorBox error={error} />
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      <p>New to Blytz? <a href={`/signup${query.get('next') ? `?next=${encodeURIComponent(query.get('next')!)}` : ''}`}>Create an account</a></p>
    </div>
  );
}

export function SignUp() {
  useTitle('Create an account');
  const { query } = useLocation();
  const [f, setF] = useState({ email: '', username: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError>(null);
  const fieldErr = (name: string) => fieldError(error, name);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await api.register(f.email.trim(), f.username.trim(), f.password));
      navigate(nextPath(query), { replace: true });
    } catch (err) {
      setError(formError(err));
    } finally {
      setBusy(false);
    }
  };
  const general = error instanceof ApiError ? (error.field ? null : errorMessage(error)) : error;
  return (
    <div class="page narrow">
      <h1>Create an account</h1>
      <form onSubmit={submit} class="stack">
        <Field label="Email" type="email" autoComplete="email" required value={f.email} onValue={(v) => setF({ ...f, email: v })} error={fieldErr('email')} />
        <Field label="Username" autoComplete="username" required hint="Shown in chat and on bids. Letters, digits and _." value={f.username} onValue={(v) => setF({ ...f, username: v })} error={fieldErr('username')} />
        <Field label="Password" type="password" autoComplete="new-password" required hint="At least 10 characters; a phrase of a few words is best." value={f.password} onValue={(v) => setF({ ...f, password: v })} error={fieldErr('password')} />
        <ErrorBox error={general} />
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Creating…' : 'Create account'}</button>
      </form>
      <p>Already have an account? <a href="/signin">Sign in</a></p>
    </div>
  );
}
