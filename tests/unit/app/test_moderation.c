/* Unit tests of app/moderation (docs/chat.md): who moderates (the seller and the moderators
 * they appoint), mutes, bans, slow mode and the room events they announce, the blocked-word
 * list and its matching (folding). Over the real SQLite adapter and the fixture's recording
 * events port. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/chat_room.h"
#include "app/moderation.h"
#include "base/err.h"
#include "base/time.h"
#include "fixture.h"

#define MIN_MS (60 * 1000LL)

/* A seller, one of their shows, a moderator they appointed and two viewers. */
typedef struct cast {
    int64_t seller, show, mod, ali, bala;
} cast;

static cast new_cast(fixture *f)
{
    cast k = {.seller = fixture_seller(f, "kedai")};
    k.show = fixture_lot(f, k.seller, false).show;
    k.mod = fixture_user(f, "helper");
    k.ali = fixture_user(f, "ali");
    k.bala = fixture_user(f, "bala");
    assert_int_equal(app_mod_appoint(&f->ctx, k.seller, k.mod), BZ_OK);
    fixture_events_clear(f);
    return k;
}

static void moderators_act_only_within_their_rights(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    int64_t mod2 = fixture_user(f, "helper_two");
    assert_int_equal(app_mod_appoint(&f->ctx, k.ali, mod2), BZ_ENOTSELLER);
    assert_int_equal(app_mod_appoint(&f->ctx, k.seller, k.seller), BZ_EVALIDATION);
    assert_int_equal(app_mod_appoint(&f->ctx, k.seller, mod2), BZ_OK);
    assert_int_equal(app_mod_ban(&f->ctx, k.mod, k.show, mod2), BZ_EFORBIDDEN);
    assert_int_equal(app_mod_mute(&f->ctx, k.mod, k.show, mod2, 5, NULL), BZ_EFORBIDDEN);
    assert_int_equal(app_mod_ban(&f->ctx, k.mod, k.show, k.mod), BZ_EVALIDATION);
    assert_int_equal(app_mod_ban(&f->ctx, k.mod, k.show, k.seller), BZ_EVALIDATION);
    assert_int_equal(app_mod_ban(&f->ctx, k.seller, k.show, k.seller), BZ_EVALIDATION);
    assert_int_equal(app_mod_ban(&f->ctx, k.ali, k.show, k.mod), BZ_EFORBIDDEN);
    assert_int_equal(app_mod_ban(&f->ctx, k.ali, k.show, k.bala), BZ_EFORBIDDEN);
    assert_int_equal(app_mod_ban(&f->ctx, 0, k.show, k.bala), BZ_EUNAUTHORIZED);
    assert_int_equal(f->events.n, 0); /* nothing refused was announced */
    assert_int_equal(app_mod_ban(&f->ctx, k.mod, k.show, k.ali), BZ_OK);
    assert_int_equal(chat_room_check_not_banned(&f->ctx, k.show, k.ali), BZ_EBANNED);
    assert_int_equal(chat_room_check_not_banned(&f->ctx, k.show, k.mod), BZ_OK);
    assert_int_equal(fixture_post(f, k.ali, k.show, "hi"), BZ_EBANNED);
    assert_int_equal(app_mod_unban(&f->ctx, k.seller, k.show, k.ali), BZ_OK);
    assert_int_equal(fixture_post(f, k.ali, k.show, "hi"), BZ_OK);
    assert_int_equal(app_mod_ban(&f->ctx, k.seller, k.show, mod2), BZ_OK); /* the seller may */
    assert_int_equal(app_mod_mute(&f->ctx, k.seller, k.show, mod2, 5, NULL), BZ_OK);
}

static void appointments_are_the_sellers_and_idempotent(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    int64_t other_seller = fixture_seller(f, "kedai_lain");
    int64_t other_show = fixture_lot(f, other_seller, false).show;
    assert_int_equal(app_mod_appoint(&f->ctx, k.seller, 987654321), BZ_ENOTFOUND);
    assert_int_equal(app_mod_appoint(&f->ctx, k.seller, k.mod), BZ_OK); /* again */
    f->ctx.now += 1000;
    assert_int_equal(app_mod_appoint(&f->ctx, k.seller, k.ali), BZ_OK);
    chat_moderator *mods = NULL;
    size_t n = 0;
    assert_int_equal(app_mod_list(&f->ctx, k.seller, &mods, &n), BZ_OK);
    assert_int_equal(n, 2);
    assert_int_equal(mods[0].id, k.ali); /* most recently appointed first */
    assert_int_equal(mods[1].id, k.mod);
    assert_int_equal(app_mod_list(&f->ctx, k.bala, &mods, &n), BZ_ENOTSELLER);
    /* a seller's moderator has no say in another seller's show */
    assert_int_equal(app_mod_ban(&f->ctx, k.mod, other_show, k.bala), BZ_EFORBIDDEN);
    assert_int_equal(app_mod_set_slow_mode(&f->ctx, k.mod, other_show, 5), BZ_EFORBIDDEN);
    bool staff = true;
    show_stream st = {.id = other_show, .seller_id = other_seller};
    assert_int_equal(chat_room_is_staff(&f->ctx, k.mod, &st, &staff), BZ_OK);
    assert_false(staff);
    assert_int_equal(app_mod_dismiss(&f->ctx, k.bala, k.mod), BZ_ENOTSELLER);
    assert_int_equal(app_mod_dismiss(&f->ctx, k.seller, k.mod), BZ_OK);
    assert_int_equal(app_mod_dismiss(&f->ctx, k.seller, k.mod), BZ_OK); /* again */
    assert_int_equal(app_mod_list(&f->ctx, k.seller, &mods, &n), BZ_OK);
    assert_int_equal(n, 1);
    assert_int_equal(app_mod_mute(&f->ctx, k.mod, k.show, k.bala, 5, NULL), BZ_EFORBIDDEN);
}

static void mutes_are_bounded_replaced_and_announced(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    int64_t until = 0;
    assert_int_equal(app_mod_mute(&f->ctx, k.mod, k.show, k.ali, 0, &until), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "minutes");
    assert_int_equal(app_mod_mute(&f->ctx, k.mod, k.show, k.ali, APP_MUTE_MAX_MINUTES + 1, NULL),
                     BZ_EVALIDATION);
    assert_int_equal(app_mod_mute(&f->ctx, k.mod, 123456789, k.ali, 5, NULL), BZ_ENOTFOUND);
    assert_int_equal(app_mod_mute(&f->ctx, k.mod, k.show, 987654321, 5, NULL), BZ_ENOTFOUND);
    assert_int_equal(f->events.n, 0);
    assert_int_equal(app_mod_mute(&f->ctx, k.mod, k.show, k.ali, APP_MUTE_MAX_MINUTES, &until),
                     BZ_OK);
    assert_int_equal(until, FIX_NOW + APP_MUTE_MAX_MINUTES * MIN_MS);
    const fix_event *ev = fixture_last_event(f, "chat:muted");
    assert_non_null(ev);
    assert_true(ev->seq > 0);
    char at[BZ_RFC3339_LEN], body[128];
    bz_time_format(until, at);
    snprintf(body, sizeof(body), "{\"user_id\":\"%lld\",\"until\":\"%s\",", (long long)k.ali, at);
    assert_non_null(strstr(ev->json, body));
    /* a new mute replaces the old one, shorter or not */
    assert_int_equal(app_mod_mute(&f->ctx, k.seller, k.show, k.ali, 1, &until), BZ_OK);
    assert_int_equal(until, FIX_NOW + MIN_MS);
    f->ctx.now += MIN_MS;
    assert_int_equal(fixture_post(f, k.ali, k.show, "back"), BZ_OK);
    /* unmute lifts a mute at once; lifting none is fine */
    assert_int_equal(app_mod_mute(&f->ctx, k.mod, k.show, k.ali, 30, NULL), BZ_OK);
    assert_int_equal(fixture_post(f, k.ali, k.show, "hi"), BZ_EMUTED);
    assert_int_equal(app_mod_unmute(&f->ctx, k.bala, k.show, k.ali), BZ_EFORBIDDEN);
    assert_int_equal(app_mod_unmute(&f->ctx, k.mod, k.show, k.ali), BZ_OK);
    assert_int_equal(fixture_post(f, k.ali, k.show, "hi"), BZ_OK);
    assert_int_equal(app_mod_unmute(&f->ctx, k.mod, k.show, k.ali), BZ_OK);
    assert_int_equal(fixture_events_named(f, "chat:muted"), 3);
    assert_int_equal(fixture_events_named(f, "chat:unmuted"), 2);
}

static void bans_are_idempotent_per_show_and_announced(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    int64_t other = fixture_lot(f, k.seller, false).show;
    assert_int_equal(app_mod_ban(&f->ctx, k.mod, k.show, k.ali), BZ_OK);
    assert_int_equal(app_mod_ban(&f->ctx, k.mod, k.show, k.ali), BZ_OK);
    bool banned = false;
    assert_int_equal(chat_room_is_banned(&f->ctx, k.show, k.ali, &banned), BZ_OK);
    assert_true(banned);
    assert_int_equal(chat_room_is_banned(&f->ctx, other, k.ali, &banned), BZ_OK);
    assert_false(banned); /* per show */
    assert_int_equal(fixture_post(f, k.ali, other, "hi"), BZ_OK);
    const fix_event *ev = fixture_last_event(f, "chat:banned");
    char body[64];
    snprintf(body, sizeof(body), "{\"user_id\":\"%lld\",\"seq\":%lld}", (long long)k.ali,
             (long long)ev->seq);
    assert_string_equal(ev->json, body);
    assert_int_equal(app_mod_unban(&f->ctx, k.mod, k.show, k.ali), BZ_OK);
    assert_int_equal(app_mod_unban(&f->ctx, k.mod, k.show, k.ali), BZ_OK);
    assert_int_equal(chat_room_check_not_banned(&f->ctx, k.show, k.ali), BZ_OK);
    assert_int_equal(fixture_events_named(f, "chat:banned"), 2);
    assert_int_equal(fixture_events_named(f, "chat:unbanned"), 2);
    assert_true(fixture_last_event(f, "chat:unbanned")->seq > ev->seq);
}

static void slow_mode_is_bounded_and_set_by_staff(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    int s = -1;
    assert_int_equal(app_mod_slow_mode(&f->ctx, k.show, &s), BZ_OK);
    assert_int_equal(s, 0); /* off until set */
    assert_int_equal(app_mod_set_slow_mode(&f->ctx, k.seller, k.show, -1), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "slow_mode_s");
    assert_int_equal(app_mod_set_slow_mode(&f->ctx, k.seller, k.show, APP_SLOW_MODE_MAX_S + 1),
                     BZ_EVALIDATION);
    assert_int_equal(app_mod_set_slow_mode(&f->ctx, k.ali, k.show, 5), BZ_EFORBIDDEN);
    assert_int_equal(app_mod_set_slow_mode(&f->ctx, k.mod, 123456789, 5), BZ_ENOTFOUND);
    assert_int_equal(f->events.n, 0);
    assert_int_equal(app_mod_set_slow_mode(&f->ctx, k.mod, k.show, APP_SLOW_MODE_MAX_S), BZ_OK);
    assert_int_equal(app_mod_slow_mode(&f->ctx, k.show, &s), BZ_OK);
    assert_int_equal(s, APP_SLOW_MODE_MAX_S);
    const fix_event *ev = fixture_last_event(f, "chat:slow_mode");
    assert_non_null(ev);
    assert_non_null(strstr(ev->json, "{\"seconds\":3600,"));
    assert_int_equal(app_mod_slow_mode(&f->ctx, 123456789, &s), BZ_ENOTFOUND);
}

static void blocked_word_list_is_cleaned_and_the_sellers_own(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    const char **out = NULL;
    size_t n = 0;
    const char *words[] = {"Scam", " palsu ", "scam", "\u50bb\u74dc", "SC\u200bAM"};
    assert_int_equal(app_mod_set_blocked_words(&f->ctx, k.ali, words, 1, &out, &n), BZ_ENOTSELLER);
    assert_int_equal(app_mod_blocked_words(&f->ctx, k.mod, &out, &n), BZ_ENOTSELLER);
    assert_int_equal(app_mod_set_blocked_words(&f->ctx, k.seller, words, 5, &out, &n), BZ_OK);
    assert_int_equal(n, 3); /* trimmed, lower-cased, merged, in byte order */
    assert_string_equal(out[0], "palsu");
    assert_string_equal(out[1], "scam");
    assert_string_equal(out[2], "\u50bb\u74dc");
    assert_int_equal(app_mod_blocked_words(&f->ctx, k.seller, &out, &n), BZ_OK);
    assert_int_equal(n, 3);

    char max[4 * APP_BLOCKED_WORD_CHARS + 2] = "";
    for (int i = 0; i < APP_BLOCKED_WORD_CHARS; i++) {
        strcat(max, "\u00e9"); /* code points, not bytes */
    }
    const char *edge[] = {max};
    assert_int_equal(app_mod_set_blocked_words(&f->ctx, k.seller, edge, 1, &out, &n), BZ_OK);
    strcat(max, "x");
    const char *bad[][1] = {{max}, {"   "}, {"tab\tword"}, {"\u200b\u2060"}, {"\xff"}};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (app_mod_set_blocked_words(&f->ctx, k.seller, bad[i], 1, &out, &n) != BZ_EVALIDATION ||
            strcmp(f->ctx.err.field, "words") != 0) {
            fail_msg("accepted: bad[%zu]", i);
        }
    }
    /* a refused list leaves the stored one as it was */
    assert_int_equal(app_mod_blocked_words(&f->ctx, k.seller, &out, &n), BZ_OK);
    assert_int_equal(n, 1);
    const char *many[APP_BLOCKED_WORDS_MAX + 1];
    char buf[APP_BLOCKED_WORDS_MAX + 1][8];
    for (int i = 0; i <= APP_BLOCKED_WORDS_MAX; i++) {
        snprintf(buf[i], sizeof(buf[i]), "w%d", i);
        many[i] = buf[i];
    }
    assert_int_equal(
        app_mod_set_blocked_words(&f->ctx, k.seller, many, APP_BLOCKED_WORDS_MAX + 1, &out, &n),
        BZ_EVALIDATION);
    assert_int_equal(
        app_mod_set_blocked_words(&f->ctx, k.seller, many, APP_BLOCKED_WORDS_MAX, &out, &n), BZ_OK);
    assert_int_equal(n, APP_BLOCKED_WORDS_MAX);

    /* the list is the seller's: another seller's show does not use it */
    int64_t other_seller = fixture_seller(f, "kedai_lain");
    int64_t other_show = fixture_lot(f, other_seller, false).show;
    assert_int_equal(fixture_post(f, k.ali, k.show, "w7"), BZ_EBLOCKEDWORD);
    assert_int_equal(fixture_post(f, k.ali, other_show, "w7"), BZ_OK);
    assert_int_equal(app_mod_set_blocked_words(&f->ctx, k.seller, NULL, 0, &out, &n), BZ_OK);
    assert_int_equal(n, 0); /* an empty list clears it */
    assert_int_equal(fixture_post(f, k.ali, k.show, "w7"), BZ_OK);
}

static void blocked_words_match_whole_words(void **state)
{
    (void)state;
    const char *words[] = {"scam", "call me", "傻瓜", "rm1"};
    static const struct {
        const char *text;
        bool blocked;
    } cases[] = {
        {"SCAM alert", true},
        {"what a scam!", true},
        {"pls Call Me now", true},
        {"你是傻瓜", true},
        {"only RM1?", true},
        {"scammer", false},
        {"escam", false},
        {"callme", false},
        {"rm10", false},
        {"scamé", false},
        {"", false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (app_mod_text_blocked(cases[i].text, words, 4) != cases[i].blocked) {
            fail_msg("\"%s\" should%s be blocked", cases[i].text, cases[i].blocked ? "" : " not");
        }
    }
    assert_false(app_mod_text_blocked("scam", words, 0));
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

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

UNIT_MAIN(T(moderators_act_only_within_their_rights),
          T(appointments_are_the_sellers_and_idempotent),
          T(mutes_are_bounded_replaced_and_announced),
          T(bans_are_idempotent_per_show_and_announced), T(slow_mode_is_bounded_and_set_by_staff),
          T(blocked_word_list_is_cleaned_and_the_sellers_own),
          cmocka_unit_test(blocked_words_match_whole_words),
          cmocka_unit_test(blocked_words_see_through_invisible_and_look_alike_characters),
          cmocka_unit_test(blocked_words_leave_ordinary_messages_alone))
