// The bid log is verifiable by someone who does not trust the database
// (docs/auctions.md): each committed batch's head is signed with an Ed25519 key
// kept outside the database, the public keys are published, events carry the
// signed head, and both the server's /log/verify and an independent check
// (scripts/verify-bid-log.mjs, Node's own crypto) catch the tamper-and-recompute
// attack: a bid changed directly in the database (SQLite file or PostgreSQL,
// whichever BLYTZ_TEST_DB picks) with its hash chain recomputed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPrivateKey, createPublicKey, randomBytes, verify } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { startServer, api, registerUser, registerSeller, BIN, createShow } from './lib/harness.mjs';
import { stopAll } from './lib/live.mjs';
import { verifyBidLog, canonical, headMessage } from '../../scripts/verify-bid-log.mjs';

let srv;
const sockets = [];
before(async () => { srv = await startServer(); });
after(() => stopAll(sockets, srv));

const SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), '../../scripts/verify-bid-log.mjs');

/** The script as an outsider runs it, with keys pinned in a file: {status, result}. */
function runScript(server, auctionId, keys) {
  const dir = mkdtempSync(join(tmpdir(), 'blytz-keys-'));
  try {
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify(keys));
    const r = spawnSync(process.execPath, [SCRIPT, server.url, auctionId, '--keys', file], { encoding: 'utf8', timeout: 60000 });
    return { status: r.status, result: r.stdout ? JSON.parse(r.stdout) : r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function liveShow(server, seller) {
  const { stream, productId } = await createShow(server, seller, { live: true });
  return { stream, productId };
}

/** A live show with a running auction (300 s, no extension to wait for). */
async function auction(server) {
  const seller = await registerSeller(server);
  const { stream, productId } = await liveShow(server, seller);
  const r = await api(server, 'POST', `/api/v1/streams/${stream.id}/auctions`, {
    token: seller.access_token,
    body: { product_id: productId, starting_bid: 1000, duration_s: 300, mode: 'sudden_death' },
  });
  assert.equal(r.status, 201, r.text);
  return { stream, auction: r.json.auction };
}

async function bid(server, who, auctionId, body) {
  const r = await api(server, 'POST', `/api/v1/auctions/${auctionId}/bids`, { token: who.access_token, body });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

/** Bids from two buyers, one at a time, and a maximum that makes a two-step placement. */
async function someBids(server, auctionId) {
  const [a, b] = [await registerUser(server), await registerUser(server)];
  await bid(server, a, auctionId, { amount: 1000 });
  await bid(server, b, auctionId, { amount: 1500 });
  await bid(server, a, auctionId, { max_amount: 5000 }); // a leads at 1600 by proxy
  await bid(server, b, auctionId, { amount: 2000 }); // b's 2000, then a's proxy answer at 2100
  return [a, b];
}

const getLog = async (server, id) => (await api(server, 'GET', `/api/v1/auctions/${id}/log`)).json;
const getVerdict = async (server, id) => (await api(server, 'GET', `/api/v1/auctions/${id}/log/verify`)).json;

// ---- writing the database behind the server's back, as the attacker would ----------------

function sql(server, text) {
  const db = server.env.BLYTZ_DATABASE;
  if (db.startsWith('sqlite:')) {
    execFileSync('sqlite3', ['-bail', '-cmd', '.timeout 20000', db.slice(7), text], { stdio: 'pipe' });
  } else {
    execFileSync('psql', [db, '-q', '-v', 'ON_ERROR_STOP=1', '-c', text], { stdio: 'pipe' });
  }
}

const blob = (server, hex) => (server.env.BLYTZ_DATABASE.startsWith('sqlite:') ? `X'${hex}'` : `decode('${hex}', 'hex')`);
const chainHash = (id, prevHex, e) => createHash('sha256').update(Buffer.from(prevHex, 'hex')).update(canonical(id, e)).digest('hex');

/** Change the last bid's amount and recompute its hash and the auction's head, as someone with
 * write access to the database can. `sig`: 'keep' the stored signature, or 'drop' it. */
function tamperLastBid(server, log, amount, { sig = 'keep' } = {}) {
  const last = log.entries.at(-1);
  const hash = chainHash(log.auction_id, last.prev_hash, { ...last, amount });
  const dropSig = sig === 'drop' ? ', sig = NULL, sig_kid = NULL' : '';
  sql(server, `UPDATE bids SET amount = ${amount}, hash = ${blob(server, hash)}${dropSig} WHERE id = ${last.id};
               UPDATE auctions SET last_hash = ${blob(server, hash)}, current_bid = ${amount} WHERE id = ${log.auction_id};`);
  return hash;
}

/** End a server so that another can take over its directory and database (reuse). */
async function kill(server) {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    const exited = new Promise((r) => server.child.once('exit', r));
    server.child.kill('SIGKILL');
    await exited;
  }
}

// ---- tests ----------------------------------------------------------------------------------

test('the published key is the configured one, and an outsider verifies the log with it', async () => {
  const keys = await api(srv, 'GET', '/api/v1/auctions/log-keys');
  assert.equal(keys.status, 200);
  // The harness configured "l1:<seed>"; derive its public key here, independently.
  const seed = Buffer.from(srv.env.BLYTZ_LOG_SIGNING_KEY.split(':')[1], 'base64');
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const x = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' }).x;
  assert.deepEqual(keys.json.keys, [{ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: 'l1', x }]);

  const { auction: a } = await auction(srv);
  await someBids(srv, a.id);
  const log = await getLog(srv, a.id);
  assert.deepEqual(log.entries.map((e) => e.amount), [1000, 1500, 1600, 2000, 2100]);
  const last = log.entries.at(-1);
  assert.equal(last.kid, 'l1');
  assert.match(last.sig, /^[0-9a-f]{128}$/);
  assert.equal(log.head_seq, 5);
  assert.equal(log.head_sig, last.sig);
  assert.equal(log.head_kid, 'l1');
  assert.equal(log.head_hash, last.hash);
  // The two steps of the last placement were one batch: only its head is signed.
  assert.equal(log.entries[3].sig, null);
  assert.equal(log.entries[3].kid, null);
  // Every signature verifies, by hand and by the script, with the key pinned above.
  for (const e of log.entries.filter((x) => x.sig)) {
    const ok = verify(null, Buffer.from(headMessage(a.id, e.seq, e.hash)), createPublicKey({ key: keys.json.keys[0], format: 'jwk' }), Buffer.from(e.sig, 'hex'));
    assert.ok(ok, `signature of entry ${e.seq}`);
  }
  assert.deepEqual(verifyBidLog(log, { keys: keys.json }), { valid: true, reason: 'valid', seq: null, entries: 5, signatures: 4 });
  assert.deepEqual(runScript(srv, a.id, keys.json), { status: 0, result: { valid: true, reason: 'valid', seq: null, entries: 5, signatures: 4 } });
  assert.deepEqual(await getVerdict(srv, a.id), {
    valid: true, reason: 'valid', seq: null, entries: 5, chain_valid: true, signatures_checked: 1,
    head_seq: 5, head_hash: last.hash, head_sig: last.sig, head_kid: 'l1',
  });
});

test('tamper-and-recompute: a changed last bid with a recomputed chain is caught', async () => {
  const { auction: a } = await auction(srv);
  await someBids(srv, a.id);
  const keys = (await api(srv, 'GET', '/api/v1/auctions/log-keys')).json;
  const before = await getLog(srv, a.id);

  // The last bid (2100, the winner's) becomes 5000, and the hash chain is recomputed.
  const forged = tamperLastBid(srv, before, 5000);
  const after = await getLog(srv, a.id);
  assert.equal(after.entries.at(-1).amount, 5000);
  assert.equal(after.head_hash, forged);
  // The chain alone is fooled: it recomputes and ends at the stored head ...
  assert.equal(chainHash(a.id, after.entries.at(-1).prev_hash, after.entries.at(-1)), after.head_hash);
  // ... but the server's signature was over the old head.
  const v = await getVerdict(srv, a.id);
  assert.equal(v.valid, false, 'the server must not call a rewritten log valid');
  assert.equal(v.reason, 'bad_signature');
  assert.equal(v.seq, 5);
  assert.equal(v.chain_valid, true);
  assert.deepEqual(verifyBidLog(after, { keys }), { valid: false, reason: 'bad_signature', seq: 5, entries: 5, signatures: 4 });
  assert.deepEqual(runScript(srv, a.id, keys), { status: 1, result: { valid: false, reason: 'bad_signature', seq: 5, entries: 5, signatures: 4 } });

  // Dropping the signature does not help: a log must end in a signed head.
  tamperLastBid(srv, before, 5000, { sig: 'drop' });
  const dropped = await getLog(srv, a.id);
  assert.equal(dropped.head_sig, null);
  assert.deepEqual(await getVerdict(srv, a.id), {
    valid: false, reason: 'unsigned_head', seq: 5, entries: 5, chain_valid: true, signatures_checked: 0,
    head_seq: 5, head_hash: dropped.head_hash, head_sig: null, head_kid: null,
  });
  assert.equal(verifyBidLog(dropped, { keys }).reason, 'unsigned_head');

  // Nor does replaying a genuine signature of another entry: it names another head.
  const sig3 = before.entries[2].sig;
  sql(srv, `UPDATE bids SET sig = ${blob(srv, sig3)}, sig_kid = 'l1' WHERE id = ${before.entries.at(-1).id};`);
  assert.equal((await getVerdict(srv, a.id)).reason, 'bad_signature');
  assert.equal(verifyBidLog(await getLog(srv, a.id), { keys }).reason, 'bad_signature');
});

test('auction events carry the signed head; a viewer who kept them catches a rolled-back log', async () => {
  const { stream, auction: a } = await auction(srv);
  const s = io(srv.url, { transports: ['websocket'], timeout: 10000 });
  sockets.push(s);
  const events = [];
  s.on('auction:bid', (e) => events.push(e));
  const joined = await s.timeout(10000).emitWithAck('join:stream', { stream_id: stream.id });
  assert.equal(joined.ok, true);
  await someBids(srv, a.id);
  const deadline = Date.now() + 20000;
  while (events.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(events.length, 5, 'one auction:bid per step');

  const keys = (await api(srv, 'GET', '/api/v1/auctions/log-keys')).json;
  const key = createPublicKey({ key: keys.keys[0], format: 'jwk' });
  const log = await getLog(srv, a.id);
  for (const e of events) {
    assert.equal(log.entries[e.log_seq - 1].id, e.id, 'log_seq names the step');
  }
  // The last step of each batch carries the signed head: here every placement but the one
  // that made two steps (2000 and the proxy's 2100) was a batch of one step.
  const signed = events.filter((e) => e.log_sig);
  assert.deepEqual(signed.map((e) => e.log_seq), [1, 2, 3, 5]);
  assert.equal(events[3].log_head, undefined);
  for (const e of signed) {
    assert.equal(e.log_head_seq, e.log_seq);
    assert.equal(e.log_head, log.entries[e.log_seq - 1].hash);
    assert.equal(e.log_kid, 'l1');
    assert.ok(verify(null, Buffer.from(headMessage(a.id, e.log_head_seq, e.log_head)), key, Buffer.from(e.log_sig, 'hex')));
  }
  assert.equal(verifyBidLog(log, { keys, receipts: events }).valid, true);

  // Roll the log back to the previous signed head: delete the last batch (the 2000 and the
  // proxy's 2100) and point the auction at seq 3. Every remaining signature is genuine, so
  // the log alone cannot show it; the viewer's receipts can.
  const [, , third] = log.entries;
  sql(srv, `DELETE FROM bids WHERE auction_id = ${a.id} AND seq > 3;
            UPDATE auctions SET step_count = 3, current_bid = ${third.amount}, last_hash = ${blob(srv, third.hash)} WHERE id = ${a.id};`);
  const rolled = await getLog(srv, a.id);
  assert.equal(rolled.entries.length, 3);
  assert.equal(verifyBidLog(rolled, { keys }).valid, true, 'without receipts a clean rollback passes');
  assert.deepEqual(verifyBidLog(rolled, { keys, receipts: events }), { valid: false, reason: 'receipt_not_in_log', seq: 5, entries: 3, signatures: 7 });
});

test('auction:update carries the head: none at the opening, the final signed head at the close', async () => {
  const [seller, buyer] = [await registerSeller(srv), await registerUser(srv)];
  const { stream, productId } = await liveShow(srv, seller);
  const s = io(srv.url, { transports: ['websocket'], timeout: 10000 });
  sockets.push(s);
  const updates = [];
  s.on('auction:update', (e) => updates.push(e));
  assert.equal((await s.timeout(10000).emitWithAck('join:stream', { stream_id: stream.id })).ok, true);
  const r = await api(srv, 'POST', `/api/v1/streams/${stream.id}/auctions`, {
    token: seller.access_token,
    body: { product_id: productId, starting_bid: 1000, duration_s: 5, mode: 'sudden_death' },
  });
  assert.equal(r.status, 201, r.text);
  const id = r.json.auction.id;
  await bid(srv, buyer, id, { amount: 1000 }); // well within the 5 s, even on a slow build
  const deadline = Date.now() + 30000;
  while (!updates.some((u) => u.status === 'ended') && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
  const [opening] = updates;
  const closing = updates.find((u) => u.status === 'ended');
  assert.ok(closing, 'heard the close');
  assert.deepEqual([opening.status, opening.log_head_seq, opening.log_head, opening.log_sig, opening.log_kid], ['running', 0, null, null, null]);
  const log = await getLog(srv, id);
  assert.deepEqual([closing.log_head_seq, closing.log_head, closing.log_sig, closing.log_kid], [log.head_seq, log.head_hash, log.head_sig, log.head_kid]);
  assert.equal(verifyBidLog(log, { receipts: updates }).valid, true);
});

test('the key comes from a file under the var dir when unset; rotation keeps old logs verifiable', async () => {
  const a = await startServer({ env: { BLYTZ_LOG_SIGNING_KEY: '' } });
  let b, c;
  try {
    const file = join(a.dir, 'log-signing.key');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const line = readFileSync(file, 'utf8').trim();
    const oldKid = line.split(':')[0];
    assert.deepEqual((await api(a, 'GET', '/api/v1/auctions/log-keys')).json.keys.map((k) => k.kid), [oldKid]);
    const { auction: first } = await auction(a);
    await someBids(a, first.id);
    assert.equal((await getLog(a, first.id)).head_kid, oldKid);
    await kill(a);

    // Rotate: a new key signs, the old one stays in the ring for the old logs.
    const fresh = `l2:${randomBytes(32).toString('base64')}`;
    b = await startServer({ reuse: a, env: { BLYTZ_LOG_SIGNING_KEY: `${fresh},${line}` } });
    const keys = (await api(b, 'GET', '/api/v1/auctions/log-keys')).json;
    assert.deepEqual(keys.keys.map((k) => k.kid), ['l2', oldKid]);
    assert.equal((await getVerdict(b, first.id)).valid, true);
    const { auction: second } = await auction(b);
    await someBids(b, second.id);
    const log2 = await getLog(b, second.id);
    assert.equal(log2.head_kid, 'l2');
    assert.equal(verifyBidLog(log2, { keys }).valid, true);
    assert.equal(verifyBidLog(await getLog(b, first.id), { keys }).valid, true);
    await kill(b);

    // Drop the old key: its logs no longer verify, and say why.
    c = await startServer({ reuse: b, env: { BLYTZ_LOG_SIGNING_KEY: fresh } });
    const v = await getVerdict(c, first.id);
    assert.equal(v.valid, false);
    assert.equal(v.reason, 'unknown_key');
    assert.equal((await getVerdict(c, second.id)).valid, true);
  } finally {
    // a and b were killed and taken over; c owns the directory now.
    if (c) await c.stop();
    else if (b) await b.stop();
    else await a.stop();
  }
});

test('a bad BLYTZ_LOG_SIGNING_KEY stops blytz serve with exit 2 and says why', () => {
  const dir = mkdtempSync(join(tmpdir(), 'blytz-bidlog-'));
  try {
    for (const bad of ['l1:c2hvcnQ=', 'not base64 at all', `l1:${randomBytes(48).toString('base64')}`]) {
      const r = spawnSync(BIN, ['serve'], {
        env: { PATH: process.env.PATH, ASAN_OPTIONS: 'detect_leaks=1', BLYTZ_VAR_DIR: dir, BLYTZ_DATABASE: `sqlite:${join(dir, 'b.db')}`, BLYTZ_ADDR: '127.0.0.1:0', BLYTZ_LOG_SIGNING_KEY: bad },
        encoding: 'utf8',
        timeout: 60000,
      });
      assert.equal(r.status, 2, `${bad}: ${r.stderr}`);
      assert.match(r.stderr, /BLYTZ_LOG_SIGNING_KEY: .*(32|base64)/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two nodes share the key: each verifies what the other signed (PostgreSQL)', { skip: process.env.BLYTZ_TEST_DB !== 'pg' && 'runs in the PostgreSQL pass' }, async () => {
  const n2 = await startServer({ sharedWith: srv });
  try {
    assert.deepEqual((await api(n2, 'GET', '/api/v1/auctions/log-keys')).json, (await api(srv, 'GET', '/api/v1/auctions/log-keys')).json);
    const { auction: a } = await auction(srv);
    const buyer = await registerUser(srv);
    await bid(srv, buyer, a.id, { amount: 1000 });
    await bid(n2, await registerUser(n2), a.id, { amount: 1500 });
    assert.equal((await getVerdict(srv, a.id)).valid, true);
    assert.equal((await getVerdict(n2, a.id)).valid, true);
  } finally {
    await n2.stop();
  }
});
