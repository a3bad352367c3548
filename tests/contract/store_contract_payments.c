/*
 * tests/contract/store_contract_payments.c - orders' facts, parcels, payments and the
 * provider's events (migrations/0017): what checkout and its outbox handlers rely on from
 * every adapter.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define T0  1800000000000
#define DAY (24LL * 3600 * 1000)

typedef struct sale {
    int64_t buyer, seller, product, stream;
} sale;

static sale new_sale(void)
{
    sale s = {.buyer = make_user(), .seller = make_seller()};
    s.product = make_product(s.seller, 0, "Batik sarong", 5000, 3);
    s.stream = create_show(s.seller, "Batik night", &s.product, 1, T0, T0 - 1000, true);
    return s;
}

static order_record order_of(const sale *s, int64_t amount, int64_t at)
{
    return (order_record){.id = new_id(),
                          .buyer_id = s->buyer,
                          .seller_id = s->seller,
                          .product_id = s->product,
                          .stream_id = s->stream,
                          .amount = amount,
                          .pay_by = at + DAY,
                          .created_at = at,
                          .updated_at = at};
}

/* A new order awaits payment with nothing paid; every fact and part order_save writes reads
 * back the same, locked or not; the due and group lists find it. */
void test_orders_facts(void **state)
{
    (void)state;
    bz_arena_reset(A);
    sale s = new_sale();
    order_record o = order_of(&s, 5000, T0), got;
    OK(store_order_create(S, &o));
    OK(store_order_get(S, o.id, false, A, &got));
    assert_string_equal(got.status, "awaiting_payment");
    assert_int_equal(got.stream_id, s.stream);
    assert_int_equal(got.pay_by, T0 + DAY);
    assert_false(got.payment_failed);
    assert_string_equal(got.failure_code, "");
    assert_int_equal(got.paid + got.refunded + got.shipping + got.tax, 0);
    assert_int_equal(got.parcel_id + got.payment_id + got.delivered_at, 0);
    assert_int_equal(store_order_get(S, new_id(), false, A, &got), BZ_ENOTFOUND);

    order_record *rows;
    size_t n = 0;
    OK(store_orders_due(S, T0 + DAY - 1, 10, A, &rows, &n));
    assert_null(find_row(rows, n, sizeof(*rows), offsetof(order_record, id), o.id));
    OK(store_orders_due(S, T0 + DAY, 100, A, &rows, &n));
    assert_non_null(find_row(rows, n, sizeof(*rows), offsetof(order_record, id), o.id));

    order_record other = order_of(&s, 7000, T0 + 1);
    OK(store_order_create(S, &other));
    OK(store_orders_of_group(S, s.buyer, s.seller, s.stream, A, &rows, &n));
    assert_int_equal(n, 2);
    assert_true(rows[0].id < rows[1].id); /* oldest first */
    OK(store_orders_of_group(S, make_user(), s.seller, s.stream, A, &rows, &n));
    assert_int_equal(n, 0);

    /* paid, with its parts, in a parcel */
    order_parcel want = {.id = new_id(),
                         .buyer_id = s.buyer,
                         .seller_id = s.seller,
                         .stream_id = s.stream,
                         .group_key = unique_word(),
                         .created_at = T0,
                         .updated_at = T0},
                 parcel;
    OK(store_parcel_take(S, &want, A, &parcel));
    o.status = "paid";
    o.payment_failed = false;
    o.paid = 5800;
    o.shipping = 700;
    o.tax = 100;
    o.commission = 500;
    o.share = 5300;
    o.parcel_id = parcel.id;
    o.payment_id = new_id();
    o.updated_at = T0 + 5;
    OK(store_begin(S));
    OK(store_order_get(S, o.id, true, A, &got));
    OK(store_order_save(S, &o));
    OK(store_commit(S));
    OK(store_order_get(S, o.id, false, A, &got));
    assert_string_equal(got.status, "paid");
    assert_int_equal(got.paid, 5800);
    assert_int_equal(got.shipping, 700);
    assert_int_equal(got.tax, 100);
    assert_int_equal(got.commission, 500);
    assert_int_equal(got.share, 5300);
    assert_int_equal(got.parcel_id, parcel.id);
    assert_int_equal(got.payment_id, o.payment_id);
    assert_int_equal(got.updated_at, T0 + 5);
    OK(store_orders_of_parcel(S, parcel.id, A, &rows, &n));
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].id, o.id);
    OK(store_orders_due(S, T0 + 10 * DAY, 100, A, &rows, &n)); /* paid: no longer due */
    assert_null(find_row(rows, n, sizeof(*rows), offsetof(order_record, id), o.id));

    /* a failure and its code, then cleared */
    other.payment_failed = true;
    other.failure_code = "card_declined";
    other.status = "awaiting_payment";
    OK(store_order_save(S, &other));
    OK(store_order_get(S, other.id, false, A, &got));
    assert_true(got.payment_failed);
    assert_string_equal(got.failure_code, "card_declined");
    other.payment_failed = false;
    other.failure_code = NULL;
    OK(store_order_save(S, &other));
    OK(store_order_get(S, other.id, false, A, &got));
    assert_false(got.payment_failed);
    assert_string_equal(got.failure_code, "");

    /* the schema refuses what the domain never writes */
    other.refunded = 1;
    assert_int_not_equal(store_order_save(S, &other), BZ_OK); /* refunded > paid */
    other.refunded = 0;
    other.status = "pending_payment"; /* the old name is gone */
    assert_int_not_equal(store_order_save(S, &other), BZ_OK);
    other.id = new_id();
    other.status = "paid";
    assert_int_equal(store_order_save(S, &other), BZ_ENOTFOUND);
}

/* A parcel is one row a group key, whoever takes it first; its address is NULL until fixed. */
void test_parcels(void **state)
{
    (void)state;
    bz_arena_reset(A);
    sale s = new_sale();
    const char *key = unique_word();
    order_parcel want = {.id = new_id(),
                         .buyer_id = s.buyer,
                         .seller_id = s.seller,
                         .stream_id = s.stream,
                         .group_key = key,
                         .created_at = T0,
                         .updated_at = T0},
                 got, again;
    OK(store_begin(S));
    OK(store_parcel_take(S, &want, A, &got));
    OK(store_commit(S));
    assert_int_equal(got.id, want.id);
    assert_false(parcel_has_address(&got));
    want.id = new_id(); /* a second taker gets the first row */
    OK(store_parcel_take(S, &want, A, &again));
    assert_int_equal(again.id, got.id);
    assert_int_equal(again.stream_id, s.stream);
    assert_string_equal(again.group_key, key);

    got.ship_name = "Siti Aminah";
    got.ship_phone = "+60198765432";
    got.ship_to = (address_postal){.line1 = "Lot 5, Jalan Gaya",
                                   .line2 = "",
                                   .city = "Kota Kinabalu",
                                   .state = "Sabah",
                                   .postcode = "88000"};
    got.updated_at = T0 + 9;
    OK(store_parcel_save(S, &got));
    OK(store_parcel_get(S, got.id, A, &again));
    assert_true(parcel_has_address(&again));
    assert_string_equal(again.ship_name, "Siti Aminah");
    assert_string_equal(again.ship_phone, "+60198765432");
    assert_string_equal(again.ship_to.line1, "Lot 5, Jalan Gaya");
    assert_string_equal(again.ship_to.city, "Kota Kinabalu");
    assert_string_equal(again.ship_to.state, "Sabah");
    assert_string_equal(again.ship_to.postcode, "88000");
    assert_int_equal(again.updated_at, T0 + 9);
    assert_int_equal(store_parcel_get(S, new_id(), A, &again), BZ_ENOTFOUND);
}

static payment_record payment_of(const sale *s, int64_t parcel_id, checkout_sums sums)
{
    return (payment_record){.id = new_id(),
                            .buyer_id = s->buyer,
                            .seller_id = s->seller,
                            .parcel_id = parcel_id,
                            .methods = 7,
                            .status = "creating",
                            .sums = sums,
                            .ship_name = "Ali",
                            .ship_phone = "+60123456789",
                            .ship_to = {.line1 = "1 Jalan Tun Razak",
                                        .line2 = "",
                                        .city = "Kuala Lumpur",
                                        .state = "W.P. Kuala Lumpur",
                                        .postcode = "50400"},
                            .created_at = T0,
                            .updated_at = T0};
}

/* A payment and its parts are kept as one unit; what the provider answers is saved and found
 * again by the intent; an intent belongs to one payment; open payments are listed by order. */
void test_payments(void **state)
{
    (void)state;
    bz_arena_reset(A);
    sale s = new_sale();
    order_record a = order_of(&s, 5000, T0), b = order_of(&s, 3000, T0 + 1);
    OK(store_order_create(S, &a));
    OK(store_order_create(S, &b));
    order_parcel want = {.id = new_id(),
                         .buyer_id = s.buyer,
                         .seller_id = s.seller,
                         .stream_id = s.stream,
                         .group_key = unique_word(),
                         .created_at = T0,
                         .updated_at = T0},
                 parcel;
    OK(store_parcel_take(S, &want, A, &parcel));
    checkout_sums sums = {
        .items = 8000, .shipping = 700, .tax = 0, .total = 8700, .commission = 800, .share = 7900};
    payment_record p = payment_of(&s, parcel.id, sums), got;
    payment_part parts[] = {
        {p.id, a.id, {5000, 438, 0, 5438, 500, 4938}},
        {p.id, b.id, {3000, 262, 0, 3262, 300, 2962}},
    };
    OK(store_payment_create(S, &p, parts, 2));
    OK(store_payment_get(S, p.id, false, A, &got));
    assert_string_equal(got.status, "creating");
    assert_int_equal(got.methods, 7);
    assert_int_equal(got.sums.total, 8700);
    assert_int_equal(got.sums.share, 7900);
    assert_string_equal(got.ship_to.city, "Kuala Lumpur");
    assert_string_equal(got.intent_id, "");

    payment_part *rows;
    size_t n = 0;
    OK(store_payment_parts(S, p.id, A, &rows, &n));
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].order_id, a.id < b.id ? a.id : b.id);
    assert_int_equal(rows[0].sums.total + rows[1].sums.total, 8700);

    /* a part for a missing order: nothing of the payment is kept */
    payment_record q = payment_of(&s, parcel.id, sums);
    payment_part bad[] = {{q.id, a.id, {5000, 0, 0, 5000, 0, 5000}},
                          {q.id, new_id(), {3000, 0, 0, 3000, 0, 3000}}};
    assert_int_not_equal(store_payment_create(S, &q, bad, 2), BZ_OK);
    assert_int_equal(store_payment_get(S, q.id, false, A, &got), BZ_ENOTFOUND);
    /* sums that do not add up are refused by the schema */
    q.sums.total += 1;
    assert_int_not_equal(store_payment_create(S, &q, NULL, 0), BZ_OK);

    payment_record *open;
    OK(store_payments_open_of_order(S, a.id, A, &open, &n));
    assert_int_equal(n, 1);
    assert_int_equal(open[0].id, p.id);

    p.status = "open";
    p.intent_id = "pi_contract_1";
    p.client_secret = "pi_contract_1_secret_x";
    p.updated_at = T0 + 3;
    OK(store_begin(S));
    OK(store_payment_get(S, p.id, true, A, &got));
    OK(store_payment_save(S, &p));
    OK(store_commit(S));
    OK(store_payment_by_intent(S, "pi_contract_1", A, &got));
    assert_int_equal(got.id, p.id);
    assert_string_equal(got.status, "open");
    assert_string_equal(got.client_secret, "pi_contract_1_secret_x");
    assert_int_equal(got.updated_at, T0 + 3);
    assert_int_equal(store_payment_by_intent(S, "pi_none", A, &got), BZ_ENOTFOUND);

    payment_record other = payment_of(&s, parcel.id, sums);
    payment_part one[] = {{other.id, b.id, {3000, 262, 0, 3262, 300, 2962}}};
    sums = (checkout_sums){3000, 262, 0, 3262, 300, 2962};
    other.sums = sums;
    OK(store_begin(S)); /* as checkout makes it: inside its transaction */
    OK(store_payment_create(S, &other, one, 1));
    OK(store_commit(S));
    other.intent_id = "pi_contract_1"; /* one intent, one payment */
    assert_int_equal(store_payment_save(S, &other), BZ_ECONFLICT);
    OK(store_payments_open_of_order(S, b.id, A, &open, &n));
    assert_int_equal(n, 2);
    assert_int_equal(open[0].id, other.id); /* newest first */

    p.status = "succeeded";
    p.charge_id = "ch_contract_1";
    p.method_used = "fpx";
    OK(store_payment_save(S, &p));
    OK(store_payments_open_of_order(S, a.id, A, &open, &n));
    assert_int_equal(n, 0);
    OK(store_payment_get(S, p.id, false, A, &got));
    assert_string_equal(got.charge_id, "ch_contract_1");
    assert_string_equal(got.method_used, "fpx");
    p.id = new_id();
    assert_int_equal(store_payment_save(S, &p), BZ_ENOTFOUND);
}

/* Each provider event is claimed once. */
void test_payment_events(void **state)
{
    (void)state;
    const char *id = unique_word();
    OK(store_payment_event_claim(S, id, "payment_intent.succeeded", T0));
    assert_int_equal(store_payment_event_claim(S, id, "payment_intent.succeeded", T0 + 1),
                     BZ_ECONFLICT);
    OK(store_payment_event_claim(S, unique_word(), "charge.refunded", T0));
}

/* A unit given back returns to stock, unless the product was deleted; its parcel is read
 * whether deleted or not. */
void test_stock_put_back(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller(), p = make_product(seller, 0, "Songket", 9000, 1);
    OK(store_product_take_one(S, p, T0));
    OK(store_product_put_back(S, p, T0 + 1));
    int32_t q = 0;
    int64_t running = 0;
    OK(store_product_stock(S, p, false, &q, &running));
    assert_int_equal(q, 1);
    shipping_parcel box;
    OK(store_product_parcel(S, p, &box));
    assert_int_equal(box.weight_g, 500);
    OK(store_product_delete(S, p));
    OK(store_product_put_back(S, p, T0 + 2)); /* nothing to return to */
    OK(store_product_parcel(S, p, &box));
    assert_int_equal(box.weight_g, 500);
    assert_int_equal(store_product_put_back(S, new_id(), T0), BZ_ENOTFOUND);
    assert_int_equal(store_product_parcel(S, new_id(), &box), BZ_ENOTFOUND);
}

static payment_card card_of(int64_t user, const char *pm, bool is_default)
{
    return (payment_card){.id = new_id(),
                          .user_id = user,
                          .method_id = pm,
                          .brand = "visa",
                          .last4 = "4242",
                          .exp_month = 12,
                          .exp_year = 2030,
                          .is_default = is_default,
                          .created_at = T0};
}

/* A customer is set once; cards are their owner's, one default, a payment method kept once;
 * SetupIntents are found by id and by the provider's id. */
void test_cards(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t ali = make_user(), bala = make_user();
    const char *cus;
    assert_int_equal(store_customer_get(S, ali, A, &cus), BZ_ENOTFOUND);
    OK(store_customer_set(S, ali, "cus_first", T0));
    OK(store_customer_set(S, ali, "cus_second", T0 + 1)); /* a retried creation: the first stays */
    OK(store_customer_get(S, ali, A, &cus));
    assert_string_equal(cus, "cus_first");

    char pm1[32], pm2[32];
    snprintf(pm1, sizeof(pm1), "pm_%s", unique_word());
    snprintf(pm2, sizeof(pm2), "pm_%s", unique_word());
    payment_card a = card_of(ali, pm1, true), b = card_of(ali, pm2, false), got;
    OK(store_card_add(S, &a));
    OK(store_card_add(S, &b));
    payment_card again = card_of(ali, pm1, false);
    assert_int_equal(store_card_add(S, &again), BZ_ECONFLICT); /* that method is kept */
    payment_card two = card_of(ali, "pm_other_default", true);
    assert_int_equal(store_card_add(S, &two), BZ_ECONFLICT); /* one default */
    OK(store_card_get(S, ali, b.id, A, &got));
    assert_string_equal(got.method_id, pm2);
    assert_int_equal(got.exp_year, 2030);
    assert_int_equal(store_card_get(S, bala, b.id, A, &got), BZ_ENOTFOUND);

    payment_card *l;
    size_t n = 0;
    OK(store_cards_of(S, ali, A, &l, &n));
    assert_int_equal(n, 2);
    assert_int_equal(l[0].id, a.id); /* the default first */
    OK(store_card_set_default(S, ali, b.id));
    OK(store_cards_of(S, ali, A, &l, &n));
    assert_int_equal(l[0].id, b.id);
    assert_true(l[0].is_default);
    assert_false(l[1].is_default);
    assert_int_equal(store_card_set_default(S, bala, a.id), BZ_ENOTFOUND);
    OK(store_cards_of(S, ali, A, &l, &n));
    assert_int_equal(l[0].id, b.id); /* unchanged */
    assert_int_equal(store_card_delete(S, bala, a.id), BZ_ENOTFOUND);
    OK(store_card_delete(S, ali, a.id));
    OK(store_cards_of(S, ali, A, &l, &n));
    assert_int_equal(n, 1);

    card_setup u = {.id = new_id(), .user_id = ali, .status = "creating", .created_at = T0}, su;
    OK(store_card_setup_create(S, &u));
    OK(store_card_setup_get(S, u.id, false, A, &su));
    assert_string_equal(su.status, "creating");
    assert_string_equal(su.setup_id, "");
    char seti[40];
    snprintf(seti, sizeof(seti), "seti_%s", unique_word());
    u.setup_id = seti;
    u.client_secret = "seti_secret";
    u.status = "succeeded";
    u.card_id = b.id;
    u.updated_at = T0 + 4;
    OK(store_card_setup_save(S, &u));
    OK(store_card_setup_by_ref(S, seti, A, &su));
    assert_int_equal(su.id, u.id);
    assert_string_equal(su.status, "succeeded");
    assert_int_equal(su.card_id, b.id);
    assert_int_equal(su.updated_at, T0 + 4);
    assert_int_equal(store_card_setup_get(S, new_id(), false, A, &su), BZ_ENOTFOUND);
}

static receipt_record doc_of(const order_record *o, const char *kind, int64_t seq)
{
    return (receipt_record){.id = new_id(),
                            .kind = kind,
                            .seller_id = o->seller_id,
                            .order_id = o->id,
                            .seq = seq,
                            .number = "R-test",
                            .issued_at = T0};
}

/* Numbers run 1, 2, 3 per seller and kind; a rolled-back transaction gives its number back;
 * one document per order and kind; ready keeps its key and size; an order lists its receipt
 * first. */
void test_documents(void **state)
{
    (void)state;
    bz_arena_reset(A);
    sale s = new_sale(), t = new_sale();
    order_record o = order_of(&s, 5000, T0), p = order_of(&s, 7000, T0);
    OK(store_order_create(S, &o));
    OK(store_order_create(S, &p));
    int64_t seq = 0;
    OK(store_begin(S));
    OK(store_document_seq_next(S, s.seller, "receipt", &seq));
    assert_int_equal(seq, 1);
    OK(store_document_seq_next(S, s.seller, "receipt", &seq));
    assert_int_equal(seq, 2);
    OK(store_commit(S));
    OK(store_begin(S));
    OK(store_document_seq_next(S, s.seller, "receipt", &seq));
    assert_int_equal(seq, 3);
    OK(store_rollback(S));
    OK(store_document_seq_next(S, s.seller, "receipt", &seq));
    assert_int_equal(seq, 3); /* the rolled-back 3 came back */
    OK(store_document_seq_next(S, s.seller, "commission_invoice", &seq));
    assert_int_equal(seq, 1); /* each kind counts on its own */
    OK(store_document_seq_next(S, t.seller, "receipt", &seq));
    assert_int_equal(seq, 1); /* and each seller */

    receipt_record inv = doc_of(&o, "commission_invoice", 1), rec = doc_of(&o, "receipt", 3);
    OK(store_document_add(S, &inv));
    OK(store_document_add(S, &rec));
    receipt_record again = doc_of(&o, "receipt", 4);
    assert_int_equal(store_document_add(S, &again), BZ_ECONFLICT);
    receipt_record same_seq = doc_of(&p, "receipt", 3);
    assert_int_equal(store_document_add(S, &same_seq), BZ_ECONFLICT);

    receipt_record got;
    OK(store_document_get(S, rec.id, A, &got));
    assert_string_equal(got.kind, "receipt");
    assert_int_equal(got.seq, 3);
    assert_int_equal(got.order_id, o.id);
    assert_false(got.ready);
    assert_string_equal(got.blob_key, ""); /* none yet */
    assert_int_equal(got.size, 0);
    rec.blob_key = "documents/1/R-test.pdf";
    rec.size = 1234;
    rec.rendered_at = T0 + 5;
    OK(store_document_ready(S, &rec));
    OK(store_document_get(S, rec.id, A, &got));
    assert_true(got.ready);
    assert_string_equal(got.blob_key, "documents/1/R-test.pdf");
    assert_int_equal(got.size, 1234);
    assert_int_equal(got.rendered_at, T0 + 5);
    rec.id = new_id();
    assert_int_equal(store_document_ready(S, &rec), BZ_ENOTFOUND);
    assert_int_equal(store_document_get(S, rec.id, A, &got), BZ_ENOTFOUND);

    receipt_record *docs = NULL;
    size_t n = 0;
    OK(store_documents_of_order(S, o.id, A, &docs, &n));
    assert_int_equal(n, 2);
    assert_string_equal(docs[0].kind, "receipt");
    assert_string_equal(docs[1].kind, "commission_invoice");
    OK(store_documents_of_order(S, p.id, A, &docs, &n));
    assert_int_equal(n, 0);
}

/* ---- refunds and disputes (migrations/0018) ------------------------------------------------ */

/* A paid order with its payment, for the refunds below. */
static void paid_sale(order_record *o, payment_record *p)
{
    sale s = new_sale();
    *o = order_of(&s, 5000, T0);
    OK(store_order_create(S, o));
    order_parcel want = {.id = new_id(),
                         .buyer_id = s.buyer,
                         .seller_id = s.seller,
                         .group_key = unique_word(),
                         .created_at = T0,
                         .updated_at = T0},
                 parcel;
    OK(store_parcel_take(S, &want, A, &parcel));
    checkout_sums sums = {5000, 700, 0, 5700, 500, 5200};
    *p = payment_of(&s, parcel.id, sums);
    payment_part part = {p->id, o->id, sums};
    OK(store_payment_create(S, p, &part, 1));
}

/* Refunds are kept, listed by order and by payment oldest first, and settled with the
 * provider's id (unique, and kept once known); amounts must be positive and reasons known. */
void test_refunds(void **state)
{
    (void)state;
    bz_arena_reset(A);
    order_record o;
    payment_record p;
    paid_sale(&o, &p);
    refund_record r = {.id = new_id(),
                       .order_id = o.id,
                       .payment_id = p.id,
                       .amount = 2000,
                       .reason = "damaged",
                       .note = "cracked lid",
                       .asked_by = o.seller_id,
                       .role = "seller",
                       .status = "creating",
                       .order_state = "shipped",
                       .created_at = T0,
                       .updated_at = T0},
                  got;
    OK(store_refund_create(S, &r));
    assert_int_equal(store_refund_create(S, &r), BZ_ECONFLICT);
    OK(store_refund_get(S, r.id, A, &got));
    assert_int_equal(got.amount, 2000);
    assert_string_equal(got.reason, "damaged");
    assert_string_equal(got.note, "cracked lid");
    assert_int_equal(got.asked_by, o.seller_id);
    assert_string_equal(got.role, "seller");
    assert_string_equal(got.status, "creating");
    assert_string_equal(got.provider_id, "");
    assert_string_equal(got.order_state, "shipped");
    assert_int_equal(store_refund_get(S, new_id(), A, &got), BZ_ENOTFOUND);

    refund_record outside = r;
    outside.id = new_id();
    outside.amount = 700;
    outside.reason = "provider";
    outside.note = NULL;
    outside.asked_by = 0;
    outside.role = "provider";
    outside.status = "succeeded";
    outside.created_at = T0 + 1;
    OK(store_refund_create(S, &outside));
    OK(store_refund_get(S, outside.id, A, &got));
    assert_int_equal(got.asked_by, 0);
    assert_string_equal(got.note, "");

    char re[40];
    snprintf(re, sizeof(re), "re_%s", unique_word());
    r.status = "succeeded";
    r.provider_id = re;
    r.updated_at = T0 + 5;
    OK(store_refund_save(S, &r));
    r.provider_id = NULL; /* a later save without the id keeps it */
    OK(store_refund_save(S, &r));
    OK(store_refund_get(S, r.id, A, &got));
    assert_string_equal(got.status, "succeeded");
    assert_string_equal(got.provider_id, re);
    assert_int_equal(got.updated_at, T0 + 5);
    outside.provider_id = re; /* one provider refund, one row */
    assert_int_equal(store_refund_save(S, &outside), BZ_ECONFLICT);
    refund_record none = r;
    none.id = new_id();
    assert_int_equal(store_refund_save(S, &none), BZ_ENOTFOUND);

    refund_record *rows;
    size_t n = 0;
    OK(store_refunds_of(S, o.id, 0, A, &rows, &n));
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].id < rows[1].id, r.id < outside.id);
    OK(store_refunds_of(S, 0, p.id, A, &rows, &n));
    assert_int_equal(n, 2);
    OK(store_refunds_of(S, 0, new_id(), A, &rows, &n));
    assert_int_equal(n, 0);

    refund_record bad = r;
    bad.id = new_id();
    bad.provider_id = NULL;
    bad.amount = 0; /* the schema refuses what the domain never makes */
    assert_int_not_equal(store_refund_create(S, &bad), BZ_OK);
    bad.amount = 10;
    bad.reason = "because";
    assert_int_not_equal(store_refund_create(S, &bad), BZ_OK);
}

/* A dispute is kept once per provider id, found by it, and closed. */
void test_disputes(void **state)
{
    (void)state;
    bz_arena_reset(A);
    order_record o;
    payment_record p;
    paid_sale(&o, &p);
    char dp[40];
    snprintf(dp, sizeof(dp), "dp_%s", unique_word());
    dispute_record d = {.id = new_id(),
                        .provider_id = dp,
                        .payment_id = p.id,
                        .amount = 5700,
                        .reason = "fraudulent",
                        .status = "open",
                        .created_at = T0},
                   got;
    OK(store_dispute_create(S, &d));
    dispute_record again = d;
    again.id = new_id();
    assert_int_equal(store_dispute_create(S, &again), BZ_ECONFLICT);
    OK(store_dispute_by_ref(S, dp, A, &got));
    assert_int_equal(got.id, d.id);
    assert_int_equal(got.amount, 5700);
    assert_string_equal(got.status, "open");
    assert_int_equal(got.closed_at, 0);
    assert_int_equal(store_dispute_by_ref(S, "dp_none", A, &got), BZ_ENOTFOUND);
    d.status = "lost";
    d.closed_at = T0 + 9;
    OK(store_dispute_save(S, &d));
    OK(store_dispute_by_ref(S, dp, A, &got));
    assert_string_equal(got.status, "lost");
    assert_int_equal(got.closed_at, T0 + 9);
    again.status = "won";
    assert_int_equal(store_dispute_save(S, &again), BZ_ENOTFOUND);

    /* the seller hears of it: one notification, with the order */
    notification n = {.user_id = o.seller_id,
                      .kind = "order_disputed",
                      .order_id = o.id,
                      .title = "Order disputed",
                      .created_at = T0 + 2},
                 made, *list;
    OK(store_notification_add(S, &n, A, &made));
    assert_true(made.id > 0);
    assert_int_equal(made.order_id, o.id);
    assert_int_equal(made.stream_id, 0);
    store_page page;
    int64_t unread = 0;
    OK(store_notifications_of(S, o.seller_id, 0, 10, A, &list, &page, &unread));
    assert_int_equal(page.n, 1);
    assert_string_equal(list[0].kind, "order_disputed");
    assert_int_equal(list[0].order_id, o.id);
    assert_int_equal(unread, 1);
}
