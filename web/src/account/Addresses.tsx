// The buyer's delivery addresses: the list (the default first), add one, edit one, make one the
// default, delete one. The server normalises what it keeps (the phone in +60 form, the state's
// canonical name) and judges every field; a refusal marks its input.
import { useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { ApiError, errorMessage, fieldError, formError, type FormError } from '../api/errors';
import type { DeliveryAddress } from '../api/types';
import { AddressFields, AddressLabel, emptyPostal, type PostalForm } from '../components/AddressFields';
import { ErrorBox, Field, Loading, useLoad } from '../components/ui';
import { useAction } from '../components/useAction';

interface AddressForm extends PostalForm { name: string; phone: string }

const blank = (): AddressForm => ({ name: '', phone: '', ...emptyPostal() });
const formOf = (a: DeliveryAddress): AddressForm =>
  ({ name: a.name, phone: a.phone, line1: a.line1, line2: a.line2 ?? '', city: a.city, state: a.state, postcode: a.postcode });
const bodyOf = (f: AddressForm) => ({
  name: f.name.trim(), phone: f.phone.trim(), line1: f.line1.trim(), line2: f.line2.trim(),
  city: f.city.trim(), state: f.state, postcode: f.postcode.trim(),
});

/** Add (no `address`) or edit one; `done` once kept (with the address the server answered). */
export function AddressEditor({ address, done, cancel }: { address?: DeliveryAddress; done: (kept: DeliveryAddress) => void; cancel: () => void }) {
  const [f, setF] = useState<AddressForm>(address ? formOf(address) : blank());
  const [err, setErr] = useState<FormError>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof AddressForm) => (v: string) => setF({ ...f, [k]: v });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    try {
      const r = address ? await api.updateAddress(address.id, bodyOf(f)) : await api.addAddress(bodyOf(f));
      done(r.address);
    } catch (x) {
      setErr(formError(x));
    } finally {
      setBusy(false);
    }
  };
  const title = address ? 'Edit address' : 'New address';
  return (
    <form class="stack address-form" onSubmit={submit} aria-label={title}>
      <Field label="Recipient's name" required autoComplete="name" value={f.name} onValue={set('name')} error={fieldError(err, 'name')} maxLength={100} />
      <Field label="Phone" required type="tel" autoComplete="tel" inputMode="tel" hint="A Malaysian number the courier can call, e.g. 012-345 6789" value={f.phone} onValue={set('phone')} error={fieldError(err, 'phone')} />
      <AddressFields f={f} set={set} err={err} />
      <ErrorBox error={err instanceof ApiError ? (err.field ? `Please check the form: ${errorMessage(err)}` : errorMessage(err)) : err} />
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>{address ? 'Save address' : 'Add address'}</button>
        <button type="button" onClick={cancel}>Cancel</button>
      </div>
    </form>
  );
}

export function Addresses() {
  const { data, error, loading, reload } = useLoad(() => api.addresses(), []);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const act = useAction();
  if (loading && !data) return <Loading />;
  const list = data?.addresses ?? [];
  const done = () => { setEditing(null); reload(); };
  return (
    <section aria-labelledby="addr-h">
      <h2 id="addr-h">Delivery addresses</h2>
      <ErrorBox error={error} />
      {list.length === 0 && editing !== 'new' && <p>No address yet: add one so that what you win can be shipped to you.</p>}
      <ul class="addresses">
        {list.map((a) => (
          <li key={a.id} class={a.is_default ? 'default' : undefined}>
            {editing === a.id ? <AddressEditor address={a} done={done} cancel={() => setEditing(null)} /> : (
              <>
                <AddressLabel a={a} />
                {a.is_default ? <span class="badge">Default</span> : null}
                <div class="row">
                  <button type="button" onClick={() => setEditing(a.id)} aria-label={`Edit the address of ${a.name}`}>Edit</button>
                  {!a.is_default && (
                    <button type="button" disabled={act.busy} aria-label={`Make default: the address of ${a.name}`}
                      onClick={() => act.run(async () => { await api.updateAddress(a.id, { is_default: true }); reload(); return 'Default address changed.'; })}>
                      Make default
                    </button>
                  )}
                  <button type="button" disabled={act.busy} aria-label={`Delete the address of ${a.name}`}
                    onClick={() => confirm('Delete this address?') && act.run(async () => { await api.deleteAddress(a.id); reload(); return 'Address deleted.'; })}>
                    Delete
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      {editing === 'new' ? <AddressEditor done={done} cancel={() => setEditing(null)} />
        : list.length < 10 && <button type="button" onClick={() => setEditing('new')}>Add an address</button>}
      <p role="status" class="ok">{act.ok}</p>
      <ErrorBox error={act.err} />
    </section>
  );
}
