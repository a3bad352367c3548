/*
 * Rate limits of the sign-in routes (docs/http.md "Login and sign-up limits"): limits that
 * slow an attacker without letting the attacker turn them against the people they target.
 *
 * - Every register/login/refresh request takes a token from its client address's bucket
 *   ("auth:ip:"). Sized for a crowd behind one carrier address (CGNAT), it only bounds floods.
 * - A login takes a token from three buckets of failures and gives it back unless the
 *   password was wrong, so only failures count (holding the token while the attempt runs
 *   keeps parallel guesses from all passing one check):
 *     "login:fail:pair:<address> <email>"  guesses at one account from one address;
 *     "login:fail:ip:<address>"            guesses at any account from one address;
 *     "login:fail:acct:<email>"            guesses from anywhere: a looser ceiling against
 *                                          guessing spread over many addresses, which binds
 *                                          only addresses that have failed on the account
 *                                          themselves, so it can never refuse the owner
 *                                          from an address with no recent failures.
 * IPv6 addresses count by their /64, which one subscriber usually holds whole.
 */
#include "base/err.h"
#include "base/time.h"
#include "http/internal.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The address a limit counts by: IPv4 as is, IPv6 by its /64 (an IPv4-mapped one as IPv4). */
static void limit_addr(const char *ip, char *out, size_t n)
{
    struct in6_addr a6;
    if (!strchr(ip, ':') || inet_pton(AF_INET6, ip, &a6) != 1) {
        snprintf(out, n, "%s", ip);
        return;
    }
    char text[INET6_ADDRSTRLEN];
    if (IN6_IS_ADDR_V4MAPPED(&a6)) {
        inet_ntop(AF_INET, &a6.s6_addr[12], text, sizeof(text));
        snprintf(out, n, "%s", text);
        return;
    }
    memset(&a6.s6_addr[8], 0, 8);
    inet_ntop(AF_INET6, &a6, text, sizeof(text));
    snprintf(out, n, "%s/64", text);
}

static void refuse(http_req *r, int retry_after_s)
{
    http_res_error(&r->res, BZ_ERATELIMIT, NULL, NULL);
    r->res.retry_after_s = retry_after_s < 1 ? 1 : retry_after_s;
}

/* One token from the client address's bucket `name`. */
static int take_address(http_req *r, const char *name, double rate, double burst)
{
    http_server *s = r->srv;
    if (!s->limiter || rate <= 0 || burst <= 0) {
        return BZ_OK;
    }
    char addr[NET_IP_MAX + 8], key[NET_IP_MAX + 24];
    limit_addr(http_req_ip(r), addr, sizeof(addr));
    snprintf(key, sizeof(key), "%s:ip:%s", name, addr);
    int retry = 1;
    if (http_limiter_take(s->limiter, key, bz_now_ms(), rate, burst, &retry) != BZ_OK) {
        refuse(r, retry);
        return BZ_ERATELIMIT;
    }
    return BZ_OK;
}

int http_mw_rate_limit(http_req *r)
{
    const http_server_config *c = &r->srv->cfg;
    unsigned flags = r->match.route ? r->match.route->flags : 0;
    int rc = BZ_OK;
    if (flags & HTTP_RATE_AUTH) {
        rc = take_address(r, "auth", c->rate_auth_per_s, c->rate_auth_burst);
    }
    if (rc == BZ_OK && (flags & HTTP_RATE_VIDEO)) {
        rc = take_address(r, "video", c->rate_video_per_s, c->rate_video_burst);
    }
    return rc;
}

/* ---- failed logins --------------------------------------------------------------------- */

enum { PAIR, ADDR, ACCT };

static void bucket_of(const http_server *s, int which, double *rate, double *burst)
{
    const http_server_config *c = &s->cfg;
    *rate = which == PAIR   ? c->login_fail_per_s
            : which == ADDR ? c->login_fail_addr_per_s
                            : c->login_fail_acct_per_s;
    *burst = which == PAIR   ? c->login_fail_burst
             : which == ADDR ? c->login_fail_addr_burst
                             : c->login_fail_acct_burst;
}

static bool bucket_on(const http_server *s, int which)
{
    double rate, burst;
    bucket_of(s, which, &rate, &burst);
    return rate > 0 && burst > 0;
}

static int take(http_req *r, http_login_hold *h, int which, int *retry)
{
    double rate, burst;
    bucket_of(r->srv, which, &rate, &burst);
    int rc = http_limiter_take(r->srv->limiter, h->keys[which], h->now_ms, rate, burst, retry);
    h->held[which] = rc == BZ_OK;
    return rc;
}

static void give_back(http_req *r, http_login_hold *h)
{
    for (int i = 0; i < HTTP_LOGIN_BUCKETS; i++) {
        if (h->held[i]) {
            double rate, burst;
            bucket_of(r->srv, i, &rate, &burst);
            http_limiter_give(r->srv->limiter, h->keys[i], h->now_ms, rate, burst);
            h->held[i] = false;
        }
    }
}

/* The account a password check is about: the signed-in user on an authenticated route (a
 * password change), else the login's "email" (lower-cased by make_keys, as login looks it
 * up). Written into `buf`; NULL if none. */
static const char *login_account(http_req *r, char *buf, size_t n)
{
    if (r->user_id > 0) {
        snprintf(buf, n, "#%lld", (long long)r->user_id);
        return buf;
    }
    json_t *body = NULL;
    if (!r->msg.body.len || http_req_json(r, &body) != BZ_OK) {
        return NULL;
    }
    const char *email = json_string_value(json_object_get(body, "email"));
    return email && *email ? email : NULL;
}

static void make_keys(http_req *r, http_login_hold *h, const char *email)
{
    char addr[NET_IP_MAX + 8], acct[HTTP_LOGIN_KEY_MAX - 80]; /* room for prefix and address */
    limit_addr(http_req_ip(r), addr, sizeof(addr));
    size_t n = 0;
    for (; email[n] && n + 1 < sizeof(acct); n++) {
        acct[n] = (char)tolower((unsigned char)email[n]);
    }
    acct[n] = '\0';
    snprintf(h->keys[PAIR], sizeof(h->keys[PAIR]), "login:fail:pair:%s %s", addr, acct);
    snprintf(h->keys[ADDR], sizeof(h->keys[ADDR]), "login:fail:ip:%s", addr);
    snprintf(h->keys[ACCT], sizeof(h->keys[ACCT]), "login:fail:acct:%s", acct);
}

int http_mw_login_reserve(http_req *r, http_login_hold *h)
{
    memset(h, 0, sizeof(*h));
    http_server *s = r->srv;
    char user[24];
    const char *email = s->limiter ? login_account(r, user, sizeof(user)) : NULL;
    if (!email) {
        return BZ_OK; /* nothing to guess at: the handler refuses it */
    }
    h->now_ms = bz_now_ms();
    make_keys(r, h, email);
    int retry = 1;
    if (bucket_on(s, ADDR) && take(r, h, ADDR, &retry) != BZ_OK) {
        refuse(r, retry);
        return BZ_ERATELIMIT;
    }
    /* Whether this address has failed on this account lately, before our own take. */
    double rate, burst, tokens = 0;
    bucket_of(s, PAIR, &rate, &burst);
    bool clean = !bucket_on(s, PAIR) || (http_limiter_peek(s->limiter, h->keys[PAIR], h->now_ms,
                                                           rate, burst, &tokens) == BZ_OK &&
                                         tokens >= burst);
    if (bucket_on(s, PAIR) && take(r, h, PAIR, &retry) != BZ_OK) {
        give_back(r, h);
        refuse(r, retry);
        return BZ_ERATELIMIT;
    }
    if (bucket_on(s, ACCT) && take(r, h, ACCT, &retry) != BZ_OK && !clean) {
        /* The account is under attack from many addresses and this one has failed on it: it
         * waits until its own failures have aged out (its pair bucket is full again). */
        give_back(r, h);
        refuse(r, (int)((burst - tokens) / rate) + 1);
        return BZ_ERATELIMIT;
    }
    return BZ_OK;
}

void http_mw_login_settle(http_req *r, http_login_hold *h)
{
    /* Only a wrong email or password counts; anything else (success, bad input, a server
     * error) gives the tokens back. */
    int code = r->ctx ? r->ctx->err.code : BZ_OK;
    bool failed = code == BZ_EBADCREDENTIALS || code == BZ_EWRONGPASSWORD;
    if (!failed) {
        give_back(r, h);
    }
}
