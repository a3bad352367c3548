/*
 * base/log.c - JSON lines on one file descriptor.
 *
 * Below base/buf and base/check on purpose: a failed check is reported through this file, so
 * a check inside the buffer code must not find its report going back into the buffer code.
 * Lines are built on the stack (a message is at most 1 KiB before escaping).
 */
#include "base/log.h"

#include "base/str.h"
#include "base/time.h"

#include <stdarg.h>
#include <stdio.h>
#include <sys/uio.h>
#include <unistd.h>

static enum bz_log_level min_level = BZ_LOG_INFO;
static int log_fd = 2;

void bz_log_set_level(enum bz_log_level level)
{
    min_level = level;
}

void bz_log_set_fd(int fd)
{
    log_fd = fd;
}

static void write_all(const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(log_fd, p, n);
        if (w <= 0) {
            return;
        }
        p += w;
        n -= (size_t)w;
    }
}

void bz_log_raw(const char *json_object, unsigned long len)
{
    /* One writev, so lines of concurrent writers never interleave on a pipe. */
    struct iovec iov[2] = {{(void *)json_object, len}, {"\n", 1}};
    ssize_t w = writev(log_fd, iov, 2);
    if (w >= 0 && (size_t)w < len + 1) {
        if ((size_t)w < len) {
            write_all(json_object + w, len - (size_t)w);
            w = (ssize_t)len;
        }
        write_all("\n", 1);
    }
}

/* The message escaped as a JSON string into `out` (at least 6 * strlen(msg) + 3 bytes);
 * returns the bytes written. */
static size_t json_quote(char *out, const char *msg)
{
    size_t n = 0;
    out[n++] = '"';
    for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
        char tmp[7];
        const char *esc = bz_json_escape_char(*p, tmp);
        if (!esc) {
            out[n++] = (char)*p;
            continue;
        }
        while (*esc) {
            out[n++] = *esc++;
        }
    }
    out[n++] = '"';
    return n;
}

void bz_log(enum bz_log_level level, const char *fmt, ...)
{
    static const char *names[] = {"debug", "info", "warn", "error"};
    if (level < min_level) {
        return;
    }
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    char ts[BZ_RFC3339_LEN];
    bz_time_format(bz_now_ms(), ts);
    /* Room for the head, every byte of msg escaped to six, and the closing brace. */
    char line[128 + 6 * sizeof(msg) + 2];
    int head = snprintf(line, 128, "{\"ts\":\"%s\",\"level\":\"%s\",\"msg\":", ts, names[level]);
    if (head <= 0 || head >= 128) {
        return;
    }
    size_t n = (size_t)head + json_quote(line + head, msg);
    line[n++] = '}';
    bz_log_raw(line, n);
}
