// Generated from api/openapi.json by `npm run api-types` (web/tools/api-types): do not edit.
// Friendly names for these types are in types.ts.
export interface paths {
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        username: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                400: components["responses"]["E400"];
                409: components["responses"]["E409"];
                413: components["responses"]["E413"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
                429: components["responses"]["E429"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description Only failed attempts are limited: per account and address, per address, and per account from all addresses, the last only for addresses that have failed on it themselves (429 rate_limited with Retry-After; docs/http.md).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                422: components["responses"]["E422"];
                429: components["responses"]["E429"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a refresh token for a new pair
         * @description Each refresh token works once; presenting a spent one revokes its whole family.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refresh_token: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TokenPair"];
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                422: components["responses"]["E422"];
                429: components["responses"]["E429"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a refresh token family */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refresh_token: string;
                    };
                };
            };
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["E400"];
                422: components["responses"]["E422"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                        };
                    };
                };
                401: components["responses"]["E401"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update my profile */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        display_name?: string;
                        bio?: string;
                        show_win_name?: boolean;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                422: components["responses"]["E422"];
            };
        };
        trace?: never;
    };
    "/api/v1/streams/{id}/cover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a show’s cover picture (its seller; raw image/* body or multipart); replaces the previous one */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "image/*": string;
                    "multipart/form-data": {
                        /** Format: binary */
                        image: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            image: components["schemas"]["Image"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                413: components["responses"]["E413"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/avatar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload my avatar (raw image/* body or multipart) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "image/*": string;
                    "multipart/form-data": {
                        /** Format: binary */
                        image: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            image: components["schemas"]["Image"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                413: components["responses"]["E413"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change my password: this session stays signed in, every other session ends at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        current_password: string;
                        new_password: string;
                    };
                };
            };
            responses: {
                /** @description Changed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                422: components["responses"]["E422"];
                429: components["responses"]["E429"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/following": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sellers I follow */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description next_cursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sellers: components["schemas"]["Seller"][];
                            next_cursor: string | null;
                        };
                    };
                };
                401: components["responses"]["E401"];
                422: components["responses"]["E422"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public profile by id or username */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description User id or username */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                        };
                    };
                };
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a profile (only your own) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        display_name?: string;
                        bio?: string;
                        show_win_name?: boolean;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                422: components["responses"]["E422"];
            };
        };
        trace?: never;
    };
    "/api/v1/sellers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Become a seller */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Replays the first response for the same key and body */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        shop_name: string;
                        description?: string;
                        pickup_address: components["schemas"]["Address"];
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            seller: components["schemas"]["Seller"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                409: components["responses"]["E409"];
                422: components["responses"]["E422"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sellers/me/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My payouts: the connected account, what is pending, available and paid out, transfers and payouts
         * @description pending: shares of paid orders not yet transferred (net of refunds); available: transferred, net of reversals, not yet paid out; paid_out: Stripe’s payouts to the bank. pending + available + paid_out = earned, in sen.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: components["schemas"]["PayoutAccount"] | null;
                            sums: components["schemas"]["PayoutSums"];
                            transfers: components["schemas"]["Transfer"][];
                            payouts: components["schemas"]["Payout"][];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sellers/me/payouts/onboarding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Connect a payout account (Stripe Connect Express onboarding)
         * @description Answers 202 with the request "creating": poll GET .../onboarding/{id} until it is ready, then send the seller to its url; Stripe sends them back to /studio/payouts. 403 not_a_seller; 503 unavailable when payments are not configured.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            onboarding: components["schemas"]["PayoutOnboarding"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                422: components["responses"]["E422"];
                503: components["responses"]["E503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sellers/me/payouts/onboarding/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An onboarding request: its status and, once ready, the link */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            onboarding: components["schemas"]["PayoutOnboarding"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sellers/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update my shop */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        shop_name?: string;
                        description?: string;
                        pickup_address?: components["schemas"]["Address"];
                        /** @description Ask bidders for a card on file (charged when they win); many buyers pay by FPX and have none, so it is the seller’s choice */
                        require_card?: boolean;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            seller: components["schemas"]["Seller"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                422: components["responses"]["E422"];
            };
        };
        trace?: never;
    };
    "/api/v1/sellers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public seller page */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            seller: components["schemas"]["Seller"];
                            /** @description Its newest products, a first page */
                            products: components["schemas"]["Product"][];
                            next_cursor: string | null;
                        };
                    };
                };
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sellers/{id}/follow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Follow a seller */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Following */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
                422: components["responses"]["E422"];
            };
        };
        /** Unfollow a seller */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not following */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The category tree (flat, with parent_id) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            categories: components["schemas"]["Category"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search products */
        get: {
            parameters: {
                query?: {
                    /** @description Full-text terms */
                    q?: string;
                    /** @description Category id (includes sub-categories) */
                    category?: string;
                    /** @description Seller id */
                    seller?: string;
                    min_price?: number;
                    max_price?: number;
                    in_stock?: boolean;
                    limit?: number;
                    /** @description next_cursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            products: components["schemas"]["Product"][];
                            next_cursor: string | null;
                        };
                    };
                };
                422: components["responses"]["E422"];
            };
        };
        put?: never;
        /** List a product (sellers only) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Replays the first response for the same key and body */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProductInput"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            product: components["schemas"]["Product"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                409: components["responses"]["E409"];
                422: components["responses"]["E422"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A product */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            product: components["schemas"]["Product"];
                        };
                    };
                };
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        post?: never;
        /** Delete a product (its seller only); 409 auction_running while an auction of it runs */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
            };
        };
        options?: never;
        head?: never;
        /**
         * Edit a product (its seller only)
         * @description Fields left out keep their stored value (the quantity too, whatever sales took meanwhile). A quantity below the units its running auctions hold is 409 auction_running.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProductInput"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            product: components["schemas"]["Product"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
                422: components["responses"]["E422"];
            };
        };
        trace?: never;
    };
    "/api/v1/products/{id}/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a product image (raw image/* body or multipart); stored as WebP in three sizes */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "image/*": string;
                    "multipart/form-data": {
                        /** Format: binary */
                        image: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            image: components["schemas"]["Image"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                413: components["responses"]["E413"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}/images/{image_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a product image */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                    /** @description Opaque id */
                    image_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List shows: scheduled ones soonest first, live ones most recently started first */
        get: {
            parameters: {
                query?: {
                    status?: "scheduled" | "live";
                    /** @description Seller id */
                    seller?: string;
                    limit?: number;
                    /** @description next_cursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            streams: components["schemas"]["Stream"][];
                            next_cursor: string | null;
                        };
                    };
                };
                422: components["responses"]["E422"];
            };
        };
        put?: never;
        /** Schedule a show (sellers only) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Replays the first response for the same key and body */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StreamInput"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            stream: components["schemas"]["Stream"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                409: components["responses"]["E409"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A show with its lineup */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            stream: components["schemas"]["Stream"];
                        };
                    };
                };
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Go live (the show’s seller): scheduled → live; again while live answers the show */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            stream: components["schemas"]["Stream"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the show (its seller): live → ended; refused with 409 auction_running while an auction runs */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            stream: components["schemas"]["Stream"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Record the show or not (its seller, while it is scheduled; 409 conflict once it went live) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        record: boolean;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            stream: components["schemas"]["Stream"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The show’s replay: its recording’s state, the files to play once it is ready, and its lots placed on the recording
         * @description The files’ URLs are the blob store’s (local: /media/…, which answers Range requests; S3/R2: presigned for 6 hours). Janus gives the picture (WebM) and the sound (Ogg Opus) as two files to play in step. Winners are named only when they allow it. See docs/video.md.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            replay: components["schemas"]["Replay"];
                        };
                    };
                };
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/video/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A short-lived grant to watch (viewer: anyone, signed in or not) or publish (publisher: the show’s seller; cohost: a co-host it invited) the live show’s video
         * @description The server decides who may publish what (docs/video.md); the browser connects to the provider with what it gets. A show that is not live is 409 conflict; a publisher grant for someone else’s show, or a co-host grant for someone who is not a current co-host of it, is 403; a viewer (or co-host) banned from the show is 403 banned; no video configured on this server is 503. Rate-limited per client address (429 with Retry-After).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "viewer" | "publisher" | "cohost";
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            video: components["schemas"]["VideoGrant"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
                429: components["responses"]["E429"];
                503: components["responses"]["E503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/ingress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The show’s encoder endpoint with its stream key (its seller only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ingress: components["schemas"]["Ingress"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                501: components["responses"]["E501"];
                503: components["responses"]["E503"];
            };
        };
        put?: never;
        /**
         * Ask for an encoder endpoint (OBS or any WHIP encoder) publishing into the show’s room: its seller, while the show is scheduled or live
         * @description The server creates it at the video provider through its outbox: 202 with state pending, then GET answers it ready with url and stream_key; asking again answers the one there is (200 once ready), or starts over after a failure. The encoder publishes as its own participant, obs-u<seller id>. Needs a provider with ingress (LiveKit): on the embedded Janus 501 unsupported. A show that ended is 409. Answers are Cache-Control: no-store (they carry the stream key). Ending the show deletes the endpoint.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The endpoint there is */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ingress: components["schemas"]["Ingress"];
                        };
                    };
                };
                /** @description Asked for: the server is creating it */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ingress: components["schemas"]["Ingress"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
                501: components["responses"]["E501"];
                503: components["responses"]["E503"];
            };
        };
        /** Drop the show’s encoder endpoint (its seller): the provider’s ingress is deleted through the outbox */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Dropped (also when there was none) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                503: components["responses"]["E503"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/cohosts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The show’s co-hosts (anyone): the same object as the room’s show:stage event */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Stage"];
                    };
                };
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        /**
         * Invite a user on stage as a co-host (the show’s seller; a scheduled or live show); the room hears show:stage, and while the show is live the video server lets them publish
         * @description Inviting a current co-host again answers 200 and changes nothing. 404 not_found (details.field username) for no such user; 422 cannot_cohost_self, cohost_banned (a user banned from the show); 409 cohost_limit (3 already), conflict (the show is over).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A leading @ is ignored; case-insensitive */
                        username: string;
                    };
                };
            };
            responses: {
                /** @description A co-host already */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cohost: components["schemas"]["Cohost"];
                        };
                    };
                };
                /** @description Invited */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cohost: components["schemas"]["Cohost"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/cohosts/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take a co-host off stage: the show’s seller, or the co-host themself (stepping down). Their co-host grants stop at once; the video server revokes and removes them; the room hears show:stage */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                    /** @description Opaque id */
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not a co-host (also when they were not one) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/auctions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start an auction on a lineup product during the live show (one at a time: 409 auction_running)
         * @description The lot needs a unit that is neither sold nor held by another running auction of the product (in any show): else 409 out_of_stock. The auction holds that unit until it closes; a winner or a buy-now takes it in the transaction that makes the order.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Replays the first response for the same key and body */
                    "Idempotency-Key"?: string;
                };
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AuctionInput"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            auction: components["schemas"]["Auction"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auctions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An auction (reserve_price only for its seller; reserve_met for everyone) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            auction: components["schemas"]["Auction"];
                        };
                    };
                };
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auctions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a running auction (its seller only): nobody wins, nothing is sold, the lot’s unit is free again; the room hears auction:update with status cancelled */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            auction: components["schemas"]["Auction"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auctions/{id}/bids": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bid: {amount} or {max_amount} (proxy). 201 once the bid is durable
         * @description Refusals: bid_too_low (422), auction_ended (409), not_eligible (403), already_highest_bidder (409), validation_failed (422); each with details{current_bid, min_next_bid}. The same Idempotency-Key from the same bidder replays the accepted bid (the socket’s auction:bid takes it as idempotency_key, docs/realtime-protocol.md).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Replays the first response for the same key and body */
                    "Idempotency-Key"?: string;
                };
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Amount in sen (1/100 MYR) */
                        amount?: number;
                        /** @description Amount in sen (1/100 MYR) */
                        max_amount?: number;
                    };
                };
            };
            responses: {
                /** @description Accepted */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bid: components["schemas"]["Bid"];
                            auction: components["schemas"]["AuctionState"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
                503: components["responses"]["E503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auctions/{id}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hash-chained, signed bid log: everything an outsider needs to check it (scripts/verify-bid-log.mjs) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            auction_id: string;
                            entries: components["schemas"]["LogEntry"][];
                            /** @description Entries in the log (0 before the first bid) */
                            head_seq: number;
                            head_hash: string;
                            /** @description The last entry’s signature */
                            head_sig: string | null;
                            head_kid: string | null;
                            /** @description The bid-log keys (as GET /auctions/log-keys); pin them rather than trust them */
                            keys: components["schemas"]["LogKey"][];
                        };
                    };
                };
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auctions/{id}/log/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check the bid log on the server: the hash chain and the signature of its head */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The chain recomputes, ends at the head and the head’s signature verifies */
                            valid: boolean;
                            /** @enum {string} */
                            reason: "valid" | "bad_seq" | "bad_link" | "bad_hash" | "not_increasing" | "count_mismatch" | "head_mismatch" | "unsigned_head" | "bad_signature" | "unknown_key" | "too_long";
                            /** @description The entry at fault */
                            seq: number | null;
                            /** @description Entries checked */
                            entries: number;
                            chain_valid: boolean;
                            signatures_checked: number;
                            /** @description Entries in the log (0 before the first bid) */
                            head_seq: number;
                            head_hash: string;
                            /** @description The last entry’s signature */
                            head_sig: string | null;
                            head_kid: string | null;
                        };
                    };
                };
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auctions/log-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public keys that sign bid logs (a JWK Set, the current signing key first) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: components["schemas"]["LogKey"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My orders (buyer), or my sales with ?role=seller; newest first */
        get: {
            parameters: {
                query?: {
                    role?: "buyer" | "seller";
                    limit?: number;
                    /** @description next_cursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orders: components["schemas"]["Order"][];
                            next_cursor: string | null;
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                422: components["responses"]["E422"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of my orders (as its buyer) or sales (as its seller), or any order for an admin, with its timeline */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            order: components["schemas"]["Order"] & {
                                timeline: {
                                    /** @enum {string} */
                                    kind: "payment_started" | "payment_failed" | "paid" | "cancelled" | "refunded" | "refund_failed" | "restock_lost" | "disputed" | "dispute_won" | "dispute_lost" | "delivered" | "completed";
                                    /** @description Amount in sen (1/100 MYR) */
                                    amount: number;
                                    /** @description refunded, refund_failed: the reason; disputed, dispute_*: the dispute */
                                    detail: string | null;
                                    /** Format: date-time */
                                    at: string;
                                }[];
                                /** @description Its receipt (buyer and seller) and commission invoice (seller only), once paid */
                                documents: components["schemas"]["Document"][];
                            };
                        };
                    };
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The refunds of one of my orders or sales (an admin: of any order), and what is left to refund */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            refunds: components["schemas"]["Refund"][];
                            /** @description Amount in sen (1/100 MYR) */
                            paid: number;
                            /** @description Amount in sen (1/100 MYR) */
                            refunded: number;
                            /** @description Amount in sen (1/100 MYR) */
                            refundable: number;
                            /** @constant */
                            currency: "MYR";
                            /** @description The reader may ask for a refund: the order’s seller, or an admin */
                            may_refund: boolean;
                        };
                    };
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        /**
         * Refund one of my sales, in part or in full (its seller, or an admin)
         * @description Answers 202 with the refund "creating": Stripe is asked through the outbox, for this order’s part of its payment only; poll GET /orders/{id}/refunds until it succeeded. No amount: all that is left. A full refund of a paid order that has not shipped puts the lot back in stock. 422 refund_exceeds_paid above what is left; 409 order_state when the order cannot be refunded (unpaid, refunded, or disputed: the bank decides); 404 for anyone but the order’s seller.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Sen; absent: all that is left */
                        amount?: number;
                        /** @enum {string} */
                        reason: "out_of_stock" | "damaged" | "not_as_described" | "buyer_request" | "other";
                        /** @description Characters (code points), for the buyer */
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            refund: components["schemas"]["Refund"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
                503: components["responses"]["E503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A receipt or a commission invoice as PDF, through the short-lived link an order hands out (Document.url)
         * @description The link is the credential: no access token. It names one document until exp. See docs/payments.md “Receipts and invoices”.
         */
        get: {
            parameters: {
                query?: {
                    /** @description When the link expires (UTC ms), as the order gave it */
                    exp?: string;
                    /** @description The link’s signature, as the order gave it */
                    sig?: string;
                };
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The PDF */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                    };
                };
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                410: components["responses"]["E410"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/received": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * I have received it: the buyer marks the order delivered
         * @description Starts the buyer-protection window (BLYTZ_PROTECTION_S); when it is over with no problem reported, the order completes and the seller’s share is transferred. 403 only_buyer for the seller; 409 order_state when it is not paid or shipped.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            order: components["schemas"]["Order"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What paying this order takes: items, shipping, tax and total
         * @description Covers the buyer’s unpaid wins from the same seller in the same show, shipped as one parcel for one shipping fee. 422 validation_failed (address_id) when there is no delivery address; 409 order_state or payment_deadline_passed when it cannot be paid.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A delivery address of mine; default: my default address */
                    address_id?: string;
                };
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checkout: components["schemas"]["Checkout"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
                422: components["responses"]["E422"];
            };
        };
        put?: never;
        /**
         * Start paying this order (card, FPX or GrabPay through Stripe)
         * @description Answers 202 with the payment "creating": poll GET /payments/{id} until it is open, then confirm its client_secret with Stripe.js. The amount comes from the order, never from the browser. 503 unavailable when payments are not configured.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        address_id?: string;
                        methods?: ("card" | "fpx" | "grabpay")[];
                    };
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payment: components["schemas"]["Payment"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
                503: components["responses"]["E503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of my payments */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payment: components["schemas"]["Payment"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Back from Stripe’s page (FPX, GrabPay, 3-D Secure): read the payment again
         * @description The server asks Stripe (through its outbox) and answers 202 at once; poll GET /payments/{id}.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payment: components["schemas"]["Payment"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
                503: components["responses"]["E503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe’s webhook endpoint
         * @description Verified with Stripe-Signature (HMAC-SHA256 of "t.payload", 300 s tolerance, several v1 during a secret rotation); each event applied once by its id, answered 2xx once durable.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    "Stripe-Signature": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, unknown>;
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            received: boolean;
                        };
                    };
                };
                400: components["responses"]["E400"];
                503: components["responses"]["E503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/chat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Chat history, newest first (deleted messages left out) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description next_cursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            messages: components["schemas"]["ChatMessage"][];
                            next_cursor: string | null;
                        };
                    };
                };
                404: components["responses"]["E404"];
                422: components["responses"]["E422"];
            };
        };
        put?: never;
        /**
         * Post a chat message (also the Socket.IO event chat:message)
         * @description Open while the show is scheduled or live (else 409 chat_closed). Text: 1-500 characters after trimming, no control characters (422 validation_failed). Refusals: banned (403), muted (403, details.until), blocked_word (422), rate_limited and slow_mode (429, details.retry_after_ms and Retry-After). No Idempotency-Key: a message sent twice is two messages.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Posted */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: components["schemas"]["ChatMessage"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
                429: components["responses"]["E429"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/chat/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The show’s chat settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            settings: components["schemas"]["ChatSettings"];
                        };
                    };
                };
                404: components["responses"]["E404"];
            };
        };
        /** Slow mode on (seconds) or off (0): the seller or a moderator; the room hears chat:slow_mode */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        slow_mode_s: number;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            settings: components["schemas"]["ChatSettings"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/chat/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Pin a message of this show’s chat above it: the seller or a moderator; the room hears chat:pinned {message} */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        message_id: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            settings: components["schemas"]["ChatSettings"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        post?: never;
        /** Unpin: the seller or a moderator; the room hears chat:pinned {message: null} */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            settings: components["schemas"]["ChatSettings"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/chat/{message_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a message: its author, the seller or a moderator; the room hears chat:deleted */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                    /** @description Opaque id */
                    message_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted (also when it was already) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/mutes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mute a user in the show’s chat for some minutes (the seller or a moderator); the room hears chat:muted */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Replays the first response for the same key and body */
                    "Idempotency-Key"?: string;
                };
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        user_id: string;
                        minutes: number;
                    };
                };
            };
            responses: {
                /** @description Muted */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mute: {
                                stream_id: string;
                                user_id: string;
                                /** Format: date-time */
                                until: string;
                            };
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/mutes/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Lift a mute; the room hears chat:unmuted */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                    /** @description Opaque id */
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not muted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                422: components["responses"]["E422"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/bans/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ban a user from the show: no chat and no bids (the seller or a moderator); the room hears chat:banned */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                    /** @description Opaque id */
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Banned */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                422: components["responses"]["E422"];
            };
        };
        /** Lift a ban; the room hears chat:unbanned */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                    /** @description Opaque id */
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not banned */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                422: components["responses"]["E422"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sellers/me/moderators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My moderators (they moderate all of my shows) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            moderators: {
                                id: string;
                                username: string;
                                /** Format: date-time */
                                appointed_at: string;
                            }[];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sellers/me/moderators/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Appoint a moderator for all of my shows */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Appointed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                422: components["responses"]["E422"];
            };
        };
        /** Dismiss a moderator */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Dismissed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sellers/me/blocked-words": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My shop’s blocked words */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            words: string[];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
            };
        };
        /** Replace my blocked words (matched whole words, ignoring case, width, invisible and look-alike characters; see docs/chat.md) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        words: string[];
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            words: string[];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/addresses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My delivery addresses, the default first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            addresses: components["schemas"]["DeliveryAddress"][];
                        };
                    };
                };
                401: components["responses"]["E401"];
            };
        };
        put?: never;
        /**
         * Keep a delivery address (at most 10; the first is the default)
         * @description name, phone, line1, city, state and postcode are required.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DeliveryAddressInput"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: components["schemas"]["DeliveryAddress"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                409: components["responses"]["E409"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/addresses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a delivery address (deleting the default makes the newest remaining one the default) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
            };
        };
        options?: never;
        head?: never;
        /** Change a delivery address (the members given; the whole is validated again) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DeliveryAddressInput"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: components["schemas"]["DeliveryAddress"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        trace?: never;
    };
    "/api/v1/users/me/cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My saved cards, the default first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cards: components["schemas"]["Card"][];
                        };
                    };
                };
                401: components["responses"]["E401"];
            };
        };
        put?: never;
        /**
         * Start saving a card (a Stripe SetupIntent; at most 10 cards)
         * @description Answers 202 with the setup "creating": poll GET /users/me/cards/setups/{id} until it is open, confirm its client_secret with Stripe.js (the card number never reaches Blytz), then POST .../sync. The first card is the default. 503 unavailable when payments are not configured.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            setup: components["schemas"]["CardSetup"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                409: components["responses"]["E409"];
                503: components["responses"]["E503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/cards/setups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A card being saved */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            setup: components["schemas"]["CardSetup"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/cards/setups/{id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stripe.js confirmed the setup: read it again (through the outbox), 202 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            setup: components["schemas"]["CardSetup"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
                503: components["responses"]["E503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/cards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Forget a card (detached at Stripe; the newest left becomes the default) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Forgotten */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
            };
        };
        options?: never;
        head?: never;
        /** Make a card my default (charged when I win) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @constant */
                        is_default: true;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            card: components["schemas"]["Card"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        trace?: never;
    };
    "/api/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The plans a seller may choose: a month’s price and the commission on sales
         * @description The free plan first. A paid plan is a monthly subscription through Stripe Billing; its commission applies from the moment it is active, and for grace_s seconds after a renewal fails.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            plans: components["schemas"]["Plan"][];
                            grace_s: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sellers/me/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My plan: the one in force, the subscription’s state and dates */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            plan: components["schemas"]["SellerPlan"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
            };
        };
        put?: never;
        /**
         * Subscribe to a paid plan
         * @description Answers 202 with the plan "creating": poll GET until it is incomplete, then pay client_secret with Stripe.js (confirmPayment; the card becomes the subscription’s for renewals). The plan applies once Stripe says it is paid. 409 plan_active while another subscription is live; asking again for the one being set up answers it. 503 unavailable when payments are not configured.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        plan: string;
                    };
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            plan: components["schemas"]["SellerPlan"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                409: components["responses"]["E409"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
                503: components["responses"]["E503"];
            };
        };
        /**
         * Cancel my subscription
         * @description An active one ends when its paid period does (cancel_at_period_end; its commission applies until then); one not paid (incomplete, past_due) ends now. 202; 409 no_paid_plan on the free plan.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            plan: components["schemas"]["SellerPlan"];
                        };
                    };
                };
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                409: components["responses"]["E409"];
                503: components["responses"]["E503"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the browser needs for Stripe.js: the publishable key and where to load Stripe.js from */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payments: {
                                /** @constant */
                                provider: "stripe";
                                publishable_key: string | null;
                                js_url: string | null;
                                methods: ("card" | "fpx" | "grabpay")[];
                            };
                        };
                    };
                };
                503: components["responses"]["E503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My spending cap and cool-off */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            limits: components["schemas"]["BuyerLimits"];
                        };
                    };
                };
                401: components["responses"]["E401"];
            };
        };
        /**
         * Set my spending cap (null removes it) and/or start or extend a cool-off (never shortened)
         * @description Bids are refused with 403 cool_off during a cool-off and 403 spending_cap when committed + the bid would exceed the cap.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        spending_cap?: {
                            /** @description sen */
                            amount: number;
                            /** @enum {string} */
                            period: "day" | "week";
                        } | null;
                        cool_off_days?: number;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            limits: components["schemas"]["BuyerLimits"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/prebids": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Place or replace my pre-bid (a maximum) on a lot of a scheduled or live show
         * @description One pre-bid per lot and buyer: placing again replaces the maximum. When the seller starts that lot’s auction, its pre-bids are applied in creation order as maximums inside the same transaction (proxy bidding; refused ones, e.g. below the starting bid or over a spending cap, are skipped). 403 not_eligible for the seller, banned, cool_off; 409 auction_running once the lot’s auction runs, 409 out_of_stock when the lot is sold out; 422 when the product is not in the lineup or max_amount is outside RM1..RM1,000,000.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        product_id: string;
                        /** @description Amount in sen (1/100 MYR) */
                        max_amount: number;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            prebid: components["schemas"]["Prebid"];
                        };
                    };
                };
                400: components["responses"]["E400"];
                401: components["responses"]["E401"];
                403: components["responses"]["E403"];
                404: components["responses"]["E404"];
                409: components["responses"]["E409"];
                415: components["responses"]["E415"];
                422: components["responses"]["E422"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/prebids/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My pre-bids on a show, in creation order */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            prebids: components["schemas"]["Prebid"][];
                        };
                    };
                };
                401: components["responses"]["E401"];
                422: components["responses"]["E422"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/prebids/{product_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw my pre-bid on a lot */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                    /** @description The lot’s product id */
                    product_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Withdrawn */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
                422: components["responses"]["E422"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My in-app notifications, newest first, with the unread count
         * @description A show_live notification is made for every follower of a seller when one of the seller’s shows goes live; it is also pushed as the Socket.IO event notification ({id, kind, stream_id, title, created_at}) to the user’s private room.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description next_cursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            notifications: components["schemas"]["Notification"][];
                            next_cursor: string | null;
                            unread: number;
                        };
                    };
                };
                401: components["responses"]["E401"];
                422: components["responses"]["E422"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark one of my notifications read (again is fine) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Opaque id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Read */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["E401"];
                404: components["responses"]["E404"];
                422: components["responses"]["E422"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/s/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Share page of a show: the web app’s index.html with the show’s title, description and Open Graph tags in <head>
         * @description For link previews in chat apps; a browser gets the web app, which routes /s/:id itself. 404 (with the app’s page and generic tags) for an unknown show. See docs/share-pages.md.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Show id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description HTML page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description Not modified (If-None-Match) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No such show: the app’s page with generic tags */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/p/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Share page of a product: the web app’s index.html with the product’s title, description, price and Open Graph tags in <head>
         * @description For link previews in chat apps; a browser gets the web app, which routes /p/:id itself. 404 (with the app’s page and generic tags) for an unknown product. See docs/share-pages.md.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Product id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description HTML page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description Not modified (If-None-Match) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No such product: the app’s page with generic tags */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the store answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
                503: components["responses"]["E503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Prometheus text format */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OpenAPI 3.1 */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, unknown>;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: {
                /**
                 * @description Stable machine-readable code (src/base/err.h); Socket.IO acks carry the same codes
                 * @enum {string}
                 */
                code: "internal" | "unavailable" | "bad_request" | "invalid_json" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "payload_too_large" | "unsupported_media_type" | "headers_too_large" | "rate_limited" | "timeout" | "idempotency_conflict" | "email_taken" | "username_taken" | "weak_password" | "invalid_credentials" | "token_expired" | "refresh_token_reused" | "already_seller" | "not_a_seller" | "invalid_image" | "cannot_follow_self" | "wrong_password" | "bid_too_low" | "auction_ended" | "not_eligible" | "auction_running" | "already_highest_bidder" | "out_of_stock" | "muted" | "banned" | "blocked_word" | "chat_closed" | "slow_mode" | "cool_off" | "spending_cap" | "cannot_cohost_self" | "cohost_limit" | "cohost_banned" | "unsupported" | "order_state" | "payment_deadline_passed" | "refund_exceeds_paid" | "amount_below_minimum" | "amount_above_maximum" | "bidding_paused" | "card_required" | "card_declined" | "authentication_required" | "payment_failed" | "payment_idempotency_error" | "payment_provider_refused" | "payment_provider_unauthorized" | "invalid_signature" | "only_buyer" | "plan_active" | "no_paid_plan" | "link_expired" | "shipping_refused" | "shipping_provider_unauthorized" | "shipping_invalid_signature" | "shipment_state" | "not_shippable" | "pickup_slot";
                message: string;
                details?: Record<string, unknown>;
            };
        };
        User: {
            id: string;
            username: string;
            display_name?: string;
            bio?: string;
            avatar?: components["schemas"]["Image"] | null;
            is_seller: boolean;
            /** Format: date-time */
            created_at: string;
            /** @description Only on the caller’s own user */
            email?: string;
            /**
             * Format: date-time
             * @description Only on the caller’s own user
             */
            updated_at?: string;
            /** @description Only on the caller’s own user: whether people arriving later (an ended show, a sold product) may see their username on lots they won; false unless they turn it on */
            show_win_name?: boolean;
        };
        Session: {
            user: components["schemas"]["User"];
            access_token: string;
            refresh_token: string;
            /** @constant */
            token_type: "Bearer";
            /** @description Seconds until the access token expires */
            expires_in: number;
            /** Format: date-time */
            refresh_expires_at: string;
        };
        TokenPair: {
            access_token: string;
            refresh_token: string;
            user?: components["schemas"]["User"];
            /** @constant */
            token_type?: "Bearer";
            /** @description Seconds until the access token expires */
            expires_in?: number;
            /** Format: date-time */
            refresh_expires_at?: string;
        };
        BuyerSums: {
            /** @description Amount in sen (1/100 MYR) */
            items: number;
            /** @description Amount in sen (1/100 MYR) */
            shipping: number;
            /** @description Amount in sen (1/100 MYR) */
            tax: number;
            /** @description Amount in sen (1/100 MYR) */
            total: number;
            /** @constant */
            currency: "MYR";
        };
        ShipTo: {
            name: string;
            phone: string;
            line1: string;
            line2: string;
            city: string;
            state: string;
            postcode: string;
            /** @constant */
            country: "MY";
        };
        Checkout: {
            /** @description The orders one payment covers: the buyer’s unpaid wins from this seller in this show */
            order_ids: string[];
            orders: {
                order_id: string;
                product_id: string;
                /** @description Amount in sen (1/100 MYR) */
                amount: number;
                sums: components["schemas"]["BuyerSums"];
            }[];
            sums: components["schemas"]["BuyerSums"];
            shipping: {
                /** @enum {string} */
                from_zone: "W" | "E";
                /** @enum {string} */
                to_zone: "W" | "E";
                actual_g: number;
                /** @description L×W×H/6000 in grams; 0 when a size is unknown */
                volumetric_g: number;
                chargeable_g: number;
                /** @description Amount in sen (1/100 MYR) */
                parcel_price: number;
                /** @description Sen: what earlier payments of this parcel charged for shipping */
                paid_before: number;
            };
            ship_to: components["schemas"]["ShipTo"] | null;
            /** @description An earlier payment fixed where the parcel goes */
            address_fixed: boolean;
            /** Format: date-time */
            pay_by: string;
            /** @constant */
            currency: "MYR";
        };
        Document: {
            id: string;
            /** @enum {string} */
            kind: "receipt" | "commission_invoice";
            /** @description Sequential per seller and kind: R-<seller>-000001, CI-<seller>-000001 */
            number: string;
            /**
             * @description pending while the PDF is being made
             * @enum {string}
             */
            status: "pending" | "ready";
            /** Format: date-time */
            issued_at: string;
            /** @description A download link valid until expires_at; null while pending */
            url: string | null;
            /** Format: date-time */
            expires_at: string | null;
        };
        Payment: {
            id: string;
            /** @enum {string} */
            status: "creating" | "open" | "processing" | "succeeded" | "failed" | "canceled";
            methods: ("card" | "fpx" | "grabpay")[];
            off_session: boolean;
            sums: components["schemas"]["BuyerSums"];
            ship_to: components["schemas"]["ShipTo"] | null;
            method_used: string | null;
            failure: {
                code: string;
                decline_code: string | null;
            } | null;
            order_ids: string[];
            /** @description For Stripe.js’s Payment Element, while open or processing */
            client_secret: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        Card: {
            id: string;
            /** @description visa, mastercard, amex, ... */
            brand: string;
            last4: string;
            exp_month: number;
            exp_year: number;
            /** @description Charged off-session when I win */
            is_default: boolean;
            /** Format: date-time */
            created_at: string;
        };
        PayoutAccount: {
            /** @description Stripe made the connected account */
            connected: boolean;
            details_submitted: boolean;
            charges_enabled: boolean;
            /** @description Shares are transferred only once this is true */
            payouts_enabled: boolean;
            /** @description What Stripe still needs before it pays out (its requirements.currently_due) */
            requirements_due: string[];
            /** Format: date-time */
            updated_at: string;
        };
        PayoutSums: {
            /** @description Amount in sen (1/100 MYR) */
            pending: number;
            /** @description sen; negative when a reversal came after a payout */
            available: number;
            /** @description Amount in sen (1/100 MYR) */
            paid_out: number;
            /** @description Amount in sen (1/100 MYR) */
            transferred: number;
            /** @description Amount in sen (1/100 MYR) */
            earned: number;
            /** @constant */
            currency: "MYR";
        };
        Transfer: {
            order_id: string;
            /**
             * @description waiting: payouts are not enabled yet or the order is disputed; pending: being sent; sent; void: nothing was left to send
             * @enum {string}
             */
            status: "waiting" | "pending" | "sent" | "void";
            /** @description Amount in sen (1/100 MYR) */
            amount: number;
            /** @description Amount in sen (1/100 MYR) */
            reversed: number;
            transfer_id: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        Payout: {
            id: string;
            payout_id: string;
            /** @description Amount in sen (1/100 MYR) */
            amount: number;
            /** Format: date-time */
            paid_at: string;
        };
        PayoutOnboarding: {
            id: string;
            /** @enum {string} */
            status: "creating" | "ready" | "failed";
            /** @description Stripe’s onboarding page, single-use, once ready */
            url: string | null;
            /** Format: date-time */
            expires_at: string | null;
            failure: string | null;
            /** Format: date-time */
            created_at: string;
        };
        CardSetup: {
            id: string;
            /** @enum {string} */
            status: "creating" | "open" | "succeeded" | "failed" | "canceled";
            /** @description For Stripe.js (confirmSetup), while open */
            client_secret: string | null;
            failure_code: string | null;
            /** @description The card saved, once succeeded */
            card_id: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        DeliveryAddress: {
            id: string;
            /** @description The recipient */
            name: string;
            /** @description E.164, e.g. +60123456789 (any common Malaysian spelling is accepted and normalised) */
            phone: string;
            line1: string;
            line2?: string;
            city: string;
            /** @description Malaysian state or federal territory (canonical name in answers) */
            state: string;
            postcode: string;
            /**
             * @description In answers only
             * @constant
             */
            country?: "MY";
            is_default: boolean;
            /** Format: date-time */
            created_at?: string;
            /** Format: date-time */
            updated_at?: string;
        };
        DeliveryAddressInput: {
            name?: string;
            phone?: string;
            line1?: string;
            line2?: string;
            city?: string;
            state?: string;
            postcode?: string;
            /** @description MY, MYS or Malaysia */
            country?: string;
            /** @description true makes this the default (false changes nothing) */
            is_default?: boolean;
        };
        Address: {
            line1: string;
            line2?: string;
            city: string;
            /** @description Malaysian state or federal territory */
            state: string;
            postcode: string;
            /**
             * @description In answers only
             * @constant
             */
            country?: "MY";
        };
        AddressPublic: {
            city: string;
            state: string;
        };
        Seller: {
            id: string;
            username?: string;
            shop_name: string;
            description?: string;
            /** @description The full address to the shop’s owner; city and state to everyone else */
            pickup_address?: components["schemas"]["Address"] | components["schemas"]["AddressPublic"];
            follower_count: number;
            /** @description Only buyers with a card on file may bid on its shows (403 card_required otherwise) */
            require_card?: boolean;
            is_following?: boolean;
            /** Format: date-time */
            created_at?: string;
        };
        Category: {
            id: string;
            parent_id: string | null;
            slug: string;
            name: string;
            /** @description Order among its siblings */
            position: number;
        };
        ImageUrls: {
            small: string;
            medium: string;
            large: string;
        };
        Image: {
            id: string;
            urls: components["schemas"]["ImageUrls"];
            width?: number;
            height?: number;
        };
        Product: {
            id: string;
            seller_id: string;
            category_id?: string | null;
            title: string;
            description?: string;
            /** @enum {string} */
            condition: "new" | "like_new" | "good" | "fair";
            /** @description Units not sold yet; each running auction of the product holds one of them until it closes */
            quantity: number;
            /** @description Amount in sen (1/100 MYR) */
            buy_now_price?: number;
            /** @constant */
            currency: "MYR";
            shipping_weight_g?: number;
            dimensions_mm?: {
                length: number;
                width: number;
                height: number;
            };
            images?: components["schemas"]["Image"][];
            /** @description Its latest sale (not cancelled or refunded); on a single product only (GET /products/{id}) */
            last_sale?: components["schemas"]["Sale"] | null;
            /** Format: date-time */
            created_at?: string;
            /** Format: date-time */
            updated_at?: string;
        };
        Sale: {
            /** @description null for a sale without an auction */
            auction_id: string | null;
            /** @description The show it sold in */
            stream_id: string | null;
            /** @description What the winner pays, in sen: the final price, not the asking price */
            price: number;
            /** @constant */
            currency: "MYR";
            /** Format: date-time */
            sold_at: string;
            /** @description Only when the buyer allows it (show_win_name) */
            winner: {
                id: string;
                username: string;
            } | null;
        };
        ProductInput: {
            title: string;
            description?: string;
            /** @enum {string} */
            condition: "new" | "like_new" | "good" | "fair";
            /** @description A category id, or null for none */
            category_id?: string | null;
            quantity: number;
            /** @description Amount in sen (1/100 MYR) */
            buy_now_price?: number;
            shipping_weight_g: number;
            length_mm?: number;
            width_mm?: number;
            height_mm?: number;
        };
        StreamProduct: {
            id: string;
            title: string;
            /** @description Amount in sen (1/100 MYR) */
            buy_now_price: number;
            /** @constant */
            currency: "MYR";
            quantity?: number;
            /** @description The product’s first image */
            image: components["schemas"]["Image"] | null;
            /** @description What it sold for in this show, oldest first */
            sales: components["schemas"]["Sale"][];
        };
        Stream: {
            id: string;
            seller_id: string;
            seller: {
                id: string;
                username: string;
                shop_name: string;
            };
            title: string;
            description?: string;
            /** @enum {string} */
            status: "scheduled" | "live" | "ended" | "cancelled";
            /** Format: date-time */
            starts_at: string;
            /** Format: date-time */
            started_at?: string | null;
            /** Format: date-time */
            ended_at?: string | null;
            /** @description The lineup in order (deleted products left out) */
            product_ids: string[];
            /** @description The lineup as product summaries; on a single show only (GET /streams/{id}, POST /streams) */
            products?: components["schemas"]["StreamProduct"][];
            /** @description The show’s cover picture (POST /streams/{id}/cover); null until set */
            cover?: components["schemas"]["Image"] | null;
            /** @description Whether the show is recorded (its replay: GET /streams/{id}/replay); its seller chooses until it goes live (PUT /streams/{id}/record) */
            record: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at?: string;
        };
        StreamInput: {
            title: string;
            description?: string;
            /**
             * Format: date-time
             * @description RFC 3339; in the future and at most 90 days ahead
             */
            starts_at: string;
            /** @description The lineup in order: existing products of the caller’s own shop */
            product_ids: string[];
            /**
             * @description Record the show (viewers are told it is recorded)
             * @default true
             */
            record: boolean;
        };
        Auction: {
            id: string;
            stream_id: string;
            product_id?: string;
            seller_id?: string;
            /** @enum {string} */
            mode?: "standard" | "sudden_death";
            /** @enum {string} */
            status: "running" | "ended" | "cancelled";
            /** @constant */
            currency?: "MYR";
            /** @description Amount in sen (1/100 MYR) */
            starting_bid?: number;
            /** @description null before the first bid */
            current_bid: number | null;
            /** @description Amount in sen (1/100 MYR) */
            min_next_bid: number;
            bid_count?: number;
            leader_id?: string | null;
            winner_id: string | null;
            buy_now_price?: number | null;
            has_reserve?: boolean;
            reserve_met?: boolean;
            /** @description Only to the auction’s seller */
            reserve_price?: number;
            bought_now?: boolean;
            /** Format: date-time */
            started_at?: string;
            /** Format: date-time */
            ends_at: string;
            /** Format: date-time */
            ended_at?: string | null;
            /** Format: date-time */
            server_time: string;
        };
        AuctionInput: {
            /** @description A product of the show’s lineup */
            product_id: string;
            /** @description Amount in sen (1/100 MYR) */
            starting_bid: number;
            /** @default 30 */
            duration_s: number;
            /**
             * @default standard
             * @enum {string}
             */
            mode: "standard" | "sudden_death";
            /** @description Amount in sen (1/100 MYR) */
            reserve_price?: number;
            /** @description Amount in sen (1/100 MYR) */
            buy_now_price?: number;
        };
        AuctionState: {
            id: string;
            stream_id?: string | null;
            /** @enum {string} */
            status: "running" | "ended" | "cancelled";
            /** @constant */
            currency?: "MYR";
            current_bid: number | null;
            /** @description Amount in sen (1/100 MYR) */
            min_next_bid: number;
            leader_id?: string | null;
            winner_id: string | null;
            /** Format: date-time */
            ends_at: string;
            /** Format: date-time */
            server_time?: string;
        };
        Bid: {
            /** @description null when a leader only raised their maximum (no step) */
            id: string | null;
            auction_id: string;
            bidder: {
                id: string;
                username: string;
            };
            /** @description Amount in sen (1/100 MYR) */
            amount: number;
            /** @constant */
            currency: "MYR";
            /** @description Placed by the engine for an earlier maximum */
            by_proxy: boolean;
            /** Format: date-time */
            created_at: string;
            /** @description Only in the bidder’s own answer, when they set a maximum (proxy bid) */
            max_amount?: number;
        };
        LogEntry: {
            seq: number;
            id: string;
            auction_id: string;
            bidder: {
                id: string;
                username: string;
            };
            /** @description Amount in sen (1/100 MYR) */
            amount: number;
            /** @constant */
            currency: "MYR";
            /** @description Placed by the engine for an earlier maximum */
            by_proxy: boolean;
            /** Format: date-time */
            created_at: string;
            created_at_ms: number;
            prev_hash: string;
            /** @description SHA-256(prev_hash bytes ‖ "auction_id|seq|id|bidder.id|amount|by_proxy|created_at_ms"), see docs/auctions.md */
            hash: string;
            /** @description On the last entry of each committed batch: the server’s Ed25519 signature of "blytz-bid-log-v1|auction_id|seq|hash" by key kid (GET /auctions/log-keys); null on the others */
            sig: string | null;
            /** @description The bid-log key that made sig */
            kid: string | null;
        };
        LogKey: {
            /** @constant */
            kty: "OKP";
            /** @constant */
            crv: "Ed25519";
            /** @constant */
            alg: "EdDSA";
            /** @constant */
            use: "sig";
            kid: string;
            /** @description The public key, base64url (RFC 8037) */
            x: string;
        };
        Order: {
            id: string;
            auction_id: string | null;
            buyer_id: string;
            seller_id: string;
            product_id: string;
            /** @description Amount in sen (1/100 MYR) */
            amount: number;
            /** @constant */
            currency: "MYR";
            /**
             * @description DESIGN §7; docs/payments.md "Money rules and order states"
             * @enum {string}
             */
            status: "awaiting_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded" | "disputed";
            /** @description The show it sold in */
            stream_id: string | null;
            /** Format: date-time */
            pay_by: string;
            /** @description The last payment attempt failed: fix it (another card, FPX, GrabPay) before pay_by */
            payment_failed: boolean;
            /** @description Why it failed: card_declined, authentication_required, ... */
            failure_code: string | null;
            /** @description Amount in sen (1/100 MYR) */
            paid: number;
            /** @description Amount in sen (1/100 MYR) */
            refunded: number;
            /** @description Sen: its part of the shipping it was paid with */
            shipping: number;
            /** @description Sen: its part of the tax it was paid with */
            tax: number;
            /** @description The parcel it ships in (the buyer’s wins from one seller in one show) */
            parcel_id: string | null;
            people: {
                buyer: {
                    id: string;
                    username: string;
                };
                seller: {
                    id: string;
                    shop_name: string;
                };
                /** @description Where it ships, once paid (the address the buyer chose then, kept as it was) */
                ship_to: components["schemas"]["ShipTo"] | null;
            };
            /** @description The payment that paid it */
            payment_id: string | null;
            /** @description The lot, for lists of orders (GET /orders); null when the product has been deleted */
            product: {
                id: string;
                title: string;
                image: components["schemas"]["Image"] | null;
            } | null;
            /** @description The video receipt: where the lot was decided on its show’s recording; null when the order is not from an auction or the show has no recording */
            receipt: components["schemas"]["VideoReceipt"] | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** @description Sen: Blytz’s commission on it, at the rate of the seller’s plan when it was paid (0 until paid) */
            commission?: number;
            /** @description Sen: what the seller gets of what was paid (paid − commission; 0 until paid) */
            share?: number;
        };
        VideoReceipt: {
            stream_id: string;
            /** @description Milliseconds from the start of the show’s recording to the moment the lot was decided (the replay page: /s/{stream_id}?t=<seconds>) */
            at_ms: number;
            /** @description The recording can be played now; false while it is being made */
            ready: boolean;
        };
        ReplayLot: {
            auction_id: string;
            product_id: string;
            /** @description The lot’s product */
            title: string;
            /** @enum {string} */
            status: "running" | "ended" | "cancelled";
            /** Format: date-time */
            started_at: string;
            /** Format: date-time */
            ended_at: string | null;
            /** @description Where the lot started on the recording (ms from its start); null without a recording to play */
            start_ms: number | null;
            /** @description Where it was decided (sold, unsold, cancelled) on the recording; null without a recording to play */
            decided_ms: number | null;
            /** @description What it sold for; null when it did not sell */
            sale: components["schemas"]["Sale"] | null;
        };
        Replay: {
            stream_id: string;
            /**
             * @description The show’s
             * @enum {string}
             */
            status: "scheduled" | "live" | "ended" | "cancelled";
            /** @description Whether the seller lets the show be recorded */
            record: boolean;
            /**
             * @description none: the show has no recording (not recorded, never live, or no video on this server); pending: it waits for the video server; recording; processing: the show ended and the files are being made; ready; failed or skipped (the show ended before recording started): see reason
             * @enum {string}
             */
            state: "none" | "pending" | "recording" | "processing" | "ready" | "failed" | "skipped";
            reason: string | null;
            /**
             * Format: date-time
             * @description The moment the recording’s time 0 shows
             */
            started_at: string | null;
            /** @description When the video server said; else read it from the file */
            duration_ms: number | null;
            /** @description The picture (with the sound when audio is null); once the show has ended and the recording is ready */
            video: {
                url: string;
                /** @description video/webm (Janus) or video/mp4 (LiveKit) */
                type: string;
            } | null;
            /** @description The sound as a file of its own (Janus), to play beside the video in step */
            audio: {
                url: string;
                /** @constant */
                type: "audio/ogg";
                /** @description Where the audio’s time 0 falls on the video’s timeline */
                offset_ms: number;
            } | null;
            /** @description The show’s auctions in the order they ran */
            lots: components["schemas"]["ReplayLot"][];
        };
        ChatMessage: {
            id: string;
            stream_id: string;
            user: {
                id: string;
                username: string;
            };
            text: string;
            /** Format: date-time */
            created_at: string;
            /** @description The room event’s seq (on the POST answer only) */
            seq?: number;
        };
        ChatSettings: {
            stream_id: string;
            /** @description 0 = off; the seller and moderators are exempt */
            slow_mode_s: number;
            /** @description The message pinned above the chat (PUT /streams/{id}/chat/pin); null when none */
            pinned: components["schemas"]["ChatMessage"] | null;
        };
        BuyerLimits: {
            spending_cap: {
                /** @description Amount in sen (1/100 MYR) */
                amount: number;
                /** @constant */
                currency: "MYR";
                /**
                 * @description Rolling: the last 24 h or 7 days
                 * @enum {string}
                 */
                period: "day" | "week";
            } | null;
            /** Format: date-time */
            cool_off_until: string | null;
            /** @description Sen committed in the cap’s window: orders plus running auctions you lead */
            committed: number;
            /** @constant */
            currency: "MYR";
        };
        Prebid: {
            id: string;
            stream_id: string;
            product_id: string;
            /** @description Amount in sen (1/100 MYR) */
            max_amount: number;
            /** @enum {string} */
            currency: "MYR";
            /** Format: date-time */
            created_at: string;
        };
        Cohost: {
            /** @description The co-host’s user id */
            id: string;
            username: string;
            /** Format: date-time */
            invited_at: string;
        };
        Stage: {
            stream_id: string;
            /** @description The current co-hosts, first invited first (at most 3) */
            cohosts: components["schemas"]["Cohost"][];
        };
        VideoGrant: {
            /** @enum {string} */
            provider: "livekit" | "janus";
            /** @description Where the browser connects (LiveKit: wss://…; Janus: its HTTP API) */
            url: string;
            /** @description The provider’s credential: a LiveKit access token, or a Janus API token */
            token: string;
            /** @description The show’s room (Janus: a numeric room id as a string) */
            room: string;
            /** @description The participant: u<user id> for a publisher or co-host; a viewer session of its own, u<user id>-v<random> signed in or v<random> anonymous */
            identity: string;
            /** @enum {string} */
            role: "viewer" | "publisher" | "cohost";
            /** Format: date-time */
            expires_at: string;
            /** @description Janus publishers only: the room’s join token */
            publish_key?: string;
        };
        Ingress: {
            stream_id: string;
            /**
             * @description pending: the server is creating it at the video provider; ready: url and stream_key are set; failed: the provider refused (error says so), asking again starts over
             * @enum {string}
             */
            state: "pending" | "ready" | "failed";
            /** @description Where the encoder publishes (OBS: Settings → Stream → Server); a WHIP endpoint when whip */
            url: string | null;
            /** @description The encoder’s secret (OBS: Bearer Token; the WHIP bearer token). Only the show’s seller is ever answered with it */
            stream_key: string | null;
            /** @description url is a WHIP endpoint (else RTMP) */
            whip: boolean;
            error: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        Refund: {
            id: string;
            order_id: string;
            /** @description Amount in sen (1/100 MYR) */
            amount: number;
            /** @constant */
            currency: "MYR";
            /**
             * @description duplicate: a second payment of the order, given back by Blytz; provider: made in Stripe’s dashboard
             * @enum {string}
             */
            reason: "out_of_stock" | "damaged" | "not_as_described" | "buyer_request" | "other" | "duplicate" | "provider";
            note: string;
            /**
             * @description Who refunded
             * @enum {string}
             */
            role: "seller" | "admin" | "system" | "provider";
            /**
             * @description failed: Stripe refused it and the order has the amount back
             * @enum {string}
             */
            status: "creating" | "pending" | "succeeded" | "failed";
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        Notification: {
            id: string;
            /** @enum {string} */
            kind: "show_live" | "order_disputed";
            /** @description show_live: the show */
            stream_id: string | null;
            /** @description order_disputed: the seller’s order whose payment the buyer’s bank disputes */
            order_id: string | null;
            /** @description show_live: the show’s title when it went live; else what happened */
            title: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            read_at: string | null;
        };
        Plan: {
            name: string;
            free: boolean;
            /** @description Blytz’s commission on items, in basis points (500 = 5 %) */
            commission_bp: number;
            /** @description Amount in sen (1/100 MYR) */
            monthly_price: number;
            /** @constant */
            currency: "MYR";
        };
        SellerPlan: {
            /** @description The plan in force now: its commission applies to my sales */
            name: string;
            commission_bp: number;
            /** @description The plan I subscribed to (null: never) */
            chosen: string | null;
            /**
             * @description creating: being made; incomplete: pay its first invoice with Stripe.js (client_secret); past_due: a renewal failed, the plan holds until grace_ends_at
             * @enum {string}
             */
            status: "none" | "creating" | "incomplete" | "active" | "past_due" | "canceled" | "failed";
            /** Format: date-time */
            current_period_end: string | null;
            cancel_at_period_end: boolean;
            /**
             * Format: date-time
             * @description Active and renewing: when it renews
             */
            renews_at: string | null;
            /** Format: date-time */
            past_due_since: string | null;
            /**
             * Format: date-time
             * @description past_due: fix the payment before this, or the free plan’s rate applies
             */
            grace_ends_at: string | null;
            /**
             * Format: date-time
             * @description When the plan in force stops by itself (grace over, or the period of a cancelled one)
             */
            ends_at: string | null;
            /** @description incomplete: the first invoice’s, for Stripe.js (confirmPayment) */
            client_secret: string | null;
            failure_code: string | null;
            /** Format: date-time */
            updated_at: string | null;
        };
    };
    responses: {
        /** @description Malformed request (bad_request, invalid_json) */
        E400: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Missing, invalid or expired token (unauthorized, token_expired, invalid_credentials, refresh_token_reused) */
        E401: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not allowed (forbidden, not_a_seller, not_eligible, banned, muted, cool_off, spending_cap) */
        E403: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not found (not_found) */
        E404: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Conflict (email_taken, username_taken, already_seller, idempotency_conflict, auction_running, auction_ended, already_highest_bidder, chat_closed, out_of_stock) */
        E409: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Body too large (payload_too_large) */
        E413: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Unsupported content type */
        E415: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Invalid field (validation_failed, weak_password, invalid_image, cannot_follow_self, bid_too_low, blocked_word) */
        E422: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Gone (link_expired: ask for a fresh link) */
        E410: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Rate limited (rate_limited, slow_mode); see Retry-After */
        E429: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not offered by this server’s setup (unsupported) */
        E501: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Unavailable */
        E503: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
