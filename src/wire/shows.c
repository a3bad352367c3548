/*
 * Shows, chat, notifications, pre-bids, readiness (wire/resources.h).
 */
#include "wire/resources.h"

#include "base/err.h"
#include "wire/wire.h"

/* ---- shows ---------------------------------------------------------------------------- */

static json_t *id_array(const int64_t *ids, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_array_append_new(arr, wire_id(ids[i]));
    }
    return arr;
}

json_t *wire_stream(const show_stream *st, const app_image *cover)
{
    json_t *o = json_pack("{s:o, s:o, s:{s:o, s:o, s:o}, s:o, s:o, s:o}", "id", wire_id(st->id),
                          "seller_id", wire_id(st->seller_id), "seller", "id",
                          wire_id(st->seller_id), "username", wire_str(st->seller_username),
                          "shop_name", wire_str(st->shop_name), "title", wire_str(st->title),
                          "description", wire_str(st->description), "status", wire_str(st->status));
    o = wire_set(o, "starts_at", wire_time(st->starts_at));
    o = wire_set(o, "started_at", wire_time(st->started_at));
    o = wire_set(o, "ended_at", wire_time(st->ended_at));
    o = wire_set(o, "product_ids", id_array(st->product_ids, st->n_products));
    o = wire_set(o, "cover", wire_image_or_null(cover));
    o = wire_set(o, "record", json_boolean(st->record));
    o = wire_set(o, "created_at", wire_time(st->created_at));
    return wire_set(o, "updated_at", wire_time(st->updated_at));
}

static json_t *lineup_item(const app_stream_view *v, const app_lineup_item *item)
{
    const catalog_product *p = &item->product;
    json_t *sales = json_array();
    for (size_t i = 0; sales && i < v->n_sales; i++) {
        if (v->sales[i].product_id == p->id) {
            json_array_append_new(sales, wire_sale(&v->sales[i]));
        }
    }
    return json_pack("{s:o, s:o, s:I, s:s, s:I, s:o, s:o}", "id", wire_id(p->id), "title",
                     wire_str(p->title), "buy_now_price", (json_int_t)p->buy_now_price, "currency",
                     "MYR", "quantity", (json_int_t)p->quantity, "image",
                     wire_image_or_null(item->image), "sales", sales);
}

json_t *wire_stream_view(const app_stream_view *v)
{
    json_t *products = json_array();
    for (size_t i = 0; products && i < v->n_lineup; i++) {
        json_array_append_new(products, lineup_item(v, &v->lineup[i]));
    }
    return wire_set(wire_stream(&v->stream, v->cover), "products", products);
}

json_t *wire_stream_page(const app_stream_page *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->n; i++) {
        json_array_append_new(arr, wire_stream(&p->items[i], p->covers[i]));
    }
    return json_pack("{s:o, s:o}", "streams", arr, "next_cursor",
                     p->next_cursor ? wire_str(p->next_cursor) : json_null());
}

json_t *wire_video_grant(const video_grant *g)
{
    json_t *o = json_object();
    o = wire_set(o, "provider", wire_str(g->provider));
    o = wire_set(o, "url", wire_str(g->url));
    o = wire_set(o, "token", wire_str(g->token));
    o = wire_set(o, "room", wire_str(g->room));
    o = wire_set(o, "identity", wire_str(g->identity));
    o = wire_set(o, "role", wire_str(video_role_name(g->role)));
    o = wire_set(o, "expires_at", wire_time(g->expires_at));
    if (g->publish_key[0]) {
        o = wire_set(o, "publish_key", wire_str(g->publish_key));
    }
    return wire_wrap("video", o);
}

/* ---- chat ----------------------------------------------------------------------------- */

json_t *wire_chat_message(const chat_message *m, int64_t seq)
{
    json_t *o = json_pack("{s:o, s:o, s:{s:o, s:o}, s:o, s:o}", "id", wire_id(m->id), "stream_id",
                          wire_id(m->stream_id), "user", "id", wire_id(m->user_id), "username",
                          wire_str(m->username), "text", wire_str(m->text), "created_at",
                          wire_time(m->created_at));
    return seq ? wire_set(o, "seq", json_integer((json_int_t)seq)) : o;
}

json_t *wire_chat_page(const app_chat_page *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->n; i++) {
        json_array_append_new(arr, wire_chat_message(&p->items[i], 0));
    }
    return wire_page("messages", arr, p->next_cursor);
}

json_t *wire_chat_refusal(int code, const app_err *e, const app_chat_post_result *r)
{
    json_t *d = e && e->code == code ? wire_error_details(e) : json_object();
    if (code == BZ_EMUTED && r->muted_until) {
        d = wire_set(d, "until", wire_time(r->muted_until));
    }
    if ((code == BZ_ERATELIMIT || code == BZ_ESLOWMODE) && r->retry_after_ms > 0) {
        d = wire_set(d, "retry_after_ms", json_integer((json_int_t)r->retry_after_ms));
    }
    return d;
}

json_t *wire_chat_settings(int64_t stream_id, int slow_mode_s, const chat_message *pinned)
{
    return json_pack("{s:{s:o, s:i, s:o}}", "settings", "stream_id", wire_id(stream_id),
                     "slow_mode_s", slow_mode_s, "pinned",
                     pinned ? wire_chat_message(pinned, 0) : json_null());
}

json_t *wire_mute(int64_t stream_id, int64_t user_id, int64_t until)
{
    return json_pack("{s:{s:o, s:o, s:o}}", "mute", "stream_id", wire_id(stream_id), "user_id",
                     wire_id(user_id), "until", wire_time(until));
}

json_t *wire_moderators(const chat_moderator *mods, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_array_append_new(arr, json_pack("{s:o, s:o, s:o}", "id", wire_id(mods[i].id),
                                             "username", wire_str(mods[i].username), "appointed_at",
                                             wire_time(mods[i].created_at)));
    }
    return wire_wrap("moderators", arr);
}

json_t *wire_blocked_words(const char *const *words, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_array_append_new(arr, wire_str(words[i]));
    }
    return wire_wrap("words", arr);
}

/* ---- notifications, pre-bids, readiness --------------------------------------------------- */

json_t *wire_notification(const notification *n, bool with_read_at)
{
    json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "id", wire_id(n->id), "kind",
                          wire_str(n->kind), "stream_id", wire_id_or_null(n->stream_id), "order_id",
                          wire_id_or_null(n->order_id), "title", wire_str(n->title), "created_at",
                          wire_time(n->created_at));
    return with_read_at ? wire_set(o, "read_at", wire_time(n->read_at)) : o;
}

json_t *wire_notification_page(const app_notif_page *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->n; i++) {
        json_array_append_new(arr, wire_notification(&p->items[i], true));
    }
    return wire_set(wire_page("notifications", arr, p->next_cursor), "unread",
                    json_integer((json_int_t)p->unread));
}

json_t *wire_prebid(const prebid *p)
{
    return json_pack("{s:o, s:o, s:o, s:I, s:s, s:o}", "id", wire_id(p->id), "stream_id",
                     wire_id(p->stream_id), "product_id", wire_id(p->product_id), "max_amount",
                     (json_int_t)p->max_amount, "currency", "MYR", "created_at",
                     wire_time(p->created_at));
}

json_t *wire_prebids(const prebid *rows, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_array_append_new(arr, wire_prebid(&rows[i]));
    }
    return wire_wrap("prebids", arr);
}

json_t *wire_ready(const char *store_name, const char *bus_name)
{
    return json_pack("{s:s, s:o, s:o}", "status", "ready", "store", wire_str(store_name), "bus",
                     wire_str(bus_name));
}
