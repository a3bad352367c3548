/*
 * base/err.h - the one table of Blytz error codes.
 *
 * Every fallible function returns 0 (BZ_OK) or one of these negative codes.
 * Each code has a stable machine-readable name (the JSON `code` clients see),
 * the HTTP status it maps to, and a default human message. Socket.IO acks use
 * the same names. Add new codes at the end of a group; never renumber.
 */
#ifndef BASE_ERR_H
#define BASE_ERR_H

/* X(NAME, value, "code", http_status, "default message") */
#define BZ_ERRORS(X)                                                                               \
    X(BZ_EINTERNAL, -1, "internal", 500, "Internal error")                                         \
    X(BZ_ENOMEM, -2, "internal", 500, "Out of memory")                                             \
    X(BZ_EUNAVAILABLE, -3, "unavailable", 503, "Service temporarily unavailable")                  \
    X(BZ_EBADREQUEST, -10, "bad_request", 400, "Malformed request")                                \
    X(BZ_EBADJSON, -11, "invalid_json", 400, "Request body is not valid JSON")                     \
    X(BZ_EVALIDATION, -12, "validation_failed", 422, "A field is missing or invalid")              \
    X(BZ_EUNAUTHORIZED, -13, "unauthorized", 401, "Authentication required")                       \
    X(BZ_EFORBIDDEN, -14, "forbidden", 403, "Not allowed")                                         \
    X(BZ_ENOTFOUND, -15, "not_found", 404, "Not found")                                            \
    X(BZ_EMETHOD, -16, "method_not_allowed", 405, "Method not allowed")                            \
    X(BZ_ECONFLICT, -17, "conflict", 409, "Conflict")                                              \
    X(BZ_ETOOLARGE, -18, "payload_too_large", 413, "Request body too large")                       \
    X(BZ_EMEDIATYPE, -19, "unsupported_media_type", 415, "Unsupported content type")               \
    X(BZ_EHEADERS, -20, "headers_too_large", 431, "Request headers too large")                     \
    X(BZ_ERATELIMIT, -21, "rate_limited", 429, "Too many requests")                                \
    X(BZ_ETIMEOUT, -22, "timeout", 408, "Request timed out")                                       \
    X(BZ_EIDEMPOTENCY, -23, "idempotency_conflict", 409, "Idempotency key reused with other body") \
    X(BZ_EEMAILTAKEN, -40, "email_taken", 409, "Email is already registered")                      \
    X(BZ_EUSERNAMETAKEN, -41, "username_taken", 409, "Username is already taken")                  \
    X(BZ_EWEAKPASSWORD, -42, "weak_password", 422, "Password is too weak")                         \
    X(BZ_EBADCREDENTIALS, -43, "invalid_credentials", 401, "Email or password is wrong")           \
    X(BZ_ETOKENEXPIRED, -44, "token_expired", 401, "Token expired")                                \
    X(BZ_ETOKENREUSED, -45, "refresh_token_reused", 401, "Refresh token was already used")         \
    X(BZ_EALREADYSELLER, -46, "already_seller", 409, "Account is already a seller")                \
    X(BZ_ENOTSELLER, -47, "not_a_seller", 403, "Account is not a seller")                          \
    X(BZ_EBADIMAGE, -48, "invalid_image", 422, "File is not a supported image")                    \
    X(BZ_ESELFFOLLOW, -49, "cannot_follow_self", 422, "You cannot follow yourself")                \
    X(BZ_EWRONGPASSWORD, -50, "wrong_password", 422, "The current password is wrong")              \
    X(BZ_EBIDTOOLOW, -60, "bid_too_low", 422, "Bid is below the minimum next bid")                 \
    X(BZ_EAUCTIONENDED, -61, "auction_ended", 409, "Auction has ended")                            \
    X(BZ_ENOTELIGIBLE, -62, "not_eligible", 403, "Not eligible to bid")                            \
    X(BZ_EAUCTIONRUNNING, -63, "auction_running", 409, "Another auction is running")               \
    X(BZ_EALREADYLEADING, -64, "already_highest_bidder", 409,                                      \
      "You are already the highest bidder")                                                        \
    X(BZ_EOUTOFSTOCK, -65, "out_of_stock", 409, "This lot is out of stock")                        \
    X(BZ_EMUTED, -80, "muted", 403, "You are muted in this chat")                                  \
    X(BZ_EBANNED, -81, "banned", 403, "You are banned from this show")                             \
    X(BZ_EBLOCKEDWORD, -82, "blocked_word", 422, "Message contains a word this shop blocks")       \
    X(BZ_ECHATCLOSED, -83, "chat_closed", 409, "Chat is closed for this show")                     \
    X(BZ_ESLOWMODE, -84, "slow_mode", 429, "Slow mode is on: wait before sending again")           \
    X(BZ_ECOOLOFF, -85, "cool_off", 403, "You are in a cool-off period you chose")                 \
    X(BZ_ESPENDINGCAP, -86, "spending_cap", 403, "This bid would exceed your spending cap")        \
    X(BZ_ECOHOSTSELF, -90, "cannot_cohost_self", 422, "You host this show already")                \
    X(BZ_ECOHOSTLIMIT, -91, "cohost_limit", 409, "This show has as many co-hosts as it can take")  \
    X(BZ_ECOHOSTBANNED, -92, "cohost_banned", 422, "That user is banned from this show")           \
    X(BZ_EUNSUPPORTED, -100, "unsupported", 501, "This server's setup does not offer that")        \
    X(BZ_EORDERSTATE, -110, "order_state", 409, "This order cannot do that now")                   \
    X(BZ_EPAYDEADLINE, -111, "payment_deadline_passed", 409,                                       \
      "The time to pay for this order has passed")                                                 \
    X(BZ_EREFUNDEXCEEDS, -112, "refund_exceeds_paid", 422,                                         \
      "A refund cannot exceed what is left of the payment")                                        \
    X(BZ_EBELOWMINIMUM, -113, "amount_below_minimum", 422,                                         \
      "The total is below the smallest amount that can be charged (RM2.00)")                       \
    X(BZ_EABOVEMAXIMUM, -114, "amount_above_maximum", 422,                                         \
      "The total is above the largest amount that can be charged (RM999,999.99)")                  \
    X(BZ_EBIDDINGPAUSED, -115, "bidding_paused", 403,                                              \
      "Bidding is paused: recent wins were not paid")                                              \
    X(BZ_ECARDREQUIRED, -116, "card_required", 403,                                                \
      "This seller asks bidders to keep a card on file")                                           \
    X(BZ_ECARDDECLINED, -120, "card_declined", 402, "Your card was declined")                      \
    X(BZ_EAUTHREQUIRED, -121, "authentication_required", 402,                                      \
      "Your bank asks you to confirm this payment")                                                \
    X(BZ_EPAYMENTFAILED, -122, "payment_failed", 402, "The payment did not go through")            \
    X(BZ_ESTRIPEIDEMPOTENCY, -123, "payment_idempotency_error", 409,                               \
      "A payment request was repeated with other details")                                         \
    X(BZ_ESTRIPEREFUSED, -124, "payment_provider_refused", 502,                                    \
      "The payment provider refused the request")                                                  \
    X(BZ_ESTRIPEAUTH, -125, "payment_provider_unauthorized", 502,                                  \
      "The payment provider refused our credentials")                                              \
    X(BZ_ESTRIPESIG, -126, "invalid_signature", 400,                                               \
      "Webhook signature is missing, stale or wrong")                                              \
    /* payouts (-130..-134) */                                                                     \
    X(BZ_EONLYBUYER, -130, "only_buyer", 403, "Only the buyer can say the order arrived")          \
    X(BZ_EPLANACTIVE, -135, "plan_active", 409,                                                    \
      "You have a plan subscription already: cancel it first")                                     \
    X(BZ_ENOPAIDPLAN, -136, "no_paid_plan", 409, "You are on the free plan: nothing to cancel")    \
    X(BZ_ELINKEXPIRED, -140, "link_expired", 410,                                                  \
      "This link has expired: open the order again for a new one")                                 \
    /* shipping: the carrier (-141..-143), shipments (-144..-146) */                               \
    X(BZ_ESHIPREFUSED, -141, "shipping_refused", 422, "The carrier refused this shipment")         \
    X(BZ_ESHIPAUTH, -142, "shipping_provider_unauthorized", 502,                                   \
      "The shipping provider refused our credentials")                                             \
    X(BZ_ESHIPSIG, -143, "shipping_invalid_signature", 401,                                        \
      "Shipping webhook signature is missing or wrong")                                            \
    X(BZ_ESHIPMENTSTATE, -144, "shipment_state", 409, "The shipment cannot do that now")           \
    X(BZ_ENOTSHIPPABLE, -145, "not_shippable", 409, "These orders cannot be shipped together now") \
    X(BZ_EPICKUPSLOT, -146, "pickup_slot", 422, "Choose another pickup date or timeslot")

enum bz_err {
    BZ_OK = 0,
#define BZ_ERR_ENUM(name, value, code, status, msg) name = value,
    BZ_ERRORS(BZ_ERR_ENUM)
#undef BZ_ERR_ENUM
};

/* Stable snake_case code for `err` ("internal" for unknown values). Static string. */
const char *bz_err_code(int err);

/* HTTP status for `err` (500 for unknown values). */
int bz_err_http_status(int err);

/* Default human-readable message for `err`. Static string. */
const char *bz_err_message(int err);

#endif
