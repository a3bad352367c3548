/*
 * integrations/janus/janus_rec.c - .mjr headers and the janus-pp-rec runs
 * (see janus_rec.h).
 *
 * Invariants: only regular files named *.mjr directly in the recording's
 * directory are read (no symlinks followed, no subdirectories); converted
 * files are written into that directory under fixed names and removed after.
 */
#include "integrations/janus/janus_rec.h"

#include "base/err.h"
#include "base/log.h"
#include "base/str.h"

#include <jansson.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define DEFAULT_TIMEOUT_MS 600000
#define DEFAULT_MAX_BYTES  (1024u * 1024 * 1024)
#define HEADER_READ_MAX    (JANUS_MJR_MAGIC_LEN + 2 + 65535)
#define VIDEO_OUT          "blytz-video.webm"
#define AUDIO_OUT          "blytz-audio.opus"

int janus_mjr_header(const void *data, size_t len, janus_mjr_info *out)
{
    const unsigned char *p = data;
    memset(out, 0, sizeof(*out));
    if (len < JANUS_MJR_MAGIC_LEN + 2 || memcmp(p, JANUS_MJR_MAGIC, JANUS_MJR_MAGIC_LEN) != 0) {
        return BZ_EBADREQUEST;
    }
    size_t hlen = (size_t)p[JANUS_MJR_MAGIC_LEN] << 8 | p[JANUS_MJR_MAGIC_LEN + 1];
    if (hlen == 0 || hlen > len - JANUS_MJR_MAGIC_LEN - 2) {
        return BZ_EBADREQUEST;
    }
    json_t *h = json_loadb((const char *)p + JANUS_MJR_MAGIC_LEN + 2, hlen, 0, NULL);
    const char *t = json_string_value(json_object_get(h, "t"));
    const char *c = json_string_value(json_object_get(h, "c"));
    int rc = BZ_EBADREQUEST;
    if (t && c && strlen(t) == 1 && strchr("vad", t[0]) && c[0] && strlen(c) < sizeof(out->codec)) {
        out->kind = t[0];
        bz_strlcpy(out->codec, c, sizeof(out->codec));
        json_t *u = json_object_get(h, "u");
        out->first_us = json_is_integer(u) && json_integer_value(u) > 0 ? json_integer_value(u) : 0;
        rc = BZ_OK;
    }
    json_decref(h);
    return rc;
}

/* The header of file `name` in directory fd `dfd`, and its size; false when it is not a
 * regular .mjr file with a header we can read. */
static bool probe(int dfd, const char *name, janus_mjr_info *info, off_t *size)
{
    size_t n = strlen(name);
    if (n < 5 || strcmp(name + n - 4, ".mjr") != 0) {
        return false;
    }
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    struct stat st;
    bool ok = false;
    unsigned char *buf = malloc(HEADER_READ_MAX);
    if (buf && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        ssize_t got = pread(fd, buf, HEADER_READ_MAX, 0);
        ok = got > 0 && janus_mjr_header(buf, (size_t)got, info) == BZ_OK;
        *size = st.st_size;
    }
    free(buf);
    close(fd);
    return ok;
}

/* Run `argv` and wait at most `timeout_ms`. BZ_OK when it exited 0. */
static int run(char *const argv[], int timeout_ms)
{
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa) != 0) {
        return BZ_ENOMEM;
    }
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err != 0) {
        bz_warn("janus: cannot run %s: %s", argv[0], strerror(err));
        return BZ_EUNAVAILABLE;
    }
    struct timespec tick = {0, 20 * 1000 * 1000};
    int status = 0;
    for (long waited = 0;; waited += 20) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) {
            break;
        }
        if (r < 0 && errno != EINTR) {
            return BZ_EINTERNAL;
        }
        if (waited >= timeout_ms) {
            kill(pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            bz_warn("janus: %s %s took over %d ms", argv[0], argv[1], timeout_ms);
            return BZ_EUNAVAILABLE;
        }
        nanosleep(&tick, NULL);
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        return BZ_OK;
    }
    /* posix_spawnp reports a missing program as exit status 127 on glibc. */
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        bz_warn("janus: %s not found", argv[0]);
        return BZ_EUNAVAILABLE;
    }
    bz_warn("janus: %s %s failed (status %d)", argv[0], argv[1], status);
    return BZ_EBADREQUEST;
}

static int read_file(const char *path, size_t max, void **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        bz_warn("janus: %s: %s", path, strerror(errno));
        return BZ_EBADREQUEST; /* janus-pp-rec said yes but wrote nothing: a bad recording */
    }
    struct stat st;
    int rc = BZ_OK;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = BZ_EINTERNAL;
    } else if ((uint64_t)st.st_size > max) {
        rc = BZ_ETOOLARGE;
    } else if (!(*data = malloc((size_t)st.st_size + 1))) {
        rc = BZ_ENOMEM;
    } else {
        size_t got = 0;
        while (got < (size_t)st.st_size) {
            ssize_t n = read(fd, (char *)*data + got, (size_t)st.st_size - got);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                rc = BZ_EINTERNAL;
                break;
            }
            got += (size_t)n;
        }
        *len = got;
    }
    close(fd);
    if (rc) {
        free(*data);
        *data = NULL;
    }
    return rc;
}

/* janus-pp-rec `src` into `out` (both in `dir`), then put it in the blob under `key`. */
static int convert_one(const janus_rec_job *job, const char *src, const char *out, const char *key,
                       const char *content_type)
{
    char in_path[1024], out_path[1024];
    if (snprintf(in_path, sizeof(in_path), "%s/%s", job->dir, src) >= (int)sizeof(in_path) ||
        snprintf(out_path, sizeof(out_path), "%s/%s", job->dir, out) >= (int)sizeof(out_path)) {
        return BZ_EVALIDATION;
    }
    unlink(out_path); /* a retried job starts clean */
    char *argv[] = {(char *)job->pp_rec, in_path, out_path, NULL};
    int rc = run(argv, job->timeout_ms > 0 ? job->timeout_ms : DEFAULT_TIMEOUT_MS);
    void *data = NULL;
    size_t len = 0;
    if (rc == BZ_OK) {
        rc = read_file(out_path, job->max_bytes ? job->max_bytes : DEFAULT_MAX_BYTES, &data, &len);
    }
    if (rc == BZ_OK) {
        rc = job->blob->ops->put(job->blob, key, data, len, content_type);
        if (rc && rc != BZ_EVALIDATION) {
            rc = BZ_EUNAVAILABLE; /* the store failed: the outbox tries again */
        }
    }
    free(data);
    unlink(out_path);
    return rc;
}

int janus_rec_convert(const janus_rec_job *job, janus_rec_result *out)
{
    memset(out, 0, sizeof(*out));
    DIR *d = opendir(job->dir);
    if (!d) {
        bz_warn("janus: recording %s: %s", job->dir, strerror(errno));
        return errno == ENOENT ? BZ_ENOTFOUND : BZ_EUNAVAILABLE;
    }
    /* The seller's camera is the track with the most bytes: co-hosts and screen shares
     * are recorded too, but one file per medium is what the replay plays. */
    char video[256] = "", audio[256] = "";
    off_t video_size = -1, audio_size = -1;
    int64_t video_us = 0, audio_us = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        janus_mjr_info info;
        off_t size = 0;
        if (strlen(e->d_name) >= sizeof(video) || !probe(dirfd(d), e->d_name, &info, &size)) {
            continue;
        }
        if (info.kind == 'v' && strcmp(info.codec, "vp8") == 0 && size > video_size) {
            bz_strlcpy(video, e->d_name, sizeof(video));
            video_size = size;
            video_us = info.first_us;
        } else if (info.kind == 'a' && strcmp(info.codec, "opus") == 0 && size > audio_size) {
            bz_strlcpy(audio, e->d_name, sizeof(audio));
            audio_size = size;
            audio_us = info.first_us;
        }
    }
    closedir(d);
    if (!video[0] && !audio[0]) {
        bz_warn("janus: recording %s holds no VP8 or Opus track", job->dir);
        return BZ_ENOTFOUND;
    }
    int rc = BZ_OK;
    if (video[0]) {
        rc = convert_one(job, video, VIDEO_OUT, job->video_key, "video/webm");
    }
    if (rc == BZ_OK && audio[0]) {
        rc = convert_one(job, audio, AUDIO_OUT, job->audio_key, "audio/ogg");
    }
    if (rc == BZ_OK) {
        *out = (janus_rec_result){video[0] != 0, audio[0] != 0, video_us, audio_us};
    }
    return rc;
}
