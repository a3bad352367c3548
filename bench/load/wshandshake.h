/* bench/load/wshandshake.h - the client side of the WebSocket opening handshake
 * (RFC 6455 §4.1): a random Sec-WebSocket-Key and the check of the server's 101. */
#ifndef BENCH_LOAD_WSHANDSHAKE_H
#define BENCH_LOAD_WSHANDSHAKE_H

#include "realtime/ws/ws.h" /* WS_ACCEPT_LEN */

#include <stddef.h>
#include <stdint.h>

#define WS_KEY_LEN 24 /* base64 of 16 bytes */

/* Base64 of 16 random bytes, NUL-terminated (out has WS_KEY_LEN + 1 bytes). */
void ws_key_from_bytes(const uint8_t raw[16], char *out);

/* base64(SHA-1(key ++ GUID)), NUL-terminated (out has WS_ACCEPT_LEN + 1 bytes). */
void ws_accept_for_key(const char *key, char *out);

/* The GET request that asks for the upgrade. Returns its length, 0 if cap is too small. */
size_t ws_upgrade_request(char *out, size_t cap, const char *host, const char *target,
                          const char *key);

enum { WS_HS_FAIL = -1, WS_HS_MORE = 0, WS_HS_OK = 1 };

/* Checks the server's answer in buf[0..len): status 101, Upgrade: websocket,
 * Connection containing "upgrade" and the expected Sec-WebSocket-Accept. On
 * WS_HS_OK, *consumed is the length of the header block (frames may follow). */
int ws_check_upgrade_response(const char *buf, size_t len, const char *expected_accept,
                              size_t *consumed);

#endif
