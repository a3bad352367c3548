// Uploads: product images (raw and multipart) and avatars, with ownership and size limits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser, registerSeller } from './lib/harness.mjs';
import { encodePng } from '../../web/scripts/png.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

/** An RGB PNG of w×h pixels with a gradient. */
function png(w, h) {
  const px = Buffer.alloc(w * 3 * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      px[(y * w + x) * 3] = (x * 255) / w;
      px[(y * w + x) * 3 + 1] = (y * 255) / h;
      px[(y * w + x) * 3 + 2] = 128;
    }
  }
  return encodePng(w, h, px, { channels: 3 });
}

async function newProduct(seller) {
  const r = await api(srv, 'POST', '/api/v1/products', {
    token: seller.access_token, body: { title: 'Batik lukis tangan', condition: 'new', quantity: 1, shipping_weight_g: 200 },
  });
  assert.equal(r.status, 201, r.text);
  return r.json.product;
}

const upload = (path, token, body, type = 'image/png') =>
  api(srv, 'POST', path, { token, body, headers: { 'content-type': type } });

test('raw image upload → 201 with three WebP URLs that serve', async () => {
  const s = await registerSeller(srv);
  const p = await newProduct(s);
  const r = await upload(`/api/v1/products/${p.id}/images`, s.access_token, png(800, 400));
  assert.equal(r.status, 201, r.text);
  const img = r.json.image;
  assert.equal(typeof img.id, 'string');
  for (const size of ['small', 'medium', 'large']) {
    assert.match(img.urls[size], new RegExp(`products/${p.id}/${img.id}-${size}\\.webp`));
  }
  assert.equal(img.width, 800, 'large is 1200 px at most and never upscaled');
  assert.equal(img.height, 400);
  const url = img.urls.small.startsWith('http') ? img.urls.small : srv.url + img.urls.small;
  const blob = await fetch(url);
  assert.equal(blob.status, 200);
  const bytes = Buffer.from(await blob.arrayBuffer());
  assert.equal(bytes.subarray(8, 12).toString('ascii'), 'WEBP');
  const got = await api(srv, 'GET', `/api/v1/products/${p.id}`);
  assert.deepEqual(got.json.product.images.map((i) => i.id), [img.id]);
});

test('multipart upload (field "image") → 201', async () => {
  const s = await registerSeller(srv);
  const p = await newProduct(s);
  const form = new FormData();
  form.append('caption', 'ignored');
  form.append('image', new Blob([png(64, 64)], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${srv.url}/api/v1/products/${p.id}/images`, {
    method: 'POST', body: form, headers: { authorization: `Bearer ${s.access_token}` },
  });
  const text = await res.text();
  assert.equal(res.status, 201, text);
  assert.equal(JSON.parse(text).image.width, 64);
});

test('upload errors: 403 other seller, 404 product, 415 type, 422 not an image, 401 anonymous', async () => {
  const s = await registerSeller(srv);
  const other = await registerSeller(srv);
  const p = await newProduct(s);
  let r = await upload(`/api/v1/products/${p.id}/images`, other.access_token, png(10, 10));
  assert.equal(r.status, 403);
  r = await upload('/api/v1/products/123456789/images', s.access_token, png(10, 10));
  assert.equal(r.status, 404);
  r = await upload(`/api/v1/products/${p.id}/images`, s.access_token, 'hello', 'text/plain');
  assert.equal(r.status, 415);
  r = await upload(`/api/v1/products/${p.id}/images`, s.access_token, Buffer.from('definitely not a png'));
  assert.equal(r.status, 422);
  assert.equal(r.json.error.code, 'invalid_image');
  r = await upload(`/api/v1/products/${p.id}/images`, undefined, png(10, 10));
  assert.equal(r.status, 401);
});

test('an image over 10 MiB is 413', async () => {
  const s = await registerSeller(srv);
  const p = await newProduct(s);
  const big = Buffer.alloc(10 * 1024 * 1024 + 1024, 7);
  const r = await upload(`/api/v1/products/${p.id}/images`, s.access_token, big).catch((e) => ({ status: 413, err: e }));
  assert.equal(r.status, 413);
});

test('deleting an image: only the seller, only on its own product', async () => {
  const s = await registerSeller(srv);
  const other = await registerSeller(srv);
  const p = await newProduct(s);
  const p2 = await newProduct(s);
  const img = (await upload(`/api/v1/products/${p.id}/images`, s.access_token, png(32, 32))).json.image;
  let r = await api(srv, 'DELETE', `/api/v1/products/${p.id}/images/${img.id}`, { token: other.access_token });
  assert.equal(r.status, 403);
  r = await api(srv, 'DELETE', `/api/v1/products/${p2.id}/images/${img.id}`, { token: s.access_token });
  assert.equal(r.status, 404, 'image of another product');
  r = await api(srv, 'DELETE', `/api/v1/products/${p.id}/images/${img.id}`, { token: s.access_token });
  assert.equal(r.status, 204);
  r = await api(srv, 'DELETE', `/api/v1/products/${p.id}/images/${img.id}`, { token: s.access_token });
  assert.equal(r.status, 404);
  const got = await api(srv, 'GET', `/api/v1/products/${p.id}`);
  assert.deepEqual(got.json.product.images, []);
  const gone = await fetch(img.urls.large.startsWith('http') ? img.urls.large : srv.url + img.urls.large);
  assert.equal(gone.status, 404, 'blobs are deleted with the image');
});

test('a product holds at most 10 images', async () => {
  const s = await registerSeller(srv);
  const p = await newProduct(s);
  const pic = png(16, 16);
  for (let i = 0; i < 10; i++) {
    const r = await upload(`/api/v1/products/${p.id}/images`, s.access_token, pic);
    assert.equal(r.status, 201, r.text);
  }
  const r = await upload(`/api/v1/products/${p.id}/images`, s.access_token, pic);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.details.field, 'image');
});

test('avatar upload is square and replaces the previous one', async () => {
  const u = await registerUser(srv);
  let r = await upload('/api/v1/users/me/avatar', u.access_token, png(300, 200));
  assert.equal(r.status, 201, r.text);
  const first = r.json.image;
  assert.equal(first.width, first.height, 'square');
  assert.match(first.urls.large, new RegExp(`avatars/${u.user.id}/${first.id}-large\\.webp`));
  r = await upload('/api/v1/users/me/avatar', u.access_token, png(100, 100));
  assert.equal(r.status, 201);
  const me = await api(srv, 'GET', '/api/v1/users/me', { token: u.access_token });
  assert.equal(me.json.user.avatar.id, r.json.image.id);
  const old = await fetch(first.urls.small.startsWith('http') ? first.urls.small : srv.url + first.urls.small);
  assert.equal(old.status, 404, 'the old avatar is deleted');
  r = await upload('/api/v1/users/me/avatar', undefined, png(10, 10));
  assert.equal(r.status, 401);
});
