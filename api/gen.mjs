// Source of api/openapi.json. Run `node api/gen.mjs > api/openapi.json` after
// editing; a unit test fails when a server route is missing from the JSON or
// the JSON names a route the server does not have.
const ref = (n) => ({ $ref: `#/components/schemas/${n}` });
const json = (schema) => ({ 'application/json': { schema } });
const ok = (status, schema, description = 'OK') => ({ [status]: { description, content: json(schema) } });
const err = (...codes) => Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]));
const body = (schema, required = true) => ({ required, content: json(schema) });
const idParam = (name = 'id', description = 'Opaque id') => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });
const q = (name, schema, description) => ({ name, in: 'query', required: false, schema, description });
const auth = [{ bearer: [] }];
const idem = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 128 }, description: 'Replays the first response for the same key and body' };
const page = [q('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 }), q('cursor', { type: 'string' }, 'next_cursor of the previous page')];
const str = (extra = {}) => ({ type: 'string', ...extra });
const int = (extra = {}) => ({ type: 'integer', ...extra });
const obj = (properties, required = Object.keys(properties)) => ({ type: 'object', properties, required });
const money = int({ description: 'Amount in sen (1/100 MYR)', minimum: 0 });
const time = str({ format: 'date-time' });

const schemas = {
  Error: obj({ error: obj({ code: str({ description: 'Stable machine-readable code' }), message: str(), details: { type: 'object' } }, ['code', 'message']) }),
  User: obj({ id: str(), username: str(), display_name: str(), bio: str(), avatar: { oneOf: [ref('ImageUrls'), { type: 'null' }] }, is_seller: { type: 'boolean' }, created_at: time, email: str({ description: 'Only on the caller’s own user' }) }, ['id', 'username', 'is_seller', 'created_at']),
  Session: obj({ user: ref('User'), access_token: str(), refresh_token: str() }),
  TokenPair: obj({ access_token: str(), refresh_token: str(), user: ref('User') }, ['access_token', 'refresh_token']),
  Address: obj({ line1: str({ maxLength: 100 }), line2: str({ maxLength: 100 }), city: str({ maxLength: 60 }), state: str({ description: 'Malaysian state or federal territory' }), postcode: str({ pattern: '^[0-9]{5}$' }) }, ['line1', 'city', 'state', 'postcode']),
  Seller: obj({ id: str(), username: str(), shop_name: str(), description: str(), pickup_address: ref('Address'), follower_count: int(), is_following: { type: 'boolean' }, created_at: time }, ['id', 'shop_name', 'follower_count']),
  Category: obj({ id: str(), parent_id: { type: ['string', 'null'] }, slug: str(), name: str() }, ['id', 'slug', 'name']),
  ImageUrls: obj({ small: str(), medium: str(), large: str() }),
  Image: obj({ id: str(), urls: ref('ImageUrls'), width: int(), height: int() }, ['id', 'urls']),
  Product: obj({ id: str(), seller_id: str(), category_id: str(), title: str(), description: str(), condition: str({ enum: ['new', 'like_new', 'good', 'fair'] }), quantity: int(), buy_now_price: money, currency: str({ const: 'MYR' }), shipping_weight_g: int(), dimensions_mm: obj({ length: int(), width: int(), height: int() }), images: { type: 'array', items: ref('Image') }, created_at: time, updated_at: time }, ['id', 'seller_id', 'title', 'condition', 'quantity', 'currency']),
  ProductInput: obj({ title: str({ minLength: 3, maxLength: 120 }), description: str({ maxLength: 5000 }), condition: str({ enum: ['new', 'like_new', 'good', 'fair'] }), category_id: str(), quantity: int({ minimum: 0 }), buy_now_price: money, shipping_weight_g: int({ minimum: 1 }), length_mm: int(), width_mm: int(), height_mm: int() }, ['title', 'condition', 'category_id', 'quantity', 'shipping_weight_g']),
  StreamProduct: obj({ id: str(), title: str(), buy_now_price: money, currency: str({ const: 'MYR' }), quantity: int(), image: { oneOf: [ref('Image'), { type: 'null' }], description: 'The product’s first image' } }, ['id', 'title', 'buy_now_price', 'currency', 'image']),
  Stream: obj({ id: str(), seller_id: str(), seller: obj({ id: str(), username: str(), shop_name: str() }), title: str(), description: str(), status: str({ enum: ['scheduled', 'live', 'ended', 'cancelled'] }), starts_at: time, started_at: { type: ['string', 'null'], format: 'date-time' }, ended_at: { type: ['string', 'null'], format: 'date-time' }, product_ids: { type: 'array', items: str(), description: 'The lineup in order (deleted products left out)' }, products: { type: 'array', items: ref('StreamProduct'), description: 'The lineup as product summaries; on a single show only (GET /streams/{id}, POST /streams)' }, created_at: time, updated_at: time }, ['id', 'seller_id', 'seller', 'title', 'status', 'starts_at', 'product_ids', 'created_at']),
  StreamInput: obj({ title: str({ minLength: 3, maxLength: 120 }), description: str({ maxLength: 5000 }), starts_at: str({ format: 'date-time', description: 'RFC 3339; in the future and at most 90 days ahead' }), product_ids: { type: 'array', items: str(), minItems: 1, maxItems: 50, uniqueItems: true, description: 'The lineup in order: existing products of the caller’s own shop' } }, ['title', 'starts_at', 'product_ids']),
  Auction: obj({ id: str(), stream_id: str(), product_id: str(), seller_id: str(), mode: str({ enum: ['standard', 'sudden_death'] }), status: str({ enum: ['running', 'ended', 'cancelled'] }), currency: str({ const: 'MYR' }), starting_bid: money, current_bid: { type: ['integer', 'null'], description: 'null before the first bid' }, min_next_bid: money, bid_count: int(), leader_id: { type: ['string', 'null'] }, winner_id: { type: ['string', 'null'] }, buy_now_price: { type: ['integer', 'null'] }, has_reserve: { type: 'boolean' }, reserve_met: { type: 'boolean' }, reserve_price: { ...money, description: 'Only to the auction’s seller' }, bought_now: { type: 'boolean' }, started_at: time, ends_at: time, ended_at: { type: ['string', 'null'], format: 'date-time' }, server_time: time }, ['id', 'stream_id', 'status', 'current_bid', 'min_next_bid', 'winner_id', 'ends_at', 'server_time']),
  AuctionInput: obj({ product_id: str({ description: 'A product of the show’s lineup' }), starting_bid: money, duration_s: int({ minimum: 5, maximum: 300, default: 30 }), mode: str({ enum: ['standard', 'sudden_death'], default: 'standard' }), reserve_price: money, buy_now_price: money }, ['product_id', 'starting_bid']),
  AuctionState: obj({ id: str(), stream_id: str(), status: str(), currency: str({ const: 'MYR' }), current_bid: { type: ['integer', 'null'] }, min_next_bid: money, leader_id: { type: ['string', 'null'] }, winner_id: { type: ['string', 'null'] }, ends_at: time, server_time: time }, ['id', 'status', 'current_bid', 'min_next_bid', 'winner_id', 'ends_at']),
  Bid: obj({ id: { type: ['string', 'null'], description: 'null when a leader only raised their maximum' }, auction_id: str(), bidder_id: str(), amount: money, max_amount: money, currency: str({ const: 'MYR' }), created_at: time }, ['id', 'auction_id', 'bidder_id', 'amount', 'created_at']),
  LogEntry: obj({ seq: int({ minimum: 1 }), bid_id: str(), bidder_id: str(), amount: money, currency: str({ const: 'MYR' }), by_proxy: { type: 'boolean' }, created_at: time, created_at_ms: int(), prev_hash: str({ pattern: '^[0-9a-f]{64}$' }), hash: str({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256(prev_hash bytes ‖ "auction_id|seq|bid_id|bidder_id|amount|by_proxy|created_at_ms"), see docs/auctions.md' }) }),
  Order: obj({ id: str(), auction_id: { type: ['string', 'null'] }, buyer_id: str(), seller_id: str(), product_id: str(), amount: money, currency: str({ const: 'MYR' }), status: str({ enum: ['pending_payment', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded'] }), created_at: time, updated_at: time }),
  ChatMessage: obj({ id: str(), stream_id: str(), user: obj({ id: str(), username: str() }), text: str({ minLength: 1, maxLength: 500 }), created_at: time, seq: int({ description: 'The room event’s seq (on the POST answer only)' }) }, ['id', 'stream_id', 'user', 'text', 'created_at']),
  ChatSettings: obj({ stream_id: str(), slow_mode_s: int({ minimum: 0, maximum: 3600, description: '0 = off; the seller and moderators are exempt' }) }),
  BuyerLimits: obj({ spending_cap: { oneOf: [obj({ amount: money, currency: str({ const: 'MYR' }), period: str({ enum: ['day', 'week'], description: 'Rolling: the last 24 h or 7 days' }) }), { type: 'null' }] }, cool_off_until: { type: ['string', 'null'], format: 'date-time' }, committed: int({ description: 'Sen committed in the cap’s window: orders plus running auctions you lead' }), currency: str({ const: 'MYR' }) }),
  Prebid: obj({ id: str(), stream_id: str(), product_id: str(), max_amount: money, currency: str({ enum: ['MYR'] }), created_at: time }),
  Notification: obj({ id: str(), kind: str({ enum: ['show_live'] }), stream_id: { type: ['string', 'null'] }, title: str({ description: 'The show’s title when it went live' }), created_at: time, read_at: { ...time, type: ['string', 'null'] } }),
};

const responses = Object.fromEntries([
  [400, 'Malformed request (bad_request, invalid_json)'], [401, 'Missing, invalid or expired token (unauthorized, token_expired, invalid_credentials, refresh_token_reused)'],
  [403, 'Not allowed (forbidden, not_a_seller, not_eligible, banned, muted, cool_off, spending_cap)'], [404, 'Not found (not_found)'], [409, 'Conflict (email_taken, username_taken, already_seller, idempotency_conflict, auction_running, auction_ended, already_highest_bidder, chat_closed)'],
  [413, 'Body too large (payload_too_large)'], [415, 'Unsupported content type'], [422, 'Invalid field (validation_failed, weak_password, invalid_image, cannot_follow_self, bid_too_low, blocked_word)'],
  [429, 'Rate limited (rate_limited, slow_mode); see Retry-After'], [503, 'Unavailable'],
].map(([c, d]) => [`E${c}`, { description: d, content: json(ref('Error')) }]));

const paths = {
  '/api/v1/auth/register': { post: { summary: 'Create an account', tags: ['auth'], requestBody: body(obj({ email: str({ format: 'email' }), username: str({ pattern: '^[a-z0-9_.]{3,32}$' }), password: str({ minLength: 10 }) })), responses: { ...ok(201, ref('Session'), 'Created'), ...err(400, 409, 413, 415, 422, 429) } } },
  '/api/v1/auth/login': { post: { summary: 'Sign in', tags: ['auth'], requestBody: body(obj({ email: str(), password: str() })), responses: { ...ok(200, ref('Session')), ...err(400, 401, 422, 429) } } },
  '/api/v1/auth/refresh': { post: { summary: 'Rotate a refresh token for a new pair', description: 'Each refresh token works once; presenting a spent one revokes its whole family.', tags: ['auth'], requestBody: body(obj({ refresh_token: str() })), responses: { ...ok(200, ref('TokenPair')), ...err(400, 401, 422, 429) } } },
  '/api/v1/auth/logout': { post: { summary: 'Revoke a refresh token family', tags: ['auth'], requestBody: body(obj({ refresh_token: str() })), responses: { 204: { description: 'Revoked' }, ...err(400, 422) } } },
  '/api/v1/users/me': {
    get: { summary: 'The signed-in user', tags: ['users'], security: auth, responses: { ...ok(200, obj({ user: ref('User') })), ...err(401) } },
    patch: { summary: 'Update my profile', tags: ['users'], security: auth, requestBody: body(obj({ display_name: str({ maxLength: 64 }), bio: str({ maxLength: 500 }) }, [])), responses: { ...ok(200, obj({ user: ref('User') })), ...err(400, 401, 422) } },
  },
  '/api/v1/users/me/avatar': { post: { summary: 'Upload my avatar (raw image/* body or multipart)', tags: ['users'], security: auth, requestBody: { required: true, content: { 'image/*': { schema: { type: 'string', format: 'binary' } }, 'multipart/form-data': { schema: obj({ image: { type: 'string', format: 'binary' } }) } } }, responses: { ...ok(201, obj({ image: ref('Image') }), 'Created'), ...err(401, 413, 415, 422) } } },
  '/api/v1/users/me/following': { get: { summary: 'Sellers I follow', tags: ['users'], security: auth, parameters: page, responses: { ...ok(200, obj({ sellers: { type: 'array', items: ref('Seller') }, next_cursor: { type: ['string', 'null'] } })), ...err(401, 422) } } },
  '/api/v1/users/{id}': {
    get: { summary: 'Public profile by id or username', tags: ['users'], parameters: [idParam('id', 'User id or username')], responses: { ...ok(200, obj({ user: ref('User') })), ...err(404) } },
    patch: { summary: 'Update a profile (only your own)', tags: ['users'], security: auth, parameters: [idParam()], requestBody: body(obj({ display_name: str(), bio: str() }, [])), responses: { ...ok(200, obj({ user: ref('User') })), ...err(401, 403, 422) } },
  },
  '/api/v1/sellers': { post: { summary: 'Become a seller', tags: ['sellers'], security: auth, parameters: [idem], requestBody: body(obj({ shop_name: str({ minLength: 3, maxLength: 60 }), description: str({ maxLength: 1000 }), pickup_address: ref('Address') }, ['shop_name', 'pickup_address'])), responses: { ...ok(201, obj({ seller: ref('Seller') }), 'Created'), ...err(400, 401, 409, 422) } } },
  '/api/v1/sellers/me': { patch: { summary: 'Update my shop', tags: ['sellers'], security: auth, requestBody: body(obj({ shop_name: str(), description: str(), pickup_address: ref('Address') }, [])), responses: { ...ok(200, obj({ seller: ref('Seller') })), ...err(400, 401, 403, 422) } } },
  '/api/v1/sellers/{id}': { get: { summary: 'Public seller page', tags: ['sellers'], parameters: [idParam()], responses: { ...ok(200, obj({ seller: ref('Seller'), products: { type: 'array', items: ref('Product') } }, ['seller'])), ...err(404) } } },
  '/api/v1/sellers/{id}/follow': {
    post: { summary: 'Follow a seller', tags: ['sellers'], security: auth, parameters: [idParam()], responses: { 204: { description: 'Following' }, ...err(401, 404, 422) } },
    delete: { summary: 'Unfollow a seller', tags: ['sellers'], security: auth, parameters: [idParam()], responses: { 204: { description: 'Not following' }, ...err(401, 404) } },
  },
  '/api/v1/categories': { get: { summary: 'The category tree (flat, with parent_id)', tags: ['catalog'], responses: ok(200, obj({ categories: { type: 'array', items: ref('Category') } })) } },
  '/api/v1/products': {
    get: { summary: 'Search products', tags: ['catalog'], parameters: [q('q', str({ maxLength: 200 }), 'Full-text terms'), q('category', str(), 'Category id (includes sub-categories)'), q('seller', str(), 'Seller id'), q('min_price', money), q('max_price', money), q('in_stock', { type: 'boolean' }), ...page], responses: { ...ok(200, obj({ products: { type: 'array', items: ref('Product') }, next_cursor: { type: ['string', 'null'] } })), ...err(422) } },
    post: { summary: 'List a product (sellers only)', tags: ['catalog'], security: auth, parameters: [idem], requestBody: body(ref('ProductInput')), responses: { ...ok(201, obj({ product: ref('Product') }), 'Created'), ...err(400, 401, 403, 409, 422) } },
  },
  '/api/v1/products/{id}': {
    get: { summary: 'A product', tags: ['catalog'], parameters: [idParam()], responses: { ...ok(200, obj({ product: ref('Product') })), ...err(404) } },
    patch: { summary: 'Edit a product (its seller only)', tags: ['catalog'], security: auth, parameters: [idParam()], requestBody: body({ ...ref('ProductInput') }), responses: { ...ok(200, obj({ product: ref('Product') })), ...err(400, 401, 403, 404, 422) } },
    delete: { summary: 'Delete a product (its seller only)', tags: ['catalog'], security: auth, parameters: [idParam()], responses: { 204: { description: 'Deleted' }, ...err(401, 403, 404) } },
  },
  '/api/v1/products/{id}/images': { post: { summary: 'Add a product image (raw image/* body or multipart); stored as WebP in three sizes', tags: ['catalog'], security: auth, parameters: [idParam()], requestBody: { required: true, content: { 'image/*': { schema: { type: 'string', format: 'binary' } }, 'multipart/form-data': { schema: obj({ image: { type: 'string', format: 'binary' } }) } } }, responses: { ...ok(201, obj({ image: ref('Image') }), 'Created'), ...err(401, 403, 404, 413, 415, 422) } } },
  '/api/v1/products/{id}/images/{image_id}': { delete: { summary: 'Remove a product image', tags: ['catalog'], security: auth, parameters: [idParam(), idParam('image_id')], responses: { 204: { description: 'Deleted' }, ...err(401, 403, 404) } } },
  '/api/v1/streams': {
    get: { summary: 'List shows: scheduled ones soonest first, live ones most recently started first', tags: ['streams'], parameters: [q('status', str({ enum: ['scheduled', 'live'], default: 'scheduled' })), q('seller', str(), 'Seller id'), ...page], responses: { ...ok(200, obj({ streams: { type: 'array', items: ref('Stream') }, next_cursor: { type: ['string', 'null'] } })), ...err(422) } },
    post: { summary: 'Schedule a show (sellers only)', tags: ['streams'], security: auth, parameters: [idem], requestBody: body(ref('StreamInput')), responses: { ...ok(201, obj({ stream: ref('Stream') }), 'Created'), ...err(400, 401, 403, 409, 415, 422) } },
  },
  '/api/v1/streams/{id}': { get: { summary: 'A show with its lineup', tags: ['streams'], parameters: [idParam()], responses: { ...ok(200, obj({ stream: ref('Stream') })), ...err(404) } } },
  '/api/v1/streams/{id}/live': { post: { summary: 'Go live (the show’s seller): scheduled → live; again while live answers the show', tags: ['streams'], security: auth, parameters: [idParam()], responses: { ...ok(200, obj({ stream: ref('Stream') })), ...err(401, 403, 404, 409) } } },
  '/api/v1/streams/{id}/end': { post: { summary: 'End the show (its seller): live → ended; refused with 409 auction_running while an auction runs', tags: ['streams'], security: auth, parameters: [idParam()], responses: { ...ok(200, obj({ stream: ref('Stream') })), ...err(401, 403, 404, 409) } } },
  '/api/v1/streams/{id}/auctions': { post: { summary: 'Start an auction on a lineup product during the live show (one at a time: 409 auction_running)', tags: ['auctions'], security: auth, parameters: [idParam(), idem], requestBody: body(ref('AuctionInput')), responses: { ...ok(201, obj({ auction: ref('Auction') }), 'Created'), ...err(400, 401, 403, 404, 409, 415, 422) } } },
  '/api/v1/auctions/{id}': { get: { summary: 'An auction (reserve_price only for its seller; reserve_met for everyone)', tags: ['auctions'], parameters: [idParam()], responses: { ...ok(200, obj({ auction: ref('Auction') })), ...err(404) } } },
  '/api/v1/auctions/{id}/bids': { post: { summary: 'Bid: {amount} or {max_amount} (proxy). 201 once the bid is durable', description: 'Refusals: bid_too_low (422), auction_ended (409), not_eligible (403), already_highest_bidder (409), validation_failed (422); each with details{current_bid, min_next_bid}. The same Idempotency-Key from the same bidder replays the accepted bid.', tags: ['auctions'], security: auth, parameters: [idParam(), idem], requestBody: body(obj({ amount: money, max_amount: money }, [])), responses: { ...ok(201, obj({ bid: ref('Bid'), auction: ref('AuctionState') }), 'Accepted'), ...err(400, 401, 403, 404, 409, 415, 422, 503) } } },
  '/api/v1/auctions/{id}/log': { get: { summary: 'The hash-chained bid log', tags: ['auctions'], parameters: [idParam()], responses: { ...ok(200, obj({ auction_id: str(), entries: { type: 'array', items: ref('LogEntry') }, head_hash: str() })), ...err(404) } } },
  '/api/v1/auctions/{id}/log/verify': { get: { summary: 'Recompute the bid log’s hash chain on the server', tags: ['auctions'], parameters: [idParam()], responses: { ...ok(200, obj({ valid: { type: 'boolean' }, entries: int({ description: 'Entries checked' }), head_hash: str() })), ...err(404) } } },
  '/api/v1/orders': { get: { summary: 'My orders (buyer), or my sales with ?role=seller; newest first', tags: ['orders'], security: auth, parameters: [q('role', str({ enum: ['buyer', 'seller'], default: 'buyer' })), ...page], responses: { ...ok(200, obj({ orders: { type: 'array', items: ref('Order') }, next_cursor: { type: ['string', 'null'] } })), ...err(401, 403, 422) } } },
  '/api/v1/streams/{id}/chat': {
    get: { summary: 'Chat history, newest first (deleted messages left out)', tags: ['chat'], parameters: [idParam(), q('limit', { type: 'integer', minimum: 1, maximum: 100, default: 50 }), q('cursor', { type: 'string' }, 'next_cursor of the previous page')], responses: { ...ok(200, obj({ messages: { type: 'array', items: ref('ChatMessage') }, next_cursor: { type: ['string', 'null'] } })), ...err(404, 422) } },
    post: { summary: 'Post a chat message (also the Socket.IO event chat:message)', description: 'Open while the show is scheduled or live (else 409 chat_closed). Text: 1-500 characters after trimming, no control characters (422 validation_failed). Refusals: banned (403), muted (403, details.until), blocked_word (422), rate_limited and slow_mode (429, details.retry_after_ms and Retry-After). No Idempotency-Key: a message sent twice is two messages.', tags: ['chat'], security: auth, parameters: [idParam()], requestBody: body(obj({ text: str({ minLength: 1, maxLength: 500 }) })), responses: { ...ok(201, obj({ message: ref('ChatMessage') }), 'Posted'), ...err(400, 401, 403, 404, 409, 415, 422, 429) } },
  },
  '/api/v1/streams/{id}/chat/settings': {
    get: { summary: 'The show’s chat settings', tags: ['chat'], parameters: [idParam()], responses: { ...ok(200, obj({ settings: ref('ChatSettings') })), ...err(404) } },
    put: { summary: 'Slow mode on (seconds) or off (0): the seller or a moderator; the room hears chat:slow_mode', tags: ['chat'], security: auth, parameters: [idParam()], requestBody: body(obj({ slow_mode_s: int({ minimum: 0, maximum: 3600 }) })), responses: { ...ok(200, obj({ settings: ref('ChatSettings') })), ...err(400, 401, 403, 404, 415, 422) } },
  },
  '/api/v1/streams/{id}/chat/{message_id}': { delete: { summary: 'Delete a message: its author, the seller or a moderator; the room hears chat:deleted', tags: ['chat'], security: auth, parameters: [idParam(), idParam('message_id')], responses: { 204: { description: 'Deleted (also when it was already)' }, ...err(401, 403, 404) } } },
  '/api/v1/streams/{id}/mutes': { post: { summary: 'Mute a user in the show’s chat for some minutes (the seller or a moderator); the room hears chat:muted', tags: ['chat'], security: auth, parameters: [idParam(), idem], requestBody: body(obj({ user_id: str(), minutes: int({ minimum: 1, maximum: 10080 }) })), responses: { ...ok(201, obj({ mute: obj({ stream_id: str(), user_id: str(), until: time }) }), 'Muted'), ...err(400, 401, 403, 404, 415, 422) } } },
  '/api/v1/streams/{id}/mutes/{user_id}': { delete: { summary: 'Lift a mute; the room hears chat:unmuted', tags: ['chat'], security: auth, parameters: [idParam(), idParam('user_id')], responses: { 204: { description: 'Not muted' }, ...err(401, 403, 404, 422) } } },
  '/api/v1/streams/{id}/bans/{user_id}': {
    post: { summary: 'Ban a user from the show: no chat and no bids (the seller or a moderator); the room hears chat:banned', tags: ['chat'], security: auth, parameters: [idParam(), idParam('user_id')], responses: { 204: { description: 'Banned' }, ...err(401, 403, 404, 422) } },
    delete: { summary: 'Lift a ban; the room hears chat:unbanned', tags: ['chat'], security: auth, parameters: [idParam(), idParam('user_id')], responses: { 204: { description: 'Not banned' }, ...err(401, 403, 404, 422) } },
  },
  '/api/v1/sellers/me/moderators': { get: { summary: 'My moderators (they moderate all of my shows)', tags: ['chat'], security: auth, responses: { ...ok(200, obj({ moderators: { type: 'array', items: obj({ id: str(), username: str(), appointed_at: time }) } })), ...err(401, 403) } } },
  '/api/v1/sellers/me/moderators/{user_id}': {
    post: { summary: 'Appoint a moderator for all of my shows', tags: ['chat'], security: auth, parameters: [idParam('user_id')], responses: { 204: { description: 'Appointed' }, ...err(401, 403, 404, 422) } },
    delete: { summary: 'Dismiss a moderator', tags: ['chat'], security: auth, parameters: [idParam('user_id')], responses: { 204: { description: 'Dismissed' }, ...err(401, 403, 404) } },
  },
  '/api/v1/sellers/me/blocked-words': {
    get: { summary: 'My shop’s blocked words', tags: ['chat'], security: auth, responses: { ...ok(200, obj({ words: { type: 'array', items: str() } })), ...err(401, 403) } },
    put: { summary: 'Replace my blocked words (whole words, case-insensitive; see docs/chat.md)', tags: ['chat'], security: auth, requestBody: body(obj({ words: { type: 'array', maxItems: 200, items: str({ minLength: 1, maxLength: 40 }) } })), responses: { ...ok(200, obj({ words: { type: 'array', items: str() } })), ...err(400, 401, 403, 415, 422) } },
  },
  '/api/v1/users/me/limits': {
    get: { summary: 'My spending cap and cool-off', tags: ['users'], security: auth, responses: { ...ok(200, obj({ limits: ref('BuyerLimits') })), ...err(401) } },
    put: { summary: 'Set my spending cap (null removes it) and/or start or extend a cool-off (never shortened)', description: 'Bids are refused with 403 cool_off during a cool-off and 403 spending_cap when committed + the bid would exceed the cap.', tags: ['users'], security: auth, requestBody: body(obj({ spending_cap: { oneOf: [obj({ amount: int({ minimum: 100, description: 'sen' }), period: str({ enum: ['day', 'week'] }) }), { type: 'null' }] }, cool_off_days: int({ minimum: 0, maximum: 365 }) }, [])), responses: { ...ok(200, obj({ limits: ref('BuyerLimits') })), ...err(400, 401, 415, 422) } },
  },
  '/api/v1/streams/{id}/prebids': { post: { summary: 'Place or replace my pre-bid (a maximum) on a lot of a scheduled or live show', description: 'One pre-bid per lot and buyer: placing again replaces the maximum. When the seller starts that lot’s auction, its pre-bids are applied in creation order as maximums inside the same transaction (proxy bidding; refused ones, e.g. below the starting bid or over a spending cap, are skipped). 403 not_eligible for the seller, banned, cool_off; 409 auction_running once the lot’s auction runs; 422 when the product is not in the lineup or max_amount is outside RM1..RM1,000,000.', tags: ['auctions'], security: auth, parameters: [idParam()], requestBody: body(obj({ product_id: str(), max_amount: money })), responses: { ...ok(201, obj({ prebid: ref('Prebid') }), 'Created'), ...err(400, 401, 403, 404, 409, 415, 422) } } },
  '/api/v1/streams/{id}/prebids/me': { get: { summary: 'My pre-bids on a show, in creation order', tags: ['auctions'], security: auth, parameters: [idParam()], responses: { ...ok(200, obj({ prebids: { type: 'array', items: ref('Prebid') } })), ...err(401, 422) } } },
  '/api/v1/streams/{id}/prebids/{product_id}': { delete: { summary: 'Withdraw my pre-bid on a lot', tags: ['auctions'], security: auth, parameters: [idParam(), idParam('product_id', 'The lot’s product id')], responses: { 204: { description: 'Withdrawn' }, ...err(401, 404, 422) } } },
  '/api/v1/notifications': { get: { summary: 'My in-app notifications, newest first, with the unread count', description: 'A show_live notification is made for every follower of a seller when one of the seller’s shows goes live; it is also pushed as the Socket.IO event notification ({id, kind, stream_id, title, created_at}) to the user’s private room.', tags: ['notifications'], security: auth, parameters: page, responses: { ...ok(200, obj({ notifications: { type: 'array', items: ref('Notification') }, next_cursor: { type: ['string', 'null'] }, unread: int({ minimum: 0 }) })), ...err(401, 422) } } },
  '/api/v1/notifications/{id}/read': { post: { summary: 'Mark one of my notifications read (again is fine)', tags: ['notifications'], security: auth, parameters: [idParam()], responses: { 204: { description: 'Read' }, ...err(401, 404, 422) } } },
  '/healthz': { get: { summary: 'Liveness', tags: ['ops'], responses: ok(200, obj({ status: str() })) } },
  '/readyz': { get: { summary: 'Readiness: the store answers', tags: ['ops'], responses: { ...ok(200, obj({ status: str() })), ...err(503) } } },
  '/metrics': { get: { summary: 'Prometheus metrics', tags: ['ops'], responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: str() } } } } } },
  '/api/openapi.json': { get: { summary: 'This document', tags: ['ops'], responses: { 200: { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } } } },
};

const doc = {
  openapi: '3.1.0',
  info: { title: 'Blytz API', version: '1.0.0', description: 'Live-stream shopping and auctions for Malaysia. Money is integer sen with currency MYR; ids are opaque strings; times are RFC 3339 UTC with milliseconds. Errors: {"error":{"code","message","details"}}.' },
  servers: [{ url: '/' }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas, responses },
  paths,
};
process.stdout.write(JSON.stringify(doc, null, 1) + '\n');
