/*
 * Uploads: product images, avatars and show covers. The body is either the raw image
 * (Content-Type: image/...) or multipart/form-data whose "image" field (or
 * first file part) is the image. Decoding and resizing are the imager's.
 */
#include "app/media.h"
#include "base/err.h"
#include "base/str.h"
#include "api/handlers.h"
#include "http/multipart.h"
#include "api/api.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <string.h>
#include <strings.h>

/* The "image" part of a multipart body, else the first part that is a file. */
static int multipart_image(http_req *req, const char *type, const char *body, size_t body_len,
                           const void **data, size_t *len)
{
    multipart_part parts[16];
    size_t n = 0;
    int rc = multipart_parse(type, strlen(type), body, body_len, NULL, parts, 16, &n);
    if (rc != BZ_OK) {
        return api_fail(req, rc, NULL, "malformed multipart/form-data body");
    }
    const multipart_part *part = multipart_find(parts, n, "image");
    for (size_t i = 0; !part && i < n; i++) {
        if (parts[i].filename) {
            part = &parts[i];
        }
    }
    if (!part || part->len == 0) {
        return api_fail(req, BZ_EVALIDATION, "image", "no image part in the form");
    }
    *data = part->data;
    *len = part->len;
    return BZ_OK;
}

static bool has_prefix_ci(const char *s, const char *prefix)
{
    return s && strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Locate the image bytes of an upload body. 415 for other content types, 422 (field image)
 * when there is no image in it. */
static int upload_bytes(http_req *req, const void **data, size_t *len)
{
    const char *type = http_req_header(req, "Content-Type");
    const char *body = http_req_body(req, len);
    *data = body;
    if (has_prefix_ci(type, "image/")) {
        return *len ? BZ_OK : api_fail(req, BZ_EVALIDATION, "image", "the body is empty");
    }
    if (has_prefix_ci(type, "multipart/form-data")) {
        return multipart_image(req, type, body, *len, data, len);
    }
    return api_fail(req, BZ_EMEDIATYPE, NULL, "send an image/* body or multipart/form-data");
}

static int image_reply(api_reply *out, const app_image *img)
{
    return api_reply_json(out, 201, wire_wrap("image", wire_image(img)));
}

/* An image for the object named by the path's {id}: a product's photo, a show's cover. */
typedef int (*image_setter)(app_ctx *c, int64_t actor, int64_t id, const void *data, size_t len,
                            app_image *out);

static int upload_for_id(http_req *req, int64_t id, api_reply *out, image_setter set)
{
    const void *data = NULL;
    size_t len = 0;
    app_image img;
    int rc = upload_bytes(req, &data, &len);
    if (rc == BZ_OK) {
        rc = set(http_req_app(req), api_user(req), id, data, len, &img);
    }
    return rc == BZ_OK ? image_reply(out, &img) : rc;
}

static int do_product_image_add(http_req *req, int64_t id, api_reply *out)
{
    return upload_for_id(req, id, out, app_media_product_image_add);
}

static int do_avatar(http_req *req, api_reply *out)
{
    const void *data = NULL;
    size_t len = 0;
    app_image img;
    int rc = upload_bytes(req, &data, &len);
    if (rc == BZ_OK) {
        rc = app_media_avatar_set(http_req_app(req), api_user(req), data, len, &img);
    }
    return rc == BZ_OK ? image_reply(out, &img) : rc;
}

static int do_stream_cover(http_req *req, int64_t id, api_reply *out)
{
    return upload_for_id(req, id, out, app_media_stream_cover_set);
}

const api_route api_routes_media[] = {
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/products/{id}/images", do_product_image_add,
                 HTTP_AUTH | HTTP_BODY_IMAGE | API_IDEMPOTENT),
    API_ACT2(HTTP_M_DELETE, "/api/v1/products/{id}/images/{image_id}",
             app_media_product_image_delete, HTTP_AUTH),
    API_ROUTE(HTTP_M_POST, "/api/v1/users/me/avatar", do_avatar,
              HTTP_AUTH | HTTP_BODY_IMAGE | API_IDEMPOTENT),
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/streams/{id}/cover", do_stream_cover,
                 HTTP_AUTH | HTTP_BODY_IMAGE | API_IDEMPOTENT),
    API_END,
};
