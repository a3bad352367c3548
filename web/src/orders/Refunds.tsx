// An order's refunds (/orders/:id): what was refunded and how far each refund got, for the
// buyer and the seller; and the seller's Refund form — all that is left or a part of it, a
// reason and a note for the buyer. What may be refunded comes from the server.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import type { Body, Order, Refund } from '../api/types';
import { money, parseRinggit, when } from '../lib/format';
import { ErrorBox, Field, Select, TextArea, useLoad } from '../components/ui';
import { useAction, type Action } from '../components/useAction';

export const refundReason: Record<Refund['reason'], string> = {
  out_of_stock: 'Out of stock',
  damaged: 'Damaged',
  not_as_described: 'Not as described',
  buyer_request: 'The buyer asked',
  other: 'Other',
  duplicate: 'Paid twice',
  provider: 'Refunded at Stripe',
};
type Asked = Body<'/orders/{id}/refunds', 'post'>['reason'];
const asked: Asked[] = ['out_of_stock', 'damaged', 'not_as_described', 'buyer_request', 'other'];
const progress: Record<Refund['status'], string> = {
  creating: 'Sending to the bank',
  pending: 'Pending at the bank',
  succeeded: 'Refunded',
  failed: 'Failed: the amount can be refunded again',
};
const refundable: Order['status'][] = ['paid', 'shipped', 'delivered', 'completed'];

export function Refunds({ o, seller, changed }: { o: Order; seller: boolean; changed: () => void }) {
  const { data, reload } = useLoad(() => api.orderRefunds(o.id), [o.id, o.refunded]);
  const list = data?.refunds ?? [];
  const moving = list.some((r) => r.status === 'creating' || r.status === 'pending');
  useEffect(() => {
    if (!moving) return;
    const t = setTimeout(reload, 2000); // until the bank has answered
    return () => clearTimeout(t);
  }, [moving, data]);
  const act = useAction('refund'); // here: its outcome stays when a full refund ends the form
  // the server says who may ask (the seller, or an admin looking at someone's order)
  const canRefund = (data?.may_refund ?? seller) && refundable.includes(o.status) && (data?.refundable ?? 0) > 0;
  if (!canRefund && list.length === 0) return null;
  return (
    <section aria-labelledby="refunds-h" class="refunds">
      <h2 id="refunds-h">Refunds</h2>
      {list.length > 0 && (
        <ul class="list refund-list">
          {list.map((r) => (
            <li key={r.id} data-refund-status={r.status}>
              <strong>{money(r.amount)}</strong> · {refundReason[r.reason]} · {progress[r.status]}
              {r.note && <span class="refund-note"> — “{r.note}”</span>}
              <span class="muted"> · {when(r.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
      {canRefund && data && <RefundForm o={o} left={data.refundable} act={act} done={() => { reload(); changed(); }} />}
      <p role="status" class="ok">{act.ok}</p>
      <ErrorBox error={act.err} />
    </section>
  );
}

function RefundForm({ o, left, act, done }: { o: Order; left: number; act: Action; done: () => void }) {
  const [whole, setWhole] = useState(true);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState<Asked>('out_of_stock');
  const [note, setNote] = useState('');
  const sen = whole ? left : parseRinggit(amount);
  const submit = (e: Event) => {
    e.preventDefault();
    if (sen === null || sen <= 0) return act.fail('Enter the amount to refund in RM, such as 12.50.');
    if (sen > left) return act.fail(`At most ${money(left)} is left to refund.`);
    void act.run(async () => {
      const r = await api.refundOrder(o.id, { amount: whole ? undefined : sen, reason, note: note.trim() || undefined });
      setAmount('');
      setNote('');
      done();
      return `Refund of ${money(r.refund.amount)} on its way to the buyer.`;
    });
  };
  return (
    <form class="refund-form" onSubmit={submit} aria-label="Refund this order">
      <p>Refundable: <strong>{money(left)}</strong> of {money(o.paid)} paid.</p>
      <fieldset class="choices">
        <legend>How much</legend>
        <label class="choice"><input type="radio" name="refund-amount" checked={whole} onChange={() => setWhole(true)} /> All that is left ({money(left)})</label>
        <label class="choice"><input type="radio" name="refund-amount" checked={!whole} onChange={() => setWhole(false)} /> Part of it</label>
      </fieldset>
      {!whole && <Field label="Amount to refund (RM)" inputMode="decimal" value={amount} onValue={setAmount} hint={`Up to ${money(left)}`} />}
      <Select label="Reason" value={reason} onValue={(v) => setReason(v as Asked)}>
        {asked.map((k) => <option key={k} value={k}>{refundReason[k]}</option>)}
      </Select>
      <TextArea label="Note for the buyer" value={note} onValue={setNote} maxLength={500} hint="Optional" />
      <button type="submit" class="primary" disabled={act.busy}>{sen && sen > 0 && sen <= left ? `Refund ${money(sen)}` : 'Refund'}</button>
    </form>
  );
}
