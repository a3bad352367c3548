/*
 * Cross-cutting behaviour every request gets: request ids, client IP, CORS, security
 * headers, bearer-token verification and the access log (rate limits: auth_limits.c).
 */
#include "app/revocation.h"
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"
#include "base/time.h"
#include "http/internal.h"
#include "net/tcp.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define LOG_FLUSH_BYTES (32 * 1024)

static bool sane_request_id(const char *v)
{
    size_t n = 0;
    for (; v[n]; n++) {
        char c = v[n];
        if (n >= 64 || !(isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-')) {
            return false;
        }
    }
    return n > 0;
}

/* Keep a sane client X-Request-Id so traces join up across a proxy; otherwise make one that
 * is unique per process without a syscall: random prefix (set at start) + counter. */
void http_mw_request_id(http_req *r)
{
    const char *in = http_req_header(r, "X-Request-Id");
    if (in && sane_request_id(in)) {
        bz_strlcpy(r->id, in, sizeof(r->id));
        return;
    }
    http_server *s = r->srv;
    snprintf(r->id, sizeof(r->id), "%s%010llx", s->id_prefix, (unsigned long long)++s->id_seq);
}

/* Whether `ip` is one of the comma-separated addresses of `list`. */
static bool listed(const char *list, const char *ip)
{
    size_t n = strlen(ip);
    for (const char *p = list; *p;) {
        p += strspn(p, " ,");
        size_t len = strcspn(p, " ,");
        if (len == n && n > 0 && memcmp(p, ip, n) == 0) {
            return true;
        }
        p += len;
    }
    return false;
}

bool http_mw_trusted_peer(const http_server *s, const char *peer)
{
    const http_server_config *cfg = &s->cfg;
    return cfg->trust_proxy &&
           (!cfg->trusted_proxies || !*cfg->trusted_proxies || listed(cfg->trusted_proxies, peer));
}

/* The client of this request: the peer address, or, when the peer is one of our proxies
 * (trust_proxy, trusted_proxies), the last X-Forwarded-For hop (the one our proxy added;
 * earlier hops are client-controlled) when it is an IP address. Anyone else reaching the node
 * directly could write any X-Forwarded-For and pick whose rate limits to spend. Per request,
 * never per connection: a proxy's keep-alive connection carries requests of many clients. */
void http_mw_client_ip(http_req *r)
{
    bz_strlcpy(r->ip, r->conn->ip, sizeof(r->ip));
    const char *xff =
        http_mw_trusted_peer(r->srv, r->conn->ip) ? http_req_header(r, "X-Forwarded-For") : NULL;
    if (!xff) {
        return;
    }
    const char *last = strrchr(xff, ',');
    last = last ? last + 1 : xff;
    while (*last == ' ') {
        last++;
    }
    size_t n = strcspn(last, " ");
    char hop[NET_IP_MAX];
    net_addr_key key;
    if (n > 0 && n < sizeof(hop)) {
        memcpy(hop, last, n);
        hop[n] = '\0';
        if (net_addr_key_from_ip(hop, &key)) {
            memcpy(r->ip, hop, n + 1);
        }
    }
}

/* Exact match of the Origin against the comma-separated allow-list. */
static bool origin_allowed(const http_server *s, const char *origin)
{
    if (!origin || !s->cors || !*s->cors) {
        return false;
    }
    size_t olen = strlen(origin);
    for (const char *p = s->cors; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == olen && memcmp(p, origin, len) == 0) {
            return true;
        }
        if (!comma) {
            break;
        }
        p = comma + 1;
    }
    return false;
}

bool http_req_origin_allowed(const http_req *r)
{
    return origin_allowed(r->srv, http_req_header(r, "Origin"));
}

static void cors_headers(http_req *r)
{
    http_server *s = r->srv;
    if (!s->cors || !*s->cors) {
        return;
    }
    bz_buf *h = &r->head;
    bz_buf_puts(h, "Vary: Origin\r\n");
    const char *origin = http_req_header(r, "Origin");
    if (origin_allowed(s, origin)) {
        bz_buf_printf(h,
                      "Access-Control-Allow-Origin: %s\r\n"
                      "Access-Control-Allow-Credentials: true\r\n"
                      "Access-Control-Expose-Headers: X-Request-Id, Retry-After, ETag\r\n",
                      origin);
    }
}

/* OPTIONS on a known path: a CORS preflight (or a plain OPTIONS) answered by the server. */
bool http_mw_preflight(http_req *r)
{
    if (r->msg.method != HTTP_M_OPTIONS || r->match.allowed == 0) {
        return false;
    }
    char allow[96];
    http_router_allow_header(r->match.allowed, allow, sizeof(allow));
    http_res_empty(&r->res, 204);
    http_res_header(&r->res, "Allow", allow);
    const char *origin = http_req_header(r, "Origin");
    if (origin_allowed(r->srv, origin) && http_req_header(r, "Access-Control-Request-Method")) {
        http_res_header(&r->res, "Access-Control-Allow-Methods", allow);
        http_res_header(&r->res, "Access-Control-Allow-Headers",
                        "Authorization, Content-Type, Idempotency-Key, X-Request-Id");
        http_res_header(&r->res, "Access-Control-Max-Age", "600");
    }
    return true;
}

/* An origin as CSP takes it: http(s)://host[:port], nothing that could end the directive or
 * the header. */
static bool csp_origin_ok(const char *o)
{
    size_t scheme = strncmp(o, "http://", 7) == 0 ? 7 : strncmp(o, "https://", 8) == 0 ? 8 : 0;
    if (!scheme || !o[scheme]) {
        return false;
    }
    for (const char *p = o + scheme; *p; p++) {
        if (!isalnum((unsigned char)*p) && !strchr(".-:[]", *p)) {
            return false;
        }
    }
    return true;
}

/* " <origin>" for each of the space-separated `list` that csp_origin_ok takes, into `out`
 * (a wrong one is logged and left out). */
static int csp_origins(bz_buf *out, const char *list, const char *what)
{
    int rc = BZ_OK;
    for (const char *p = list ? list : ""; rc == BZ_OK && *p;) {
        size_t n = strcspn(p, " ");
        char one[256];
        snprintf(one, sizeof(one), "%.*s", (int)n, p);
        if (n > 0 && n < sizeof(one) && csp_origin_ok(one)) {
            rc = bz_buf_printf(out, " %s", one);
        } else if (n > 0) {
            bz_warn("http: %s \"%.*s\" is not scheme://host[:port]: left out", what, (int)n, p);
        }
        p += n + (p[n] == ' ');
    }
    return rc;
}

char *http_csp_html(const char *connect_origin, const char *pay_origins)
{
    bz_buf conn, pay, b;
    bz_buf_init(&conn, 0);
    bz_buf_init(&pay, 0);
    bz_buf_init(&b, 0);
    int rc = csp_origins(&conn, connect_origin, "csp_connect_origin");
    if (rc == BZ_OK && (rc = csp_origins(&pay, pay_origins, "csp_pay_origins")) == BZ_OK) {
        const char *po = pay.data ? pay.data : "";
        rc = bz_buf_printf(&b,
                           "Content-Security-Policy: default-src 'self'; script-src 'self'%s; "
                           "%s%s%s"
                           "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; "
                           "media-src 'self' blob: https:; connect-src 'self' ws: wss: https:%s%s; "
                           "font-src 'self' data:; object-src 'none'; base-uri 'self'; "
                           "frame-ancestors 'none'\r\n",
                           po, *po ? "frame-src 'self'" : "", po, *po ? "; " : "",
                           conn.data ? conn.data : "", po);
    }
    bz_buf_free(&conn);
    bz_buf_free(&pay);
    if (rc != BZ_OK) {
        bz_buf_free(&b);
        return NULL;
    }
    return bz_buf_steal(&b, NULL);
}

/* Headers every response gets, written straight into the serialised head. */
void http_mw_finish_headers(http_req *r)
{
    static const char security[] = "X-Content-Type-Options: nosniff\r\n"
                                   "X-Frame-Options: DENY\r\n"
                                   "Referrer-Policy: strict-origin-when-cross-origin\r\n"
                                   "Cross-Origin-Opener-Policy: same-origin\r\n";
    static const char csp_api[] =
        "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n";
    bz_buf *h = &r->head;
    bz_buf_append(h, security, sizeof(security) - 1);
    if (r->res.html) {
        bz_buf_puts(h, r->srv->csp_html);
    } else {
        bz_buf_append(h, csp_api, sizeof(csp_api) - 1);
    }
    bz_buf_printf(h, "X-Request-Id: %s\r\n", r->id);
    if (r->res.status == 405) {
        char allow[96];
        http_router_allow_header(r->match.allowed, allow, sizeof(allow));
        bz_buf_printf(h, "Allow: %s\r\n", allow);
    }
    if (r->res.retry_after_s > 0) {
        bz_buf_printf(h, "Retry-After: %d\r\n", r->res.retry_after_s);
    }
    cors_headers(r);
}

/* "Date:" value, formatted at most once per second. */
const char *http_mw_date(http_server *s)
{
    uint64_t sec = uv_now(s->loop) / 1000;
    if (sec != s->date_sec || !s->date[0]) {
        s->date_sec = sec;
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(s->date, sizeof(s->date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    }
    return s->date;
}

/* Verify a bearer token if one is presented, revocation included (app_access_check: an
 * in-memory lookup, no store read). A bad token on a public route is ignored (the caller
 * stays anonymous); on an HTTP_AUTH route it is the answer. Any thread. */
void http_mw_auth(http_req *r)
{
    const char *auth = http_req_header(r, "Authorization");
    const http_route *route = r->match.route;
    bool required = route && (route->flags & HTTP_AUTH);
    int rc = BZ_EUNAUTHORIZED;
    if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
        const char *token = auth + 7;
        while (*token == ' ') {
            token++;
        }
        crypto_claims claims;
        rc = app_access_check(r->srv->env, token, bz_now_ms(), &claims);
        if (rc == BZ_OK) {
            r->user_id = claims.user_id;
            r->session_id = claims.session_id;
        }
    }
    if (required && r->user_id == 0) {
        http_res_error(&r->res, rc == BZ_ETOKENEXPIRED ? BZ_ETOKENEXPIRED : BZ_EUNAUTHORIZED, NULL,
                       NULL);
    }
}

/* One JSON line per request: never headers like Authorization, never bodies. Lines are
 * batched and written once per loop iteration (or every 32 KiB) by http_mw_flush_log. */
void http_mw_access_log(http_req *r)
{
    http_server *s = r->srv;
    if (!s->cfg.access_log) {
        return;
    }
    static const char *methods[] = {"GET",   "HEAD",   "POST",    "PUT",
                                    "PATCH", "DELETE", "OPTIONS", "OTHER"};
    bz_buf *b = &s->access_log;
    char ts[BZ_RFC3339_LEN];
    bz_time_format(bz_now_ms(), ts);
    uint64_t dur_us = (bz_mono_ns() - r->t_start_ns) / 1000;
    size_t bytes =
        r->head.len + (r->head_only ? 0 : (r->res.ext ? r->res.ext_len : r->res.body.len));
    if (b->len) {
        bz_buf_putc(b, '\n');
    }
    bz_buf_printf(b, "{\"ts\":\"%s\",\"type\":\"access\",\"request_id\":", ts);
    bz_buf_json_str(b, r->id);
    bz_buf_printf(b, ",\"method\":\"%s\",\"path\":", methods[r->msg.method & 7]);
    bz_buf_json_str(b, r->path ? r->path : "");
    bz_buf_printf(b,
                  ",\"status\":%d,\"bytes\":%zu,\"duration_ms\":%llu.%03llu,\"ip\":", r->res.status,
                  bytes, (unsigned long long)(dur_us / 1000), (unsigned long long)(dur_us % 1000));
    bz_buf_json_str(b, http_req_ip(r));
    if (r->user_id) {
        bz_buf_printf(b, ",\"user_id\":\"%lld\"}", (long long)r->user_id);
    } else {
        bz_buf_puts(b, ",\"user_id\":null}");
    }
    if (b->len >= LOG_FLUSH_BYTES) {
        http_mw_flush_log(s);
    }
}

void http_mw_flush_log(http_server *s)
{
    if (s->access_log.len) {
        bz_log_raw(s->access_log.data, s->access_log.len);
        bz_buf_reset(&s->access_log);
    }
}
