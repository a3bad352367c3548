/* bench/load/bidans.c - see bidans.h. */
#include "bidans.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static void set_code(bid_answer *out, const char *code)
{
    snprintf(out->code, sizeof out->code, "%s", code);
}

static void read_min_next(json_t *obj, bid_answer *out)
{
    json_t *v = json_object_get(obj, "min_next_bid");
    if (json_is_integer(v)) {
        out->has_min_next = true;
        out->min_next_bid = json_integer_value(v);
    }
}

/* Reads {error{...}} or {bid, auction}; accepted_status says what success looked like. */
static void from_object(json_t *root, bool success, bid_answer *out)
{
    json_t *error = json_object_get(root, "error");
    if (error) {
        json_t *code = json_object_get(error, "code");
        set_code(out, json_is_string(code) ? json_string_value(code) : "unknown");
        read_min_next(json_object_get(error, "details"), out);
        out->auction_over = strcmp(out->code, "auction_ended") == 0;
        return;
    }
    json_t *auction = json_object_get(root, "auction");
    if (!success || !json_is_object(auction)) {
        set_code(out, "malformed_answer");
        return;
    }
    out->accepted = true;
    read_min_next(auction, out);
    json_t *status = json_object_get(auction, "status");
    out->auction_over = json_is_string(status) && strcmp(json_string_value(status), "running");
}

void bid_answer_from_http(int status, const char *body, size_t len, bid_answer *out)
{
    memset(out, 0, sizeof *out);
    if (status < 0) {
        set_code(out, "transport");
        return;
    }
    json_t *root = json_loadb(body, len, 0, NULL);
    if (!json_is_object(root)) {
        snprintf(out->code, sizeof out->code, "http_%d", status);
    } else {
        from_object(root, status == 201, out);
    }
    json_decref(root);
}

void bid_answer_from_ack(const char *args, size_t len, bid_answer *out)
{
    memset(out, 0, sizeof *out);
    json_t *root = json_loadb(args, len, 0, NULL);
    json_t *first = json_array_get(root, 0);
    if (!json_is_object(first)) {
        set_code(out, "malformed_answer");
    } else {
        from_object(first, json_is_true(json_object_get(first, "ok")), out);
    }
    json_decref(root);
}

int64_t bid_increment_for(int64_t current_sen)
{
    static const int64_t bands[][2] = {
        {0, 100},         {3000, 200},       {5000, 500},        {10000, 1000},
        {25000, 2500},    {50000, 5000},     {500000, 10000},    {1000000, 25000},
        {2500000, 50000}, {5000000, 100000}, {10000000, 250000},
    };
    int64_t step = bands[0][1];
    for (size_t i = 0; i < sizeof bands / sizeof bands[0] && current_sen >= bands[i][0]; i++) {
        step = bands[i][1];
    }
    return step;
}
