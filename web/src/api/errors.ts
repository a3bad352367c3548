// What people read when something fails: one wording per stable error code of the server
// (src/base/err.h, the `code` of {"error":{code,message,details}} and of Socket.IO acks),
// and errorText(), which every place that shows an error goes through.
//
// A wording of null shows the server's own message, which is already written for people
// (err.h's default or a more precise one, e.g. the field at fault): a code gets its own
// wording here only where the app can say more (what to do next, the price from the
// details). A code the table does not know (a newer server) falls back the same way.
// web/test/errors.test.mjs fails when err.h has a code this table lacks.
import type { ErrorCode } from './types';
import { money } from '../lib/format';

export type Details = Record<string, unknown>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Details = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get field(): string | undefined {
    const f = this.details.field;
    return typeof f === 'string' ? f : undefined;
  }
}

/** The client's own code for a request that never reached the server. */
export const NETWORK_ERROR = 'network_error';

type Wording = string | ((d: Details) => string) | null;

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export const messages: Record<ErrorCode | typeof NETWORK_ERROR, Wording> = {
  [NETWORK_ERROR]: 'Cannot reach Blytz. Check your connection and try again.',
  internal: null,
  unavailable: null,
  bad_request: null,
  invalid_json: null,
  validation_failed: null,
  unauthorized: null,
  forbidden: null,
  not_found: null,
  method_not_allowed: null,
  conflict: null,
  payload_too_large: null,
  unsupported_media_type: null,
  headers_too_large: null,
  rate_limited: null,
  timeout: null,
  idempotency_conflict: null,
  email_taken: null,
  username_taken: null,
  weak_password: null,
  invalid_credentials: 'That email and password do not match an account.',
  token_expired: null,
  refresh_token_reused: null,
  already_seller: null,
  not_a_seller: null,
  invalid_image: null,
  cannot_follow_self: null,
  wrong_password: null,
  bid_too_low: (d) => `Someone bid first. The lowest bid now is ${money(num(d.min_next_bid))}.`,
  auction_ended: 'This auction has ended.',
  not_eligible: null,
  auction_running: null,
  already_highest_bidder: 'You are already the highest bidder. Set a maximum to bid higher automatically.',
  out_of_stock: 'This lot is sold out.',
  muted: null,
  banned: 'You are banned from this show.',
  blocked_word: null,
  chat_closed: null,
  slow_mode: (d) => `Slow mode is on: wait ${Math.ceil(Number(d.retry_after_ms ?? 0) / 1000)} s.`,
  cool_off: 'You are in a cool-off and cannot bid right now.',
  spending_cap: 'This bid would go over your spending cap (Account → Spending limits).',
  bidding_paused: 'Bidding is paused because recent wins were not paid. Pay your open orders on time to keep bidding.',
  card_required: 'This seller takes bids from buyers with a card on file. Add one under Account → Saved cards; it is charged only when you win.',
  unsupported: null,
  cannot_cohost_self: 'You host this show already: invite someone else.',
  cohost_limit: null,
  cohost_banned: 'That user is banned from this show: lift the ban first to invite them.',
  order_state: null,
  payment_deadline_passed: 'The time to pay for this order has passed, so it can no longer be paid.',
  refund_exceeds_paid: 'A refund cannot be more than what was paid and not yet refunded.',
  amount_below_minimum: 'The total is under RM 2.00, the smallest amount that can be paid online.',
  amount_above_maximum: null,
  card_declined: 'Your card was declined: pay with another card, FPX or GrabPay before the deadline.',
  authentication_required: 'Your bank wants you to confirm this payment: pay again and follow your bank\'s steps.',
  payment_failed: 'The payment did not go through: try again or choose another way to pay.',
  payment_idempotency_error: 'Something went wrong with this payment. Reload the page and try again: you will not be charged twice.',
  payment_provider_refused: 'The payment service refused this payment. Try another way to pay, or try again later.',
  payment_provider_unauthorized: 'Paying online is not working on Blytz right now. Please try again later.',
  invalid_signature: null,
  plan_active: 'You have a plan subscription already. To change plans, cancel it first, then choose the new one.',
  no_paid_plan: 'You are on the free plan: there is no subscription to cancel.',
  link_expired: 'This download link has expired. Open the order again for a fresh one.',
  only_buyer: 'Only the buyer can say the order arrived.',
  shipping_refused: null, // the server's message is the carrier's reason
  shipping_provider_unauthorized: 'Shipping with NinjaVan is not working on Blytz right now. Please try again later.',
  shipping_invalid_signature: null,
  shipment_state: null,
  not_shippable: null,
  pickup_slot: null,
};

/** Where the same code reads differently: what the person was doing. */
export type ErrorContext = 'bid' | 'prebid' | 'show-control' | 'pay' | 'save-card' | 'refund' | 'plan';

const inContext: Record<ErrorContext, Partial<Record<ErrorCode, Wording>>> = {
  bid: { unauthorized: 'Please sign in again to bid.' },
  prebid: {
    unauthorized: 'Please sign in again to pre-bid.',
    auction_running: "This lot's auction is already running: bid on it in the lot panel.",
  },
  'show-control': {
    auction_running: 'An auction is still running: wait for it to close.',
    out_of_stock: 'This lot is sold out, or its last unit is in an auction running in another show.',
  },
  pay: {
    order_state: 'This order cannot be paid now: it is paid or cancelled already.',
    unavailable: 'Paying online is not available at the moment. Please try again later.',
  },
  refund: {
    order_state: 'This order cannot be refunded now: it is not paid, it is refunded already, or the buyer’s bank is deciding a dispute.',
    refund_exceeds_paid: 'That is more than what is left to refund on this order.',
    payment_provider_refused: 'Stripe refused this refund. Try a smaller amount, or try again later.',
    unavailable: 'Refunds are not available at the moment. Please try again later.',
  },
  'save-card': {
    card_declined: 'Your bank declined this card. Try another card.',
    authentication_required: 'Your bank needs you to confirm this card: try again and follow your bank\'s steps.',
    payment_failed: 'The card could not be saved. Check its details or try another card.',
    unavailable: 'Cards cannot be saved at the moment. Please try again later.',
  },
  plan: {
    card_declined: 'Your bank declined this card. Try another card to pay for your plan.',
    payment_failed: 'The payment for your plan did not go through. Check the card or try another one.',
    unavailable: 'Plans cannot be changed at the moment. Please try again later.',
    not_a_seller: 'Plans are for sellers: open your shop first.',
  },
};

function wording(e: ApiError, context?: ErrorContext): string | null {
  const own = context ? inContext[context][e.code as ErrorCode] : undefined;
  const w = own ?? (Object.hasOwn(messages, e.code) ? messages[e.code as ErrorCode] : null);
  return typeof w === 'function' ? w(e.details) : w;
}

/** The message alone, for an error shown beside the field it names. */
export function errorMessage(e: unknown, context?: ErrorContext): string {
  if (e instanceof ApiError) return wording(e, context) ?? e.message;
  return e instanceof Error ? e.message : String(e);
}

/** A message fit for a person, from any thrown value; the server's names the field at fault. */
export function errorText(e: unknown, context?: ErrorContext): string {
  if (!(e instanceof ApiError)) return errorMessage(e);
  const w = wording(e, context);
  if (w !== null) return w;
  return e.field && !e.message.includes(e.field) ? `${e.message} (${e.field.replace(/_/g, ' ')})` : e.message;
}

/** What a form keeps of a failure: the server's refusal itself, whose field names the input to
 * mark (fieldError), or the words of anything else. */
export type FormError = ApiError | string | null;

export function formError(e: unknown): ApiError | string {
  return e instanceof ApiError ? e : errorText(e);
}

/** The message to show at an input when `err` refuses the field `names` lists, else null. */
export function fieldError(err: FormError, ...names: string[]): string | null {
  return err instanceof ApiError && err.field !== undefined && names.includes(err.field) ? errorMessage(err) : null;
}

/** An ack's refusal as the error REST would have thrown. */
export function ackError(error: { code: string; message: string; details?: Details }): ApiError {
  return new ApiError(0, error.code, error.message, error.details);
}
