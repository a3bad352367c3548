// One function per REST route the app uses, typed by api/openapi.json: Reply<path, method>
// is what the route answers and Body<path, method> what it takes (types.ts).
import { del, get, idemKey, patch, post, put, request, upload } from './client';
import type { Body, Id, Query, Reply, StreamStatus } from './types';

// ---- auth and users
export const register = (email: string, username: string, password: string) =>
  request<Reply<'/auth/register', 'post'>>('POST', '/auth/register', { body: { email, username, password }, auth: false });
export const login = (email: string, password: string) =>
  request<Reply<'/auth/login', 'post'>>('POST', '/auth/login', { body: { email, password }, auth: false });
export const logout = (refresh_token: string) =>
  request<Reply<'/auth/logout', 'post'>>('POST', '/auth/logout', { body: { refresh_token }, auth: false });
export const me = () => get<Reply<'/users/me', 'get'>>('/users/me');
export const updateMe = (body: Body<'/users/me', 'patch'>) => patch<Reply<'/users/me', 'patch'>>('/users/me', body);
export const uploadAvatar = (file: File) => upload<Reply<'/users/me/avatar', 'post'>>('/users/me/avatar', file, idemKey());
export const addresses = () => get<Reply<'/users/me/addresses', 'get'>>('/users/me/addresses');
export const addAddress = (body: Body<'/users/me/addresses', 'post'>) => post<Reply<'/users/me/addresses', 'post'>>('/users/me/addresses', body);
export const updateAddress = (id: Id, body: Body<'/users/me/addresses/{id}', 'patch'>) =>
  patch<Reply<'/users/me/addresses/{id}', 'patch'>>(`/users/me/addresses/${encodeURIComponent(id)}`, body);
export const deleteAddress = (id: Id) => del(`/users/me/addresses/${encodeURIComponent(id)}`);
export const getUser = (id: string) => get<Reply<'/users/{id}', 'get'>>(`/users/${encodeURIComponent(id)}`);
export const limits = () => get<Reply<'/users/me/limits', 'get'>>('/users/me/limits');
export const setLimits = (body: Body<'/users/me/limits', 'put'>) => put<Reply<'/users/me/limits', 'put'>>('/users/me/limits', body);
export const notifications = (cursor?: string) => get<Reply<'/notifications', 'get'>>('/notifications', { cursor, limit: 20 });
export const markRead = (id: Id) => post<Reply<'/notifications/{id}/read', 'post'>>(`/notifications/${id}/read`);
export const following = () => get<Reply<'/users/me/following', 'get'>>('/users/me/following');

// ---- sellers
export const becomeSeller = (body: Body<'/sellers', 'post'>) =>
  request<Reply<'/sellers', 'post'>>('POST', '/sellers', { body, headers: { 'idempotency-key': idemKey() } });
export const updateMyShop = (body: Body<'/sellers/me', 'patch'>) => patch<Reply<'/sellers/me', 'patch'>>('/sellers/me', body);
export const getSeller = (id: string) => get<Reply<'/sellers/{id}', 'get'>>(`/sellers/${encodeURIComponent(id)}`);
export const follow = (id: Id) => post<Reply<'/sellers/{id}/follow', 'post'>>(`/sellers/${id}/follow`);
export const unfollow = (id: Id) => del<Reply<'/sellers/{id}/follow', 'delete'>>(`/sellers/${id}/follow`);

// ---- catalog
export const categories = () => get<Reply<'/categories', 'get'>>('/categories', undefined, { auth: false });
export type SearchParams = Query<'/products', 'get'>;
export const searchProducts = (p: SearchParams) =>
  get<Reply<'/products', 'get'>>('/products', { ...p, in_stock: p.in_stock ? 'true' : undefined });
export const getProduct = (id: Id) => get<Reply<'/products/{id}', 'get'>>(`/products/${id}`);
/** Partial: the server checks what is required and names a missing field in its refusal. */
export const createProduct = (body: Partial<Body<'/products', 'post'>>, key: string) =>
  request<Reply<'/products', 'post'>>('POST', '/products', { body, headers: { 'idempotency-key': key } });
export const updateProduct = (id: Id, body: Partial<Body<'/products/{id}', 'patch'>>) =>
  patch<Reply<'/products/{id}', 'patch'>>(`/products/${id}`, body);
export const deleteProduct = (id: Id) => del<Reply<'/products/{id}', 'delete'>>(`/products/${id}`);
export const addProductImage = (id: Id, file: File | Blob) =>
  upload<Reply<'/products/{id}/images', 'post'>>(`/products/${id}/images`, file, idemKey());
export const deleteProductImage = (id: Id, imageId: Id) =>
  del<Reply<'/products/{id}/images/{image_id}', 'delete'>>(`/products/${id}/images/${imageId}`);

// ---- shows
export const streams = (status: StreamStatus, extra: { seller?: string; limit?: number; cursor?: string } = {}) =>
  get<Reply<'/streams', 'get'>>('/streams', { status, ...extra });
export const getStream = (id: Id) => get<Reply<'/streams/{id}', 'get'>>(`/streams/${id}`);
export const createStream = (body: Body<'/streams', 'post'>, key: string) =>
  request<Reply<'/streams', 'post'>>('POST', '/streams', { body, headers: { 'idempotency-key': key } });
export const setCover = (id: Id, file: File | Blob) => upload<Reply<'/streams/{id}/cover', 'post'>>(`/streams/${id}/cover`, file);
export const setRecord = (id: Id, record: boolean) => put<Reply<'/streams/{id}/record', 'put'>>(`/streams/${id}/record`, { record });
export const replay = (id: Id) => get<Reply<'/streams/{id}/replay', 'get'>>(`/streams/${id}/replay`);
export const goLive = (id: Id) => post<Reply<'/streams/{id}/live', 'post'>>(`/streams/${id}/live`);
export const endShow = (id: Id) => post<Reply<'/streams/{id}/end', 'post'>>(`/streams/${id}/end`);
export const startAuction = (streamId: Id, body: Body<'/streams/{id}/auctions', 'post'>) =>
  post<Reply<'/streams/{id}/auctions', 'post'>>(`/streams/${streamId}/auctions`, body);
export const cancelAuction = (id: Id) => post<Reply<'/auctions/{id}/cancel', 'post'>>(`/auctions/${id}/cancel`);
export const getAuction = (id: Id) => get<Reply<'/auctions/{id}', 'get'>>(`/auctions/${id}`);
export const auctionLog = (id: Id) => get<Reply<'/auctions/{id}/log', 'get'>>(`/auctions/${id}/log`);
/** The API takes one of the two: a bid of `amount`, or a proxy maximum `max_amount`. */
export type BidBody = { amount: number } | { max_amount: number };
export const placeBid = (id: Id, body: BidBody & Body<'/auctions/{id}/bids', 'post'>, key: string) =>
  request<Reply<'/auctions/{id}/bids', 'post'>>('POST', `/auctions/${id}/bids`, { body, headers: { 'idempotency-key': key } });

export const myPrebids = (streamId: Id) => get<Reply<'/streams/{id}/prebids/me', 'get'>>(`/streams/${streamId}/prebids/me`);
export const placePrebid = (streamId: Id, body: Body<'/streams/{id}/prebids', 'post'>) =>
  post<Reply<'/streams/{id}/prebids', 'post'>>(`/streams/${streamId}/prebids`, body);
export const withdrawPrebid = (streamId: Id, productId: Id) =>
  del<Reply<'/streams/{id}/prebids/{product_id}', 'delete'>>(`/streams/${streamId}/prebids/${productId}`);

// ---- chat and moderation
export const chatHistory = (streamId: Id) => get<Reply<'/streams/{id}/chat', 'get'>>(`/streams/${streamId}/chat`, { limit: 50 });
export const postChat = (streamId: Id, text: string) => post<Reply<'/streams/{id}/chat', 'post'>>(`/streams/${streamId}/chat`, { text });
export const deleteChat = (streamId: Id, messageId: Id) =>
  del<Reply<'/streams/{id}/chat/{message_id}', 'delete'>>(`/streams/${streamId}/chat/${messageId}`);
export const mute = (streamId: Id, userId: Id, minutes: number) =>
  post<Reply<'/streams/{id}/mutes', 'post'>>(`/streams/${streamId}/mutes`, { user_id: userId, minutes });
export const ban = (streamId: Id, userId: Id) => post<Reply<'/streams/{id}/bans/{user_id}', 'post'>>(`/streams/${streamId}/bans/${userId}`);
export const cohosts = (streamId: Id) => get<Reply<'/streams/{id}/cohosts', 'get'>>(`/streams/${streamId}/cohosts`);
export const inviteCohost = (streamId: Id, username: string) =>
  post<Reply<'/streams/{id}/cohosts', 'post'>>(`/streams/${streamId}/cohosts`, { username });
export const removeCohost = (streamId: Id, userId: Id) =>
  del<Reply<'/streams/{id}/cohosts/{user_id}', 'delete'>>(`/streams/${streamId}/cohosts/${userId}`);
export const chatSettings = (streamId: Id) => get<Reply<'/streams/{id}/chat/settings', 'get'>>(`/streams/${streamId}/chat/settings`);
export const pinChat = (streamId: Id, messageId: Id) =>
  put<Reply<'/streams/{id}/chat/pin', 'put'>>(`/streams/${streamId}/chat/pin`, { message_id: messageId });
export const unpinChat = (streamId: Id) => del<Reply<'/streams/{id}/chat/pin', 'delete'>>(`/streams/${streamId}/chat/pin`);
export const setSlowMode = (streamId: Id, seconds: number) =>
  put<Reply<'/streams/{id}/chat/settings', 'put'>>(`/streams/${streamId}/chat/settings`, { slow_mode_s: seconds });

// ---- orders
export const orders = (role: 'buyer' | 'seller', cursor?: string) =>
  get<Reply<'/orders', 'get'>>('/orders', { role: role === 'seller' ? 'seller' : undefined, cursor });
export const getOrder = (id: Id) => get<Reply<'/orders/{id}', 'get'>>(`/orders/${encodeURIComponent(id)}`);
export const orderRefunds = (id: Id) => get<Reply<'/orders/{id}/refunds', 'get'>>(`/orders/${encodeURIComponent(id)}/refunds`);
export const refundOrder = (id: Id, body: Body<'/orders/{id}/refunds', 'post'>) =>
  post<Reply<'/orders/{id}/refunds', 'post'>>(`/orders/${encodeURIComponent(id)}/refunds`, body);
export const orderReceived = (id: Id) => post<Reply<'/orders/{id}/received', 'post'>>(`/orders/${encodeURIComponent(id)}/received`);

// ---- a seller's payouts (Stripe Connect)
export const payouts = () => get<Reply<'/sellers/me/payouts', 'get'>>('/sellers/me/payouts');
export const startPayoutOnboarding = () => post<Reply<'/sellers/me/payouts/onboarding', 'post'>>('/sellers/me/payouts/onboarding');
export const getPayoutOnboarding = (id: Id) =>
  get<Reply<'/sellers/me/payouts/onboarding/{id}', 'get'>>(`/sellers/me/payouts/onboarding/${encodeURIComponent(id)}`);

// ---- checkout and payments (the amounts always come from the server's orders)
export const checkoutQuote = (orderId: Id, addressId?: Id) =>
  get<Reply<'/orders/{id}/checkout', 'get'>>(`/orders/${encodeURIComponent(orderId)}/checkout`, { address_id: addressId });
export const startCheckout = (orderId: Id, body: Body<'/orders/{id}/checkout', 'post'>) =>
  request<Reply<'/orders/{id}/checkout', 'post'>>('POST', `/orders/${encodeURIComponent(orderId)}/checkout`, { body, headers: { 'idempotency-key': idemKey() } });
export const getPayment = (id: Id) => get<Reply<'/payments/{id}', 'get'>>(`/payments/${encodeURIComponent(id)}`);
export const syncPayment = (id: Id) => post<Reply<'/payments/{id}/sync', 'post'>>(`/payments/${encodeURIComponent(id)}/sync`);
export const paymentsConfig = () => get<Reply<'/payments/config', 'get'>>('/payments/config', undefined, { auth: false });

// ---- saved cards (added through a SetupIntent confirmed by Stripe.js)
export const cards = () => get<Reply<'/users/me/cards', 'get'>>('/users/me/cards');
export const startCardSetup = () => post<Reply<'/users/me/cards', 'post'>>('/users/me/cards');
export const getCardSetup = (id: Id) => get<Reply<'/users/me/cards/setups/{id}', 'get'>>(`/users/me/cards/setups/${encodeURIComponent(id)}`);
export const syncCardSetup = (id: Id) =>
  post<Reply<'/users/me/cards/setups/{id}/sync', 'post'>>(`/users/me/cards/setups/${encodeURIComponent(id)}/sync`);
export const makeCardDefault = (id: Id) =>
  patch<Reply<'/users/me/cards/{id}', 'patch'>>(`/users/me/cards/${encodeURIComponent(id)}`, { is_default: true });
export const deleteCard = (id: Id) => del(`/users/me/cards/${encodeURIComponent(id)}`);

// ---- sellers' plans (a subscription whose first invoice Stripe.js pays)
export const plans = () => get<Reply<'/plans', 'get'>>('/plans', undefined, { auth: false });
export const myPlan = () => get<Reply<'/sellers/me/plan', 'get'>>('/sellers/me/plan');
export const subscribePlan = (plan: string) => post<Reply<'/sellers/me/plan', 'post'>>('/sellers/me/plan', { plan });
export const cancelPlan = () => del<Reply<'/sellers/me/plan', 'delete'>>('/sellers/me/plan');
