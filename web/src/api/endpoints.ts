// One typed function per REST route the app uses (api/openapi.json).
import { del, get, idemKey, patch, post, put, request, upload } from './client';
import type {
  Address, Auction, Bid, BuyerLimits, Category, ChatMessage, Condition, Id, Image, LogEntry,
  Notification, Order, Prebid, Product, Seller, Session, Stream, StreamStatus, User,
} from './types';

// ---- auth and users
export const register = (email: string, username: string, password: string) =>
  request<Session>('POST', '/auth/register', { body: { email, username, password }, auth: false });
export const login = (email: string, password: string) =>
  request<Session>('POST', '/auth/login', { body: { email, password }, auth: false });
export const logout = (refresh_token: string) =>
  request<void>('POST', '/auth/logout', { body: { refresh_token }, auth: false });
export const me = () => get<{ user: User }>('/users/me');
export const updateMe = (body: { display_name?: string; bio?: string }) => patch<{ user: User }>('/users/me', body);
export const uploadAvatar = (file: File) => upload<{ user?: User; avatar?: unknown }>('/users/me/avatar', file, idemKey());
export const getUser = (id: string) => get<{ user: User }>(`/users/${encodeURIComponent(id)}`);
export const limits = () => get<{ limits: BuyerLimits }>('/users/me/limits');
export const setLimits = (body: { spending_cap?: { amount: number; period: 'day' | 'week' } | null; cool_off_days?: number }) =>
  put<{ limits: BuyerLimits }>('/users/me/limits', body);
export const notifications = (cursor?: string) =>
  get<{ notifications: Notification[]; next_cursor: string | null; unread: number }>('/notifications', { cursor, limit: 20 });
export const markRead = (id: Id) => post<void>(`/notifications/${id}/read`);
export const following = () => get<{ sellers: Seller[]; next_cursor: string | null }>('/users/me/following');

// ---- sellers
export const becomeSeller = (body: { shop_name: string; description: string; pickup_address: Address }) =>
  request<{ seller: Seller }>('POST', '/sellers', { body, headers: { 'idempotency-key': idemKey() } });
export const getSeller = (id: string) =>
  get<{ seller: Seller; products: Product[]; next_cursor: string | null }>(`/sellers/${encodeURIComponent(id)}`);
export const follow = (id: Id) => post<void>(`/sellers/${id}/follow`);
export const unfollow = (id: Id) => del(`/sellers/${id}/follow`);

// ---- catalog
export const categories = () => get<{ categories: Category[] }>('/categories', undefined, { auth: false });
export interface SearchParams {
  q?: string;
  category?: string;
  seller?: string;
  min_price?: number;
  max_price?: number;
  in_stock?: boolean;
  cursor?: string;
  limit?: number;
}
export const searchProducts = (p: SearchParams) =>
  get<{ products: Product[]; next_cursor: string | null }>('/products', { ...p, in_stock: p.in_stock ? 'true' : undefined });
export const getProduct = (id: Id) => get<{ product: Product }>(`/products/${id}`);
export interface ProductInput {
  title: string;
  description?: string;
  condition: Condition;
  category_id?: string | null;
  quantity: number;
  buy_now_price?: number;
  shipping_weight_g?: number;
}
export const createProduct = (body: ProductInput, key: string) =>
  request<{ product: Product }>('POST', '/products', { body, headers: { 'idempotency-key': key } });
export const updateProduct = (id: Id, body: Partial<ProductInput>) => patch<{ product: Product }>(`/products/${id}`, body);
export const deleteProduct = (id: Id) => del(`/products/${id}`);
export const addProductImage = (id: Id, file: File | Blob) => upload<{ image: Image }>(`/products/${id}/images`, file, idemKey());
export const deleteProductImage = (id: Id, imageId: Id) => del(`/products/${id}/images/${imageId}`);

// ---- shows
export const streams = (status: StreamStatus, extra: { seller?: string; limit?: number; cursor?: string } = {}) =>
  get<{ streams: Stream[]; next_cursor: string | null }>('/streams', { status, ...extra });
export const getStream = (id: Id) => get<{ stream: Stream }>(`/streams/${id}`);
export const createStream = (body: { title: string; description?: string; starts_at: string; product_ids: Id[] }, key: string) =>
  request<{ stream: Stream }>('POST', '/streams', { body, headers: { 'idempotency-key': key } });
export const setCover = (id: Id, file: File | Blob) => upload<{ image: Image }>(`/streams/${id}/cover`, file);
export const goLive = (id: Id) => post<{ stream: Stream }>(`/streams/${id}/live`);
export const endShow = (id: Id) => post<{ stream: Stream }>(`/streams/${id}/end`);
export interface AuctionInput {
  product_id: Id;
  starting_bid: number;
  duration_s: number;
  mode: 'standard' | 'sudden_death';
  reserve_price?: number;
  buy_now_price?: number;
}
export const startAuction = (streamId: Id, body: AuctionInput) => post<{ auction: Auction }>(`/streams/${streamId}/auctions`, body);
export const getAuction = (id: Id) => get<{ auction: Auction }>(`/auctions/${id}`);
export const auctionLog = (id: Id) => get<{ entries: LogEntry[]; head_hash: string }>(`/auctions/${id}/log`);
export const placeBid = (id: Id, body: { amount: number } | { max_amount: number }, key: string) =>
  request<{ bid: Bid; auction: Auction }>('POST', `/auctions/${id}/bids`, { body, headers: { 'idempotency-key': key } });

export const myPrebids = (streamId: Id) => get<{ prebids: Prebid[] }>(`/streams/${streamId}/prebids/me`);
export const placePrebid = (streamId: Id, body: { product_id: Id; max_amount: number }) =>
  post<{ prebid: Prebid }>(`/streams/${streamId}/prebids`, body);
export const withdrawPrebid = (streamId: Id, productId: Id) => del(`/streams/${streamId}/prebids/${productId}`);

// ---- chat and moderation
export const chatHistory = (streamId: Id) => get<{ messages: ChatMessage[]; next_cursor: string | null }>(`/streams/${streamId}/chat`, { limit: 50 });
export const postChat = (streamId: Id, text: string) => post<{ message: ChatMessage }>(`/streams/${streamId}/chat`, { text });
export const deleteChat = (streamId: Id, messageId: Id) => del(`/streams/${streamId}/chat/${messageId}`);
export const mute = (streamId: Id, userId: Id, minutes: number) => post<void>(`/streams/${streamId}/mutes`, { user_id: userId, minutes });
export const ban = (streamId: Id, userId: Id) => post<void>(`/streams/${streamId}/bans/${userId}`);
export const chatSettings = (streamId: Id) => get<{ settings: { slow_mode_s: number } }>(`/streams/${streamId}/chat/settings`);
export const setSlowMode = (streamId: Id, seconds: number) => put<{ settings: { slow_mode_s: number } }>(`/streams/${streamId}/chat/settings`, { slow_mode_s: seconds });

// ---- orders
export const orders = (role: 'buyer' | 'seller', cursor?: string) =>
  get<{ orders: Order[]; next_cursor: string | null }>('/orders', { role: role === 'seller' ? 'seller' : undefined, cursor });
