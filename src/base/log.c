#include "base/log.h"

#include "base/buf.h"
#include "base/time.h"

#include <stdarg.h>
#include <stdio.h>
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
    char stackbuf[2048];
    if (len + 1 <= sizeof(stackbuf)) {
        for (unsigned long i = 0; i < len; i++) {
            stackbuf[i] = json_object[i];
        }
        stackbuf[len] = '\n';
        write_all(stackbuf, len + 1);
        return;
    }
    bz_buf b;
    bz_buf_init(&b, 0);
    if (bz_buf_append(&b, json_object, len) == 0 && bz_buf_putc(&b, '\n') == 0) {
        write_all(b.data, b.len);
    }
    bz_buf_free(&b);
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
    bz_buf b;
    bz_buf_init(&b, 0);
    bz_buf_printf(&b, "{\"ts\":\"%s\",\"level\":\"%s\",\"msg\":", ts, names[level]);
    bz_buf_json_str(&b, msg);
    bz_buf_putc(&b, '}');
    if (b.data) {
        bz_log_raw(b.data, b.len);
    }
    bz_buf_free(&b);
}
