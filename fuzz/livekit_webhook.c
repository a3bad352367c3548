/*
 * Fuzz target: what a LiveKit webhook brings from the network. Every input is
 * read as a webhook body (lk_webhook_parse, which runs only after the
 * signature verifies, but must hold against any bytes) and as the
 * Authorization token (lk_jwt_verify, which runs on whatever is sent). The
 * body parser must answer BZ_OK or BZ_EBADREQUEST, leave every string of the
 * event terminated inside its field, and a zeroed event on refusal; the
 * verifier must refuse (no input here is signed with the key it is given).
 */
#include "base/err.h"
#include "integrations/livekit/lk_jwt.h"
#include "integrations/livekit/lk_webhook.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void terminated(const char *s, size_t size)
{
    if (!memchr(s, '\0', size)) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    video_event e;
    int rc = lk_webhook_parse(data, size, &e);
    if (rc == BZ_OK) {
        terminated(e.id, sizeof(e.id));
        terminated(e.identity, sizeof(e.identity));
        terminated(e.recording_id, sizeof(e.recording_id));
        terminated(e.file_key, sizeof(e.file_key));
        if (e.stream_id < 0 || e.at < 0 || e.kind > VIDEO_EVENT_INGRESS_ENDED) {
            abort();
        }
    } else {
        static const video_event zero;
        if (rc != BZ_EBADREQUEST || memcmp(&e, &zero, sizeof(e)) != 0) {
            abort();
        }
    }
    char *token = malloc(size + 1);
    if (!token) {
        return 0;
    }
    memcpy(token, data, size);
    token[size] = '\0';
    json_t *claims = NULL;
    if (lk_jwt_verify(token, "fuzz-secret", "APIfuzz", 1800000000, 60, &claims) !=
            BZ_EUNAUTHORIZED ||
        claims) {
        abort();
    }
    free(token);
    return 0;
}
