// Browser tests with payments on: the local fake Stripe (tests/integration/stripe_fake.mjs) in
// this test process, on loopback, also serving the Stripe.js stand-in (stripe-js-standin.js) at
// /v3/ and answering the browser's CORS preflights as Stripe's API does; blytz started with
// STRIPE_* pointing at it and its webhooks delivered to blytz, signed as Stripe signs them.
import { before, after } from 'node:test';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../api/lib/harness.mjs';
import { FakeStripe, FPX_BANKS, PINNED_VERSION, TEST_PUBLISHABLE_KEY, TEST_SECRET_KEY } from '../../integration/stripe_fake.mjs';
import { ensureWebBuilt, launch } from './web.mjs';

const standin = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'stripe-js-standin.js'), 'utf8')
  .replace('__STRIPE_VERSION__', PINNED_VERSION)
  .replace('__FPX_BANKS__', JSON.stringify(FPX_BANKS));

export const WEBHOOK_SECRET = 'whsec_e2eBrowserTests0123456789';

/** The fake, plus what a browser needs of Stripe's hosts: Stripe.js and CORS on the API. */
export class BrowserFakeStripe extends FakeStripe {
  handle(req, res) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type, Stripe-Version', 'Access-Control-Max-Age': '600' });
      return void res.end();
    }
    if (req.method === 'GET' && req.url === '/v3/') {
      this.scriptLoads = (this.scriptLoads ?? 0) + 1;
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      return void res.end(standin);
    }
    return super.handle(req, res);
  }

  /** What blytz serve needs to use this fake (its Stripe.js at /v3/). */
  serverEnv() {
    return {
      STRIPE_API_BASE: this.url,
      STRIPE_SECRET_KEY: TEST_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_PUBLISHABLE_KEY: TEST_PUBLISHABLE_KEY,
      STRIPE_JS_URL: `${this.url}/v3/`,
    };
  }
}

/**
 * A test file's setup with payments: before its tests the fake Stripe, a blytz using it (its
 * webhooks sent there) and Chromium; after them all three stopped. `env.srv`, `env.fake` and
 * `env.browser` are set once `before` has run; `extraEnv` adds to (or overrides) blytz's env.
 */
export function usePaymentsServer(extraEnv = {}) {
  const env = { srv: null, fake: null, browser: null };
  before(async () => {
    ensureWebBuilt();
    env.fake = await new BrowserFakeStripe().start();
    env.srv = await startServer({ env: { ...env.fake.serverEnv(), ...extraEnv } });
    env.fake.webhook = { url: `${env.srv.url}/webhooks/stripe`, secret: WEBHOOK_SECRET };
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.srv?.stop();
    await env.fake?.stop();
  });
  return env;
}
