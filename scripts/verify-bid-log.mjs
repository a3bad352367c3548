#!/usr/bin/env node
// Check an auction's bid log without trusting the server's verdict: recompute
// the hash chain and verify the Ed25519 signatures of its heads with Node's own
// crypto (docs/auctions.md, "The bid log and how a buyer verifies it").
//
//   node scripts/verify-bid-log.mjs BASE_URL AUCTION_ID [--keys FILE] [--receipts FILE]
//
//   --keys FILE      a JWK Set you trust ({"keys": [...]}): saved earlier from
//                    GET /api/v1/auctions/log-keys, or published by the operator.
//                    Without it, the keys that come with the log are used.
//   --receipts FILE  a JSON array of auction events (`auction:bid`, `auction:update`)
//                    you received: each carries a signed head (log_head_seq, log_head,
//                    log_sig, log_kid) that must verify and still be in the log. This is
//                    what catches a log rolled back to an earlier signed head.
//
// Prints one JSON line {valid, reason, seq, entries, signatures} and exits 0 when the
// log is valid, 1 when it is not, 2 on bad usage or when the log cannot be fetched.
// The module also exports verifyBidLog for programs and tests.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const ZERO = '0'.repeat(64);

/** The bytes each entry's hash covers after prev_hash (docs/auctions.md). */
export function canonical(auctionId, e) {
  return `${auctionId}|${e.seq}|${e.id}|${e.bidder.id}|${e.amount}|${e.by_proxy ? 1 : 0}|${e.created_at_ms}`;
}

/** The message the server signs for the head at `seq` whose hash is `hashHex`. */
export function headMessage(auctionId, seq, hashHex) {
  return `blytz-bid-log-v1|${auctionId}|${seq}|${hashHex}`;
}

/** kid -> KeyObject from a JWK Set ({keys: [...]}) or an array of JWKs; only Ed25519 keys. */
export function keyMap(jwks) {
  const map = new Map();
  for (const jwk of (Array.isArray(jwks) ? jwks : jwks?.keys) ?? []) {
    if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.kid === 'string') {
      map.set(jwk.kid, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }));
    }
  }
  return map;
}

function signatureOk(keys, auctionId, seq, hashHex, sigHex, kid) {
  const key = keys.get(kid);
  if (!key) return 'unknown_key';
  if (typeof sigHex !== 'string' || !/^[0-9a-f]{128}$/.test(sigHex)) return 'bad_signature';
  const ok = verify(null, Buffer.from(headMessage(auctionId, seq, hashHex)), key, Buffer.from(sigHex, 'hex'));
  return ok ? null : 'bad_signature';
}

function checkChain(id, entries, log) {
  let prev = ZERO;
  for (const [i, e] of entries.entries()) {
    if (e.seq !== i + 1) return { reason: 'bad_seq', seq: e.seq };
    if (e.prev_hash !== prev) return { reason: 'bad_link', seq: e.seq };
    const h = createHash('sha256').update(Buffer.from(prev, 'hex')).update(canonical(id, e)).digest('hex');
    if (e.hash !== h) return { reason: 'bad_hash', seq: e.seq };
    if (i > 0 && !(e.amount > entries[i - 1].amount)) return { reason: 'not_increasing', seq: e.seq };
    prev = h;
  }
  if (log.head_seq !== undefined && log.head_seq !== entries.length) return { reason: 'count_mismatch', seq: null };
  if (log.head_hash !== undefined && log.head_hash !== prev) return { reason: 'head_mismatch', seq: null };
  return null;
}

/**
 * Verify a log as GET /api/v1/auctions/{id}/log returns it. Options: keys (a JWK Set you
 * trust; default: log.keys), receipts (event payloads you kept). Every signature present is
 * checked, not only the head's. Returns {valid, reason, seq, entries, signatures}.
 */
export function verifyBidLog(log, { keys, receipts = [] } = {}) {
  const id = log.auction_id;
  const entries = log.entries ?? [];
  const ring = keyMap(keys ?? log.keys);
  const out = (reason, seq = null, signatures = 0) =>
    ({ valid: reason === 'valid', reason, seq, entries: entries.length, signatures });
  const broken = checkChain(id, entries, log);
  if (broken) return out(broken.reason, broken.seq);
  let signatures = 0;
  if (entries.length > 0 && !entries.at(-1).sig) return out('unsigned_head', entries.at(-1).seq);
  for (const e of entries) {
    if (e.sig === null || e.sig === undefined) continue;
    const bad = signatureOk(ring, id, e.seq, e.hash, e.sig, e.kid);
    signatures++;
    if (bad) return out(bad, e.seq, signatures);
  }
  for (const r of receipts) {
    if (String(r.auction_id) !== String(id) || !r.log_head_seq) continue;
    const bad = signatureOk(ring, id, r.log_head_seq, r.log_head, r.log_sig, r.log_kid);
    signatures++;
    if (bad) return out(`receipt_${bad}`, r.log_head_seq, signatures);
    const e = entries[r.log_head_seq - 1];
    if (!e || e.hash !== r.log_head) return out('receipt_not_in_log', r.log_head_seq, signatures);
  }
  return out('valid', null, signatures);
}

async function main(argv) {
  const args = argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const keysFile = opt('--keys');
  const receiptsFile = opt('--receipts');
  if (args.length !== 2) {
    console.error('usage: verify-bid-log.mjs BASE_URL AUCTION_ID [--keys FILE] [--receipts FILE]');
    return 2;
  }
  const [base, id] = args;
  let log;
  try {
    const res = await fetch(`${base.replace(/\/$/, '')}/api/v1/auctions/${encodeURIComponent(id)}/log`);
    if (!res.ok) throw new Error(`GET log: HTTP ${res.status}`);
    log = await res.json();
  } catch (e) {
    console.error(`verify-bid-log: ${e.message}`);
    return 2;
  }
  const keys = keysFile ? JSON.parse(readFileSync(keysFile, 'utf8')) : undefined;
  const receipts = receiptsFile ? JSON.parse(readFileSync(receiptsFile, 'utf8')) : [];
  const result = verifyBidLog(log, { keys, receipts });
  console.log(JSON.stringify(result));
  return result.valid ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv).then((code) => process.exit(code));
}
