// The seller's prepared lots (src/show/lotPlan.ts): a plan becomes the start request or says
// what is wrong, and a starting bid far below the lot's value is flagged unless a reserve
// protects it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importTs } from './lib/import-ts.mjs';

let p;
before(async () => { p = await importTs('src/show/lotPlan.ts'); });
const money = (v) => `RM ${(v / 100).toFixed(2)}`;

test('a plan as the start request, or the reason it cannot be one', () => {
  assert.deepEqual(p.planBody('7', { ...p.defaultPlan, starting: '12.50', reserve: '40', buyNow: '90', duration: '45', mode: 'sudden_death' }),
    { product_id: '7', starting_bid: 1250, duration_s: 45, mode: 'sudden_death', reserve_price: 4000, buy_now_price: 9000 });
  assert.deepEqual(p.planBody('7', p.defaultPlan), { product_id: '7', starting_bid: 100, duration_s: 30, mode: 'standard', reserve_price: undefined, buy_now_price: undefined });
  assert.equal(p.planBody('7', { ...p.defaultPlan, starting: '0.50' }), 'The starting bid is at least RM 1.');
  assert.equal(p.planBody('7', { ...p.defaultPlan, duration: '400' }), 'An auction lasts 5 to 300 seconds.');
  assert.equal(p.planBody('7', { ...p.defaultPlan, reserve: 'abc' }), 'Prices are amounts in ringgit, like 50 or 49.90.');
  assert.equal(p.planBody('7', { ...p.defaultPlan, starting: '10', buyNow: '10' }), 'Buy-it-now must be above the starting bid.');
});

test('a starting bid far below the value warns, unless a reserve of half the value protects it', () => {
  const lot = { id: '7', title: 'Canon AE-1', buy_now_price: 15000 };
  assert.match(p.lowStartWarning(lot, { ...p.defaultPlan, starting: '1' }, money), /^Starts at RM 1.00, far below its value of RM 150.00/);
  assert.equal(p.lowStartWarning(lot, { ...p.defaultPlan, starting: '75' }, money), null);
  assert.equal(p.lowStartWarning(lot, { ...p.defaultPlan, starting: '1', reserve: '80' }, money), null);
  assert.notEqual(p.lowStartWarning(lot, { ...p.defaultPlan, starting: '1', reserve: '20' }, money), null);
  assert.equal(p.lowStartWarning({ ...lot, buy_now_price: 0 }, p.defaultPlan, money), null, 'no value, no comparison');
});
