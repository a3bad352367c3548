/*
 * base/log.h - structured logging: one JSON object per line on stderr.
 *
 * Lines are written with a single write(2), so lines from several threads do
 * not interleave. Never pass secrets (passwords, tokens, keys) to a log call.
 */
#ifndef BASE_LOG_H
#define BASE_LOG_H

enum bz_log_level { BZ_LOG_DEBUG, BZ_LOG_INFO, BZ_LOG_WARN, BZ_LOG_ERROR };

/* Lines below `level` are dropped. Default BZ_LOG_INFO. */
void bz_log_set_level(enum bz_log_level level);

/* Redirect output to `fd` (default 2). */
void bz_log_set_fd(int fd);

/* {"ts":...,"level":...,"msg":"<formatted>"} */
void bz_log(enum bz_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Write `json_object` (an already serialised JSON object without a newline) as one line. */
void bz_log_raw(const char *json_object, unsigned long len);

#define bz_debug(...) bz_log(BZ_LOG_DEBUG, __VA_ARGS__)
#define bz_info(...)  bz_log(BZ_LOG_INFO, __VA_ARGS__)
#define bz_warn(...)  bz_log(BZ_LOG_WARN, __VA_ARGS__)
#define bz_error(...) bz_log(BZ_LOG_ERROR, __VA_ARGS__)

#endif
