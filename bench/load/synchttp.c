/* bench/load/synchttp.c - see synchttp.h. */
#include "synchttp.h"

#include <http_parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct sync_answer {
    bytes body;
    bool complete;
} sync_answer;

static int on_body(http_parser *p, const char *at, size_t len)
{
    sync_answer *a = p->data;
    return bytes_append(&a->body, at, len) ? 0 : -1;
}

static int on_complete(http_parser *p)
{
    ((sync_answer *)p->data)->complete = true;
    return 0;
}

static int open_socket(const target *t)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    struct timeval tv = {.tv_sec = 10};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (const struct sockaddr *)&t->addr, sizeof t->addr) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n <= 0) {
            return false;
        }
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* Reads until the parser saw a whole answer; the status, or -1. */
static int read_answer(int fd, sync_answer *a)
{
    http_parser_settings settings = {.on_body = on_body, .on_message_complete = on_complete};
    http_parser parser;
    http_parser_init(&parser, HTTP_RESPONSE);
    parser.data = a;
    char buf[16384];
    for (int reads = 0; !a->complete && reads < 10000; reads++) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) {
            return -1;
        }
        http_parser_execute(&parser, &settings, buf, (size_t)n); /* n == 0 signals EOF */
        if (parser.http_errno != HPE_OK || n == 0) {
            break;
        }
    }
    return a->complete ? (int)parser.status_code : -1;
}

int sync_http_json(const target *t, const char *method, const char *path, const char *token,
                   json_t *body, json_t **out)
{
    *out = NULL;
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    size_t cap = 2048 + (text ? strlen(text) : 0) + (token ? strlen(token) : 0);
    char *request = malloc(cap);
    int fd = request ? open_socket(t) : -1;
    int status = -1;
    if (fd >= 0) {
        int n = snprintf(request, cap,
                         "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n"
                         "Content-Type: application/json\r\nContent-Length: %zu\r\n%s%s%s\r\n%s",
                         method, path, t->host, text ? strlen(text) : 0,
                         token ? "Authorization: Bearer " : "", token ? token : "",
                         token ? "\r\n" : "", text ? text : "");
        sync_answer a = {0};
        if (n > 0 && (size_t)n < cap && write_all(fd, request, (size_t)n)) {
            status = read_answer(fd, &a);
        }
        if (status > 0 && a.body.len) {
            *out = json_loadb((const char *)a.body.data, a.body.len, 0, NULL);
        }
        bytes_free(&a.body);
        close(fd);
    }
    free(request);
    free(text);
    return status;
}
