#include "store/fts_query.h"

#include <stdbool.h>
#include <string.h>

/* Length of the well-formed UTF-8 character at s (n bytes left), or 0 if it is malformed. */
static size_t utf8_char_len(const unsigned char *s, size_t n)
{
    size_t len;
    if (s[0] < 0x80) {
        return 1;
    } else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        len = 2;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        len = 3;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        len = 4;
    } else {
        return 0;
    }
    if (len > n) {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 0;
        }
    }
    return len;
}

static bool is_term_ascii(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int store_fts_query(const char *text, enum store_fts_dialect dialect, char *out, size_t size)
{
    /* Terms are copied without quote characters of either dialect, so wrapping them in quotes
     * is all the escaping needed. */
    char terms[STORE_FTS_MAX_TERMS][STORE_FTS_MAX_TERM + 1];
    int n_terms = 0;
    size_t term_len = 0;
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    size_t left = strlen((const char *)p);

    while (left > 0 && n_terms < STORE_FTS_MAX_TERMS) {
        size_t clen = utf8_char_len(p, left);
        bool in_term = clen > 1 || (clen == 1 && is_term_ascii(p[0]));
        if (in_term) {
            if (term_len + clen <= STORE_FTS_MAX_TERM) {
                for (size_t i = 0; i < clen; i++) {
                    char c = (char)p[i];
                    terms[n_terms][term_len++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
                }
            }
        } else if (term_len > 0) {
            terms[n_terms++][term_len] = '\0';
            term_len = 0;
        }
        if (clen == 0) {
            clen = 1; /* skip a malformed byte */
        }
        p += clen;
        left -= clen;
    }
    if (term_len > 0 && n_terms < STORE_FTS_MAX_TERMS) {
        terms[n_terms++][term_len] = '\0';
    }

    size_t used = 0;
    out[0] = '\0';
    if (size < STORE_FTS_QUERY_MAXSIZE) {
        return 0;
    }
    char quote = dialect == STORE_FTS_SQLITE ? '"' : '\'';
    for (int i = 0; i < n_terms; i++) {
        if (i > 0) {
            const char *sep = dialect == STORE_FTS_SQLITE ? " " : " & ";
            memcpy(out + used, sep, strlen(sep));
            used += strlen(sep);
        }
        size_t len = strlen(terms[i]);
        out[used++] = quote;
        memcpy(out + used, terms[i], len);
        used += len;
        out[used++] = quote;
        if (i == n_terms - 1) {
            const char *prefix = dialect == STORE_FTS_SQLITE ? "*" : ":*";
            memcpy(out + used, prefix, strlen(prefix));
            used += strlen(prefix);
        }
    }
    out[used] = '\0';
    return n_terms;
}
