/* bench/load/procstat.c - see procstat.h. */
#include "procstat.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static bool read_text(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        return false;
    }
    size_t n = fread(buf, 1, cap - 1, f);
    fclose(f);
    buf[n] = '\0';
    return n > 0;
}

bool proc_parse_stat_ticks(const char *text, uint64_t *ticks)
{
    /* The command name (field 2) may contain spaces and parentheses: fields are
     * counted from the last ')'. Field 3 follows it, so utime (14) is the 12th after. */
    const char *p = strrchr(text, ')');
    if (!p) {
        return false;
    }
    uint64_t utime, stime;
    if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %" SCNu64 " %" SCNu64, &utime,
               &stime) != 2) {
        return false;
    }
    *ticks = utime + stime;
    return true;
}

bool proc_parse_status_rss(const char *text, uint64_t *bytes)
{
    const char *p = strstr(text, "\nVmRSS:");
    uint64_t kb;
    if (!p || sscanf(p + 7, " %" SCNu64 " kB", &kb) != 1) {
        return false;
    }
    *bytes = kb * 1024;
    return true;
}

bool proc_cpu_us(pid_t pid, uint64_t *out)
{
    char path[64], text[1024];
    uint64_t ticks;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (!read_text(path, text, sizeof text) || !proc_parse_stat_ticks(text, &ticks)) {
        return false;
    }
    long hz = sysconf(_SC_CLK_TCK);
    *out = ticks * 1000000u / (uint64_t)(hz > 0 ? hz : 100);
    return true;
}

bool proc_rss_bytes(pid_t pid, uint64_t *out)
{
    char path[64], text[4096];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    return read_text(path, text, sizeof text) && proc_parse_status_rss(text, out);
}

uint64_t self_cpu_us(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000u +
           (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}
