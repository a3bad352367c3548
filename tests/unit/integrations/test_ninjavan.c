/*
 * The NinjaVan adapter's local parts. Webhook signatures: the reference
 * sheet's vector (secret nv_client_secret) signs and verifies; one changed,
 * added or missing byte of the body, a wrong secret, a missing, empty or cut
 * header are refused. Status words of the v2 and v1 lists map to their kinds
 * whatever their case and spacing, unknown ones to INFO; webhook bodies read
 * (status or event, timestamps with every offset spelling, exception reasons,
 * the return leg) and malformed ones leave nothing. The create body: amounts in
 * RM decimals exactly, kg and cm, a drop-off without pickup fields, what is
 * refused before any call. The readers of NinjaVan's answers: the token (with
 * the earlier of its two expiries), errors, created orders, "exists already"
 * and "cancelled already". The network half runs against the local fake
 * (tests/integration/ninjavan.test.mjs).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "integrations/ninjavan/nv_event.h"
#include "integrations/ninjavan/nv_order.h"
#include "integrations/ninjavan/nv_read.h"
#include "integrations/ninjavan/nv_shipper.h"
#include "integrations/ninjavan/nv_webhook.h"

static const char vector_secret[] = "nv_client_secret";
static const char vector_body[] =
    "{\"tracking_id\":\"NVMYTEST000001\",\"status\":\"Pending Pickup\"}";
static const char vector_sig[] = "3Ck/T0gUSBLgcu/03Di91YuZ7PPEpChaJsEhgUVKHK4=";

static void reference_vector(void **state)
{
    (void)state;
    char sig[NV_SIG_B64_LEN + 1];
    assert_int_equal(nv_webhook_sign(vector_secret, vector_body, strlen(vector_body), sig), BZ_OK);
    assert_string_equal(sig, vector_sig);
    assert_int_equal(nv_webhook_verify(vector_sig, vector_body, strlen(vector_body), vector_secret),
                     BZ_OK);
    assert_int_equal(nv_webhook_verify(" 3Ck/T0gUSBLgcu/03Di91YuZ7PPEpChaJsEhgUVKHK4= ",
                                       vector_body, strlen(vector_body), vector_secret),
                     BZ_OK);
}

static void changed_bodies_and_headers_refused(void **state)
{
    (void)state;
    size_t len = strlen(vector_body);
    char body[128];
    for (size_t k = 0; k < len; k++) {
        memcpy(body, vector_body, len);
        body[k] ^= 1;
        assert_int_equal(nv_webhook_verify(vector_sig, body, len, vector_secret), BZ_ESHIPSIG);
    }
    memcpy(body, vector_body, len);
    body[len] = ' ';
    assert_int_equal(nv_webhook_verify(vector_sig, body, len + 1, vector_secret), BZ_ESHIPSIG);
    assert_int_equal(nv_webhook_verify(vector_sig, body, len - 1, vector_secret), BZ_ESHIPSIG);
    assert_int_equal(nv_webhook_verify(vector_sig, vector_body, len, "nv_client_secreT"),
                     BZ_ESHIPSIG);
    assert_int_equal(nv_webhook_verify(NULL, vector_body, len, vector_secret), BZ_ESHIPSIG);
    assert_int_equal(nv_webhook_verify("", vector_body, len, vector_secret), BZ_ESHIPSIG);
    char cut[NV_SIG_B64_LEN];
    memcpy(cut, vector_sig, NV_SIG_B64_LEN - 1); /* the padding missing */
    cut[NV_SIG_B64_LEN - 1] = '\0';
    assert_int_equal(nv_webhook_verify(cut, vector_body, len, vector_secret), BZ_ESHIPSIG);
    char hex[65] = "de2c..."; /* another encoding of a MAC is not this one */
    assert_int_equal(nv_webhook_verify(hex, vector_body, len, vector_secret), BZ_ESHIPSIG);
    /* the port: the webhook secret defaults to the client secret; too large is refused first */
    nv_shipper_config cfg = {.api = {.client_id = "id", .client_secret = vector_secret}};
    shipper *s;
    assert_int_equal(nv_shipper_new(&cfg, &s), BZ_OK);
    shipper_event ev;
    assert_int_equal(s->ops->event_read(s, vector_sig, vector_body, len, &ev), BZ_EBADREQUEST);
    assert_int_equal(s->ops->event_read(s, vector_sig, body, len - 1, &ev), BZ_ESHIPSIG);
    assert_int_equal(s->ops->event_read(s, vector_sig, vector_body, SHIPPER_EVENT_MAX + 1, &ev),
                     BZ_ETOOLARGE);
    s->ops->close(s);
}

static shipper_event_kind kind(const char *s)
{
    return nv_status_kind(s, strlen(s));
}

static void status_words_map_to_kinds(void **state)
{
    (void)state;
    static const struct {
        const char *words;
        shipper_event_kind kind;
    } cases[] = {
        {"Pending Pickup", SHIPPER_EV_PENDING_PICKUP},
        {"Pending Pickup, Shipper Dropoff", SHIPPER_EV_PENDING_PICKUP},
        {"Driver dispatched for Pickup", SHIPPER_EV_PENDING_PICKUP},
        {"Picked Up, In Transit To Origin Hub", SHIPPER_EV_PICKED_UP},
        {"Pickup Exception, Pending Reschedule", SHIPPER_EV_PICKUP_FAILED},
        {"Pickup Exception, Max Attempts Reached", SHIPPER_EV_PICKUP_FAILED},
        {"Arrived at Origin Hub", SHIPPER_EV_IN_TRANSIT},
        {"In Transit to Next Sorting Hub", SHIPPER_EV_IN_TRANSIT},
        {"Arrived at Destination Hub", SHIPPER_EV_IN_TRANSIT},
        {"On Vehicle for Delivery", SHIPPER_EV_OUT_FOR_DELIVERY},
        {"At PUDO, Pending Customer Collection", SHIPPER_EV_OUT_FOR_DELIVERY},
        {"Delivered, Received by Customer", SHIPPER_EV_DELIVERED},
        {"Delivered, Left at Doorstep", SHIPPER_EV_DELIVERED},
        {"Delivered, Collected by Customer", SHIPPER_EV_DELIVERED},
        {"Delivery Exception, Pending Reschedule", SHIPPER_EV_DELIVERY_FAILED},
        {"Delivery Exception, Reattempt Scheduled", SHIPPER_EV_DELIVERY_FAILED},
        {"Delivery Exception, Parcel Overstayed at PUDO", SHIPPER_EV_DELIVERY_FAILED},
        {"Delivery Exception, Return to Sender Initiated", SHIPPER_EV_RTS_STARTED},
        {"Delivery Exception, Parcel Lost", SHIPPER_EV_LOST},
        {"Delivery Exception, Parcel Damaged", SHIPPER_EV_LOST},
        {"Returned to Sender", SHIPPER_EV_RETURNED},
        {"Cancelled", SHIPPER_EV_CANCELLED},
        {"Parcel Measurements Update", SHIPPER_EV_INFO},
        {"International Transit, Customs Cleared", SHIPPER_EV_IN_TRANSIT},
        /* legacy v1 */
        {"Successful Pickup", SHIPPER_EV_PICKED_UP},
        {"Arrived at Sorting Hub", SHIPPER_EV_IN_TRANSIT},
        {"Completed", SHIPPER_EV_DELIVERED},
        {"Successful Delivery", SHIPPER_EV_DELIVERED},
        {"First Attempt Delivery Fail", SHIPPER_EV_DELIVERY_FAILED},
        /* case and spacing */
        {"  delivered ,received BY customer ", SHIPPER_EV_DELIVERED},
        {"PICKED UP,   IN TRANSIT TO ORIGIN HUB", SHIPPER_EV_PICKED_UP},
        /* unknown */
        {"Something New", SHIPPER_EV_INFO},
        {"", SHIPPER_EV_INFO},
        {"Delivered", SHIPPER_EV_INFO},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (kind(cases[i].words) != cases[i].kind) {
            fail_msg("%s: %s, not %s", cases[i].words,
                     shipper_event_kind_name(kind(cases[i].words)),
                     shipper_event_kind_name(cases[i].kind));
        }
    }
}

static int parse(const char *body, shipper_event *ev)
{
    return nv_event_parse(body, strlen(body), ev);
}

static void webhook_bodies_read(void **state)
{
    (void)state;
    shipper_event ev;
    assert_int_equal(
        parse("{\"tracking_id\":\"NVMYBZS000042\",\"shipper_order_ref_no\":\"S42\",\"status\":"
              "\"Delivery Exception, Pending "
              "Reschedule\",\"timestamp\":\"2026-12-01T10:15:30+08:00\","
              "\"delivery_exception\":{\"failure_reason\":\"Nobody at \\u0001home\"}}",
              &ev),
        BZ_OK);
    assert_int_equal(ev.kind, SHIPPER_EV_DELIVERY_FAILED);
    assert_string_equal(ev.tracking, "NVMYBZS000042");
    assert_string_equal(ev.reference, "S42");
    assert_string_equal(ev.text, "Delivery Exception, Pending Reschedule");
    assert_string_equal(ev.reason, "Nobody at  home"); /* control characters become spaces */
    assert_int_equal(ev.at, 1796091330000LL);          /* 02:15:30 UTC */
    assert_false(ev.rts_leg);
    /* `event` instead of `status`; "+0800", fractions, Z, a space for the T */
    const char *times[][2] = {{"2026-12-01T10:15:30+0800", "1796091330000"},
                              {"2026-12-01 10:15:30.250+08:00", "1796091330250"},
                              {"2026-12-01T02:15:30Z", "1796091330000"},
                              {"2026-12-01T02:15:30.5-00:00", "1796091330500"}};
    for (size_t i = 0; i < 4; i++) {
        char body[256];
        snprintf(body, sizeof(body),
                 "{\"tracking_id\":\"NV1\",\"event\":\"Successful Delivery\",\"timestamp\":\"%s\"}",
                 times[i][0]);
        assert_int_equal(parse(body, &ev), BZ_OK);
        assert_int_equal(ev.kind, SHIPPER_EV_DELIVERED);
        char at[24];
        snprintf(at, sizeof(at), "%lld", (long long)ev.at);
        assert_string_equal(at, times[i][1]);
    }
    /* pickup failure's reason; the return leg */
    assert_int_equal(parse("{\"tracking_id\":\"NV1\",\"status\":\"Pickup Exception, Pending "
                           "Reschedule\",\"timestamp\":\"2026-12-01T10:15:30+08:00\","
                           "\"pickup_exception\":{\"failure_reason\":\"Shop closed\"}}",
                           &ev),
                     BZ_OK);
    assert_int_equal(ev.kind, SHIPPER_EV_PICKUP_FAILED);
    assert_string_equal(ev.reason, "Shop closed");
    const char *rts[][2] = {{"On Vehicle for Delivery", "rts_started"},
                            {"Delivered, Received by Customer", "returned"},
                            {"Returned to Sender", "returned"},
                            {"Parcel Measurements Update", "info"}};
    for (size_t i = 0; i < 4; i++) {
        char body[256];
        snprintf(
            body, sizeof(body),
            "{\"tracking_id\":\"NV1\",\"status\":\"%s\",\"timestamp\":\"2026-12-01T10:15:30Z\","
            "\"is_parcel_on_rts_leg\":true}",
            rts[i][0]);
        assert_int_equal(parse(body, &ev), BZ_OK);
        assert_true(ev.rts_leg);
        assert_string_equal(shipper_event_kind_name(ev.kind), rts[i][1]);
    }
}

static void malformed_bodies_leave_nothing(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "[]",
        "{\"status\":\"Pending Pickup\",\"timestamp\":\"2026-12-01T10:15:30Z\"}",
        "{\"tracking_id\":\"NV1\",\"timestamp\":\"2026-12-01T10:15:30Z\"}",
        "{\"tracking_id\":\"NV1\",\"status\":\"Cancelled\"}",
        "{\"tracking_id\":\"NV1\",\"status\":\"Cancelled\",\"timestamp\":\"2026-12-01\"}",
        "{\"tracking_id\":\"NV1\",\"status\":\"Cancelled\",\"timestamp\":\"2026-13-01T10:15:30Z\"}",
        "{\"tracking_id\":\"NV "
        "1\",\"status\":\"Cancelled\",\"timestamp\":\"2026-12-01T10:15:30Z\"}",
        "{\"tracking_id\":7,\"status\":\"Cancelled\",\"timestamp\":\"2026-12-01T10:15:30Z\"}",
        "{\"tracking_id\":\"NV1\",\"status\":\"Cancelled\",\"timestamp\":\"2026-12-01T10:15:30Z\","
        "\"is_parcel_on_rts_leg\":\"yes\"}",
        "{\"tracking_id\":\"NV1\",\"tracking_id\":\"NV2\",\"status\":\"Cancelled\","
        "\"timestamp\":\"2026-12-01T10:15:30Z\"}",
        "{\"tracking_id\":\"NV\\u00001\",\"status\":\"Cancelled\",\"timestamp\":\"2026-12-01T10:15:"
        "30Z\"}",
        "{\"tracking_id\":\"NVMY0123456789012345678901234567890123456789012345\",\"status\":"
        "\"Cancelled\",\"timestamp\":\"2026-12-01T10:15:30Z\"}",
    };
    static const shipper_event zero;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        shipper_event ev;
        memset(&ev, 0x5a, sizeof(ev));
        if (parse(bad[i], &ev) != BZ_EBADREQUEST) {
            fail_msg("accepted: %s", bad[i]);
        }
        assert_memory_equal(&ev, &zero, sizeof(ev));
    }
}

static const shipper_item items[] = {{"Kuih lapis", 2}, {"Batik scarf", 1}};

static shipper_request request(void)
{
    shipper_request r = {
        .reference = "S42",
        .tracking = "BZS000042",
        .from = {.name = "Kedai Siti",
                 .phone = "+60123456789",
                 .email = "",
                 .address = {"12 Jalan Ampang", "", "Kuala Lumpur", "W.P. Kuala Lumpur", "50450"}},
        .to = {.name = "Ahmad Bin Ali",
               .phone = "",
               .email = "ahmad@example.my",
               .address = {"3 Lorong Bunga", "Taman Melati", "Georgetown", "Pulau Pinang",
                           "10200"}},
        .pickup = true,
        .date = "2026-12-02",
        .slot_start = "09:00",
        .slot_end = "12:00",
        .parcel = {.weight_g = 1500, .length_mm = 305, .width_mm = 200, .height_mm = 100},
        .items = items,
        .n_items = 2,
        .insured_sen = 1230,
    };
    return r;
}

static json_t *body_of(const shipper_request *r)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    assert_int_equal(nv_order_body(r, "Standard", "MY", &b), BZ_OK);
    json_t *j = json_loadb(b.data, b.len, 0, NULL);
    assert_non_null(j);
    assert_non_null(strstr(b.data, "\"insured_value\":12.3,") ? b.data : NULL);
    bz_buf_free(&b);
    return j;
}

static void create_body(void **state)
{
    (void)state;
    shipper_request r = request();
    json_t *j = body_of(&r);
    json_t *job = json_object_get(j, "parcel_job");
    json_t *dims = json_object_get(job, "dimensions");
    assert_string_equal(json_string_value(json_object_get(j, "service_level")), "Standard");
    assert_string_equal(json_string_value(json_object_get(j, "requested_tracking_number")),
                        "BZS000042");
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "reference"),
                                                          "merchant_order_number")),
                        "S42");
    assert_true(json_real_value(json_object_get(dims, "weight")) == 1.5);
    assert_true(json_real_value(json_object_get(dims, "length")) == 30.5);
    assert_true(json_real_value(json_object_get(job, "insured_value")) == 12.3);
    assert_true(json_is_true(json_object_get(job, "is_pickup_required")));
    json_t *slot = json_object_get(job, "pickup_timeslot");
    assert_string_equal(json_string_value(json_object_get(slot, "timezone")), "Asia/Kuala_Lumpur");
    assert_string_equal(json_string_value(json_object_get(slot, "end_time")), "12:00");
    json_t *from = json_object_get(j, "from"), *to = json_object_get(j, "to");
    assert_null(json_object_get(from, "email"));
    assert_null(json_object_get(to, "phone_number"));
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(to, "address"), "postcode")), "10200");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(to, "address"), "country")), "MY");
    assert_int_equal(json_array_size(json_object_get(job, "items")), 2);
    json_decref(j);
    /* a drop-off: no pickup fields; another level */
    r.pickup = false;
    r.date = "";
    r.slot_start = r.slot_end = NULL;
    r.level = SHIPPER_LEVEL_EXPRESS;
    j = body_of(&r);
    job = json_object_get(j, "parcel_job");
    assert_true(json_is_false(json_object_get(job, "is_pickup_required")));
    assert_null(json_object_get(job, "pickup_date"));
    assert_null(json_object_get(job, "pickup_timeslot"));
    assert_null(json_object_get(job, "delivery_start_date"));
    assert_string_equal(json_string_value(json_object_get(j, "service_level")), "Express");
    json_decref(j);
}

static void create_refused_before_any_call(void **state)
{
    (void)state;
    shipper_request r;
    bz_buf b;
    bz_buf_init(&b, 0);
#define REFUSED(change)                                                                            \
    do {                                                                                           \
        r = request();                                                                             \
        change;                                                                                    \
        assert_int_equal(nv_order_body(&r, "Standard", "MY", &b), BZ_EVALIDATION);                 \
        assert_int_equal(b.len, 0);                                                                \
    } while (0)
    REFUSED(r.reference = "");
    REFUSED(r.tracking = "BZ--1");
    REFUSED(r.tracking = "-BZ1");
    REFUSED(r.tracking = "BZ_1");
    REFUSED(r.tracking = "BZ0123456789012345678");
    REFUSED(r.from.name = "Al");
    REFUSED(r.to.phone = ""; r.to.email = "");
    REFUSED(r.to.address.postcode = "1020");
    REFUSED(r.from.address.city = "");
    REFUSED(r.parcel.weight_g = 0);
    REFUSED(r.parcel.height_mm = -1);
    REFUSED(r.date = "2/12/2026");
    REFUSED(r.slot_start = "9:00");
    REFUSED(r.insured_sen = -1);
    REFUSED(r.n_items = SHIPPER_ITEMS_MAX + 1);
    REFUSED(r.to.name = "Ahmad \xff");
#undef REFUSED
    bz_buf_free(&b);
}

static void answers_read(void **state)
{
    (void)state;
    char token[64];
    int64_t exp;
    const char *t = "{\"access_token\":\"tok123\",\"expires\":1800000000,\"expires_in\":43200}";
    assert_true(nv_read_token(t, strlen(t), 1000, token, sizeof(token), &exp));
    assert_string_equal(token, "tok123");
    assert_int_equal(exp, 1000 + 43200000LL); /* the earlier of the two */
    t = "{\"access_token\":\"tok123\",\"expires\":2000}";
    assert_true(nv_read_token(t, strlen(t), 1000, token, sizeof(token), &exp));
    assert_int_equal(exp, 2000000);
    t = "{\"access_token\":\"tok 123\",\"expires_in\":5}";
    assert_false(nv_read_token(t, strlen(t), 1000, token, sizeof(token), &exp));
    t = "{\"access_token\":\"tok123\"}";
    assert_false(nv_read_token(t, strlen(t), 1000, token, sizeof(token), &exp));

    shipper_note note;
    const char *e = "{\"error\":{\"title\":\"Invalid postcode\",\"message\":\"to.address.postcode "
                    "99999 is not served\",\"details\":{}}}";
    nv_read_error(e, strlen(e), &note);
    assert_string_equal(note.title, "Invalid postcode");
    assert_string_equal(note.message, "to.address.postcode 99999 is not served");

    char tracking[SHIPPER_TRACKING_MAX];
    const char *c = "{\"tracking_number\":\"NVMYBZS000042\",\"status\":\"Pending\"}";
    assert_true(nv_read_created(c, strlen(c), tracking));
    assert_string_equal(tracking, "NVMYBZS000042");
    c = "{\"tracking_number\":\"NV/../x\"}";
    assert_false(nv_read_created(c, strlen(c), tracking));

    e = "{\"error\":{\"title\":\"Duplicate\",\"message\":\"Order with tracking number "
        "NVMYBZS000042 already exists\"}}";
    assert_true(nv_read_exists(e, strlen(e), "BZS000042", tracking));
    assert_string_equal(tracking, "NVMYBZS000042");
    e = "{\"error\":{\"title\":\"Requested tracking number already exists\"}}";
    assert_true(nv_read_exists(e, strlen(e), "BZS000042", tracking));
    assert_string_equal(tracking, "BZS000042");
    e = "{\"error\":{\"title\":\"Duplicate\",\"message\":\"BZS000042 already exists\","
        "\"details\":{\"requested_tracking_number\":\"BZS000042\",\"tracking_id\":"
        "\"NVMYBZS000042\"}}}";
    assert_true(nv_read_exists(e, strlen(e), "BZS000042", tracking));
    assert_string_equal(tracking, "NVMYBZS000042");
    e = "{\"error\":{\"title\":\"Invalid postcode\",\"message\":\"NVMYBZS000042\"}}";
    assert_false(nv_read_exists(e, strlen(e), "BZS000042", tracking));

    e = "{\"error\":{\"title\":\"Cancel failed\",\"message\":\"Order NVMY1 is already "
        "cancelled\"}}";
    assert_true(nv_read_cancelled_already(e, strlen(e)));
    e = "{\"error\":{\"title\":\"Cancel failed\",\"message\":\"Order NVMY1 cannot be cancelled: "
        "it was already picked up\"}}";
    assert_false(nv_read_cancelled_already(e, strlen(e)));

    char cut[8];
    nv_copy_text(cut, 7, "abcde\xc3\xa9x", 8); /* é does not fit whole */
    assert_string_equal(cut, "abcde");
}

UNIT_MAIN(cmocka_unit_test(reference_vector), cmocka_unit_test(changed_bodies_and_headers_refused),
          cmocka_unit_test(status_words_map_to_kinds), cmocka_unit_test(webhook_bodies_read),
          cmocka_unit_test(malformed_bodies_leave_nothing), cmocka_unit_test(create_body),
          cmocka_unit_test(create_refused_before_any_call), cmocka_unit_test(answers_read))
