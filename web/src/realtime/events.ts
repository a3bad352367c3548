// Payloads of the Socket.IO events and acks the app uses (docs/realtime.md). The OpenAPI
// document describes REST only, so these are written here; where an event carries a REST
// object (a show, an auction, a chat message) it is that generated type.
import type { ApiErrorBody, Auction, AuctionMode, AuctionState, Bid, Id, Sen, Stream } from '../api/types';

/** auction:bid: one accepted bid (or proxy step), in the one bid shape REST uses (Bid), with
 * the auction's state after it. */
export type BidEvent = Omit<Bid, 'id' | 'max_amount'> & {
  id: Id;
  current_bid: Sen;
  min_next_bid: Sen;
  ends_at: string;
  seq?: number;
};

/** auction:update: an auction opened, changed or closed. */
export interface AuctionUpdateEvent {
  auction_id: Id;
  stream_id: Id;
  product_id: Id;
  status: Auction['status'];
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

/** The join:stream ack. */
export type JoinAck = {
  stream: Stream;
  auction: Auction | null;
  viewers: number;
  server_time: string;
  /** The seller or one of their moderators: show the moderation tools. */
  can_moderate?: boolean;
};

/** The auction:bid ack: the same as the REST answer. */
export type BidAck = {
  bid: Bid;
  auction: AuctionState;
};

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: ApiErrorBody };
