/* bench/load/procstat.h - the server's CPU time and resident memory from /proc, and
 * this process's own CPU time, so figures can be read beside the load generator's
 * share of the machine. */
#ifndef BENCH_LOAD_PROCSTAT_H
#define BENCH_LOAD_PROCSTAT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* utime + stime of pid in microseconds, from /proc/PID/stat (fields 14 and 15). */
bool proc_cpu_us(pid_t pid, uint64_t *out);

/* VmRSS of pid in bytes, from /proc/PID/status. */
bool proc_rss_bytes(pid_t pid, uint64_t *out);

/* Parses the text of /proc/PID/stat (exposed for the tests): utime + stime in ticks. */
bool proc_parse_stat_ticks(const char *text, uint64_t *ticks);

/* Parses the text of /proc/PID/status: VmRSS in bytes. */
bool proc_parse_status_rss(const char *text, uint64_t *bytes);

/* User + system CPU of this process in microseconds. */
uint64_t self_cpu_us(void);

#endif
