// Payload types of the REST API (api/openapi.json) and the Socket.IO events
// (docs/realtime.md). Money is integer sen; times are RFC 3339 UTC strings.

export type Id = string;
export type Sen = number;

export interface ImageUrls { small: string; medium: string; large: string }
export interface Image { id: Id; urls: ImageUrls; width?: number; height?: number }

export interface User {
  id: Id;
  username: string;
  display_name?: string;
  bio?: string;
  avatar?: Image | null;
  is_seller: boolean;
  created_at: string;
  email?: string;
}

export interface Session {
  user: User;
  access_token: string;
  refresh_token: string;
  expires_in?: number;
}

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  postcode: string;
  country?: string;
}

export interface Seller {
  id: Id;
  username?: string;
  shop_name: string;
  description?: string;
  follower_count: number;
  is_following?: boolean;
  pickup_address?: Partial<Address>;
  created_at?: string;
}

export interface Category { id: Id; parent_id: Id | null; slug: string; name: string; position?: number }

export type Condition = 'new' | 'like_new' | 'good' | 'fair';

export interface Product {
  id: Id;
  seller_id: Id;
  category_id?: Id | null;
  title: string;
  description?: string;
  condition: Condition;
  quantity: number;
  buy_now_price?: Sen;
  currency: 'MYR';
  shipping_weight_g?: number;
  images?: Image[];
  created_at?: string;
}

export interface StreamProduct {
  id: Id;
  title: string;
  buy_now_price?: Sen;
  currency?: 'MYR';
  quantity?: number;
  image: Image | null;
}

/** A buyer's maximum on a lot of a scheduled (or live) show, applied as a proxy maximum when that lot's auction opens. */
export interface Prebid {
  id: Id;
  stream_id: Id;
  product_id: Id;
  max_amount: Sen;
  currency: 'MYR';
  created_at: string;
}

export type StreamStatus = 'scheduled' | 'live' | 'ended' | 'cancelled';

export interface Stream {
  id: Id;
  seller_id: Id;
  seller: { id: Id; username: string; shop_name: string };
  title: string;
  description?: string;
  status: StreamStatus;
  starts_at: string;
  started_at?: string | null;
  ended_at?: string | null;
  product_ids: Id[];
  products?: StreamProduct[];
  /** The show's cover picture (POST /streams/{id}/cover); null until the seller sets one. */
  cover?: Image | null;
}

export type AuctionStatus = 'running' | 'ended' | 'cancelled';
export type AuctionMode = 'standard' | 'sudden_death';

export interface Auction {
  id: Id;
  stream_id: Id;
  product_id?: Id;
  seller_id?: Id;
  mode?: AuctionMode;
  status: AuctionStatus;
  starting_bid?: Sen;
  current_bid: Sen | null;
  min_next_bid: Sen;
  bid_count?: number;
  leader_id?: Id | null;
  winner_id: Id | null;
  winner?: { id: Id; username: string } | null;
  buy_now_price?: Sen | null;
  has_reserve?: boolean;
  reserve_met?: boolean;
  reserve_price?: Sen;
  bought_now?: boolean;
  started_at?: string;
  ends_at: string;
  ended_at?: string | null;
  server_time?: string;
}

export interface Bid {
  id: Id | null;
  auction_id: Id;
  bidder: { id: Id; username: string };
  amount: Sen;
  max_amount?: Sen;
  by_proxy: boolean;
  created_at: string;
}

export interface LogEntry {
  seq: number;
  id: Id;
  bidder: { id: Id; username: string };
  amount: Sen;
  by_proxy: boolean;
  created_at: string;
}

export type OrderStatus = 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';

export interface Order {
  id: Id;
  auction_id: Id | null;
  buyer_id: Id;
  seller_id: Id;
  product_id: Id;
  /** The lot as order lists show it; null when the product has been deleted since. */
  product: { id: Id; title: string; image: Image | null } | null;
  amount: Sen;
  currency: 'MYR';
  status: OrderStatus;
  created_at: string;
}

export interface ChatMessage {
  id: Id;
  stream_id: Id;
  user: { id: Id; username: string };
  text: string;
  created_at: string;
  seq?: number;
}

export interface BuyerLimits {
  spending_cap: { amount: Sen; currency: 'MYR'; period: 'day' | 'week' } | null;
  cool_off_until: string | null;
  committed: Sen;
}

export interface Notification {
  id: Id;
  kind: 'show_live' | string;
  stream_id: Id | null;
  title: string;
  created_at: string;
  read_at: string | null;
}

export type Paged<T> = { items: T[]; next_cursor: string | null };

// ---- Socket.IO events ----

export interface BidEvent {
  id: Id;
  auction_id: Id;
  bidder: { id: Id; username: string };
  amount: Sen;
  current_bid: Sen;
  min_next_bid: Sen;
  by_proxy?: boolean;
  created_at: string;
  ends_at: string;
  seq?: number;
}

export interface AuctionUpdateEvent {
  auction_id: Id;
  stream_id: Id;
  product_id: Id;
  status: AuctionStatus;
  mode?: AuctionMode;
  starting_bid?: Sen;
  current_bid: Sen | null;
  min_next_bid: Sen;
  ends_at: string;
  ended_at?: string | null;
  winner: { id: Id; username: string } | null;
  bought_now?: boolean;
  seq?: number;
}

export interface JoinAck {
  ok: true;
  stream: Stream;
  auction: Auction | null;
  viewers: number;
  server_time: string;
  /** The seller or one of their moderators: show the moderation tools. */
  can_moderate?: boolean;
}

export interface ApiErrorBody { code: string; message: string; details?: Record<string, unknown> }
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: ApiErrorBody };
