// The seller's prepared lots: per lot, the auction settings chosen before the show (starting
// bid, hidden reserve, buy-it-now, duration, mode), kept on this device (localStorage) so
// that "run next lot" during the show is one tap. Pure parts are exported for tests.
import type { AuctionMode, Id, StreamProduct } from '../api/types';
import { parseRinggit } from '../lib/format';

export interface LotPlan {
  starting: string; // ringgit, as typed
  reserve: string;
  buyNow: string;
  duration: string; // seconds
  mode: AuctionMode;
}

export const defaultPlan: LotPlan = { starting: '1', reserve: '', buyNow: '', duration: '30', mode: 'standard' };

const key = (streamId: Id) => `blytz.lots.${streamId}`;

export function loadPlans(streamId: Id): Record<Id, LotPlan> {
  try {
    const v = JSON.parse(localStorage.getItem(key(streamId)) ?? '{}');
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

export function savePlans(streamId: Id, plans: Record<Id, LotPlan>): void {
  try {
    localStorage.setItem(key(streamId), JSON.stringify(plans));
  } catch {
    /* private mode or full: the plan lives for this visit only */
  }
}

export interface StartBody {
  product_id: Id;
  starting_bid: number;
  duration_s: number;
  mode: AuctionMode;
  reserve_price?: number;
  buy_now_price?: number;
}

/** A plan as the start request, or what is wrong with it. */
export function planBody(lot: Id, p: LotPlan): StartBody | string {
  const starting = parseRinggit(p.starting);
  const reserve = p.reserve.trim() ? parseRinggit(p.reserve) : undefined;
  const buyNow = p.buyNow.trim() ? parseRinggit(p.buyNow) : undefined;
  const duration = Number(p.duration);
  if (starting === null || starting < 100) return 'The starting bid is at least RM 1.';
  if (reserve === null || buyNow === null) return 'Prices are amounts in ringgit, like 50 or 49.90.';
  if (!Number.isInteger(duration) || duration < 5 || duration > 300) return 'An auction lasts 5 to 300 seconds.';
  if (buyNow !== undefined && buyNow <= starting) return 'Buy-it-now must be above the starting bid.';
  return { product_id: lot, starting_bid: starting, duration_s: duration, mode: p.mode, reserve_price: reserve, buy_now_price: buyNow };
}

/** A warning when the lot could sell far below what it is worth: a starting bid under half
 * its listed value with no reserve of at least half to protect it. Null when fine. */
export function lowStartWarning(lot: StreamProduct, p: LotPlan, money: (sen: number) => string): string | null {
  const value = lot.buy_now_price ?? 0;
  const starting = parseRinggit(p.starting);
  const reserve = p.reserve.trim() ? parseRinggit(p.reserve) : 0;
  if (!value || starting === null) return null;
  if (starting * 2 >= value || (reserve ?? 0) * 2 >= value) return null;
  return `Starts at ${money(starting)}, far below its value of ${money(value)}: a quiet room could win it for that. Set a reserve to protect it.`;
}
