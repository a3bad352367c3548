/*
 * base/time.h - clocks and RFC 3339 timestamps. Blytz stores and speaks UTC
 * milliseconds since the Unix epoch (int64). The domain never reads a clock:
 * callers pass `now` in.
 */
#ifndef BASE_TIME_H
#define BASE_TIME_H

#include <stddef.h>
#include <stdint.h>

/* Wall clock, milliseconds since the epoch (UTC). */
int64_t bz_now_ms(void);

/* Monotonic clock in nanoseconds, for durations only. */
uint64_t bz_mono_ns(void);

#define BZ_RFC3339_LEN 25 /* "2026-11-24T21:40:04.123Z" + NUL */

/* Format as "YYYY-MM-DDTHH:MM:SS.mmmZ" into out (at least BZ_RFC3339_LEN bytes). */
void bz_time_format(int64_t ms, char out[BZ_RFC3339_LEN]);

#define BZ_MYT_OFFSET_MS (8LL * 60 * 60 * 1000) /* Malaysia time: UTC+8, no daylight saving */
#define BZ_MYT_LEN       40                     /* "Wed 31 Dec 2026, 12:59 pm MYT" + NUL fits */

/* Malaysia time as people read it: "Fri 4 Dec 2026, 8:00 pm MYT" into out (BZ_MYT_LEN bytes;
 * always NUL-terminated). What a share page and a receipt show. */
void bz_time_format_myt(int64_t ms, char out[BZ_MYT_LEN]);

/* A calendar day "YYYY-MM-DD" (exactly; a real day of the proleptic Gregorian calendar,
 * years 0001..9999) -> days since 1970-01-01 in *days. BZ_EVALIDATION if not one. */
int bz_date_parse(const char *s, int64_t *days);

/* Parse RFC 3339 (fractional seconds optional, 'Z' or +HH:MM offset) to UTC ms.
 * BZ_EVALIDATION if malformed. */
int bz_time_parse(const char *s, size_t len, int64_t *ms_out);

#endif
