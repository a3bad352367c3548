/*
 * integrations/httpc/httpc.c - one libcurl exchange (see httpc.h).
 */
#include "integrations/httpc/httpc.h"

#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"

#include <openssl/crypto.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_result;

static void curl_init(void)
{
    curl_init_result = curl_global_init(CURL_GLOBAL_DEFAULT);
}

int httpc_init(void)
{
    pthread_once(&curl_once, curl_init);
    return curl_init_result == CURLE_OK ? BZ_OK : BZ_EINTERNAL;
}

bool httpc_add_header(struct curl_slist **list, const char *name, const char *value)
{
    char line[4096];
    int n = snprintf(line, sizeof(line), "%s:%s%s", name, value ? " " : "", value ? value : "");
    if (n < 0 || (size_t)n >= sizeof(line)) {
        return false;
    }
    struct curl_slist *grown = curl_slist_append(*list, line);
    if (grown) {
        *list = grown;
    }
    OPENSSL_cleanse(line, sizeof(line));
    return grown != NULL;
}

/* Where curl writes a response body; `overflow` tells a cap hit from a failed transfer. */
typedef struct body_sink {
    bz_buf *buf;
    bool overflow;
} body_sink;

static size_t collect_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    body_sink *sink = userdata;
    size_t n = size * nmemb;
    if (bz_buf_append(sink->buf, ptr, n) != BZ_OK) {
        sink->overflow = true;
        return 0; /* less than n: curl stops with CURLE_WRITE_ERROR */
    }
    return n;
}

static size_t pass_header(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    const httpc_req *req = userdata;
    req->on_header(req->header_arg, ptr, size * nmemb);
    return size * nmemb;
}

int httpc_perform(const httpc_req *req, bz_buf *response, long *status)
{
    *status = 0;
    CURL *curl = curl_easy_init();
    if (!curl) {
        return BZ_ENOMEM;
    }
    body_sink sink = {response, false};
    curl_easy_setopt(curl, CURLOPT_URL, req->url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); /* no SIGALRM games in a threaded server */
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, (long)req->connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)req->timeout_ms);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, req->headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    if (req->on_header) {
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, pass_header);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, (void *)req);
    }
    if (response->limit) { /* refuse early when Content-Length already says too much */
        curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)response->limit);
    }
    bool put = strcmp(req->method, "PUT") == 0, post = strcmp(req->method, "POST") == 0;
    if (put || post) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, req->body_len ? req->body : "");
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
    }
    if (!post && strcmp(req->method, "GET") != 0) {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, req->method);
    }
    CURLcode cc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
    curl_easy_cleanup(curl);
    if (sink.overflow || cc == CURLE_FILESIZE_EXCEEDED) {
        bz_warn("%s: %s %s: answer over %zu bytes refused", req->who, req->method, req->url,
                response->limit);
        return BZ_ETOOLARGE;
    }
    if (cc != CURLE_OK) {
        bz_warn("%s: %s %s: %s", req->who, req->method, req->url, curl_easy_strerror(cc));
        return BZ_EUNAVAILABLE;
    }
    return BZ_OK;
}

int httpc_backoff_ms(int first_ms, int ceil_ms, int n)
{
    int64_t d = first_ms;
    for (int i = 1; i < n && d < ceil_ms; i++) {
        d *= 2;
    }
    d = d > ceil_ms ? ceil_ms : d;
    uint32_t r;
    bz_random_bytes(&r, sizeof(r));
    int64_t jittered = d / 2 + (int64_t)(r % (uint32_t)(d / 2 + 1));
    return (int)(jittered < first_ms ? first_ms : jittered);
}

void httpc_sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}
