/* Unit tests of app/chat, app/moderation and app/wellbeing over the real SQLite adapter, with
 * the clock (c->now) under the test's control and a fake events port that records what the
 * room would hear. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "app/chat.h"
#include "app/moderation.h"
#include "app/wellbeing.h"
#include "base/err.h"
#include "base/rand.h"
#include "fixture.h"
#include "wire/resources.h"
#include "wire/wire.h"

#define MIN_MS (60 * 1000LL)

typedef struct fake_events {
    events base;
    int n;
    char names[16][32];
    char last_json[1024];
    int64_t last_seq;
} fake_events;

static int fake_publish(events *e, const event *ev)
{
    fake_events *f = (fake_events *)e;
    if (f->n < 16) {
        snprintf(f->names[f->n], sizeof(f->names[0]), "%s", ev->name);
    }
    f->n++;
    snprintf(f->last_json, sizeof(f->last_json), "%.*s", (int)ev->json_len, ev->json);
    f->last_seq = ev->seq;
    return BZ_OK;
}

static const struct events_ops fake_ops = {.publish = fake_publish, .name = "fake"};
static fake_events bus;

static int setup(void **state)
{
    int rc = fixture_setup(state);
    fixture *f = *state;
    memset(&bus, 0, sizeof(bus));
    bus.base.ops = &fake_ops;
    f->env.events = &bus.base;
    return rc;
}

static int64_t new_show(fixture *f, int64_t seller)
{
    store_product p = {.id = bz_id_new(FIX_NOW),
                       .seller_id = seller,
                       .title = "Lot",
                       .description = "",
                       .condition = "good",
                       .quantity = 1,
                       .shipping_weight_g = 100,
                       .created_at = FIX_NOW,
                       .updated_at = FIX_NOW};
    assert_int_equal(store_product_create(f->ctx.store, &p), BZ_OK);
    store_stream st = {.id = bz_id_new(FIX_NOW),
                       .seller_id = seller,
                       .title = "Show",
                       .starts_at = FIX_NOW + MIN_MS,
                       .created_at = FIX_NOW,
                       .updated_at = FIX_NOW,
                       .product_ids = &p.id,
                       .n_products = 1};
    assert_int_equal(store_stream_create(f->ctx.store, &st), BZ_OK);
    return st.id;
}

static int post(fixture *f, int64_t who, int64_t show, const char *text)
{
    app_chat_post_result r;
    return app_chat_post(&f->ctx, who, show, text, &r);
}

static void post_publishes_the_room_event_with_a_seq(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), u = fixture_user(f, "ali");
    int64_t show = new_show(f, seller);
    app_chat_post_result r;
    assert_int_equal(app_chat_post(&f->ctx, u, show, " Salam \"semua\" ", &r), BZ_OK);
    assert_string_equal(r.message.text, "Salam \"semua\"");
    assert_int_equal(bus.n, 1);
    assert_string_equal(bus.names[0], "chat:message");
    assert_int_equal(bus.last_seq, r.seq);
    /* the room's payload is the message with its seq: what a socket's ack carries too */
    char *ack = wire_dump(wire_chat_message(&r.message, r.seq));
    assert_non_null(ack);
    assert_string_equal(bus.last_json, ack);
    free(ack);
    assert_non_null(strstr(bus.last_json, "\"text\":\"Salam \\\"semua\\\"\""));
    assert_non_null(strstr(bus.last_json, "\"username\":\"ali\""));
    char seq[32];
    snprintf(seq, sizeof(seq), ",\"seq\":%lld}", (long long)r.seq);
    assert_non_null(strstr(bus.last_json, seq));
    f->ctx.now += 1000;
    assert_int_equal(app_chat_post(&f->ctx, u, show, "again", &r), BZ_OK);
    assert_int_equal(bus.last_seq, r.seq);
    assert_int_equal(r.seq, bus.last_seq);
    f->env.events = NULL; /* nobody listening is fine */
    f->ctx.now += 1000;
    assert_int_equal(post(f, u, show, "quiet"), BZ_OK);
}

static void a_mute_expires(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), u = fixture_user(f, "ali");
    int64_t show = new_show(f, seller);
    int64_t until = 0;
    assert_int_equal(app_mod_mute(&f->ctx, seller, show, u, 2, &until), BZ_OK);
    assert_int_equal(until, FIX_NOW + 2 * MIN_MS);
    assert_string_equal(bus.names[0], "chat:muted");
    app_chat_post_result r;
    assert_int_equal(app_chat_post(&f->ctx, u, show, "hi", &r), BZ_EMUTED);
    assert_int_equal(r.muted_until, until);
    f->ctx.now = until - 1;
    assert_int_equal(post(f, u, show, "hi"), BZ_EMUTED);
    f->ctx.now = until;
    assert_int_equal(post(f, u, show, "hi"), BZ_OK);
}

static void slow_mode_and_rate_limit_follow_the_clock(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), u = fixture_user(f, "ali");
    int64_t show = new_show(f, seller);
    assert_int_equal(app_mod_set_slow_mode(&f->ctx, u, show, 10), BZ_EFORBIDDEN);
    assert_int_equal(app_mod_set_slow_mode(&f->ctx, seller, show, 10), BZ_OK);
    assert_int_equal(post(f, u, show, "one"), BZ_OK);
    f->ctx.now += 9999;
    app_chat_post_result r;
    assert_int_equal(app_chat_post(&f->ctx, u, show, "two", &r), BZ_ESLOWMODE);
    assert_int_equal(r.retry_after_ms, 1);
    f->ctx.now += 1;
    assert_int_equal(post(f, u, show, "two"), BZ_OK);

    /* the rate limit counts every show: 5 per 10 s by default */
    assert_int_equal(app_mod_set_slow_mode(&f->ctx, seller, show, 0), BZ_OK);
    int64_t other = new_show(f, seller);
    f->ctx.now += 60 * 1000;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(post(f, u, i % 2 ? show : other, "spam"), BZ_OK);
        f->ctx.now += 1;
    }
    assert_int_equal(post(f, u, show, "spam"), BZ_ERATELIMIT);
    f->ctx.now += 10 * 1000;
    assert_int_equal(post(f, u, show, "later"), BZ_OK);
}

static void moderators_act_only_within_their_rights(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), mod = fixture_user(f, "helper_one"),
            mod2 = fixture_user(f, "helper_two"), u = fixture_user(f, "ali");
    int64_t show = new_show(f, seller);
    assert_int_equal(app_mod_appoint(&f->ctx, u, mod), BZ_ENOTSELLER);
    assert_int_equal(app_mod_appoint(&f->ctx, seller, seller), BZ_EVALIDATION);
    assert_int_equal(app_mod_appoint(&f->ctx, seller, mod), BZ_OK);
    assert_int_equal(app_mod_appoint(&f->ctx, seller, mod2), BZ_OK);
    assert_int_equal(app_mod_ban(&f->ctx, mod, show, mod2), BZ_EFORBIDDEN);
    assert_int_equal(app_mod_ban(&f->ctx, mod, show, mod), BZ_EVALIDATION);
    assert_int_equal(app_mod_ban(&f->ctx, mod, show, seller), BZ_EVALIDATION);
    assert_int_equal(app_mod_ban(&f->ctx, u, show, mod), BZ_EFORBIDDEN);
    assert_int_equal(app_mod_ban(&f->ctx, mod, show, u), BZ_OK);
    assert_int_equal(app_mod_check_not_banned(&f->ctx, show, u), BZ_EBANNED);
    assert_int_equal(app_mod_check_not_banned(&f->ctx, show, mod), BZ_OK);
    assert_int_equal(post(f, u, show, "hi"), BZ_EBANNED);
    assert_int_equal(app_mod_unban(&f->ctx, seller, show, u), BZ_OK);
    assert_int_equal(post(f, u, show, "hi"), BZ_OK);
    assert_int_equal(app_mod_ban(&f->ctx, seller, show, mod2), BZ_OK); /* the seller may */
}

static void blocked_words_match_whole_words(void **state)
{
    (void)state;
    const char *words[] = {"scam", "call me", "傻瓜", "rm1"};
    assert_true(app_mod_text_blocked("SCAM alert", words, 4));
    assert_true(app_mod_text_blocked("what a scam!", words, 4));
    assert_true(app_mod_text_blocked("pls Call Me now", words, 4));
    assert_true(app_mod_text_blocked("你是傻瓜", words, 4));
    assert_true(app_mod_text_blocked("only RM1?", words, 4));
    assert_false(app_mod_text_blocked("scammer", words, 4));
    assert_false(app_mod_text_blocked("escam", words, 4));
    assert_false(app_mod_text_blocked("callme", words, 4));
    assert_false(app_mod_text_blocked("rm10", words, 4));
    assert_false(app_mod_text_blocked("scamé", words, 4));
    assert_false(app_mod_text_blocked("", words, 4));
}

/* Issue 7 item 6: each of these passed the filter; each must be blocked. */
static const char *const dodges[] = {
    "sc\u200bam",             /* zero-width space */
    "sc\u00adam",             /* soft hyphen */
    "s\u00adc\u00ada\u00adm", /* soft hyphens everywhere */
    "sc\u2060am",             /* word joiner */
    "\ufeffscam",             /* byte order mark */
    "sc\ufeffam",
    "\uff53\uff43\uff41\uff4d",                 /* full-width ｓｃａｍ */
    "\u0455\u0441\u0430m",                      /* Cyrillic ѕса + Latin m */
    "\U0001d42c\U0001d41c\U0001d41a\U0001d426", /* mathematical bold 𝐬𝐜𝐚𝐦 */
};

static void blocked_words_see_through_invisible_and_look_alike_characters(void **state)
{
    (void)state;
    const char *words[] = {"scam"};
    char msg[96];
    for (size_t i = 0; i < sizeof(dodges) / sizeof(dodges[0]); i++) {
        snprintf(msg, sizeof(msg), "this is a %s, jangan beli!", dodges[i]);
        if (!app_mod_text_blocked(dodges[i], words, 1) || !app_mod_text_blocked(msg, words, 1)) {
            fail_msg("not blocked: dodge %zu \"%s\"", i, dodges[i]);
        }
    }
    /* the same folding applies to the list: an entry typed with look-alikes blocks plain text */
    const char *cyrillic[] = {"\u0455\u0441\u0430m"};
    assert_true(app_mod_text_blocked("what a SCAM", cyrillic, 1));
    /* accents and strike-through marks on Latin letters, and other spaces, fold away too */
    assert_true(app_mod_text_blocked("sc\u00e1m", words, 1));
    assert_true(app_mod_text_blocked("s\u0336c\u0336a\u0336m\u0336", words, 1));
    const char *phrase[] = {"call me"};
    assert_true(app_mod_text_blocked("pls call\u00a0\u3000me", phrase, 1));
}

static void blocked_words_leave_ordinary_messages_alone(void **state)
{
    (void)state;
    const char *words[] = {"scam", "ass", "\u50bb\u74dc" /* 傻瓜 */, "tipu"};
    const char *fine[] = {
        "Saya nak beli yang ini, berapa harga? Boleh COD di Shah Alam?",
        "\u8fd9\u4e2a\u591a\u5c11\u94b1\uff1f\u5305\u90ae\u5417", /* 这个多少钱？包邮吗 */
        "\u0b87\u0ba4\u0bc1 \u0b8e\u0bb5\u0bcd\u0bb5\u0bb3\u0bb5\u0bc1?", /* இது எவ்வளவு? */
        "\U0001f525\U0001f525 cantik! \U0001f60d\U0001f44d\U0001f3fd",
        "scammers get reported here", /* contains the letters, not the word */
        "escam",
        "scampi for dinner",
        "first class delivery",
        "assalamualaikum semua",
        "kelas pertama",
        "tipulah",
        "\u0441\u0430\u0442\u0430\u043d\u0430", /* Cyrillic word */
    };
    for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++) {
        if (app_mod_text_blocked(fine[i], words, 4)) {
            fail_msg("blocked by mistake: \"%s\"", fine[i]);
        }
    }
}

/* Through the use case: the per-thread memo of folded lists follows a changed list at once. */
static void chat_post_folds_and_follows_a_changed_list(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), u = fixture_user(f, "ali");
    int64_t show = new_show(f, seller);
    const char **out = NULL;
    size_t n = 0;
    const char *words[] = {"scam", "\u0455\u0441\u0430m"};
    assert_int_equal(app_mod_set_blocked_words(&f->ctx, seller, words, 2, &out, &n), BZ_OK);
    assert_int_equal(n, 1); /* they fold alike: merged */
    const char *only_invisible[] = {"\u200b\u2060"};
    assert_int_equal(app_mod_set_blocked_words(&f->ctx, seller, only_invisible, 1, &out, &n),
                     BZ_EVALIDATION);
    f->ctx.now += MIN_MS;
    assert_int_equal(post(f, u, show, "\U0001d42c\U0001d41c\U0001d41a\U0001d426!"),
                     BZ_EBLOCKEDWORD);
    assert_int_equal(post(f, u, show, "sc\u200bam"), BZ_EBLOCKEDWORD);
    const char *other[] = {"tipu"};
    assert_int_equal(app_mod_set_blocked_words(&f->ctx, seller, other, 1, &out, &n), BZ_OK);
    assert_int_equal(post(f, u, show, "sc\u200bam"), BZ_OK);
    assert_int_equal(post(f, u, show, "jangan \uff54\uff49\uff50\uff55"), BZ_EBLOCKEDWORD);
    /* what is stored and shown is the text as typed, not its folded form */
    assert_true(strstr(bus.last_json, "sc\u200bam") != NULL);
}

static void cool_off_is_never_shortened(void **state)
{
    fixture *f = *state;
    int64_t u = fixture_user(f, "ali");
    app_buyer_limits l;
    app_limits_input in = {.cool_off_days = 7};
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(l.cool_off_until, FIX_NOW + 7 * APP_DAY_MS);
    in.cool_off_days = 1;
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(l.cool_off_until, FIX_NOW + 7 * APP_DAY_MS);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 100, FIX_NOW), BZ_ECOOLOFF);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 100, FIX_NOW + 7 * APP_DAY_MS), BZ_OK);
    in.cool_off_days = 366;
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_EVALIDATION);
}

static void spending_cap_counts_orders_in_the_window(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), u = fixture_user(f, "ali");
    app_buyer_limits l;
    app_limits_input in = {.set_cap = true, .cap_amount = 10000, .cap_period = "day"};
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(l.spending_cap, 10000);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 10000, FIX_NOW), BZ_OK);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 10001, FIX_NOW), BZ_ESPENDINGCAP);

    store_product p = {.id = bz_id_new(FIX_NOW),
                       .seller_id = seller,
                       .title = "Lot",
                       .description = "",
                       .condition = "good",
                       .quantity = 1,
                       .shipping_weight_g = 100,
                       .created_at = FIX_NOW,
                       .updated_at = FIX_NOW};
    assert_int_equal(store_product_create(f->ctx.store, &p), BZ_OK);
    store_order o = {.id = bz_id_new(FIX_NOW),
                     .buyer_id = u,
                     .seller_id = seller,
                     .product_id = p.id,
                     .amount = 6000,
                     .currency = "MYR",
                     .status = "pending_payment",
                     .created_at = FIX_NOW,
                     .updated_at = FIX_NOW};
    assert_int_equal(store_order_create(f->ctx.store, &o), BZ_OK);
    assert_int_equal(app_wellbeing_get(&f->ctx, u, &l), BZ_OK);
    assert_int_equal(l.committed, 6000);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 4000, FIX_NOW + 1), BZ_OK);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 4001, FIX_NOW + 1), BZ_ESPENDINGCAP);
    /* a day later the order has left the window */
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 10000, FIX_NOW + APP_DAY_MS), BZ_OK);
    in.cap_amount = 0; /* remove */
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(l.spending_cap, 0);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 1000000, FIX_NOW), BZ_OK);
    in.cap_amount = 5000;
    in.cap_period = "month";
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_EVALIDATION);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(post_publishes_the_room_event_with_a_seq, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(a_mute_expires, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(slow_mode_and_rate_limit_follow_the_clock, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(moderators_act_only_within_their_rights, setup,
                                        fixture_teardown),
        cmocka_unit_test(blocked_words_match_whole_words),
        cmocka_unit_test(blocked_words_see_through_invisible_and_look_alike_characters),
        cmocka_unit_test(blocked_words_leave_ordinary_messages_alone),
        cmocka_unit_test_setup_teardown(chat_post_folds_and_follows_a_changed_list, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(cool_off_is_never_shortened, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(spending_cap_counts_orders_in_the_window, setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
