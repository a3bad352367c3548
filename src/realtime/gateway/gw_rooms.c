/*
 * Rooms, broadcast and connection-state recovery (facts sheet §3.6, §3.8).
 *
 * A room is a member array (swap-remove: each socket remembers its index) and, for
 * recovery, a ring of the events that carried a seq in the last cfg.recovery_ms: a socket
 * may come back that late, so that is how far back it must reach. The ring grows as needed
 * up to cfg.room_history events (a memory bound for a room far busier than an auction;
 * 40 events/s for 2 minutes is 4,800). A broadcast is encoded once into a shared ws_msg;
 * each member's session queues a reference.
 *
 * Offsets. Every replayable broadcast gets the next value of one counter of this node, and
 * that number is the Socket.IO offset the event carries (clients treat it as opaque). One
 * counter for every room orders all of them, so a client's offset (the last event it
 * received, from whichever room) says what it got from each room: every event queued to it
 * before that one. Each membership also remembers the counter when the socket joined: events
 * of the room from before the join never reached this socket (it had the join answer
 * instead), so they are never replayed to it, whatever the offset. A per-room seq would not
 * do: after a viewer switches rooms its offset is the old room's, and means nothing in the
 * new one.
 *
 * Recovery: when a socket is lost for a reason that was not the client's choice, its id,
 * user and rooms (name and join offset) are kept under its pid for cfg.recovery_ms. A
 * CONNECT whose auth has that pid and an offset gets the same socket id, its rooms back,
 * and, from every room, the kept events after max(offset, join offset), merged in offset
 * order and queued before the CONNECT reply. The socket starts fresh instead (`recovered`
 * false, as the reference does) when the offset is not a number this node issued (ahead of
 * its counter), or when a room's ring has already dropped an event the socket would need.
 */
#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "realtime/gateway/gw_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct gw_hist {
    uint64_t offset;
    uint64_t at; /* gw_now() when broadcast */
    ws_msg *m;
} gw_hist;

struct gw_room {
    gw_room *hnext;
    uint32_t hash;
    gw_sock **members;
    uint32_t n, cap;
    gw_hist *hist; /* ring of hist_cap entries (0 until the first event) */
    uint32_t hist_head, hist_len, hist_cap;
    uint64_t dropped; /* the newest offset no longer in the ring (0: none dropped) */
    char name[];
};

typedef struct gw_saved_room {
    char *name;
    uint64_t since; /* the join offset of the membership */
} gw_saved_room;

typedef struct gw_saved {
    struct gw_saved *next;
    uint64_t expires;
    const gw_nsp *nsp;
    int64_t user_id;
    char pid[EIO_SID_LEN + 1];
    char id[EIO_SID_LEN + 1];
    int nrooms;
    gw_saved_room *rooms;
} gw_saved;

struct gw_rooms {
    gw_room **table;
    uint32_t cap;
    uint64_t offset;                   /* the last offset given to a replayable broadcast */
    gw_saved *saved_head, *saved_tail; /* oldest first: expiry is from the head */
};

static uint32_t name_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 16777619u;
    }
    return h;
}

int gw_rooms_init(gateway *gw)
{
    gw->rooms = calloc(1, sizeof(*gw->rooms));
    if (!gw->rooms || !(gw->rooms->table = calloc(1024, sizeof(gw_room *)))) {
        return BZ_ENOMEM;
    }
    gw->rooms->cap = 1024;
    return BZ_OK;
}

static void saved_free(gw_saved *sv)
{
    for (int i = 0; i < sv->nrooms; i++) {
        free(sv->rooms[i].name);
    }
    free(sv->rooms);
    free(sv);
}

static void room_free(gw_room *r)
{
    for (uint32_t i = 0; i < r->hist_len; i++) {
        ws_msg_unref(r->hist[(r->hist_head + i) % r->hist_cap].m);
    }
    free(r->hist);
    free(r->members);
    free(r);
}

void gw_rooms_free(gateway *gw)
{
    struct gw_rooms *rs = gw->rooms;
    if (!rs) {
        return;
    }
    for (uint32_t i = 0; i < rs->cap && rs->table; i++) {
        for (gw_room *r = rs->table[i], *next; r; r = next) {
            next = r->hnext;
            room_free(r);
        }
    }
    for (gw_saved *sv = rs->saved_head, *next; sv; sv = next) {
        next = sv->next;
        saved_free(sv);
    }
    free(rs->table);
    free(rs);
    gw->rooms = NULL;
}

static gw_room *room_find(gateway *gw, const char *name, bool create)
{
    struct gw_rooms *rs = gw->rooms;
    uint32_t h = name_hash(name);
    gw_room **slot = &rs->table[h & (rs->cap - 1)];
    for (gw_room *r = *slot; r; r = r->hnext) {
        if (r->hash == h && strcmp(r->name, name) == 0) {
            return r;
        }
    }
    if (!create) {
        return NULL;
    }
    size_t len = strlen(name);
    gw_room *r = calloc(1, sizeof(*r) + len + 1);
    if (!r) {
        return NULL;
    }
    memcpy(r->name, name, len + 1);
    r->hash = h;
    r->hnext = *slot;
    *slot = r;
    return r;
}

/* Rooms with neither members nor history are dropped. */
static void room_maybe_drop(gateway *gw, gw_room *r)
{
    if (r->n || r->hist_len) {
        return;
    }
    for (gw_room **p = &gw->rooms->table[r->hash & (gw->rooms->cap - 1)]; *p; p = &(*p)->hnext) {
        if (*p == r) {
            *p = r->hnext;
            room_free(r);
            return;
        }
    }
}

const char *gw_room_name(const gw_room *r)
{
    return r->name;
}

/* ---- membership ----------------------------------------------------------------------- */

int gw_join(gw_sock *s, const char *name)
{
    if (!s->conn) {
        return BZ_EUNAVAILABLE;
    }
    if (gw_in_room(s, name)) {
        return BZ_OK;
    }
    gw_room *r = room_find(s->gw, name, true);
    if (!r) {
        return BZ_ENOMEM;
    }
    if (r->n == r->cap) {
        gw_sock **m = gw_grow(r->members, &r->cap, 4, sizeof(*m));
        if (!m) {
            return BZ_ENOMEM;
        }
        r->members = m;
    }
    if (s->nrooms == s->caprooms) {
        /* From one: an anonymous viewer is in one room, a signed-in one in two. The count is
         * 16 bits (idle memory): an application never puts one socket in 32k rooms. */
        uint32_t cap = s->caprooms;
        if (BZ_NEVER(cap > UINT16_MAX / 2)) {
            return BZ_ENOMEM;
        }
        gw_member *m = gw_grow(s->rooms, &cap, 1, sizeof(*m));
        if (!m) {
            return BZ_ENOMEM;
        }
        s->rooms = m;
        s->caprooms = (uint16_t)cap;
    }
    s->rooms[s->nrooms++] = (gw_member){r, r->n, s->gw->rooms->offset};
    r->members[r->n++] = s;
    return BZ_OK;
}

static void leave_at(gw_sock *s, uint16_t k)
{
    gw_room *r = s->rooms[k].room;
    uint32_t idx = s->rooms[k].idx;
    /* Membership is kept on both sides: the room's member at the socket's index is the socket,
     * so the room has at least one member to lose. */
    BZ_CHECK(k < s->nrooms && idx < r->n && r->members[idx] == s);
    gw_sock *moved = r->members[--r->n];
    r->members[idx] = moved;
    if (moved != s) {
        for (uint16_t i = 0; i < moved->nrooms; i++) {
            if (moved->rooms[i].room == r) {
                moved->rooms[i].idx = idx;
                break;
            }
        }
    }
    s->rooms[k] = s->rooms[--s->nrooms];
    room_maybe_drop(s->gw, r);
}

void gw_leave(gw_sock *s, const char *name)
{
    for (uint16_t i = 0; i < s->nrooms; i++) {
        if (strcmp(s->rooms[i].room->name, name) == 0) {
            leave_at(s, i);
            return;
        }
    }
}

void gw_rooms_leave_all(gw_sock *s)
{
    while (s->nrooms) {
        leave_at(s, (uint16_t)(s->nrooms - 1));
    }
}

bool gw_in_room(const gw_sock *s, const char *name)
{
    for (uint16_t i = 0; i < s->nrooms; i++) {
        if (strcmp(s->rooms[i].room->name, name) == 0) {
            return true;
        }
    }
    return false;
}

size_t gw_room_size(gateway *gw, const char *name)
{
    gw_room *r = room_find(gw, name, false);
    return r ? r->n : 0;
}

gw_sock *gw_room_member(gateway *gw, const char *name, size_t i)
{
    gw_room *r = room_find(gw, name, false);
    return r && i < r->n ? r->members[i] : NULL;
}

/* ---- broadcast ------------------------------------------------------------------------ */

static gw_hist *hist_at(const gw_room *r, uint32_t i)
{
    return &r->hist[(r->hist_head + i) % r->hist_cap];
}

static void hist_drop_oldest(gw_room *r)
{
    r->dropped = r->hist[r->hist_head].offset;
    ws_msg_unref(r->hist[r->hist_head].m);
    r->hist_head = (r->hist_head + 1) % r->hist_cap;
    r->hist_len--;
}

/* Double the ring (up to cfg.room_history), unrolling it so that the oldest entry is first. */
static bool hist_grow(gateway *gw, gw_room *r)
{
    uint32_t cap = r->hist_cap ? r->hist_cap * 2 : 64;
    if (cap > gw->cfg.room_history) {
        cap = gw->cfg.room_history;
    }
    if (cap <= r->hist_cap) {
        return false;
    }
    gw_hist *h = malloc(sizeof(*h) * cap);
    if (!h) {
        return false;
    }
    for (uint32_t i = 0; i < r->hist_len; i++) {
        h[i] = *hist_at(r, i);
    }
    free(r->hist);
    r->hist = h;
    r->hist_cap = cap;
    r->hist_head = 0;
    return true;
}

static void hist_push(gateway *gw, gw_room *r, uint64_t offset, ws_msg *m)
{
    uint64_t now = gw_now(gw);
    while (r->hist_len && hist_at(r, 0)->at + gw->cfg.recovery_ms < now) {
        hist_drop_oldest(r); /* too old for any socket to come back for */
    }
    if (r->hist_len == r->hist_cap && !hist_grow(gw, r)) {
        if (!r->hist_cap) {
            return;
        }
        hist_drop_oldest(r); /* at the bound: sockets that far behind start fresh */
    }
    *hist_at(r, r->hist_len) = (gw_hist){offset, now, ws_msg_ref(m)};
    r->hist_len++;
}

int gw_broadcast(gateway *gw, const char *room, const char *name, const char *args, size_t len,
                 int64_t seq)
{
    bool keep = gw->cfg.recovery && seq > 0;
    gw_room *r = room_find(gw, room, keep);
    if (!r) {
        return keep ? BZ_ENOMEM : BZ_OK;
    }
    uint64_t offset = keep ? gw->rooms->offset + 1 : 0;
    char text[24];
    snprintf(text, sizeof(text), "%llu", (unsigned long long)offset);
    sio_event ev = {"/", name, args, len, -1, 0, keep ? text : NULL};
    ws_msg *m = sio_event_msg(&ev, 0);
    if (!m) {
        return BZ_ENOMEM;
    }
    if (keep) {
        gw->rooms->offset = offset;
        hist_push(gw, r, offset, m);
    }
    for (uint32_t i = 0; i < r->n; i++) {
        if (r->members[i]->conn) {
            gw_session_queue(r->members[i]->conn, ws_msg_ref(m));
        }
    }
    ws_msg_unref(m);
    return BZ_OK;
}

/* ---- recovery ------------------------------------------------------------------------- */

static void expire(struct gw_rooms *rs, uint64_t now)
{
    while (rs->saved_head && rs->saved_head->expires <= now) {
        gw_saved *sv = rs->saved_head;
        rs->saved_head = sv->next;
        if (!rs->saved_head) {
            rs->saved_tail = NULL;
        }
        saved_free(sv);
    }
}

void gw_recovery_save(gw_sock *s)
{
    gateway *gw = s->gw;
    struct gw_rooms *rs = gw->rooms;
    expire(rs, gw_now(gw));
    gw_saved *sv = calloc(1, sizeof(*sv));
    if (!sv || (s->nrooms && !(sv->rooms = calloc(s->nrooms, sizeof(*sv->rooms))))) {
        free(sv);
        return;
    }
    sv->expires = gw_now(gw) + gw->cfg.recovery_ms;
    sv->nsp = s->nsp;
    sv->user_id = s->user_id;
    memcpy(sv->pid, s->pid, sizeof(sv->pid));
    memcpy(sv->id, s->id, sizeof(sv->id));
    for (uint16_t i = 0; i < s->nrooms; i++) {
        gw_saved_room *sr = &sv->rooms[sv->nrooms];
        if ((sr->name = strdup(s->rooms[i].room->name))) {
            sr->since = s->rooms[i].since;
            sv->nrooms++;
        }
    }
    if (rs->saved_tail) {
        rs->saved_tail->next = sv;
    } else {
        rs->saved_head = sv;
    }
    rs->saved_tail = sv;
}

static gw_saved *take_saved(struct gw_rooms *rs, const char *pid)
{
    gw_saved *prev = NULL;
    for (gw_saved *sv = rs->saved_head; sv; prev = sv, sv = sv->next) {
        if (strcmp(sv->pid, pid) == 0) {
            if (prev) {
                prev->next = sv->next;
            } else {
                rs->saved_head = sv->next;
            }
            if (rs->saved_tail == sv) {
                rs->saved_tail = prev;
            }
            sv->next = NULL;
            return sv;
        }
    }
    return NULL;
}

/* Where replay of one room starts: its first kept event after `from`. */
typedef struct replay_cursor {
    const gw_room *room;
    uint32_t i;
} replay_cursor;

static replay_cursor cursor_after(const gw_room *r, uint64_t from)
{
    replay_cursor c = {r, 0};
    while (r && c.i < r->hist_len && hist_at(r, c.i)->offset <= from) {
        c.i++;
    }
    return c;
}

/* Queue every cursor's remaining events, merged in offset order (the order they were first
 * sent in), so the client's offset after the replay is the newest one. */
static void replay(gw_sock *s, replay_cursor *cur, int n)
{
    for (;;) {
        int best = -1;
        for (int k = 0; k < n; k++) {
            if (cur[k].room && cur[k].i < cur[k].room->hist_len &&
                (best < 0 || hist_at(cur[k].room, cur[k].i)->offset <
                                 hist_at(cur[best].room, cur[best].i)->offset)) {
                best = k;
            }
        }
        if (best < 0) {
            return;
        }
        gw_session_queue(s->conn, ws_msg_ref(hist_at(cur[best].room, cur[best].i++)->m));
    }
}

/* A decimal number and nothing else (the official client sends the offset it was given). */
static bool parse_offset(const char *text, uint64_t *out)
{
    size_t len = text ? strlen(text) : 0;
    if (len == 0 || len > 19 || strspn(text, "0123456789") != len) {
        return false;
    }
    *out = strtoull(text, NULL, 10);
    return true;
}

static bool parse_recovery_auth(const char *auth, size_t len, char pid[EIO_SID_LEN + 1],
                                uint64_t *offset)
{
    json_t *o = json_loadb(auth, len, 0, NULL);
    const char *p = json_string_value(json_object_get(o, "pid"));
    bool ok = p && strlen(p) == EIO_SID_LEN &&
              parse_offset(json_string_value(json_object_get(o, "offset")), offset);
    if (ok) {
        memcpy(pid, p, EIO_SID_LEN + 1);
    }
    json_decref(o);
    return ok;
}

/* The replay cursors of every saved room, or false when one room can no longer be replayed
 * completely (its ring dropped an event after where the socket stands in it). */
static bool plan_replay(gateway *gw, const gw_saved *sv, uint64_t offset, replay_cursor *cur)
{
    for (int i = 0; i < sv->nrooms; i++) {
        const gw_room *r = room_find(gw, sv->rooms[i].name, false);
        uint64_t from = offset > sv->rooms[i].since ? offset : sv->rooms[i].since;
        if (r && r->dropped > from) {
            return false;
        }
        cur[i] = cursor_after(r, from);
    }
    return true;
}

bool gw_recovery_restore(gw_sock *s, const char *auth, size_t len)
{
    gateway *gw = s->gw;
    char pid[EIO_SID_LEN + 1];
    uint64_t offset;
    if (!memmem(auth, len, "\"pid\"", 5) || !parse_recovery_auth(auth, len, pid, &offset)) {
        return false;
    }
    expire(gw->rooms, gw_now(gw));
    gw_saved *sv = take_saved(gw->rooms, pid);
    if (!sv) {
        return false;
    }
    replay_cursor *cur = calloc(sv->nrooms ? (size_t)sv->nrooms : 1, sizeof(*cur));
    /* An offset this node never issued (ahead of its counter) is not one of ours. */
    bool ok = cur && sv->nsp == s->nsp && sv->user_id == s->user_id &&
              offset <= gw->rooms->offset && plan_replay(gw, sv, offset, cur);
    if (ok) {
        memcpy(s->id, sv->id, sizeof(s->id));
        memcpy(s->pid, sv->pid, sizeof(s->pid));
        for (int i = 0; i < sv->nrooms; i++) {
            gw_join(s, sv->rooms[i].name);
        }
        replay(s, cur, sv->nrooms);
    }
    free(cur);
    saved_free(sv);
    return ok;
}

void gw_recovery_expire(gateway *gw, uint64_t now)
{
    expire(gw->rooms, now);
}
