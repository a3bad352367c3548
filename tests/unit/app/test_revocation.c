/* Unit tests for app/revocation: the in-memory set, the access-token check, the store poll,
 * the bus event, and the use cases that end sessions (logout, refresh-token reuse, password
 * change) - against the real SQLite and crypto adapters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "app/auth.h"
#include "app/revocation.h"
#include "base/err.h"
#include "fixture.h"
#include "wire/events.h"

#define PW "correct horse battery"

/* ---- the set ------------------------------------------------------------------------------ */

static void set_adds_expires_and_prunes(void **state)
{
    (void)state;
    app_revocations *r = app_revocations_new();
    assert_non_null(r);
    assert_false(app_revocations_has(r, 5, 100));
    assert_false(app_revocations_has(NULL, 5, 100));
    assert_int_equal(app_revocations_add(r, 5, 1000), BZ_OK);
    assert_true(app_revocations_has(r, 5, 999));
    assert_false(app_revocations_has(r, 5, 1000)); /* expired at its expiry */
    assert_false(app_revocations_has(r, 6, 0));
    /* adding again keeps the later expiry */
    assert_int_equal(app_revocations_add(r, 5, 500), BZ_OK);
    assert_true(app_revocations_has(r, 5, 999));
    assert_int_equal(app_revocations_add(r, 5, 2000), BZ_OK);
    assert_true(app_revocations_has(r, 5, 1999));
    /* ids <= 0 are never listed */
    assert_int_equal(app_revocations_add(r, 0, 5000), BZ_OK);
    assert_false(app_revocations_has(r, 0, 1));

    /* many entries: growth keeps every one; pruning keeps exactly the live ones */
    for (int64_t id = 100; id < 10100; id++) {
        assert_int_equal(app_revocations_add(r, id * 7919, id % 2 ? 3000 : 9000), BZ_OK);
    }
    for (int64_t id = 100; id < 10100; id++) {
        assert_true(app_revocations_has(r, id * 7919, 2999));
    }
    assert_int_equal(app_revocations_prune(r, 3000), 5000); /* the even ones, to 9000 */
    for (int64_t id = 100; id < 10100; id++) {
        assert_int_equal(app_revocations_has(r, id * 7919, 3000), id % 2 == 0);
    }
    assert_int_equal(app_revocations_prune(r, 9000), 0);
    assert_false(app_revocations_has(r, 100 * 7919, 0));
    assert_int_equal(app_revocations_add(r, 77, 10), BZ_OK); /* usable after emptying */
    assert_true(app_revocations_has(r, 77, 9));
    app_revocations_free(r);
}

struct reader {
    app_revocations *r;
    int found;
};

static void *read_loop(void *arg)
{
    struct reader *rd = arg;
    for (int i = 0; i < 20000; i++) {
        rd->found += app_revocations_has(rd->r, 1 + i % 500, 0);
    }
    return NULL;
}

/* Readers on several threads while a writer adds and prunes: no lost entry, no crash (and
 * no sanitizer report). */
static void set_is_shared_by_threads(void **state)
{
    (void)state;
    app_revocations *r = app_revocations_new();
    assert_int_equal(app_revocations_add(r, 1, 100), BZ_OK);
    pthread_t t[3];
    struct reader rd[3];
    for (int i = 0; i < 3; i++) {
        rd[i] = (struct reader){r, 0};
        assert_int_equal(pthread_create(&t[i], NULL, read_loop, &rd[i]), 0);
    }
    for (int64_t id = 2; id <= 500; id++) {
        assert_int_equal(app_revocations_add(r, id, 100), BZ_OK);
        app_revocations_prune(r, 0);
    }
    for (int i = 0; i < 3; i++) {
        pthread_join(t[i], NULL);
        assert_true(rd[i].found >= 20000 / 500); /* id 1 was there from the start */
    }
    for (int64_t id = 1; id <= 500; id++) {
        assert_true(app_revocations_has(r, id, 0));
    }
    app_revocations_free(r);
}

/* ---- events (a recording bus) --------------------------------------------------------------- */

typedef struct rec_bus {
    events base;
    int n;
    event ev[8];
    char json[8][160];
} rec_bus;

static int rec_publish(events *e, const event *ev)
{
    rec_bus *b = (rec_bus *)e;
    if (b->n < 8) {
        b->ev[b->n] = *ev;
        snprintf(b->json[b->n], sizeof(b->json[0]), "%.*s", (int)ev->json_len, ev->json);
        b->ev[b->n].json = b->json[b->n];
        b->n++;
    }
    return BZ_OK;
}

static int rec_status(events *e)
{
    (void)e;
    return BZ_OK;
}

static const struct events_ops rec_ops = {rec_publish, rec_status, "record"};

/* What cmd/realtime.c does with a bus event: the wire library reads it, the app lists it. */
static bool hear(app_revocations *r, const event *ev, int64_t *user, int64_t *session)
{
    app_event typed;
    return wire_revoked_read(ev, &typed) && app_revocations_on_event(r, &typed, user, session);
}

static void bus_event_round_trip(void **state)
{
    fixture *f = *state;
    rec_bus bus = {.base.ops = &rec_ops};
    f->env.events = &bus.base;
    int64_t ended = 123456789012345LL;
    app_sessions_ended(&f->ctx, 42, &ended, 1, FIX_NOW + 5000);
    f->env.events = NULL;
    assert_true(app_revocations_has(f->env.revoked, ended, FIX_NOW)); /* this node, at once */
    assert_int_equal(bus.n, 1);
    assert_string_equal(bus.ev[0].name, APP_REVOKED_EVENT);
    assert_int_equal(bus.ev[0].scope, EVENT_USER);
    assert_int_equal(bus.ev[0].target, 42);
    assert_int_equal(bus.ev[0].seq, 0);

    /* another node hears it */
    app_revocations *other = app_revocations_new();
    int64_t user = 0, session = 0;
    assert_true(hear(other, &bus.ev[0], &user, &session));
    assert_int_equal(user, 42);
    assert_int_equal(session, ended);
    assert_true(app_revocations_has(other, ended, FIX_NOW + 4999));
    assert_false(app_revocations_has(other, ended, FIX_NOW + 5000));

    /* other events pass through; a malformed revocation is consumed but lists nothing */
    event chat = {EVENT_STREAM, 1, 3, "chat:message", "{}", 2};
    assert_false(hear(other, &chat, &user, &session));
    event bad = {EVENT_USER, 42, 0, APP_REVOKED_EVENT, "{\"session_id\":\"x\"}", 18};
    assert_true(hear(other, &bad, &user, &session));
    assert_int_equal(session, 0);
    app_revocations_free(other);
}

/* ---- sessions ending, and the check every request runs --------------------------------------- */

static int64_t session_of(fixture *f, const char *token)
{
    crypto_claims cl;
    assert_int_equal(app_access_check(&f->env, token, f->ctx.now, &cl), BZ_OK);
    assert_true(cl.session_id > 0);
    return cl.session_id;
}

static int check(fixture *f, const char *token)
{
    crypto_claims cl;
    return app_access_check(&f->env, token, f->ctx.now, &cl);
}

static void logout_ends_the_access_token_at_once(void **state)
{
    fixture *f = *state;
    app_session a, b;
    assert_int_equal(app_auth_register(&f->ctx, "h@example.my", "hotel", PW, &a), BZ_OK);
    assert_int_equal(app_auth_login(&f->ctx, "h@example.my", PW, &b), BZ_OK);
    assert_int_not_equal(session_of(f, a.access_token), session_of(f, b.access_token));
    assert_int_equal(app_auth_logout(&f->ctx, a.refresh_token), BZ_OK);
    assert_int_equal(check(f, a.access_token), BZ_EUNAUTHORIZED); /* same instant */
    int64_t uid = 0;
    assert_int_equal(app_auth_verify(&f->ctx, a.access_token, &uid), BZ_EUNAUTHORIZED);
    assert_int_equal(check(f, b.access_token), BZ_OK); /* the other session lives on */
}

static void refresh_reuse_ends_every_access_token_of_the_family(void **state)
{
    fixture *f = *state;
    app_session s, r1, r2;
    assert_int_equal(app_auth_register(&f->ctx, "i@example.my", "india", PW, &s), BZ_OK);
    f->ctx.now += 1000;
    assert_int_equal(app_auth_refresh(&f->ctx, s.refresh_token, &r1), BZ_OK);
    assert_int_equal(session_of(f, r1.access_token), session_of(f, s.access_token));
    assert_int_equal(app_auth_refresh(&f->ctx, s.refresh_token, &r2), BZ_ETOKENREUSED);
    assert_int_equal(check(f, s.access_token), BZ_EUNAUTHORIZED);
    assert_int_equal(check(f, r1.access_token), BZ_EUNAUTHORIZED);
}

static void tokens_without_a_session_are_refused(void **state)
{
    fixture *f = *state;
    crypto *cr = f->env.crypto;
    char tok[CRYPTO_TOKEN_MAX];
    crypto_claims cl = {.user_id = 7, .issued_at = FIX_NOW, .expires_at = FIX_NOW + 60000};
    assert_int_equal(cr->ops->access_sign(cr, &cl, tok), BZ_OK);
    assert_int_equal(check(f, tok), BZ_EUNAUTHORIZED);
    cl.session_id = 8;
    assert_int_equal(cr->ops->access_sign(cr, &cl, tok), BZ_OK);
    assert_int_equal(check(f, tok), BZ_OK);
    f->ctx.now += 60000 + CRYPTO_LEEWAY_MS;
    assert_int_equal(check(f, tok), BZ_ETOKENEXPIRED);
}

static void password_change_ends_the_other_sessions(void **state)
{
    fixture *f = *state;
    app_session mine, phone, thief, again, r;
    assert_int_equal(app_auth_register(&f->ctx, "j@example.my", "juliet", PW, &mine), BZ_OK);
    assert_int_equal(app_auth_login(&f->ctx, "j@example.my", PW, &phone), BZ_OK);
    assert_int_equal(app_auth_login(&f->ctx, "j@example.my", PW, &thief), BZ_OK);
    int64_t uid = mine.user.id, sid = session_of(f, mine.access_token);

    /* refusals change nothing */
    assert_int_equal(
        app_auth_change_password(&f->ctx, uid, sid, "wrong password!", "a new long pw 2"),
        BZ_EWRONGPASSWORD);
    assert_string_equal(f->ctx.err.field, "current_password");
    assert_int_equal(app_auth_change_password(&f->ctx, uid, sid, PW, "short"), BZ_EWEAKPASSWORD);
    assert_string_equal(f->ctx.err.field, "new_password");
    assert_int_equal(app_auth_change_password(&f->ctx, uid, sid, PW, "juliet"), BZ_EWEAKPASSWORD);
    assert_int_equal(app_auth_change_password(&f->ctx, uid, sid, NULL, "x"), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "current_password");
    assert_int_equal(check(f, phone.access_token), BZ_OK);

    assert_int_equal(app_auth_change_password(&f->ctx, uid, sid, PW, "a brand new passphrase"),
                     BZ_OK);
    assert_int_equal(check(f, mine.access_token), BZ_OK); /* this session stays */
    assert_int_equal(check(f, phone.access_token), BZ_EUNAUTHORIZED);
    assert_int_equal(check(f, thief.access_token), BZ_EUNAUTHORIZED);
    assert_int_not_equal(app_auth_refresh(&f->ctx, thief.refresh_token, &r), BZ_OK);
    assert_int_equal(app_auth_refresh(&f->ctx, mine.refresh_token, &r), BZ_OK);
    assert_int_equal(app_auth_login(&f->ctx, "j@example.my", PW, &again), BZ_EBADCREDENTIALS);
    assert_int_equal(app_auth_login(&f->ctx, "j@example.my", "a brand new passphrase", &again),
                     BZ_OK);
    assert_int_equal(app_auth_change_password(&f->ctx, 987654321, sid, PW, "x"), BZ_EUNAUTHORIZED);
}

/* A node that starts (or missed the bus) learns every live revocation from the store. */
static void poll_fills_a_fresh_node(void **state)
{
    fixture *f = *state;
    app_session a, b;
    assert_int_equal(app_auth_register(&f->ctx, "k@example.my", "kilo", PW, &a), BZ_OK);
    assert_int_equal(app_auth_login(&f->ctx, "k@example.my", PW, &b), BZ_OK);
    int64_t sa = session_of(f, a.access_token), sb = session_of(f, b.access_token);
    assert_int_equal(app_auth_logout(&f->ctx, a.refresh_token), BZ_OK);
    f->ctx.now += 10;
    assert_int_equal(app_auth_logout(&f->ctx, b.refresh_token), BZ_OK);

    app_revocations *mine = f->env.revoked;
    f->env.revoked = app_revocations_new();
    size_t read = 0;
    assert_int_equal(app_revocations_poll(&f->ctx, 0, false, &read), BZ_OK);
    assert_int_equal(read, 2);
    assert_true(app_revocations_has(f->env.revoked, sa, f->ctx.now));
    assert_true(app_revocations_has(f->env.revoked, sb, f->ctx.now));

    /* `since` reads only what was revoked at or after it */
    app_revocations_free(f->env.revoked);
    f->env.revoked = app_revocations_new();
    assert_int_equal(app_revocations_poll(&f->ctx, f->ctx.now, false, &read), BZ_OK);
    assert_int_equal(read, 1);
    assert_false(app_revocations_has(f->env.revoked, sa, f->ctx.now));
    assert_true(app_revocations_has(f->env.revoked, sb, f->ctx.now));

    /* once no token of theirs can be valid, entries are neither read nor kept */
    f->ctx.now += f->env.cfg.access_ttl_ms + APP_REVOCATION_SLACK_MS;
    assert_int_equal(app_revocations_poll(&f->ctx, 0, true, &read), BZ_OK);
    assert_int_equal(read, 0);
    assert_false(app_revocations_has(f->env.revoked, sb, f->ctx.now - 1));
    app_revocations_free(f->env.revoked);
    f->env.revoked = mine;
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
UNIT_MAIN(cmocka_unit_test(set_adds_expires_and_prunes), cmocka_unit_test(set_is_shared_by_threads),
          T(bus_event_round_trip), T(logout_ends_the_access_token_at_once),
          T(refresh_reuse_ends_every_access_token_of_the_family),
          T(tokens_without_a_session_are_refused), T(password_change_ends_the_other_sessions),
          T(poll_fills_a_fresh_node))
