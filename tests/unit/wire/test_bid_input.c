/* One reader and one check of a bid for REST and the socket (wire_bid_read, app_bid_check). */
#include "wire/auctions.h"

#include "base/err.h"
#include "domain/money.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include "unit_main.h"

/* Read `text` as the socket does (key in the payload) and check it. */
static int bid(const char *text, app_bid_req *req, app_err *err)
{
    json_t *o = json_loads(text, 0, NULL);
    assert_non_null(o);
    app_bid_input in;
    memset(req, 0, sizeof(*req));
    memset(err, 0, sizeof(*err));
    int rc = wire_bid_read(o, "idempotency_key", &in, err);
    if (rc == BZ_OK) {
        rc = app_bid_check(&in, req, err);
    }
    json_decref(o);
    return rc;
}

static void refused(const char *text, const char *field, const char *message)
{
    app_bid_req req;
    app_err err;
    assert_int_equal(bid(text, &req, &err), BZ_EVALIDATION);
    assert_int_equal(err.code, BZ_EVALIDATION);
    assert_string_equal(err.field, field);
    assert_string_equal(err.message, message);
}

static void test_an_amount_or_a_maximum(void **state)
{
    (void)state;
    app_bid_req req;
    app_err err;
    assert_int_equal(bid("{\"amount\":1200}", &req, &err), BZ_OK);
    assert_false(req.is_max);
    assert_int_equal(req.amount, 1200);
    assert_string_equal(req.key, "");
    assert_int_equal(bid("{\"max_amount\":5000,\"amount\":null}", &req, &err), BZ_OK);
    assert_true(req.is_max);
    assert_int_equal(req.amount, 5000);
    refused("{}", "amount", "send either amount or max_amount");
    refused("{\"amount\":1,\"max_amount\":2}", "amount", "send either amount or max_amount");
    refused("{\"amount\":\"1200\"}", "amount", "must be an integer");
    refused("{\"amount\":12.5}", "amount", "must be an integer");
    refused("{\"max_amount\":true}", "max_amount", "must be an integer");
}

static void test_the_price_cap_on_either_transport(void **state)
{
    (void)state;
    app_bid_req req;
    app_err err;
    assert_int_equal(bid("{\"amount\":100000000}", &req, &err), BZ_OK);
    assert_int_equal(req.amount, MONEY_PRICE_CAP_SEN);
    refused("{\"amount\":100000001}", "amount", "must be between 1 and 100000000");
    refused("{\"max_amount\":100000001}", "max_amount", "must be between 1 and 100000000");
    refused("{\"amount\":0}", "amount", "must be between 1 and 100000000");
    refused("{\"amount\":-5}", "amount", "must be between 1 and 100000000");
}

static void test_the_idempotency_key(void **state)
{
    (void)state;
    app_bid_req req;
    app_err err;
    assert_int_equal(bid("{\"amount\":1200,\"idempotency_key\":\"k-1\"}", &req, &err), BZ_OK);
    assert_string_equal(req.key, "k-1");
    char text[300];
    snprintf(text, sizeof(text), "{\"amount\":1200,\"idempotency_key\":\"%0128d\"}", 0);
    assert_int_equal(bid(text, &req, &err), BZ_OK);
    assert_int_equal(strlen(req.key), APP_BID_KEY_MAX);
    snprintf(text, sizeof(text), "{\"amount\":1200,\"idempotency_key\":\"%0129d\"}", 0);
    refused(text, "idempotency_key", "1 to 128 printable ASCII characters");
    refused("{\"amount\":1200,\"idempotency_key\":\"\"}", "idempotency_key",
            "1 to 128 printable ASCII characters");
    refused("{\"amount\":1200,\"idempotency_key\":\"a b\"}", "idempotency_key",
            "1 to 128 printable ASCII characters");
    refused("{\"amount\":1200,\"idempotency_key\":7}", "idempotency_key", "must be a string");
}

static void test_rest_names_the_key_by_its_header(void **state)
{
    (void)state;
    json_t *o = json_pack("{s:i, s:s}", "amount", 1200, "idempotency_key", "ignored");
    app_bid_input in;
    app_bid_req req;
    app_err err = {0};
    assert_int_equal(wire_bid_read(o, NULL, &in, &err), BZ_OK);
    assert_null(in.key); /* REST reads no key from the body */
    in.key = "\x01";
    in.key_field = "Idempotency-Key";
    assert_int_equal(app_bid_check(&in, &req, &err), BZ_EVALIDATION);
    assert_string_equal(err.field, "Idempotency-Key");
    json_decref(o);
}

UNIT_MAIN(cmocka_unit_test(test_an_amount_or_a_maximum),
          cmocka_unit_test(test_the_price_cap_on_either_transport),
          cmocka_unit_test(test_the_idempotency_key),
          cmocka_unit_test(test_rest_names_the_key_by_its_header))
