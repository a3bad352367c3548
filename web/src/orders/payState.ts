// What an unpaid order says about paying it: the time left ("pay within 23:41"), or, after a
// failed attempt, the deadline to fix it by and why it failed, in words a buyer understands.
// Pure (the time is passed in), so the unit tests pin every case.
import type { Order } from '../api/types';
import { clockTime, hoursMinutes, when } from '../lib/format';

export interface Deadline {
  text: string;
  /** Under an hour left, or failed: shown as a warning. */
  urgent: boolean;
  passed: boolean;
}

type Unpaid = Pick<Order, 'status' | 'pay_by' | 'payment_failed'>;

/** The deadline line of an order awaiting payment, as its buyer (or its `seller`) reads it;
 * null for any other order. */
export function deadline(o: Unpaid, now: number, seller = false): Deadline | null {
  if (o.status !== 'awaiting_payment') return null;
  const end = Date.parse(o.pay_by);
  if (Number.isNaN(end)) return null;
  const left = end - now;
  if (left <= 0) return { text: 'the time to pay has passed', urgent: true, passed: true };
  if (o.payment_failed) {
    const by = new Date(end).toDateString() === new Date(now).toDateString() ? clockTime(o.pay_by) : when(o.pay_by);
    const text = seller ? `the buyer's payment failed; they have until ${by}` : `Payment failed — fix it before ${by}`;
    return { text, urgent: true, passed: false };
  }
  const text = `${seller ? 'the buyer pays' : 'pay'} within ${hoursMinutes(left)}`;
  return { text, urgent: left < 3600_000, passed: false };
}

// The provider's reasons (Stripe's codes and decline codes) a buyer may meet; others read as
// a plain failure.
const reasons: Record<string, string> = {
  card_declined: 'your card was declined',
  insufficient_funds: 'the card has not enough funds',
  authentication_required: 'your bank asked you to confirm the payment',
  payment_intent_authentication_failure: 'the payment was not completed at your bank',
  expired_card: 'the card has expired',
  incorrect_cvc: 'the card’s security code was wrong',
  processing_error: 'the bank could not process it',
};

/** Why a payment failed, as the end of a sentence ("…: your card was declined"). */
export function failureReason(code: string | null | undefined): string {
  return (code && reasons[code]) || 'the payment did not go through';
}
