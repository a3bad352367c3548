// How a page lays out the stage (src/video/stage.ts): the seller's camera is the main picture,
// the rest are tiles in stage order, and feeds of anyone not on stage are not shown.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importTs } from './lib/import-ts.mjs';

let m;
before(async () => { m = await importTs('src/video/stage.ts'); });

const feed = (identity, kind, key = `${identity}-${kind}`) => ({ key, identity, kind, stream: { id: key } });
const keys = (tiles) => tiles.map((t) => t.key);

test('the seller\'s camera is the main picture; screens and co-hosts are tiles in stage order', () => {
  const feeds = [feed('u9', 'camera'), feed('u1', 'screen'), feed('u7', 'camera'), feed('u1', 'camera'), feed('u7', 'screen')];
  const { main, tiles } = m.arrangeStage('1', ['7', '9'], [], feeds);
  assert.equal(main.key, 'u1-camera');
  assert.equal(main.self, false);
  assert.deepEqual(keys(tiles), ['u1-screen', 'u7-camera', 'u7-screen', 'u9-camera']);
});

test('one\'s own feeds take their place on stage; nobody off stage is shown', () => {
  const own = [{ ...feed('u7', 'camera', 'self-camera'), self: true }];
  const { main, tiles } = m.arrangeStage('1', ['7'], own, [feed('u1', 'camera'), feed('u8', 'camera')]);
  assert.equal(main.key, 'u1-camera');
  assert.deepEqual(keys(tiles), ['self-camera']);
  assert.equal(tiles[0].self, true);
  const seller = m.arrangeStage('1', [], [{ ...feed('u1', 'camera', 'self-camera'), self: true }], []);
  assert.equal(seller.main.key, 'self-camera');
  assert.deepEqual(seller.tiles, []);
});

test('no main picture until the seller\'s camera comes; the identities a page watches', () => {
  const { main, tiles } = m.arrangeStage('1', ['7'], [], [feed('u7', 'camera')]);
  assert.equal(main, null);
  assert.deepEqual(keys(tiles), ['u7-camera']);
  assert.deepEqual(m.watchedIdentities('1', ['7', '9'], null), ['u1', 'u7', 'u9']);
  assert.deepEqual(m.watchedIdentities('1', ['7', '9'], '7'), ['u1', 'u9']);
  assert.deepEqual(m.watchedIdentities('1', ['7'], '1'), ['u7']);
  assert.equal(m.identityOf('42'), 'u42');
});
