// Friendly names for the REST API's types. The types themselves are generated from
// api/openapi.json into schema.d.ts (`npm run api-types`; never edit that file, fix the
// document in api/gen.mjs). Money is integer sen; times are RFC 3339 UTC strings.
// Socket.IO payloads are in realtime/events.ts.
import type { components, paths } from './schema';

type Schemas = components['schemas'];

export type Id = string;
export type Sen = number;

export type User = Schemas['User'];
export type Session = Schemas['Session'];
export type Address = Schemas['Address'];
export type DeliveryAddress = Schemas['DeliveryAddress'];
export type Seller = Schemas['Seller'];
export type Category = Schemas['Category'];
export type Image = Schemas['Image'];
export type ImageUrls = Schemas['ImageUrls'];
export type Product = Schemas['Product'];
export type ProductInput = Schemas['ProductInput'];
export type Condition = Product['condition'];
export type StreamProduct = Schemas['StreamProduct'];
export type Stream = Schemas['Stream'];
export type StreamStatus = Stream['status'];
export type Auction = Schemas['Auction'];
export type AuctionInput = Schemas['AuctionInput'];
/** What a bid's answer says of its auction (a subset of Auction). */
export type AuctionState = Schemas['AuctionState'];
export type AuctionMode = NonNullable<Auction['mode']>;
export type Bid = Schemas['Bid'];
export type LogEntry = Schemas['LogEntry'];
export type Order = Schemas['Order'];
export type OrderStatus = Order['status'];
export type ShipTo = Schemas['ShipTo'];
export type BuyerSums = Schemas['BuyerSums'];
export type Checkout = Schemas['Checkout'];
export type Payment = Schemas['Payment'];
export type PaymentMethod = Payment['methods'][number];
export type Card = Schemas['Card'];
export type CardSetup = Schemas['CardSetup'];
export type Plan = Schemas['Plan'];
export type SellerPlan = Schemas['SellerPlan'];
export type PayoutAccount = Schemas['PayoutAccount'];
export type PayoutSums = Schemas['PayoutSums'];
export type Transfer = Schemas['Transfer'];
export type Payout = Schemas['Payout'];
export type PayoutOnboarding = Schemas['PayoutOnboarding'];
export type VideoReceipt = Schemas['VideoReceipt'];
export type Replay = Schemas['Replay'];
export type ReplayLot = Schemas['ReplayLot'];
export type ChatMessage = Schemas['ChatMessage'];
export type BuyerLimits = Schemas['BuyerLimits'];
export type Prebid = Schemas['Prebid'];
export type Notification = Schemas['Notification'];
export type Refund = Schemas['Refund'];
export type Cohost = Schemas['Cohost'];
export type Stage = Schemas['Stage'];

/** The `error` of a refusal, over REST and in Socket.IO acks alike. */
export type ApiErrorBody = Schemas['Error']['error'];
/** The server's stable error codes (src/base/err.h). */
export type ErrorCode = ApiErrorBody['code'];

// ---- a route's JSON, by its path under /api/v1 and its method (endpoints.ts uses these,
// so a change to the document shows at the calls it affects)

type V1 = { [K in keyof paths as K extends `/api/v1${infer P}` ? P : never]: paths[K] };
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Op<P extends keyof V1, M extends Method> = NonNullable<V1[P][M]>;
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Ok<R> = R extends { 200: infer X } ? Json<X> : R extends { 201: infer X } ? Json<X> : R extends { 202: infer X } ? Json<X> : void;

/** The JSON a route answers on success (200, 201 or 202; void for 204). */
export type Reply<P extends keyof V1, M extends Method> = Op<P, M> extends { responses: infer R } ? Ok<R> : never;
/** The query parameters a route takes. */
export type Query<P extends keyof V1, M extends Method> = Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** The JSON body a route takes. */
export type Body<P extends keyof V1, M extends Method> = Op<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;
