// The fields of a Malaysian postal address, as a seller's pickup address and a buyer's
// delivery address both take them (the server validates both with one rule): line 1 and 2,
// city, postcode and the state, each marked when the server refuses it.
import type { FormError } from '../api/errors';
import { fieldError } from '../api/errors';
import { Field, Select } from './ui';

export const STATES = [
  'Johor', 'Kedah', 'Kelantan', 'Melaka', 'Negeri Sembilan', 'Pahang', 'Perak', 'Perlis', 'Pulau Pinang',
  'Sabah', 'Sarawak', 'Selangor', 'Terengganu', 'W.P. Kuala Lumpur', 'W.P. Labuan', 'W.P. Putrajaya',
];

export interface PostalForm { line1: string; line2: string; city: string; state: string; postcode: string }

export const emptyPostal = (): PostalForm => ({ line1: '', line2: '', city: '', state: 'W.P. Kuala Lumpur', postcode: '' });

/** The inputs of `f`; `prefix` is how the server names these fields in a refusal
 * ("pickup_address." for a shop, "" for a delivery address). */
export function AddressFields({ f, set, err, prefix = '' }: {
  f: PostalForm; set: (k: keyof PostalForm) => (v: string) => void; err: FormError; prefix?: string;
}) {
  const fe = (name: string) => fieldError(err, name, `${prefix}${name}`);
  return (
    <>
      <Field label="Address line 1" required autoComplete="address-line1" value={f.line1} onValue={set('line1')} error={fe('line1')} />
      <Field label="Address line 2 (optional)" autoComplete="address-line2" value={f.line2} onValue={set('line2')} error={fe('line2')} />
      <div class="row">
        <Field label="City" required autoComplete="address-level2" value={f.city} onValue={set('city')} error={fe('city')} />
        <Field label="Postcode" required inputMode="numeric" autoComplete="postal-code" pattern="[0-9]{5}" hint="5 digits" value={f.postcode} onValue={set('postcode')} error={fe('postcode')} />
      </div>
      <Select label="State" value={f.state} onValue={set('state')}>
        {STATES.map((x) => <option key={x} value={x}>{x}</option>)}
      </Select>
      {fe('state') && <p class="field-error">{fe('state')}</p>}
    </>
  );
}

/** The parts of an address a label shows: a delivery address, or an order's copy of one. */
export interface Labelled { name: string; phone: string; line1: string; line2?: string | null; city: string; state: string; postcode: string }

/** One address as a courier's label reads it. */
export function AddressLabel({ a }: { a: Labelled }) {
  return (
    <address>
      <strong>{a.name}</strong> · {a.phone}<br />
      {a.line1}{a.line2 ? <>, {a.line2}</> : null}<br />
      {a.postcode} {a.city}, {a.state}
    </address>
  );
}

/** The same on one line, for lists: "Aminah, 50450 Kuala Lumpur, W.P. Kuala Lumpur". */
export function addressLine(a: Labelled): string {
  return `${a.name}, ${a.postcode} ${a.city}, ${a.state}`;
}
