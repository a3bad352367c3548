/*
 * store/db/db_rewrite.c - canonical SQL to a dialect's SQL, once per
 * statement and connection: {macros} expanded, $N written as the dialect's
 * placeholder. Quoted text ('...' literals, "..." names) is copied as is.
 */
#include "base/log.h"
#include "store/db/db_driver.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct out_buf {
    char *s;
    size_t len, cap;
    bool ok;
} out_buf;

static void put(out_buf *o, const char *s, size_t n)
{
    if (!o->ok) {
        return;
    }
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 256;
        while (cap < o->len + n + 1) {
            cap *= 2;
        }
        char *grown = realloc(o->s, cap);
        if (!grown) {
            o->ok = false;
            return;
        }
        o->s = grown;
        o->cap = cap;
    }
    memcpy(o->s + o->len, s, n);
    o->len += n;
    o->s[o->len] = '\0';
}

static const db_macro *find_macro(const db_dialect *d, const char *name, size_t len)
{
    for (size_t i = 0; i < d->n_macros; i++) {
        if (strlen(d->macros[i].name) == len && memcmp(d->macros[i].name, name, len) == 0) {
            return &d->macros[i];
        }
    }
    return NULL;
}

static bool rewrite(const db_dialect *d, const char *sql, size_t n, bool macros, out_buf *o,
                    int *nparams);

/* "{name}" or "{name arg}" at sql[0..n): the macro's text with "{}" replaced by arg. */
static bool expand(const db_dialect *d, const char *sql, size_t n, out_buf *o, int *nparams)
{
    const char *name = sql + 1, *end = sql + n - 1; /* inside the braces */
    const char *space = memchr(name, ' ', (size_t)(end - name));
    size_t name_len = (size_t)((space ? space : end) - name);
    const char *arg = space ? space + 1 : end;
    const db_macro *m = find_macro(d, name, name_len);
    if (!m) {
        bz_error("db: no macro %.*s in dialect %s", (int)name_len, name, d->name);
        return false;
    }
    for (const char *t = m->text; *t;) {
        const char *hole = strstr(t, "{}");
        size_t lit = hole ? (size_t)(hole - t) : strlen(t);
        if (!rewrite(d, t, lit, false, o, nparams)) {
            return false;
        }
        t += lit;
        if (hole) {
            if (!rewrite(d, arg, (size_t)(end - arg), false, o, nparams)) {
                return false;
            }
            t += 2;
        }
    }
    return true;
}

/* Append sql[0..n) rewritten; `macros` is false inside a macro's expansion (no nesting). */
static bool rewrite(const db_dialect *d, const char *sql, size_t n, bool macros, out_buf *o,
                    int *nparams)
{
    size_t i = 0;
    while (i < n) {
        char c = sql[i];
        if (c == '\'' || c == '"') { /* to the closing quote; a doubled one reopens */
            const char *close = memchr(sql + i + 1, c, n - i - 1);
            size_t len = close ? (size_t)(close - (sql + i)) + 1 : n - i;
            put(o, sql + i, len);
            i += len;
        } else if (c == '$' && i + 1 < n && isdigit((unsigned char)sql[i + 1])) {
            size_t j = i + 1;
            int num = 0;
            while (j < n && isdigit((unsigned char)sql[j]) && num < 10000) {
                num = num * 10 + (sql[j++] - '0');
            }
            *nparams = num > *nparams ? num : *nparams;
            put(o, &d->placeholder, 1);
            put(o, sql + i + 1, j - i - 1);
            i = j;
        } else if (c == '{') {
            const char *close = memchr(sql + i, '}', n - i);
            if (!macros || !close) {
                bz_error("db: misplaced '{' in %.60s", sql);
                return false;
            }
            size_t len = (size_t)(close - (sql + i)) + 1;
            if (!expand(d, sql + i, len, o, nparams)) {
                return false;
            }
            i += len;
        } else {
            size_t j = i + 1;
            while (j < n && !strchr("'\"${", sql[j])) {
                j++;
            }
            put(o, sql + i, j - i);
            i = j;
        }
    }
    return o->ok;
}

char *db_rewrite(const db_dialect *d, const char *sql, int *nparams)
{
    out_buf o = {NULL, 0, 0, true};
    *nparams = 0;
    put(&o, "", 0);
    if (!rewrite(d, sql, strlen(sql), true, &o, nparams)) {
        free(o.s);
        return NULL;
    }
    return o.s;
}
