// The app's table of error messages (src/api/errors.ts) against the server's table of error
// codes (src/base/err.h, the one source of them): every code the server can send has a
// line in the app's table, even if that line says "the server's message is fine" (null),
// so a code added to err.h fails here until someone decides what people read. Also: the
// OpenAPI document lists the same codes, and errorText() picks the right words.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from './lib/import-ts.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let m;

before(async () => { m = await importTs('src/api/errors.ts'); });

/** The `code` strings of err.h's X(NAME, value, "code", status, "message") table. */
function serverCodes() {
  const h = readFileSync(join(repo, 'src/base/err.h'), 'utf8');
  const codes = new Set([...h.matchAll(/X\(BZ_\w+,\s*-\d+,\s*"([a-z_]+)"/g)].map((x) => x[1]));
  assert.ok(codes.size >= 30, `read ${codes.size} codes from err.h: has its table's format changed?`);
  return codes;
}

test('every error code the server can send has a line in the table', () => {
  const missing = [...serverCodes()].filter((c) => !Object.hasOwn(m.messages, c));
  assert.deepEqual(missing, [], 'add these to `messages` in web/src/api/errors.ts (null keeps the server\'s message)');
});

test('the table has no code the server does not send (besides the client\'s own)', () => {
  const codes = serverCodes();
  const stray = Object.keys(m.messages).filter((c) => !codes.has(c) && c !== m.NETWORK_ERROR);
  assert.deepEqual(stray, []);
});

test('the OpenAPI document lists the same error codes as err.h', () => {
  const doc = JSON.parse(readFileSync(join(repo, 'api/openapi.json'), 'utf8'));
  const listed = doc.components.schemas.Error.properties.error.properties.code.enum;
  assert.deepEqual(new Set(listed), serverCodes(), 'run `node api/gen.mjs > api/openapi.json`, then `npm run api-types` in web/');
});

test('a code worded in the table reads that way; details fill it in', () => {
  const tooLow = new m.ApiError(422, 'bid_too_low', 'Bid is below the minimum next bid', { min_next_bid: 1250 });
  assert.equal(m.errorText(tooLow), 'Someone bid first. The lowest bid now is RM 12.50.');
  const slow = new m.ApiError(429, 'slow_mode', 'Slow mode is on', { retry_after_ms: 4200 });
  assert.equal(m.errorText(slow), 'Slow mode is on: wait 5 s.');
  assert.equal(m.errorText(new m.ApiError(0, m.NETWORK_ERROR, 'Network error')), 'Cannot reach Blytz. Check your connection and try again.');
});

test('otherwise the server\'s message, with the field it names', () => {
  assert.equal(m.errorText(new m.ApiError(403, 'forbidden', 'Only the seller may do that')), 'Only the seller may do that');
  const field = new m.ApiError(422, 'validation_failed', 'Must be 5 digits', { field: 'pickup_address.postcode' });
  assert.equal(m.errorText(field), 'Must be 5 digits (pickup address.postcode)');
  assert.equal(m.errorMessage(field), 'Must be 5 digits');
  const named = new m.ApiError(422, 'validation_failed', 'title is too short', { field: 'title' });
  assert.equal(m.errorText(named), 'title is too short');
  // A code this app does not know yet (a newer server), or a body that was not JSON.
  assert.equal(m.errorText(new m.ApiError(409, 'some_new_code', 'Something new')), 'Something new');
  assert.equal(m.errorText(new m.ApiError(502, 'http_502', 'Request failed (502)')), 'Request failed (502)');
  assert.equal(m.errorText(new Error('plain')), 'plain');
  assert.equal(m.errorText('text'), 'text');
});

test('the same code reads differently where the context says so', () => {
  const unauth = new m.ApiError(401, 'unauthorized', 'Authentication required');
  assert.equal(m.errorText(unauth), 'Authentication required');
  assert.equal(m.errorText(unauth, 'bid'), 'Please sign in again to bid.');
  assert.equal(m.errorText(unauth, 'prebid'), 'Please sign in again to pre-bid.');
  const sold = new m.ApiError(409, 'out_of_stock', 'This lot is out of stock', { field: 'product_id' });
  assert.equal(m.errorText(sold, 'prebid'), 'This lot is sold out.');
  assert.match(m.errorText(sold, 'show-control'), /in an auction running in another show/);
});

test('an ack\'s refusal becomes the same error as over REST', () => {
  const e = m.ackError({ code: 'auction_ended', message: 'Auction has ended', details: { current_bid: 500 } });
  assert.ok(e instanceof m.ApiError);
  assert.equal(e.code, 'auction_ended');
  assert.equal(e.details.current_bid, 500);
  assert.equal(m.errorText(e, 'bid'), 'This auction has ended.');
});
