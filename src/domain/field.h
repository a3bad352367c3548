/*
 * domain/field.h - how a domain rule says "no": the offending field (the JSON
 * key clients sent) and a human reason, both static strings, so the HTTP
 * layer can answer 422 {"error":{"code":"validation_failed","message":reason,
 * "details":{"field":field}}} without the domain knowing about JSON.
 */
#ifndef DOMAIN_FIELD_H
#define DOMAIN_FIELD_H

typedef struct field_error {
    const char *field;  /* "" when the failure is not about one field */
    const char *reason; /* "" = the code's default message */
} field_error;

/* Fill `err` (may be NULL) and return `code`, for `return field_fail(...)`. */
static inline int field_fail(field_error *err, int code, const char *field, const char *reason)
{
    if (err) {
        err->field = field ? field : "";
        err->reason = reason ? reason : "";
    }
    return code;
}

#endif
