/*
 * net/addrtab.h - per-client-address admission: how many things (connections, sessions) one
 * address holds open at once, and how fast it may open new ones (a token bucket).
 *
 * A client address is an IPv4 address, or an IPv6 /64: one IPv6 subscriber (a phone, a home)
 * is given a whole /64, so counting single IPv6 addresses would let one client appear as
 * 2^64 of them. IPv4-mapped IPv6 addresses count as their IPv4 address.
 *
 * Memory is bounded by what is live: an entry exists while its address holds something open
 * or its bucket is still refilling (at most burst / rate seconds after its last opening); the
 * table sweeps such finished entries before it grows, and never holds more than `max_entries`
 * (beyond that a new address is refused: only a flood from that many addresses at once gets
 * there). An entry is 32 bytes.
 *
 * Time is passed in (milliseconds on any monotonic clock). Thread rules: one thread (the
 * loop) owns a table; no locks.
 */
#ifndef NET_ADDRTAB_H
#define NET_ADDRTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A client address as a table key: 16 bytes, IPv4 as ::ffff:a.b.c.d, IPv6 cut to its /64. */
typedef struct net_addr_key {
    uint8_t b[16];
} net_addr_key;

/* The key of a textual address ("203.0.113.7", "2001:db8::1"). False if `ip` is not one (the
 * key is then all zeros, one shared bucket for every unparseable address). */
bool net_addr_key_from_ip(const char *ip, net_addr_key *out);

/* What one address may do; a zero field switches that check off. */
typedef struct net_addr_limits {
    uint32_t max_open; /* things open at once */
    double rate_per_s; /* openings refilled per second ... */
    double burst;      /* ... up to this many at once (both > 0 to limit the rate) */
} net_addr_limits;

typedef struct net_addrtab net_addrtab;

enum net_addr_verdict {
    NET_ADDR_OK = 0,
    NET_ADDR_TOO_MANY, /* max_open reached */
    NET_ADDR_TOO_FAST, /* the bucket is empty */
    NET_ADDR_FULL,     /* the table holds max_entries live addresses (or out of memory) */
};

/* An empty table applying `lim` (copied) to every address, holding at most `max_entries`
 * addresses (0 = 1,048,576). NULL on OOM. */
net_addrtab *net_addrtab_new(const net_addr_limits *lim, uint32_t max_entries);
void net_addrtab_free(net_addrtab *t);

/* Admit one more opening for `key` at `now_ms`: on NET_ADDR_OK the address holds
 * one more (release it with net_addrtab_release) and a token was taken. Otherwise nothing
 * changed; for NET_ADDR_TOO_FAST *retry_after_s (may be NULL) gets the whole seconds until a
 * token is back (at least 1). */
enum net_addr_verdict net_addrtab_acquire(net_addrtab *t, const net_addr_key *key, uint64_t now_ms,
                                          int *retry_after_s);

/* One thing `key` held is closed. Must pair with a successful acquire. */
void net_addrtab_release(net_addrtab *t, const net_addr_key *key);

/* How many things `key` holds open (0 if unknown), and how many addresses are in the table. */
uint32_t net_addrtab_open(const net_addrtab *t, const net_addr_key *key);
size_t net_addrtab_size(const net_addrtab *t);

#endif
