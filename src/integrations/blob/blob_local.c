/*
 * integrations/blob/blob_local.c - blob port on a directory (see blob_local.h).
 */
#include "integrations/blob/blob_local.h"

#include "base/err.h"
#include "base/log.h"
#include "integrations/blob/blob_key.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct blob_local {
    blob base; /* first, so a blob * is a blob_local * */
    char root[PATH_MAX];
} blob_local;

/* mkdir -p of `path` (modified in place temporarily). */
static int make_dirs(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') {
            continue;
        }
        *p = '\0';
        int rc = mkdir(path, 0755);
        *p = '/';
        if (rc != 0 && errno != EEXIST) {
            return -1;
        }
    }
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        return -1;
    }
    return 0;
}

static int key_path(const blob_local *b, const char *key, char out[PATH_MAX])
{
    if (!blob_key_valid(key)) {
        return BZ_EVALIDATION;
    }
    int n = snprintf(out, PATH_MAX, "%s/%s", b->root, key);
    return n > 0 && n < PATH_MAX ? BZ_OK : BZ_EVALIDATION;
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Make the rename of a file in `dir` durable. */
static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    int rc = fsync(fd);
    close(fd);
    return rc;
}

static int local_put(blob *base, const char *key, const void *data, size_t len,
                     const char *content_type)
{
    blob_local *b = (blob_local *)base;
    char path[PATH_MAX], dir[PATH_MAX], tmp[PATH_MAX];
    int rc = key_path(b, key, path);
    if (rc) {
        return rc;
    }
    memcpy(dir, path, sizeof(dir));
    *strrchr(dir, '/') = '\0'; /* key_path always inserts a '/' */
    if (make_dirs(dir) != 0 || snprintf(tmp, sizeof(tmp), "%s/.tmp-XXXXXX", dir) >= PATH_MAX) {
        bz_warn("blob_local: cannot create folder for %s: %s", key, strerror(errno));
        return BZ_EUNAVAILABLE;
    }
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        bz_warn("blob_local: cannot create temp file for %s: %s", key, strerror(errno));
        return BZ_EUNAVAILABLE;
    }
    /* mkostemp makes 0600; blobs are public media a proxy may serve straight from disk. */
    if (fchmod(fd, 0644) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        bz_warn("blob_local: cannot write %s: %s", key, strerror(errno));
        close(fd);
        unlink(tmp);
        return BZ_EUNAVAILABLE;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        bz_warn("blob_local: cannot rename into %s: %s", key, strerror(errno));
        unlink(tmp);
        return BZ_EUNAVAILABLE;
    }
    if (fsync_dir(dir) != 0) {
        bz_warn("blob_local: cannot fsync folder of %s: %s", key, strerror(errno));
        return BZ_EUNAVAILABLE;
    }
    return BZ_OK;
}

static int local_get(blob *base, const char *key, void **data_out, size_t *len_out)
{
    blob_local *b = (blob_local *)base;
    char path[PATH_MAX];
    int rc = key_path(b, key, path);
    if (rc) {
        return rc;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        return errno == ENOENT || errno == ENOTDIR ? BZ_ENOTFOUND : BZ_EUNAVAILABLE;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return BZ_ENOTFOUND;
    }
    if ((unsigned long long)st.st_size > BLOB_LOCAL_MAX_GET) {
        close(fd);
        return BZ_ETOOLARGE;
    }
    size_t size = (size_t)st.st_size, got = 0;
    unsigned char *data = malloc(size ? size : 1);
    if (!data) {
        close(fd);
        return BZ_ENOMEM;
    }
    while (got < size) {
        ssize_t n = read(fd, data + got, size - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break; /* truncated under us: return what the file now holds */
        }
        got += (size_t)n;
    }
    close(fd);
    *data_out = data;
    *len_out = got;
    return BZ_OK;
}

static int local_del(blob *base, const char *key)
{
    blob_local *b = (blob_local *)base;
    char path[PATH_MAX];
    int rc = key_path(b, key, path);
    if (rc) {
        return rc;
    }
    if (unlink(path) != 0 && errno != ENOENT && errno != ENOTDIR) {
        bz_warn("blob_local: cannot delete %s: %s", key, strerror(errno));
        return BZ_EUNAVAILABLE;
    }
    return BZ_OK;
}

static int local_url(blob *base, const char *key, int64_t now_ms, int ttl_s, char *out, size_t size)
{
    if (!blob_key_valid(key)) {
        return BZ_EVALIDATION;
    }
    int n = snprintf(out, size, "/media/%s", key);
    return n > 0 && (size_t)n < size ? BZ_OK : BZ_EINTERNAL;
}

static void local_close(blob *base)
{
    free(base);
}

static const struct blob_ops local_ops = BLOB_OPS_OF(local);

int blob_local_open(const char *dir, blob **out)
{
    if (!dir || !*dir) {
        return BZ_EVALIDATION;
    }
    blob_local *b = calloc(1, sizeof(*b));
    if (!b) {
        return BZ_ENOMEM;
    }
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/') {
        len--; /* "var/media/" and "var/media" name the same root */
    }
    if (len >= sizeof(b->root)) {
        free(b);
        return BZ_EVALIDATION;
    }
    memcpy(b->root, dir, len);
    b->root[len] = '\0';
    struct stat st;
    if (make_dirs(b->root) != 0 || stat(b->root, &st) != 0 || !S_ISDIR(st.st_mode)) {
        bz_warn("blob_local: cannot use folder %s: %s", b->root, strerror(errno));
        free(b);
        return BZ_EUNAVAILABLE;
    }
    b->base.ops = &local_ops;
    *out = &b->base;
    return BZ_OK;
}
