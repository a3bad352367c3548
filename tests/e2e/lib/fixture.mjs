// A populated server for page-level tests: a seller with a shop, products with photos, a
// live show with a cover picture and a running auction that has bids and a chat message, and a signed-in
// buyer who bid. Returns the paths of the main pages.
import { api, registerSeller, registerUser } from '../../api/lib/harness.mjs';
import { readFileSync } from 'node:fs';
import { bidApi, liveShow, sampleCover, useServerAndBrowser } from './web.mjs';

export async function populated(srv) {
  const seller = await registerSeller(srv);
  const { stream, productIds, auction } = await liveShow(srv, seller, { products: 3, auction: { duration_s: 300, buy_now_price: 20000 } });
  const cover = await api(srv, 'POST', `/api/v1/streams/${stream.id}/cover`, {
    token: seller.access_token, body: readFileSync(sampleCover), headers: { 'content-type': 'image/png' },
  });
  if (cover.status !== 201) throw new Error(`cover: ${cover.status} ${cover.text}`);
  const buyer = await registerUser(srv);
  const rival = await registerUser(srv);
  await bidApi(srv, buyer, auction.id, 100);
  await bidApi(srv, rival, auction.id, 300);
  const chat = await api(srv, 'POST', `/api/v1/streams/${stream.id}/chat`, { token: rival.access_token, body: { text: 'Nice camera! Does the meter work?' } });
  if (chat.status !== 201) throw new Error(`chat: ${chat.status} ${chat.text}`);
  return {
    seller, buyer, rival, stream, auction, productIds, cover: cover.json.image,
    pages: {
      home: '/',
      search: '/search?q=Kamera',
      product: `/p/${productIds[0]}`,
      seller: `/sellers/${seller.user.username}`,
      show: `/s/${stream.id}`,
      signin: '/signin',
      signup: '/signup',
      account: '/account',
      orders: '/orders',
      studio: '/studio',
    },
  };
}

// The server and browser of a test file (started before its tests, stopped after) with the
// populated fixture: { srv, browser, fx }, filled in before the first test runs.
export function usePopulated() {
  return useServerAndBrowser(async (env) => {
    env.fx = await populated(env.srv);
  });
}
