/*
 * tests/contract/store_contract_shipments.c - shipments (migrations/0023): a parcel with its
 * orders, an order in at most one active shipment, the reads by tracking number, the orders a
 * seller has to ship, the tracking timeline with its duplicates, problem reports, and the
 * orders' returned_at, on every adapter.
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

/* An order of `buyer` from `seller` in `status` (paid ones paid RM50.00). */
static order_record order_in(int64_t seller, int64_t buyer, const char *status)
{
    int64_t product = make_product(seller, 0, "Batik", 5000, 1);
    order_record o = {.id = new_id(),
                      .buyer_id = buyer,
                      .seller_id = seller,
                      .product_id = product,
                      .amount = 5000,
                      .pay_by = T0 + DAY,
                      .created_at = T0,
                      .updated_at = T0};
    OK(store_order_create(S, &o));
    if (strcmp(status, "awaiting_payment") != 0) {
        o.status = status;
        o.paid = 5000;
        OK(store_order_save(S, &o));
    }
    return o;
}

/* A new shipment of `seller` to `buyer`, requested, with a tracking number of its own. */
static shipment_record shipment_of(int64_t seller, int64_t buyer, char *ref, size_t size)
{
    snprintf(ref, size, "BLZ%lld", (long long)new_id());
    return (shipment_record){.id = new_id(),
                             .seller_id = seller,
                             .buyer_id = buyer,
                             .status = "requested",
                             .requested_tracking = ref,
                             .pickup = true,
                             .pickup_date = "2027-01-14",
                             .slot_start = "09:00",
                             .slot_end = "12:00",
                             .weight_g = 1200,
                             .length_mm = 300,
                             .width_mm = 200,
                             .height_mm = 100,
                             .created_at = T0,
                             .updated_at = T0};
}

static bool has_order(const shipment_pending *rows, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++) {
        if (rows[i].order.id == id) {
            return true;
        }
    }
    return false;
}

void test_shipments(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller(), buyer = make_user();
    order_record o1 = order_in(seller, buyer, "paid"), o2 = order_in(seller, buyer, "paid");
    char ref[40], ref2[40], ref3[40];
    shipment_record sh = shipment_of(seller, buyer, ref, sizeof ref), got;
    const int64_t ids[] = {o2.id, o1.id};
    OK(store_shipment_create(S, &sh, ids, 2));

    OK(store_shipment_get(S, sh.id, false, A, &got));
    assert_string_equal(got.status, "requested");
    assert_string_equal(got.requested_tracking, ref);
    assert_string_equal(got.tracking_number, "");
    assert_string_equal(got.service_level, "standard");
    assert_true(got.pickup);
    assert_string_equal(got.pickup_date, "2027-01-14");
    assert_string_equal(got.slot_start, "09:00");
    assert_string_equal(got.slot_end, "12:00");
    assert_int_equal(got.weight_g, 1200);
    assert_int_equal(got.length_mm + got.width_mm + got.height_mm, 600);
    assert_string_equal(got.label_key, "");
    assert_string_equal(got.failure, "");
    assert_int_equal(got.last_event_at, 0);
    assert_int_equal(got.created_at, T0);
    OK(store_shipment_get(S, sh.id, true, A, &got));
    OK(store_shipment_by_requested(S, ref, A, &got));
    assert_int_equal(got.id, sh.id);
    assert_int_equal(store_shipment_get(S, new_id(), false, A, &got), BZ_ENOTFOUND);
    assert_int_equal(store_shipment_by_tracking(S, "NVNONE", A, &got), BZ_ENOTFOUND);
    assert_int_equal(store_shipment_by_requested(S, "BLZNONE", A, &got), BZ_ENOTFOUND);

    int64_t *oids;
    size_t n;
    OK(store_shipment_order_ids(S, sh.id, A, &oids, &n));
    assert_int_equal(n, 2);
    assert_int_equal(oids[0], o1.id < o2.id ? o1.id : o2.id);

    /* an order of an active shipment cannot go in another: nothing of it is kept */
    order_record o3 = order_in(seller, buyer, "paid");
    shipment_record other = shipment_of(seller, buyer, ref2, sizeof ref2);
    const int64_t busy[] = {o3.id, o1.id};
    assert_int_equal(store_shipment_create(S, &other, busy, 2), BZ_ECONFLICT);
    assert_int_equal(store_shipment_get(S, other.id, false, A, &got), BZ_ENOTFOUND);
    /* nor one of a missing order, nor the same requested tracking twice */
    const int64_t missing[] = {new_id()};
    assert_int_equal(store_shipment_create(S, &other, missing, 1), BZ_ENOTFOUND);
    shipment_record twin = shipment_of(seller, buyer, ref3, sizeof ref3);
    twin.requested_tracking = ref;
    assert_int_equal(store_shipment_create(S, &twin, &o3.id, 1), BZ_ECONFLICT);

    /* booked: the carrier's number, then a label, an event time */
    char nv[40];
    snprintf(nv, sizeof nv, "NVMY%lld", (long long)new_id());
    sh.status = "pending_pickup";
    sh.tracking_number = nv;
    sh.label_key = "labels/1.pdf";
    sh.last_event_at = T0 + 5;
    sh.updated_at = T0 + 6;
    OK(store_shipment_save(S, &sh));
    OK(store_shipment_by_tracking(S, nv, A, &got));
    assert_int_equal(got.id, sh.id);
    assert_string_equal(got.status, "pending_pickup");
    assert_string_equal(got.label_key, "labels/1.pdf");
    assert_int_equal(got.last_event_at, T0 + 5);
    assert_int_equal(got.updated_at, T0 + 6);
    shipment_record saved = sh;
    saved.id = new_id();
    assert_int_equal(store_shipment_save(S, &saved), BZ_ENOTFOUND);

    /* the seller's list, newest first, by status or all */
    OK(store_shipment_create(S, &other, &o3.id, 1));
    shipment_record *rows;
    OK(store_shipments_of_seller(S, seller, NULL, 10, A, &rows, &n));
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].id, other.id);
    OK(store_shipments_of_seller(S, seller, "pending_pickup", 10, A, &rows, &n));
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].id, sh.id);
    OK(store_shipments_of_seller(S, seller, "", 1, A, &rows, &n));
    assert_int_equal(n, 1);
    OK(store_shipments_of_seller(S, make_seller(), NULL, 10, A, &rows, &n));
    assert_int_equal(n, 0);

    /* another shipment may not take the carrier's number */
    other.tracking_number = nv;
    assert_int_equal(store_shipment_save(S, &other), BZ_ECONFLICT);

    /* refused: its order is free again, and goes in a new shipment */
    other.tracking_number = "";
    other.status = "refused";
    other.failure = "Invalid postcode";
    OK(store_shipment_save(S, &other));
    OK(store_shipment_get(S, other.id, false, A, &got));
    assert_string_equal(got.failure, "Invalid postcode");
    shipment_record again = shipment_of(seller, buyer, ref3, sizeof ref3);
    OK(store_shipment_create(S, &again, &o3.id, 1));
}

void test_orders_to_ship(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller(), b1 = make_user(), b2 = make_user();
    order_record a = order_in(seller, b2, "paid"), b = order_in(seller, b1, "paid"),
                 c = order_in(seller, b2, "paid"),
                 unpaid = order_in(seller, b1, "awaiting_payment"),
                 gone = order_in(seller, b1, "shipped"), back = order_in(seller, b1, "shipped"),
                 theirs = order_in(make_seller(), b1, "paid");
    back.returned_at = T0 + DAY;
    OK(store_order_save(S, &back));
    order_record got;
    OK(store_order_get(S, back.id, false, A, &got));
    assert_int_equal(got.returned_at, T0 + DAY);
    OK(store_order_get(S, gone.id, false, A, &got));
    assert_int_equal(got.returned_at, 0);

    shipment_pending *rows;
    size_t n;
    OK(store_orders_to_ship(S, seller, A, &rows, &n));
    assert_int_equal(n, 4);
    /* by buyer, then oldest first */
    int64_t first = b1 < b2 ? b1 : b2;
    assert_int_equal(rows[0].order.buyer_id, first);
    for (size_t i = 1; i < n; i++) {
        assert_true(rows[i - 1].order.buyer_id < rows[i].order.buyer_id ||
                    (rows[i - 1].order.buyer_id == rows[i].order.buyer_id &&
                     rows[i - 1].order.id < rows[i].order.id));
    }
    assert_true(has_order(rows, n, a.id) && has_order(rows, n, b.id) && has_order(rows, n, c.id) &&
                has_order(rows, n, back.id));
    assert_false(has_order(rows, n, unpaid.id) || has_order(rows, n, gone.id) ||
                 has_order(rows, n, theirs.id));
    for (size_t i = 0; i < n; i++) {
        assert_true(strlen(rows[i].buyer_username) > 0);
        assert_string_equal(rows[i].order.status, rows[i].order.id == back.id ? "shipped" : "paid");
    }

    /* in an active shipment: no longer to ship; cancelled: to ship again */
    char ref[40];
    shipment_record sh = shipment_of(seller, b2, ref, sizeof ref);
    const int64_t ids[] = {a.id, c.id};
    OK(store_shipment_create(S, &sh, ids, 2));
    OK(store_orders_to_ship(S, seller, A, &rows, &n));
    assert_int_equal(n, 2);
    assert_false(has_order(rows, n, a.id) || has_order(rows, n, c.id));
    sh.status = "cancelled";
    OK(store_shipment_save(S, &sh));
    OK(store_orders_to_ship(S, seller, A, &rows, &n));
    assert_int_equal(n, 4);
}

void test_shipment_events(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller(), buyer = make_user();
    order_record o = order_in(seller, buyer, "paid");
    char ref[40];
    shipment_record sh = shipment_of(seller, buyer, ref, sizeof ref);
    OK(store_shipment_create(S, &sh, &o.id, 1));

    shipment_event_rec late = {.id = new_id(),
                               .shipment_id = sh.id,
                               .kind = "in_transit",
                               .at = T0 + 2,
                               .text = "Arrived at Sorting Hub",
                               .reason = ""};
    shipment_event_rec first = {.id = new_id(),
                                .shipment_id = sh.id,
                                .kind = "delivery_failed",
                                .at = T0 + 1,
                                .text = "Delivery Exception, Pending Reschedule",
                                .reason = "Nobody at home"};
    OK(store_shipment_event_add(S, &late));
    OK(store_shipment_event_add(S, &first));
    shipment_event_rec dup = late;
    dup.id = new_id();
    assert_int_equal(store_shipment_event_add(S, &dup), BZ_ECONFLICT);
    dup.at = T0 + 3; /* the same words later: a new step */
    OK(store_shipment_event_add(S, &dup));
    shipment_event_rec orphan = first;
    orphan.id = new_id();
    orphan.shipment_id = new_id();
    assert_int_equal(store_shipment_event_add(S, &orphan), BZ_ENOTFOUND);

    shipment_event_rec *rows;
    size_t n;
    OK(store_shipment_events(S, sh.id, A, &rows, &n));
    assert_int_equal(n, 3);
    assert_int_equal(rows[0].id, first.id); /* time order, not arrival order */
    assert_string_equal(rows[0].kind, "delivery_failed");
    assert_string_equal(rows[0].reason, "Nobody at home");
    assert_string_equal(rows[0].text, "Delivery Exception, Pending Reschedule");
    assert_int_equal(rows[1].id, late.id);
    assert_string_equal(rows[1].reason, "");
    assert_int_equal(rows[2].at, T0 + 3);
    OK(store_shipment_events(S, new_id(), A, &rows, &n));
    assert_int_equal(n, 0);
}

void test_order_reports(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller(), buyer = make_user();
    order_record o = order_in(seller, buyer, "shipped");
    order_report r = {.id = new_id(),
                      .order_id = o.id,
                      .buyer_id = buyer,
                      .kind = ORDER_REPORT_NOT_RECEIVED,
                      .text = "Tracking says delivered but nothing came",
                      .status = "open",
                      .created_at = T0},
                 got;
    OK(store_report_create(S, &r));
    OK(store_report_get(S, r.id, false, A, &got));
    assert_string_equal(got.kind, "not_received");
    assert_string_equal(got.text, r.text);
    assert_string_equal(got.status, "open");
    assert_string_equal(got.answer, "");
    assert_int_equal(got.created_at, T0);
    assert_int_equal(got.updated_at, T0);
    OK(store_report_get(S, r.id, true, A, &got));
    assert_int_equal(store_report_get(S, new_id(), false, A, &got), BZ_ENOTFOUND);

    r.status = "answered";
    r.answer = "Sent a replacement";
    r.updated_at = T0 + 1;
    OK(store_report_save(S, &r));
    order_report second = {.id = new_id(),
                           .order_id = o.id,
                           .buyer_id = buyer,
                           .kind = ORDER_REPORT_NOT_AS_DESCRIBED,
                           .text = "Wrong colour",
                           .status = "open",
                           .created_at = T0 + 2};
    OK(store_report_create(S, &second));
    order_report *rows;
    size_t n;
    OK(store_reports_of_order(S, o.id, A, &rows, &n));
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].id, r.id);
    assert_string_equal(rows[0].status, "answered");
    assert_string_equal(rows[0].answer, "Sent a replacement");
    assert_int_equal(rows[0].updated_at, T0 + 1);
    assert_string_equal(rows[1].kind, "not_as_described");

    order_report bad = second;
    bad.id = new_id();
    bad.order_id = new_id();
    assert_int_equal(store_report_create(S, &bad), BZ_ENOTFOUND);
    bad.id = new_id() + 1000000;
    assert_int_equal(store_report_save(S, &bad), BZ_ENOTFOUND);
}
