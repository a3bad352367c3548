// The waits of paying and of saving a card (poll.ts): a payment or setup the server answered
// "creating" until the provider has opened it, and one the buyer confirmed until the
// provider's word (webhook, or the server's read after a redirect) has settled it.
import * as api from '../api/endpoints';
import type { CardSetup, Payment } from '../api/types';
import { pollUntil, type PollOptions } from './poll';

const readPayment = (id: string) => () => api.getPayment(id).then((r) => r.payment);
const readSetup = (id: string) => () => api.getCardSetup(id).then((r) => r.setup);

export const paymentSettled = (p: Payment) => p.status === 'succeeded' || p.status === 'failed' || p.status === 'canceled';

/** Until the provider made its intent (open, with the client secret) or it ended already. */
export const paymentOpened = (id: string, o?: PollOptions) => pollUntil(readPayment(id), (p) => p.status !== 'creating', o);

/** Until it succeeded, failed or was cancelled. */
export const paymentDone = (id: string, o?: PollOptions) => pollUntil(readPayment(id), paymentSettled, o);

export const setupOpened = (id: string, o?: PollOptions) => pollUntil(readSetup(id), (u: CardSetup) => u.status !== 'creating', o);

export const setupDone = (id: string, o?: PollOptions) =>
  pollUntil(readSetup(id), (u: CardSetup) => u.status === 'succeeded' || u.status === 'failed' || u.status === 'canceled', o);
