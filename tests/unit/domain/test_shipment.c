/* Unit tests for domain/shipment.h: every (state, event kind) pair of the tracking rule against
 * a table, stale, duplicate and out-of-order events, the stories of the issue (a late "in
 * transit" after delivered, an exception then a reattempt, RTS then returned), cancel and
 * refuse, the pickup rule around KL midnight, on Sundays and on the last allowed day, and which
 * orders may share a parcel. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/err.h"
#include "domain/shipment.h"

#define T0   1800000000000LL
#define HOUR 3600000LL
#define DAY  (24 * HOUR)

/* Shorter names for the table. */
#define RQ SHIPMENT_REQUESTED
#define RF SHIPMENT_REFUSED
#define PP SHIPMENT_PENDING_PICKUP
#define PU SHIPMENT_PICKED_UP
#define IT SHIPMENT_IN_TRANSIT
#define OD SHIPMENT_OUT_FOR_DELIVERY
#define DX SHIPMENT_DELIVERY_EXCEPTION
#define DL SHIPMENT_DELIVERED
#define RG SHIPMENT_RETURNING
#define RD SHIPMENT_RETURNED
#define CA SHIPMENT_CANCELLED
#define LO SHIPMENT_LOST

/* next[from][event]: the state a newer event moves a shipment to; 0 = it stays. */
static const shipment_state next[SHIPMENT_STATE_COUNT][SHIPMENT_EVENT_COUNT] = {
    /*          pending pfail picked  transit  ofd   dfail  deliv  rts   retd   cancel lost */
    [RQ] = {0, PP, PP, PU, IT, OD, DX, DL, RG, RD, CA, LO},
    [PP] = {0, 0, 0, PU, IT, OD, DX, DL, RG, RD, CA, LO},
    [PU] = {0, 0, 0, 0, IT, OD, DX, DL, RG, RD, 0, LO},
    [IT] = {0, 0, 0, 0, 0, OD, DX, DL, RG, RD, 0, LO},
    [OD] = {0, 0, 0, 0, 0, 0, DX, DL, RG, RD, 0, LO},
    [DX] = {0, 0, 0, 0, 0, OD, 0, DL, RG, RD, 0, LO},
    [RG] = {0, 0, 0, 0, 0, 0, 0, 0, 0, RD, 0, LO},
    /* refused, delivered, returned, cancelled, lost: terminal, all zero */
};

static shipment_effect want_effect(shipment_state from, shipment_state to)
{
    if (to == DL) {
        return SHIPMENT_EFFECT_DELIVER;
    }
    if (to == RD) {
        return SHIPMENT_EFFECT_RETURNED;
    }
    if (to == CA || to == RF) {
        return SHIPMENT_EFFECT_RELEASE;
    }
    return (from == RQ || from == PP) && to != PP ? SHIPMENT_EFFECT_SHIP : SHIPMENT_EFFECT_NONE;
}

static shipment_step apply(shipment_state from, int64_t last, shipment_event_kind k, int64_t at)
{
    shipment_event ev = {.kind = k, .at = at, .text = "x", .reason = ""};
    shipment_step st;
    assert_int_equal(shipment_apply(from, last, &ev, &st), BZ_OK);
    assert_int_equal(st.code, BZ_OK);
    return st;
}

static void every_state_and_event(void **state)
{
    (void)state;
    int moves = 0;
    for (int s = 1; s < SHIPMENT_STATE_COUNT; s++) {
        for (int k = 1; k < SHIPMENT_EVENT_COUNT; k++) {
            shipment_step st = apply((shipment_state)s, T0, (shipment_event_kind)k, T0 + HOUR);
            shipment_state want = next[s][k] ? next[s][k] : (shipment_state)s;
            if (st.next != want) {
                fail_msg("%s + %s gave %s", shipment_state_name((shipment_state)s),
                         shipment_event_name((shipment_event_kind)k), shipment_state_name(st.next));
            }
            assert_false(st.stale);
            assert_int_equal(st.moved, next[s][k] != 0);
            assert_int_equal(st.last_event_at, st.moved ? T0 + HOUR : T0);
            assert_int_equal(st.effect, st.moved ? want_effect((shipment_state)s, st.next)
                                                 : SHIPMENT_EFFECT_NONE);
            if (shipment_state_final((shipment_state)s)) {
                assert_false(st.moved);
            }
            moves += st.moved;
            /* the same event at the same time again (a duplicate webhook) moves nothing more */
            if (st.moved) {
                shipment_step again =
                    apply(st.next, st.last_event_at, (shipment_event_kind)k, T0 + HOUR);
                assert_false(again.moved);
                assert_int_equal(again.effect, SHIPMENT_EFFECT_NONE);
            }
        }
    }
    assert_int_equal(moves, 45);
}

/* An event older than the one that set the status never moves it, whatever it is. */
static void stale_events_never_move(void **state)
{
    (void)state;
    for (int s = 1; s < SHIPMENT_STATE_COUNT; s++) {
        for (int k = 1; k < SHIPMENT_EVENT_COUNT; k++) {
            shipment_step st = apply((shipment_state)s, T0, (shipment_event_kind)k, T0 - 1);
            assert_true(st.stale);
            assert_false(st.moved);
            assert_int_equal(st.next, s);
            assert_int_equal(st.last_event_at, T0);
            assert_int_equal(st.effect, SHIPMENT_EFFECT_NONE);
        }
    }
    /* an event at the very time of the last one is not stale */
    shipment_step st = apply(OD, T0, SHIPMENT_EV_DELIVERED, T0);
    assert_false(st.stale);
    assert_true(st.moved);
}

/* Events one after another: the status, the effect and the last event time at each step. */
typedef struct story_step {
    shipment_event_kind kind;
    int64_t at;
    shipment_state want;
    shipment_effect effect;
} story_step;

static void play(const story_step *steps, size_t n)
{
    shipment_state s = PP;
    int64_t last = 0;
    for (size_t i = 0; i < n; i++) {
        shipment_step st = apply(s, last, steps[i].kind, steps[i].at);
        if (st.next != steps[i].want || st.effect != steps[i].effect) {
            fail_msg("step %zu (%s): %s effect %d", i, shipment_event_name(steps[i].kind),
                     shipment_state_name(st.next), (int)st.effect);
        }
        assert_true(st.last_event_at >= last);
        s = st.next;
        last = st.last_event_at;
    }
}

static void late_in_transit_after_delivered(void **state)
{
    (void)state;
    const story_step steps[] = {
        {SHIPMENT_EV_PICKED_UP, T0, PU, SHIPMENT_EFFECT_SHIP},
        {SHIPMENT_EV_DELIVERED, T0 + 3 * HOUR, DL, SHIPMENT_EFFECT_DELIVER},
        {SHIPMENT_EV_IN_TRANSIT, T0 + HOUR, DL, SHIPMENT_EFFECT_NONE},     /* late */
        {SHIPMENT_EV_IN_TRANSIT, T0 + 4 * HOUR, DL, SHIPMENT_EFFECT_NONE}, /* newer: terminal */
        {SHIPMENT_EV_DELIVERED, T0 + 3 * HOUR, DL, SHIPMENT_EFFECT_NONE},  /* duplicate */
    };
    play(steps, sizeof steps / sizeof *steps);
}

static void out_of_order_delivered_first(void **state)
{
    (void)state;
    /* delivered arrives before picked up: the orders go straight to delivered */
    const story_step steps[] = {
        {SHIPMENT_EV_DELIVERED, T0 + 3 * HOUR, DL, SHIPMENT_EFFECT_DELIVER},
        {SHIPMENT_EV_PICKED_UP, T0, DL, SHIPMENT_EFFECT_NONE},
    };
    play(steps, sizeof steps / sizeof *steps);
    /* in transit before picked up: picked up is then behind, shipped once */
    const story_step steps2[] = {
        {SHIPMENT_EV_IN_TRANSIT, T0 + HOUR, IT, SHIPMENT_EFFECT_SHIP},
        {SHIPMENT_EV_PICKED_UP, T0, IT, SHIPMENT_EFFECT_NONE},
        {SHIPMENT_EV_PICKED_UP, T0 + 2 * HOUR, IT, SHIPMENT_EFFECT_NONE},
    };
    play(steps2, sizeof steps2 / sizeof *steps2);
}

static void exception_reattempt_delivered(void **state)
{
    (void)state;
    const story_step steps[] = {
        {SHIPMENT_EV_PICKED_UP, T0, PU, SHIPMENT_EFFECT_SHIP},
        {SHIPMENT_EV_OUT_FOR_DELIVERY, T0 + HOUR, OD, SHIPMENT_EFFECT_NONE},
        {SHIPMENT_EV_DELIVERY_FAILED, T0 + 2 * HOUR, DX, SHIPMENT_EFFECT_NONE},
        {SHIPMENT_EV_IN_TRANSIT, T0 + 3 * HOUR, DX, SHIPMENT_EFFECT_NONE},  /* back at the hub */
        {SHIPMENT_EV_OUT_FOR_DELIVERY, T0 + DAY, OD, SHIPMENT_EFFECT_NONE}, /* reattempt */
        {SHIPMENT_EV_DELIVERY_FAILED, T0 + 2 * HOUR, OD, SHIPMENT_EFFECT_NONE}, /* late dup */
        {SHIPMENT_EV_DELIVERED, T0 + DAY + HOUR, DL, SHIPMENT_EFFECT_DELIVER},
    };
    play(steps, sizeof steps / sizeof *steps);
}

static void rts_then_returned(void **state)
{
    (void)state;
    const story_step steps[] = {
        {SHIPMENT_EV_PICKED_UP, T0, PU, SHIPMENT_EFFECT_SHIP},
        {SHIPMENT_EV_DELIVERY_FAILED, T0 + HOUR, DX, SHIPMENT_EFFECT_NONE},
        {SHIPMENT_EV_RTS_STARTED, T0 + 2 * HOUR, RG, SHIPMENT_EFFECT_NONE},
        {SHIPMENT_EV_OUT_FOR_DELIVERY, T0 + 3 * HOUR, RG, SHIPMENT_EFFECT_NONE},
        {SHIPMENT_EV_DELIVERED, T0 + 4 * HOUR, RG, SHIPMENT_EFFECT_NONE}, /* the return leg */
        {SHIPMENT_EV_RETURNED, T0 + 5 * HOUR, RD, SHIPMENT_EFFECT_RETURNED},
        {SHIPMENT_EV_DELIVERED, T0 + 6 * HOUR, RD, SHIPMENT_EFFECT_NONE},
    };
    play(steps, sizeof steps / sizeof *steps);
}

/* A carrier's events of one delivery (times increasing), with duplicates, arriving in every
 * order a shuffle gives: the parcel always ends delivered, the orders are delivered exactly
 * once, shipped at most once and never after, and last_event_at never goes back. */
static void any_order_ends_delivered(void **state)
{
    (void)state;
    const shipment_event_kind seq[] = {
        SHIPMENT_EV_PENDING_PICKUP,  SHIPMENT_EV_PICKUP_FAILED,    SHIPMENT_EV_PICKED_UP,
        SHIPMENT_EV_IN_TRANSIT,      SHIPMENT_EV_IN_TRANSIT,       SHIPMENT_EV_OUT_FOR_DELIVERY,
        SHIPMENT_EV_DELIVERY_FAILED, SHIPMENT_EV_OUT_FOR_DELIVERY, SHIPMENT_EV_INFO,
        SHIPMENT_EV_DELIVERED,       SHIPMENT_EV_DELIVERED, /* a duplicate */
    };
    enum { N = sizeof seq / sizeof *seq };
    uint32_t seed = 88172645u;
    for (int round = 0; round < 5000; round++) {
        int order[N];
        for (int i = 0; i < N; i++) {
            order[i] = i;
        }
        for (int i = N - 1; i > 0; i--) { /* Fisher-Yates with xorshift */
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            int j = (int)(seed % (uint32_t)(i + 1)), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        shipment_state s = RQ;
        int64_t last = 0;
        int shipped = 0, delivered = 0;
        for (int i = 0; i < N; i++) {
            int e = order[i];
            int64_t at = T0 + (e == N - 1 ? N - 2 : e) * HOUR; /* the duplicate: same time */
            shipment_step st = apply(s, last, seq[e], at);
            assert_true(st.last_event_at >= last);
            shipped += st.effect == SHIPMENT_EFFECT_SHIP;
            delivered += st.effect == SHIPMENT_EFFECT_DELIVER;
            assert_false(st.effect == SHIPMENT_EFFECT_SHIP && delivered);
            assert_true(st.effect != SHIPMENT_EFFECT_RELEASE &&
                        st.effect != SHIPMENT_EFFECT_RETURNED);
            s = st.next;
            last = st.last_event_at;
        }
        assert_int_equal(s, DL);
        assert_int_equal(delivered, 1);
        assert_true(shipped <= 1);
        assert_int_equal(last, T0 + (N - 2) * HOUR);
    }
}

static void info_and_pickup_failed(void **state)
{
    (void)state;
    shipment_step st = apply(IT, T0, SHIPMENT_EV_INFO, T0 + HOUR);
    assert_false(st.moved);
    assert_int_equal(st.last_event_at, T0); /* the timeline only */
    st = apply(PP, T0, SHIPMENT_EV_PICKUP_FAILED, T0 + HOUR);
    assert_false(st.moved);
    assert_int_equal(st.next, PP);
}

static void bad_input(void **state)
{
    (void)state;
    shipment_event ev = {.kind = SHIPMENT_EVENT_COUNT, .at = T0, .text = "", .reason = ""};
    shipment_step st;
    assert_int_equal(shipment_apply(PP, 0, &ev, &st), BZ_EVALIDATION);
    assert_int_equal(st.next, PP);
    assert_false(st.moved);
    ev.kind = SHIPMENT_EV_NONE;
    assert_int_equal(shipment_apply(PP, 0, &ev, &st), BZ_EVALIDATION);
    ev = (shipment_event){.kind = SHIPMENT_EV_DELIVERED, .at = -1, .text = "", .reason = ""};
    assert_int_equal(shipment_apply(PP, 0, &ev, &st), BZ_EVALIDATION);
    ev.at = T0;
    assert_int_equal(shipment_apply(SHIPMENT_STATE_NONE, 0, &ev, &st), BZ_EINTERNAL);
    assert_int_equal(shipment_apply(SHIPMENT_STATE_COUNT, 0, &ev, &st), BZ_EINTERNAL);
}

static void cancel_refuse_booked(void **state)
{
    (void)state;
    for (int s = 1; s < SHIPMENT_STATE_COUNT; s++) {
        shipment_step st;
        int rc = shipment_cancel((shipment_state)s, &st);
        if (s == RQ || s == PP) {
            assert_int_equal(rc, BZ_OK);
            assert_int_equal(st.next, CA);
            assert_int_equal(st.effect, SHIPMENT_EFFECT_RELEASE);
        } else {
            assert_int_equal(rc, BZ_ESHIPMENTSTATE);
            assert_int_equal(st.code, BZ_ESHIPMENTSTATE);
            assert_int_equal(st.next, s);
            assert_false(st.moved);
            assert_true(strlen(st.reason) > 10);
        }
        rc = shipment_refuse((shipment_state)s, &st);
        assert_int_equal(rc, s == RQ ? BZ_OK : BZ_ESHIPMENTSTATE);
        assert_int_equal(st.next, s == RQ ? RF : s);
        assert_int_equal(st.effect, s == RQ ? SHIPMENT_EFFECT_RELEASE : SHIPMENT_EFFECT_NONE);
        rc = shipment_booked((shipment_state)s, &st);
        assert_int_equal(rc, shipment_state_active((shipment_state)s) ? BZ_OK : BZ_ESHIPMENTSTATE);
        assert_int_equal(st.next, s == RQ ? PP : s);
        assert_int_equal(st.moved, s == RQ);
        assert_int_equal(st.effect, SHIPMENT_EFFECT_NONE);
    }
    shipment_step st;
    assert_int_equal(shipment_cancel(SHIPMENT_STATE_NONE, &st), BZ_EINTERNAL);
    assert_string_equal(bz_err_code(BZ_ESHIPMENTSTATE), "shipment_state");
    assert_int_equal(bz_err_http_status(BZ_ESHIPMENTSTATE), 409);
    assert_string_equal(bz_err_code(BZ_ENOTSHIPPABLE), "not_shippable");
    assert_int_equal(bz_err_http_status(BZ_ENOTSHIPPABLE), 409);
    assert_string_equal(bz_err_code(BZ_EPICKUPSLOT), "pickup_slot");
    assert_int_equal(bz_err_http_status(BZ_EPICKUPSLOT), 422);
}

static void names_round_trip(void **state)
{
    (void)state;
    for (int s = 1; s < SHIPMENT_STATE_COUNT; s++) {
        const char *n = shipment_state_name((shipment_state)s);
        assert_true(strlen(n) > 0);
        assert_int_equal(shipment_state_parse(n), s);
    }
    for (int k = 1; k < SHIPMENT_EVENT_COUNT; k++) {
        const char *n = shipment_event_name((shipment_event_kind)k);
        assert_true(strlen(n) > 0);
        assert_int_equal(shipment_event_parse(n), k);
    }
    assert_string_equal(shipment_state_name(SHIPMENT_STATE_NONE), "");
    assert_string_equal(shipment_state_name(SHIPMENT_STATE_COUNT), "");
    assert_string_equal(shipment_state_name(DX), "delivery_exception");
    assert_string_equal(shipment_event_name(SHIPMENT_EV_RTS_STARTED), "rts_started");
    assert_string_equal(shipment_event_name(SHIPMENT_EVENT_COUNT), "");
    assert_int_equal(shipment_state_parse("Delivered"), SHIPMENT_STATE_NONE);
    assert_int_equal(shipment_state_parse(NULL), SHIPMENT_STATE_NONE);
    assert_int_equal(shipment_event_parse(""), SHIPMENT_EV_NONE);
    assert_false(shipment_state_active(RF) || shipment_state_active(CA) ||
                 shipment_state_active(RD) || shipment_state_active(SHIPMENT_STATE_NONE));
    assert_true(shipment_state_active(RQ) && shipment_state_active(DL) &&
                shipment_state_active(LO) && shipment_state_active(RG));
    assert_int_equal(shipment_effect_order_event(SHIPMENT_EFFECT_SHIP), ORDER_EV_PICKED_UP);
    assert_int_equal(shipment_effect_order_event(SHIPMENT_EFFECT_DELIVER), ORDER_EV_DELIVERED);
    assert_int_equal(shipment_effect_order_event(SHIPMENT_EFFECT_RETURNED), ORDER_EV_RETURNED);
    assert_int_equal(shipment_effect_order_event(SHIPMENT_EFFECT_RELEASE), ORDER_EV_NONE);
    assert_int_equal(shipment_effect_order_event(SHIPMENT_EFFECT_NONE), ORDER_EV_NONE);
}

/* ---- pickup ----------------------------------------------------------------------------- */

/* 2027-01-13 is a Wednesday; KL midnight of it is 2027-01-12T16:00Z. */
#define KL_MIDNIGHT_WED 1799769600000LL

static int pickup(const char *date, const char *start, const char *end, int64_t now,
                  const char **field)
{
    shipment_pickup p = {.pickup = true, .date = date, .start = start, .end = end};
    shipment_slot slot = SHIPMENT_SLOT_COUNT;
    field_error err = {0};
    int rc = shipment_pickup_check(&p, now, &slot, &err);
    if (rc == BZ_OK) {
        assert_string_equal(shipment_slot_start(slot), start);
        assert_string_equal(shipment_slot_end(slot), end);
    } else {
        assert_int_equal(slot, SHIPMENT_SLOT_NONE);
        assert_true(strlen(err.reason) > 10);
    }
    *field = rc == BZ_OK ? "" : err.field;
    return rc;
}

static void pickup_rule(void **state)
{
    (void)state;
    const char *f;
    const int64_t wed = KL_MIDNIGHT_WED;
    assert_int_equal(pickup("2027-01-13", "09:00", "12:00", wed, &f), BZ_OK);
    /* just before KL midnight it is still Tuesday in KL (although Wednesday is 16:00Z there) */
    assert_int_equal(pickup("2027-01-12", "18:00", "22:00", wed - 1, &f), BZ_EPICKUPSLOT);
    assert_string_equal(f, "timeslot"); /* Tuesday 23:59: that slot started */
    assert_int_equal(pickup("2027-01-13", "09:00", "12:00", wed - 1, &f), BZ_OK);
    /* at KL midnight, Tuesday is past */
    assert_int_equal(pickup("2027-01-12", "18:00", "22:00", wed, &f), BZ_EPICKUPSLOT);
    assert_string_equal(f, "pickup_date");
    /* today: a slot still ahead is fine until its start minute */
    assert_int_equal(pickup("2027-01-13", "12:00", "15:00", wed + 12 * HOUR - 1, &f), BZ_OK);
    assert_int_equal(pickup("2027-01-13", "12:00", "15:00", wed + 12 * HOUR, &f), BZ_EPICKUPSLOT);
    assert_string_equal(f, "timeslot");
    assert_int_equal(pickup("2027-01-13", "09:00", "22:00", wed + 9 * HOUR, &f), BZ_EPICKUPSLOT);
    assert_int_equal(pickup("2027-01-13", "18:00", "22:00", wed + 9 * HOUR, &f), BZ_OK);
    /* the last allowed day: today + 7 (Wednesday the 20th); the 21st is too far */
    assert_int_equal(pickup("2027-01-20", "09:00", "18:00", wed, &f), BZ_OK);
    assert_int_equal(pickup("2027-01-20", "09:00", "18:00", wed + DAY - 1, &f), BZ_OK);
    assert_int_equal(pickup("2027-01-21", "09:00", "18:00", wed + DAY - 1, &f), BZ_EPICKUPSLOT);
    assert_string_equal(f, "pickup_date");
    assert_int_equal(pickup("2027-01-21", "09:00", "18:00", wed + DAY, &f), BZ_OK);
    /* Sundays: the 17th, and one across a month end (2027-01-31) */
    assert_int_equal(pickup("2027-01-17", "09:00", "12:00", wed, &f), BZ_EPICKUPSLOT);
    assert_string_equal(f, "pickup_date");
    assert_int_equal(pickup("2027-01-16", "09:00", "12:00", wed, &f), BZ_OK); /* Saturday */
    assert_int_equal(pickup("2027-01-18", "09:00", "12:00", wed, &f), BZ_OK); /* Monday */
    assert_int_equal(pickup("2027-01-31", "09:00", "12:00", wed + 12 * DAY, &f), BZ_EPICKUPSLOT);
    assert_int_equal(pickup("2027-02-01", "09:00", "12:00", wed + 12 * DAY, &f), BZ_OK);
}

static void pickup_bad_fields(void **state)
{
    (void)state;
    const char *f;
    const int64_t wed = KL_MIDNIGHT_WED;
    const char *bad_dates[] = {"2027-1-13",     "2027/01/13", "2027-02-30",
                               "2027-13-01",    "2027-00-10", "27-01-13",
                               "2027-01-13T09", "",           "2027-01-1a"};
    for (size_t i = 0; i < sizeof bad_dates / sizeof *bad_dates; i++) {
        assert_int_equal(pickup(bad_dates[i], "09:00", "12:00", wed, &f), BZ_EPICKUPSLOT);
        assert_string_equal(f, "pickup_date");
    }
    assert_int_equal(pickup(NULL, "09:00", "12:00", wed, &f), BZ_EPICKUPSLOT);
    const char *bad_slots[][2] = {
        {"09:00", "15:00"}, {"9:00", "12:00"}, {"12:00", "09:00"}, {"", ""}, {"18:00", "23:00"}};
    for (size_t i = 0; i < sizeof bad_slots / sizeof *bad_slots; i++) {
        assert_int_equal(pickup("2027-01-14", bad_slots[i][0], bad_slots[i][1], wed, &f),
                         BZ_EPICKUPSLOT);
        assert_string_equal(f, "timeslot");
    }
    assert_int_equal(pickup("2027-01-14", NULL, "12:00", wed, &f), BZ_EPICKUPSLOT);
    /* a leap day */
    assert_int_equal(pickup("2028-02-29", "09:00", "12:00", 1835280000000LL, &f), BZ_OK);
    /* drop-off: nothing else is read */
    shipment_pickup p = {.pickup = false};
    shipment_slot slot = SHIPMENT_SLOT_09_12;
    assert_int_equal(shipment_pickup_check(&p, wed, &slot, NULL), BZ_OK);
    assert_int_equal(slot, SHIPMENT_SLOT_NONE);
    assert_string_equal(shipment_slot_start(SHIPMENT_SLOT_NONE), "");
    assert_string_equal(shipment_slot_end(SHIPMENT_SLOT_COUNT), "");
}

/* ---- orders of one parcel ----------------------------------------------------------------- */

static order_record order_of(int64_t buyer, int64_t seller, const char *status)
{
    return (order_record){.id = 1, .buyer_id = buyer, .seller_id = seller, .status = status};
}

static int check(const order_record *o, const bool *busy, size_t n, size_t *bad, const char **why)
{
    field_error err = {0};
    int rc = shipment_orders_check(o, busy, n, 7, bad, &err);
    *why = err.reason ? err.reason : "";
    if (rc != BZ_OK) {
        assert_string_equal(err.field, "order_ids");
    }
    return rc;
}

static void orders_together(void **state)
{
    (void)state;
    order_record o[3] = {order_of(2, 7, "paid"), order_of(2, 7, "paid"), order_of(2, 7, "paid")};
    bool busy[3] = {false, false, false};
    size_t bad = 99;
    const char *why;
    assert_int_equal(check(o, busy, 3, &bad, &why), BZ_OK);
    assert_int_equal(bad, 99);
    /* a returned order goes again */
    o[1].status = "shipped";
    o[1].returned_at = T0;
    assert_int_equal(check(o, busy, 3, &bad, &why), BZ_OK);

    struct {
        int64_t buyer, seller;
        const char *status;
        int64_t returned_at;
        bool busy;
        const char *why;
    } refusals[] = {
        {3, 7, "paid", 0, false, "different buyers"},
        {2, 8, "paid", 0, false, "not yours"},
        {2, 7, "paid", 0, true, "in a shipment already"},
        {2, 7, "awaiting_payment", 0, false, "not paid"},
        {2, 7, "shipped", 0, false, "cannot be shipped"},
        {2, 7, "delivered", 0, false, "cannot be shipped"},
        {2, 7, "refunded", 0, false, "cannot be shipped"},
        {2, 7, "cancelled", 0, false, "cannot be shipped"},
        {2, 7, "disputed", 0, false, "cannot be shipped"},
        {2, 7, "completed", 0, false, "cannot be shipped"},
    };
    for (size_t i = 0; i < sizeof refusals / sizeof *refusals; i++) {
        order_record bad_o[3] = {
            order_of(2, 7, "paid"), order_of(2, 7, "paid"),
            order_of(refusals[i].buyer, refusals[i].seller, refusals[i].status)};
        bad_o[2].returned_at = refusals[i].returned_at;
        bool b[3] = {false, false, refusals[i].busy};
        assert_int_equal(check(bad_o, b, 3, &bad, &why), BZ_ENOTSHIPPABLE);
        assert_int_equal(bad, 2);
        if (!strstr(why, refusals[i].why)) {
            fail_msg("refusal %zu: %s", i, why);
        }
    }
    assert_int_equal(check(o, busy, 0, NULL, &why), BZ_EVALIDATION);
    order_record many[SHIPMENT_ORDERS_MAX + 1];
    bool many_busy[SHIPMENT_ORDERS_MAX + 1] = {false};
    for (size_t i = 0; i <= SHIPMENT_ORDERS_MAX; i++) {
        many[i] = order_of(2, 7, "paid");
    }
    assert_int_equal(check(many, many_busy, SHIPMENT_ORDERS_MAX, NULL, &why), BZ_OK);
    assert_int_equal(check(many, many_busy, SHIPMENT_ORDERS_MAX + 1, NULL, &why), BZ_EVALIDATION);
}

UNIT_MAIN(cmocka_unit_test(every_state_and_event), cmocka_unit_test(stale_events_never_move),
          cmocka_unit_test(late_in_transit_after_delivered),
          cmocka_unit_test(out_of_order_delivered_first),
          cmocka_unit_test(exception_reattempt_delivered), cmocka_unit_test(rts_then_returned),
          cmocka_unit_test(any_order_ends_delivered), cmocka_unit_test(info_and_pickup_failed),
          cmocka_unit_test(bad_input), cmocka_unit_test(cancel_refuse_booked),
          cmocka_unit_test(names_round_trip), cmocka_unit_test(pickup_rule),
          cmocka_unit_test(pickup_bad_fields), cmocka_unit_test(orders_together))
