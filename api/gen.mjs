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
};

const responses = Object.fromEntries([
  [400, 'Malformed request (bad_request, invalid_json)'], [401, 'Missing, invalid or expired token (unauthorized, token_expired, invalid_credentials, refresh_token_reused)'],
  [403, 'Not allowed (forbidden, not_a_seller)'], [404, 'Not found (not_found)'], [409, 'Conflict (email_taken, username_taken, already_seller, idempotency_conflict)'],
  [413, 'Body too large (payload_too_large)'], [415, 'Unsupported content type'], [422, 'Invalid field (validation_failed, weak_password, invalid_image, cannot_follow_self)'],
  [429, 'Rate limited (rate_limited); see Retry-After'], [503, 'Unavailable'],
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
