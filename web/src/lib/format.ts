// Money is integer sen everywhere; it becomes text only here, with integer arithmetic
// (no floating-point cents): 123450 → "RM 1,234.50".
import type { Sen } from '../api/types';

const thousands = new Intl.NumberFormat('en-MY', { maximumFractionDigits: 0 });

export function money(sen: Sen | null | undefined): string {
  if (sen === null || sen === undefined || !Number.isFinite(sen)) return '—';
  const neg = sen < 0;
  const abs = Math.abs(Math.trunc(sen));
  const ringgit = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${neg ? '−' : ''}RM ${thousands.format(ringgit)}.${cents}`;
}

/** Parse what a person types as ringgit ("12", "12.5", "1,234.50", "RM 20") into sen, or null. */
export function parseRinggit(text: string): Sen | null {
  const t = text.replace(/^\s*RM\s*/i, '').replace(/,/g, '').trim();
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0'));
}

/** Sen as an input's value in ringgit ("12.50"). */
export function ringgitInput(sen: Sen | null | undefined): string {
  if (sen === null || sen === undefined) return '';
  return `${Math.floor(sen / 100)}.${String(sen % 100).padStart(2, '0')}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** A time in the reader's locale and zone. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dateTime.format(d);
}

export function clockTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : timeOnly.format(d);
}

/** Seconds as m:ss (countdowns). */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Time left as HH:MM (a payment deadline): whole minutes rounded up, so "00:01" until the
 * last second has passed, then "00:00". */
export function hoursMinutes(ms: number): string {
  const m = Math.max(0, Math.ceil(ms / 60000));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export const conditionLabel: Record<string, string> = {
  new: 'New',
  like_new: 'Like new',
  good: 'Good',
  fair: 'Fair',
};

export const orderStatusLabel: Record<string, string> = {
  awaiting_payment: 'Awaiting payment',
  paid: 'Paid',
  shipped: 'Shipped',
  delivered: 'Delivered',
  completed: 'Completed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  disputed: 'Disputed',
};

const brands: Record<string, string> = {
  visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', unionpay: 'UnionPay', jcb: 'JCB',
  discover: 'Discover', diners: 'Diners Club',
};

/** A saved card as people name it: "Visa •••• 4242". */
export function cardName(c: { brand: string; last4: string }): string {
  const brand = brands[c.brand] ?? (c.brand ? c.brand[0].toUpperCase() + c.brand.slice(1) : 'Card');
  return `${brand} •••• ${c.last4}`;
}

/** A card's expiry as printed on it: "04/29". */
export function cardExpiry(c: { exp_month: number; exp_year: number }): string {
  return `${String(c.exp_month).padStart(2, '0')}/${String(c.exp_year % 100).padStart(2, '0')}`;
}

export const methodLabel: Record<string, string> = { card: 'Card', fpx: 'FPX online banking', grabpay: 'GrabPay' };

/** A sale as later visitors see it: "Sold RM 12.00", and "to <name>" when the buyer allows it. */
export function soldText(sale: { price: number; winner: { username: string } | null }): string {
  return `Sold ${money(sale.price)}${sale.winner ? ` to ${sale.winner.username}` : ''}`;
}
