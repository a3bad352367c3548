/* Unit tests of app/chat (docs/chat.md): posting and what the room hears, the text rules,
 * when chat is open, who may speak (mute, slow mode, rate limit, blocked words), the history
 * and deleting messages. Over the real SQLite adapter, with the clock (c->now) under the
 * test's control and the fixture's recording events port. Moderation itself (appointments,
 * bans, the blocked-word list) is test_moderation.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/chat.h"
#include "app/moderation.h"
#include "app/streams.h"
#include "base/err.h"
#include "fixture.h"
#include "wire/resources.h"
#include "wire/wire.h"

#define MIN_MS (60 * 1000LL)

/* A seller named "kedai" and a scheduled show of theirs. */
static int64_t new_show(fixture *f, int64_t *seller)
{
    *seller = fixture_seller(f, "kedai");
    return fixture_lot(f, *seller, false).show;
}

static void post_publishes_the_room_event_with_a_seq(void **state)
{
    fixture *f = *state;
    int64_t seller, show = new_show(f, &seller), u = fixture_user(f, "ali");
    app_chat_post_result r;
    assert_int_equal(app_chat_post(&f->ctx, u, show, " Salam \"semua\" ", &r), BZ_OK);
    assert_string_equal(r.message.text, "Salam \"semua\"");
    assert_int_equal(f->events.n, 1);
    const fix_event *ev = fixture_last_event(f, "chat:message");
    assert_non_null(ev);
    assert_int_equal(ev->scope, EVENT_STREAM);
    assert_int_equal(ev->target, show);
    assert_int_equal(ev->seq, r.seq);
    /* the room's payload is the message with its seq: what a socket's ack carries too */
    char *ack = wire_dump(wire_chat_message(&r.message, r.seq));
    assert_non_null(ack);
    assert_string_equal(ev->json, ack);
    free(ack);
    assert_non_null(strstr(ev->json, "\"text\":\"Salam \\\"semua\\\"\""));
    assert_non_null(strstr(ev->json, "\"username\":\"ali\""));
    char seq[32];
    snprintf(seq, sizeof(seq), ",\"seq\":%lld}", (long long)r.seq);
    assert_non_null(strstr(ev->json, seq));
    int64_t first = r.seq;
    f->ctx.now += 1000;
    assert_int_equal(app_chat_post(&f->ctx, u, show, "again", &r), BZ_OK);
    assert_int_equal(r.seq, first + 1); /* the show's next seq */
    assert_int_equal(fixture_last_event(f, "chat:message")->seq, r.seq);
    f->env.events = NULL; /* nobody listening is fine */
    f->ctx.now += 1000;
    assert_int_equal(fixture_post(f, u, show, "quiet"), BZ_OK);
}

static void text_is_trimmed_and_checked(void **state)
{
    fixture *f = *state;
    int64_t seller, show = new_show(f, &seller), u = fixture_user(f, "ali");
    f->env.cfg.chat_rate_count = 1000; /* this test is about text, not pace */
    char text[1200] = "";
    for (int i = 0; i < APP_CHAT_TEXT_MAX; i++) {
        strcat(text, "\u00e9"); /* 500 code points, 1000 bytes */
    }
    assert_int_equal(fixture_post(f, u, show, text), BZ_OK);
    memset(text, 'a', APP_CHAT_TEXT_MAX + 1);
    text[APP_CHAT_TEXT_MAX + 1] = '\0';
    assert_int_equal(fixture_post(f, u, show, text), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "text");
    text[APP_CHAT_TEXT_MAX] = ' '; /* 500 and a trailing space: trimmed first */
    assert_int_equal(fixture_post(f, u, show, text), BZ_OK);
    const char *refused[] = {
        NULL,
        "",
        " \t\r\n ",
        "line\nbreak",
        "tab\there",
        "del\x7f",
        "nel\xc2\x85",
        "evil \u202e txt",
        "iso\u2066late",
        "pop\u2069",
        "bad\xff utf8",
        "\xc3",
    };
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        if (fixture_post(f, u, show, refused[i]) != BZ_EVALIDATION ||
            strcmp(f->ctx.err.field, "text") != 0) {
            fail_msg("accepted: refused[%zu]", i);
        }
    }
    /* what is near the forbidden ranges but harmless passes */
    const char *fine[] = {"\u200e\u200f marks", "nbsp\u202fhere", "a\u2065b", "\u00a0x"};
    for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++) {
        if (fixture_post(f, u, show, fine[i]) != BZ_OK) {
            fail_msg("refused: fine[%zu]", i);
        }
    }
}

static void chat_is_open_while_scheduled_or_live(void **state)
{
    fixture *f = *state;
    int64_t seller, show = new_show(f, &seller), u = fixture_user(f, "ali");
    assert_int_equal(fixture_post(f, 0, show, "hi"), BZ_EUNAUTHORIZED);
    assert_int_equal(fixture_post(f, u, 123456789, "hi"), BZ_ENOTFOUND);
    assert_int_equal(fixture_post(f, u, show, "scheduled"), BZ_OK);
    app_stream_view v;
    assert_int_equal(app_stream_go_live(&f->ctx, seller, show, &v), BZ_OK);
    f->ctx.now += MIN_MS;
    assert_int_equal(fixture_post(f, u, show, "live"), BZ_OK);
    assert_int_equal(app_stream_end(&f->ctx, seller, show, &v), BZ_OK);
    f->ctx.now += MIN_MS;
    assert_int_equal(fixture_post(f, u, show, "too late"), BZ_ECHATCLOSED);
    assert_int_equal(fixture_post(f, seller, show, "thanks all"), BZ_ECHATCLOSED);
    app_chat_page page;
    assert_int_equal(app_chat_history(&f->ctx, show, 0, 10, &page), BZ_OK);
    assert_int_equal(page.n, 2); /* history stays readable */
}

static void history_pages_newest_first_without_deleted(void **state)
{
    fixture *f = *state;
    int64_t seller, show = new_show(f, &seller), u = fixture_user(f, "ali");
    char text[16];
    app_chat_post_result r;
    int64_t ids[7];
    for (int i = 0; i < 7; i++) {
        snprintf(text, sizeof(text), "mesej %d", i);
        assert_int_equal(app_chat_post(&f->ctx, u, show, text, &r), BZ_OK);
        ids[i] = r.message.id;
        f->ctx.now += 3000; /* under the rate limit */
    }
    assert_int_equal(app_chat_delete(&f->ctx, u, show, ids[3]), BZ_OK);
    int64_t cursor = 0, seen[7];
    int n = 0;
    do {
        app_chat_page page;
        assert_int_equal(app_chat_history(&f->ctx, show, cursor, 3, &page), BZ_OK);
        assert_true(page.n <= 3);
        for (size_t i = 0; i < page.n; i++) {
            seen[n++] = page.items[i].id;
        }
        cursor = page.next_cursor;
    } while (cursor != 0 && n < 7);
    int64_t want[] = {ids[6], ids[5], ids[4], ids[2], ids[1], ids[0]};
    assert_int_equal(n, 6);
    assert_memory_equal(seen, want, sizeof(want));
    app_chat_page page;
    assert_int_equal(app_chat_history(&f->ctx, show, 0, 0, &page), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "limit");
    assert_int_equal(app_chat_history(&f->ctx, show, 0, 101, &page), BZ_EVALIDATION);
    assert_int_equal(app_chat_history(&f->ctx, show, 0, 100, &page), BZ_OK);
    assert_int_equal(app_chat_history(&f->ctx, 123456789, 0, 10, &page), BZ_ENOTFOUND);
}

static void delete_by_author_seller_or_moderator_once(void **state)
{
    fixture *f = *state;
    int64_t seller, show = new_show(f, &seller), other = fixture_lot(f, seller, false).show;
    int64_t author = fixture_user(f, "ali"), mod = fixture_user(f, "helper"),
            rando = fixture_user(f, "rando");
    assert_int_equal(app_mod_appoint(&f->ctx, seller, mod), BZ_OK);
    int64_t msg[3];
    for (int i = 0; i < 3; i++) {
        app_chat_post_result r;
        assert_int_equal(app_chat_post(&f->ctx, author, show, "beli kat kedai lain", &r), BZ_OK);
        msg[i] = r.message.id;
    }
    fixture_events_clear(f);
    assert_int_equal(app_chat_delete(&f->ctx, 0, show, msg[0]), BZ_EUNAUTHORIZED);
    assert_int_equal(app_chat_delete(&f->ctx, rando, show, msg[0]), BZ_EFORBIDDEN);
    assert_int_equal(app_chat_delete(&f->ctx, author, other, msg[0]), BZ_ENOTFOUND);
    assert_int_equal(app_chat_delete(&f->ctx, author, show, 123456789), BZ_ENOTFOUND);
    assert_int_equal(f->events.n, 0);
    assert_int_equal(app_chat_delete(&f->ctx, author, show, msg[0]), BZ_OK);
    assert_int_equal(app_chat_delete(&f->ctx, mod, show, msg[1]), BZ_OK);
    assert_int_equal(app_chat_delete(&f->ctx, seller, show, msg[2]), BZ_OK);
    assert_int_equal(fixture_events_named(f, "chat:deleted"), 3);
    char body[64];
    snprintf(body, sizeof(body), "{\"message_id\":\"%lld\",", (long long)msg[2]);
    assert_non_null(strstr(fixture_last_event(f, "chat:deleted")->json, body));
    /* deleting again is fine and announced once */
    assert_int_equal(app_chat_delete(&f->ctx, seller, show, msg[2]), BZ_OK);
    assert_int_equal(app_chat_delete(&f->ctx, author, show, msg[2]), BZ_OK);
    assert_int_equal(fixture_events_named(f, "chat:deleted"), 3);
    /* a dismissed moderator is anyone again */
    assert_int_equal(app_mod_dismiss(&f->ctx, seller, mod), BZ_OK);
    app_chat_post_result r;
    assert_int_equal(app_chat_post(&f->ctx, rando, show, "hello", &r), BZ_OK);
    assert_int_equal(app_chat_delete(&f->ctx, mod, show, r.message.id), BZ_EFORBIDDEN);
}

static void a_mute_expires_and_holds_in_its_show_only(void **state)
{
    fixture *f = *state;
    int64_t seller, show = new_show(f, &seller), u = fixture_user(f, "ali");
    int64_t other = fixture_lot(f, seller, false).show;
    int64_t until = 0;
    assert_int_equal(app_mod_mute(&f->ctx, seller, show, u, 2, &until), BZ_OK);
    assert_int_equal(until, FIX_NOW + 2 * MIN_MS);
    app_chat_post_result r;
    assert_int_equal(app_chat_post(&f->ctx, u, show, "hi", &r), BZ_EMUTED);
    assert_int_equal(r.muted_until, until);
    assert_int_equal(fixture_post(f, u, other, "hi there"), BZ_OK);
    f->ctx.now = until - 1;
    assert_int_equal(fixture_post(f, u, show, "hi"), BZ_EMUTED);
    f->ctx.now = until;
    assert_int_equal(fixture_post(f, u, show, "hi"), BZ_OK);
}

static void slow_mode_and_rate_limit_follow_the_clock(void **state)
{
    fixture *f = *state;
    int64_t seller, show = new_show(f, &seller), u = fixture_user(f, "ali");
    assert_int_equal(app_mod_set_slow_mode(&f->ctx, seller, show, 10), BZ_OK);
    assert_int_equal(fixture_post(f, u, show, "one"), BZ_OK);
    f->ctx.now += 9999;
    app_chat_post_result r;
    assert_int_equal(app_chat_post(&f->ctx, u, show, "two", &r), BZ_ESLOWMODE);
    assert_int_equal(r.retry_after_ms, 1);
    f->ctx.now += 1;
    assert_int_equal(fixture_post(f, u, show, "two"), BZ_OK);

    /* the rate limit counts every show: 5 per 10 s by default */
    assert_int_equal(app_mod_set_slow_mode(&f->ctx, seller, show, 0), BZ_OK);
    int64_t other = fixture_lot(f, seller, false).show;
    f->ctx.now += 60 * 1000;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(fixture_post(f, u, i % 2 ? show : other, "spam"), BZ_OK);
        f->ctx.now += 1;
    }
    assert_int_equal(app_chat_post(&f->ctx, u, show, "spam", &r), BZ_ERATELIMIT);
    assert_int_equal(r.retry_after_ms, f->env.cfg.chat_rate_window_ms);
    assert_int_equal(fixture_post(f, fixture_user(f, "bala"), show, "me too"),
                     BZ_OK); /* per user */
    f->ctx.now += 10 * 1000;
    assert_int_equal(fixture_post(f, u, show, "later"), BZ_OK);
    /* the limit is the configuration's */
    f->env.cfg.chat_rate_count = 1;
    f->ctx.now += 10 * 1000;
    assert_int_equal(fixture_post(f, u, show, "one"), BZ_OK);
    assert_int_equal(fixture_post(f, u, show, "two"), BZ_ERATELIMIT);
}

static void slow_mode_spares_staff_and_other_shows(void **state)
{
    fixture *f = *state;
    int64_t seller, show = new_show(f, &seller), other = fixture_lot(f, seller, false).show;
    int64_t mod = fixture_user(f, "helper"), u = fixture_user(f, "ali");
    assert_int_equal(app_mod_appoint(&f->ctx, seller, mod), BZ_OK);
    assert_int_equal(app_mod_set_slow_mode(&f->ctx, seller, show, 600), BZ_OK);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(fixture_post(f, seller, show, "seller"), BZ_OK);
        assert_int_equal(fixture_post(f, mod, show, "moderator"), BZ_OK);
        f->ctx.now += 1000;
    }
    assert_int_equal(fixture_post(f, u, show, "one"), BZ_OK);
    assert_int_equal(fixture_post(f, u, other, "elsewhere"), BZ_OK); /* no slow mode there */
    f->ctx.now += 1000;
    assert_int_equal(fixture_post(f, u, show, "two"), BZ_ESLOWMODE);
    assert_int_equal(app_mod_dismiss(&f->ctx, seller, mod), BZ_OK);
    assert_int_equal(fixture_post(f, mod, show, "not staff now"), BZ_ESLOWMODE);
}

/* Through the use case: the per-thread memo of folded lists follows a changed list at once. */
static void chat_post_folds_and_follows_a_changed_list(void **state)
{
    fixture *f = *state;
    int64_t seller, show = new_show(f, &seller), u = fixture_user(f, "ali");
    const char **out = NULL;
    size_t n = 0;
    const char *words[] = {"scam", "\u0455\u0441\u0430m"};
    assert_int_equal(app_mod_set_blocked_words(&f->ctx, seller, words, 2, &out, &n), BZ_OK);
    assert_int_equal(n, 1); /* they fold alike: merged */
    f->ctx.now += MIN_MS;
    assert_int_equal(fixture_post(f, u, show, "\U0001d42c\U0001d41c\U0001d41a\U0001d426!"),
                     BZ_EBLOCKEDWORD);
    assert_string_equal(f->ctx.err.field, "text");
    assert_null(strstr(f->ctx.err.message, "scam")); /* the word is not named */
    assert_int_equal(fixture_post(f, u, show, "sc\u200bam"), BZ_EBLOCKEDWORD);
    assert_int_equal(fixture_post(f, seller, show, "no scam here"), BZ_EBLOCKEDWORD); /* nobody */
    const char *other[] = {"tipu"};
    assert_int_equal(app_mod_set_blocked_words(&f->ctx, seller, other, 1, &out, &n), BZ_OK);
    assert_int_equal(fixture_post(f, u, show, "sc\u200bam"), BZ_OK);
    assert_int_equal(fixture_post(f, u, show, "jangan \uff54\uff49\uff50\uff55"), BZ_EBLOCKEDWORD);
    /* what is stored and shown is the text as typed, not its folded form */
    assert_non_null(strstr(fixture_last_event(f, "chat:message")->json, "sc\u200bam"));
}

/* Each thread remembers 16 sellers' folded lists: with more sellers than that, every show is
 * still judged by its own seller's list, the evicted ones folded again. */
static void each_show_keeps_its_sellers_list_past_the_memo(void **state)
{
    fixture *f = *state;
    enum { SELLERS = 18 };
    int64_t u = fixture_user(f, "ali"), show[SELLERS];
    char name[16], word[SELLERS][8];
    const char **out = NULL;
    size_t n = 0;
    for (int i = 0; i < SELLERS; i++) {
        snprintf(name, sizeof(name), "kedai%d", i);
        int64_t seller = fixture_seller(f, name);
        show[i] = fixture_lot(f, seller, false).show;
        snprintf(word[i], sizeof(word[i]), "kata%d", i);
        const char *list[] = {word[i]};
        assert_int_equal(app_mod_set_blocked_words(&f->ctx, seller, list, 1, &out, &n), BZ_OK);
    }
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < SELLERS; i++) {
            f->ctx.now += 5000; /* within the rate limit */
            if (fixture_post(f, u, show[i], word[i]) != BZ_EBLOCKEDWORD ||
                fixture_post(f, u, show[i], word[(i + 1) % SELLERS]) != BZ_OK) {
                fail_msg("show %d judged by another list (round %d)", i, round);
            }
        }
    }
}

/* Trimming and the blank check know Unicode white space: a message of no-break spaces or of
 * ideographic spaces (U+3000, what CJK input methods type as a space) is refused like "   ",
 * and such spaces around a message are trimmed. */
static void a_message_of_unicode_spaces_is_empty(void **state)
{
    fixture *f = *state;
    int64_t seller, show = new_show(f, &seller), u = fixture_user(f, "ali");
    assert_int_equal(fixture_post(f, u, show, "\u3000\u3000"), BZ_EVALIDATION);
    assert_int_equal(fixture_post(f, u, show, " \u00a0 "), BZ_EVALIDATION);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

UNIT_MAIN(T(post_publishes_the_room_event_with_a_seq), T(text_is_trimmed_and_checked),
          T(chat_is_open_while_scheduled_or_live), T(history_pages_newest_first_without_deleted),
          T(delete_by_author_seller_or_moderator_once),
          T(a_mute_expires_and_holds_in_its_show_only),
          T(slow_mode_and_rate_limit_follow_the_clock), T(slow_mode_spares_staff_and_other_shows),
          T(chat_post_folds_and_follows_a_changed_list),
          T(each_show_keeps_its_sellers_list_past_the_memo),
          T(a_message_of_unicode_spaces_is_empty))
