// Opening a shop: its name and description, and the pickup address couriers use.
import { useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { ApiError, errorMessage, fieldError, formError, type FormError } from '../api/errors';
import { userChanged } from '../state/session';
import { ErrorBox, Field, TextArea } from '../components/ui';
import { AddressFields, emptyPostal } from '../components/AddressFields';

export function BecomeSeller() {
  const [f, setF] = useState({ shop_name: '', description: '', ...emptyPostal() });
  const [err, setErr] = useState<FormError>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const fe = (name: string) => fieldError(err, name, `pickup_address.${name}`);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    try {
      await api.becomeSeller({
        shop_name: f.shop_name.trim(), description: f.description.trim(),
        pickup_address: { line1: f.line1.trim(), line2: f.line2.trim(), city: f.city.trim(), state: f.state, postcode: f.postcode.trim() },
      });
      userChanged((await api.me()).user);
    } catch (x) {
      setErr(formError(x));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="page narrow">
      <h1>Become a seller</h1>
      <p>Open a shop to list products and run live auctions. Buyers see your city and state; the full pickup address is only for couriers.</p>
      <form class="stack" onSubmit={submit}>
        <Field label="Shop name" required value={f.shop_name} onValue={set('shop_name')} error={fe('shop_name')} maxLength={60} />
        <TextArea label="About your shop" value={f.description} onValue={set('description')} maxLength={1000} />
        <fieldset>
          <legend>Pickup address (Malaysia)</legend>
          <AddressFields f={f} set={set} err={err} prefix="pickup_address." />
        </fieldset>
        <ErrorBox error={err instanceof ApiError ? (err.field ? `Please check the form: ${errorMessage(err)}` : errorMessage(err)) : err} />
        <button type="submit" class="primary" disabled={busy}>Open my shop</button>
      </form>
    </div>
  );
}
