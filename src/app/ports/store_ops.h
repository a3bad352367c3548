/*
 * app/ports/store_ops.h - the one list of the store port's operations, one
 * X(...) line each, with its contract above it. store.h includes it; nothing
 * else should.
 *
 * X(wrap, name, params, args):
 *   name    the operation: store_<name>() in store.h, member `name` of struct store_ops
 *   params  its parameter list, `store *s` first; args: the same names, to forward them
 *   wrap    T: store.c defines store_<name> (the adapter's call, timed for /metrics);
 *           H: store.c has it by hand, because it checks or defaults arguments first
 * Every operation has one implementation, sql_<name> in store/sql/<area>.c, over the SQL
 * driver (store/db/db.h); both adapters' ops tables take it (docs/storage.md).
 *
 * The lists go by area, one macro each (STORE_OPS_<AREA>), in a header each,
 * app/ports/store_ops_<area>.h, so that areas change without touching each other; STORE_OPS
 * below strings them together. Adding an operation: its X line in its area's header, its
 * function in its area's file, its contract test.
 */
#ifndef APP_PORTS_STORE_OPS_H
#define APP_PORTS_STORE_OPS_H

#include "app/ports/store_ops_users.h"
#include "app/ports/store_ops_sessions.h"
#include "app/ports/store_ops_sellers.h"
#include "app/ports/store_ops_addresses.h"
#include "app/ports/store_ops_catalog.h"
#include "app/ports/store_ops_images.h"
#include "app/ports/store_ops_streams.h"
#include "app/ports/store_ops_auctions.h"
#include "app/ports/store_ops_orders.h"
#include "app/ports/store_ops_chat.h"
#include "app/ports/store_ops_notifications.h"
#include "app/ports/store_ops_prebids.h"
#include "app/ports/store_ops_outbox.h"
#include "app/ports/store_ops_ingress.h"
#include "app/ports/store_ops_recordings.h"
#include "app/ports/store_ops_cohosts.h"
#include "app/ports/store_ops_cards.h"
#include "app/ports/store_ops_payments.h"
#include "app/ports/store_ops_documents.h"
#include "app/ports/store_ops_refunds.h"
#include "app/ports/store_ops_plans.h"
#include "app/ports/store_ops_payouts.h"
#include "app/ports/store_ops_shipments.h"

/* The lists are tables kept by hand: in macro arguments clang-format would take `store *s`
 * for a multiplication. */
/* clang-format off */

/* Every operation, in order. */
#define STORE_OPS(X)                                                                               \
    STORE_OPS_USERS(X)                                                                             \
    STORE_OPS_SESSIONS(X)                                                                          \
    STORE_OPS_SELLERS(X)                                                                           \
    STORE_OPS_ADDRESSES(X)                                                                         \
    STORE_OPS_CATALOG(X)                                                                           \
    STORE_OPS_IMAGES(X)                                                                            \
    STORE_OPS_STREAMS(X)                                                                           \
    STORE_OPS_AUCTIONS(X)                                                                          \
    STORE_OPS_ORDERS(X)                                                                            \
    STORE_OPS_PAYMENTS(X)                                                                          \
    STORE_OPS_DOCUMENTS(X)                                                                         \
    STORE_OPS_REFUNDS(X)                                                                           \
    STORE_OPS_PLANS(X)                                                                             \
    STORE_OPS_CHAT(X)                                                                              \
    STORE_OPS_MODERATION(X)                                                                        \
    STORE_OPS_WELLBEING(X)                                                                         \
    STORE_OPS_NOTIFICATIONS(X)                                                                     \
    STORE_OPS_PREBIDS(X)                                                                           \
    STORE_OPS_OUTBOX(X)                                                                            \
    STORE_OPS_INGRESS(X)                                                                           \
    STORE_OPS_RECORDINGS(X)                                                                        \
    STORE_OPS_COHOSTS(X)                                                                           \
    STORE_OPS_PAYOUTS(X)                                                                           \
    STORE_OPS_SHIPMENTS(X)
/* clang-format on */

#endif
