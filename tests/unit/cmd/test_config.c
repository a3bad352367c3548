#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdlib.h>
#include <string.h>

#include "cmd/config.h"
#include "cmd/payments_open.h"

static void defaults_env_and_flags(void **state)
{
    blytz_config cfg;
    char err[256];
    unsetenv("BLYTZ_ADDR");
    setenv("BLYTZ_WORKERS", "3", 1);
    assert_int_equal(config_load(&cfg, CONFIG_SERVE | CONFIG_DB, 0, NULL, err, sizeof(err)), 0);
    assert_string_equal(cfg.addr, "127.0.0.1:8080");
    assert_int_equal(cfg.workers, 3);
    char *argv[] = {"--workers", "5", "--addr=0.0.0.0:9000", "--demo"};
    assert_int_equal(config_load(&cfg, CONFIG_SERVE | CONFIG_DB, 4, argv, err, sizeof(err)), 0);
    assert_int_equal(cfg.workers, 5); /* flags override the environment */
    assert_string_equal(cfg.addr, "0.0.0.0:9000");
    assert_true(cfg.demo);
    unsetenv("BLYTZ_WORKERS");
}

static void bad_values_say_which(void **state)
{
    blytz_config cfg;
    char err[256];
    char *bad_int[] = {"--workers", "many"};
    assert_int_equal(config_load(&cfg, CONFIG_SERVE, 2, bad_int, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "--workers"));
    char *unknown[] = {"--frobnicate"};
    assert_int_equal(config_load(&cfg, CONFIG_SERVE, 1, unknown, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "unknown option"));
    char *serve_only[] = {"--addr", "x:1"};
    assert_int_equal(config_load(&cfg, CONFIG_DB, 2, serve_only, err, sizeof(err)), -1);
    setenv("BLYTZ_DATABASE", "mysql://nope", 1);
    assert_int_equal(config_load(&cfg, CONFIG_DB, 0, NULL, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "BLYTZ_DATABASE"));
    unsetenv("BLYTZ_DATABASE");
    char *missing[] = {"--database"};
    assert_int_equal(config_load(&cfg, CONFIG_DB, 1, missing, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "needs a value"));
}

static void public_url_is_checked(void **state)
{
    blytz_config cfg;
    char err[256];
    assert_int_equal(config_load(&cfg, CONFIG_SERVE, 0, NULL, err, sizeof(err)), 0);
    assert_string_equal(cfg.public_url, ""); /* default: from the Host header */
    char *ok[] = {"--public-url", "https://shop.example.my:8443/blytz/"};
    assert_int_equal(config_load(&cfg, CONFIG_SERVE, 2, ok, err, sizeof(err)), 0);
    assert_string_equal(cfg.public_url, "https://shop.example.my:8443/blytz/");
    const char *bad[] = {"shop.example.my",   "ftp://shop.example.my",       "https://",
                         "https:///x",        "https://shop.example.my/\"x", "https://a b",
                         "https://x/<script>"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        setenv("BLYTZ_PUBLIC_URL", bad[i], 1);
        assert_int_equal(config_load(&cfg, CONFIG_SERVE, 0, NULL, err, sizeof(err)), -1);
        assert_non_null(strstr(err, "BLYTZ_PUBLIC_URL"));
    }
    unsetenv("BLYTZ_PUBLIC_URL");
}

static void socket_limits_are_checked(void **state)
{
    blytz_config cfg;
    char err[256];
    assert_int_equal(config_load(&cfg, CONFIG_SERVE, 0, NULL, err, sizeof(err)), 0);
    assert_string_equal(cfg.socket_limits, ""); /* the defaults of app_limit.h */
    assert_int_equal(cfg.join_cache_ms, 1000);
    char *ok[] = {"--socket-limits", "join=1/5,bid=off", "--join-cache-ms", "0"};
    assert_int_equal(config_load(&cfg, CONFIG_SERVE, 4, ok, err, sizeof(err)), 0);
    assert_string_equal(cfg.socket_limits, "join=1/5,bid=off");
    assert_int_equal(cfg.join_cache_ms, 0);
    setenv("BLYTZ_SOCKET_LIMITS", "join=fast", 1);
    assert_int_equal(config_load(&cfg, CONFIG_SERVE, 0, NULL, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "BLYTZ_SOCKET_LIMITS"));
    assert_non_null(strstr(err, "join=fast"));
    unsetenv("BLYTZ_SOCKET_LIMITS");
}

/* Payments: none without a secret key; Stripe with one and its webhook secret(s); a key
 * without a webhook secret, or a list of them that is not one, refused at start. */
static void stripe_settings_open_payments(void **state)
{
    blytz_config cfg;
    char err[256];
    payments *p = (payments *)1;
    unsetenv("STRIPE_SECRET_KEY");
    assert_int_equal(config_load(&cfg, CONFIG_SERVE, 0, NULL, err, sizeof(err)), 0);
    assert_int_equal(cmd_payments_open(&cfg, &p), 0);
    assert_null(p);
    setenv("STRIPE_SECRET_KEY", "sk_test_blytz", 1);
    setenv("STRIPE_WEBHOOK_SECRET", "whsec_new, whsec_old", 1);
    setenv("STRIPE_API_BASE", "http://127.0.0.1:9", 1);
    setenv("STRIPE_PUBLISHABLE_KEY", "pk_test_blytz", 1);
    setenv("STRIPE_JS_URL", "http://127.0.0.1:9/v3/", 1);
    assert_int_equal(config_load(&cfg, CONFIG_SERVE, 0, NULL, err, sizeof(err)), 0);
    assert_string_equal(cfg.stripe_api_base, "http://127.0.0.1:9");
    assert_string_equal(cfg.stripe_publishable_key, "pk_test_blytz");
    assert_string_equal(cfg.stripe_js_url, "http://127.0.0.1:9/v3/");
    unsetenv("STRIPE_PUBLISHABLE_KEY");
    unsetenv("STRIPE_JS_URL");
    assert_int_equal(cmd_payments_open(&cfg, &p), 0);
    assert_non_null(p);
    p->ops->close(p);
    const char *bad_secrets[] = {"", "whsec_a,", "a,b,c,d,e", "whsec a"};
    for (size_t i = 0; i < sizeof(bad_secrets) / sizeof(bad_secrets[0]); i++) {
        setenv("STRIPE_WEBHOOK_SECRET", bad_secrets[i], 1);
        char *flag[] = {"--stripe-webhook-secret", (char *)bad_secrets[i]};
        assert_int_equal(config_load(&cfg, CONFIG_SERVE, 2, flag, err, sizeof(err)), 0);
        assert_int_equal(cmd_payments_open(&cfg, &p), 2);
        assert_null(p);
    }
    setenv("STRIPE_API_BASE", "api.stripe.com", 1);
    assert_int_equal(config_load(&cfg, CONFIG_SERVE, 0, NULL, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "STRIPE_API_BASE"));
    unsetenv("STRIPE_SECRET_KEY");
    unsetenv("STRIPE_WEBHOOK_SECRET");
    unsetenv("STRIPE_API_BASE");
}

/* Stripe.js's origins for the web app's CSP: js_url's origin, and Stripe's 3-D Secure frames
 * beside Stripe's own; nothing from an empty or odd URL. */
static void stripe_js_origins_for_csp(void **state)
{
    char o[128];
    cmd_payments_csp_origins("https://js.stripe.com/v3/", o, sizeof(o));
    assert_string_equal(o, "https://js.stripe.com https://hooks.stripe.com");
    cmd_payments_csp_origins("http://127.0.0.1:4242/v3/?x#y", o, sizeof(o));
    assert_string_equal(o, "http://127.0.0.1:4242");
    cmd_payments_csp_origins("https://js.stripe.com.example/v3/", o, sizeof(o));
    assert_string_equal(o, "https://js.stripe.com.example");
    const char *none[] = {"", "js.stripe.com/v3/", "https://", "ftp://x/", "//js.stripe.com/"};
    for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
        cmd_payments_csp_origins(none[i], o, sizeof(o));
        assert_string_equal(o, "");
    }
    char tiny[16];
    cmd_payments_csp_origins("https://js.stripe.com/v3/", tiny, sizeof(tiny));
    assert_string_equal(tiny, ""); /* does not fit: nothing rather than a cut origin */
}

UNIT_MAIN(cmocka_unit_test(defaults_env_and_flags), cmocka_unit_test(bad_values_say_which),
          cmocka_unit_test(public_url_is_checked), cmocka_unit_test(socket_limits_are_checked),
          cmocka_unit_test(stripe_settings_open_payments),
          cmocka_unit_test(stripe_js_origins_for_csp))
