/*
 * GET /api/v1/documents/{id}?exp=&sig= - a receipt or an invoice as PDF, through the
 * short-lived link an order's page hands out (app/documents.h). The link is the credential:
 * no access token is asked, so that a phone's PDF viewer can open it.
 */
#include "app/documents.h"

#include "api/api.h"
#include "api/handlers.h"
#include "app/app_util.h"
#include "base/err.h"

#include <stdio.h>
#include <stdlib.h>

static void do_document(http_req *req, http_res *res)
{
    app_ctx *c = http_req_app(req);
    int64_t id = 0;
    void *pdf = NULL;
    size_t len = 0;
    const char *number = NULL;
    int rc = app_parse_id(http_req_param(req, "id"), &id)
                 ? app_document_fetch(c, id, http_req_query(req, "exp"), http_req_query(req, "sig"),
                                      &pdf, &len, &number)
                 : app_fail(c, BZ_ENOTFOUND, NULL, NULL);
    if (rc != BZ_OK) {
        http_res_app_error(res, &c->err);
        return;
    }
    char disposition[96];
    snprintf(disposition, sizeof(disposition), "inline; filename=\"%s.pdf\"", number);
    /* it names a buyer and an address: no cache keeps it, no page frames it */
    http_res_header(res, "Cache-Control", "private, no-store");
    http_res_header(res, "Content-Disposition", disposition);
    http_res_header(res, "X-Content-Type-Options", "nosniff");
    http_res_bytes(res, 200, "application/pdf", pdf, len);
    free(pdf);
}

const api_route api_routes_documents[] = {
    API_OWN(HTTP_M_GET, "/api/v1/documents/{id}", do_document, 0),
    API_END,
};
