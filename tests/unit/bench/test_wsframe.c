#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "wsframe.h"
#include "wshandshake.h"

static const uint8_t mask[4] = {0x37, 0xfa, 0x21, 0x3d};

/* RFC 6455 §5.7: a masked "Hello" from a client. */
static void encodes_the_rfc_masked_hello(void **state)
{
    uint8_t frame[WS_HEADER_MAX + 5];
    size_t n = ws_frame_encode_header(frame, true, WS_OP_TEXT, 5, mask);
    memcpy(frame + n, "Hello", 5);
    ws_mask_bytes(frame + n, 5, mask, 0);
    static const uint8_t expected[] = {0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d,
                                       0x7f, 0x9f, 0x4d, 0x51, 0x58};
    assert_int_equal(n + 5, sizeof expected);
    assert_memory_equal(frame, expected, sizeof expected);
}

static void encodes_16_and_64_bit_lengths(void **state)
{
    uint8_t h[WS_HEADER_MAX];
    assert_int_equal(ws_frame_encode_header(h, true, WS_OP_BINARY, 125, mask), 6);
    assert_int_equal(h[1], 0x80 | 125);
    assert_int_equal(ws_frame_encode_header(h, true, WS_OP_BINARY, 126, mask), 8);
    assert_int_equal(h[1], 0x80 | 126);
    assert_int_equal(h[2], 0);
    assert_int_equal(h[3], 126);
    assert_int_equal(ws_frame_encode_header(h, false, WS_OP_TEXT, 65536, mask), 14);
    assert_int_equal(h[0], WS_OP_TEXT); /* no FIN */
    assert_int_equal(h[1], 0x80 | 127);
    assert_int_equal(h[7], 1); /* 0x0000000000010000 big-endian */
    assert_int_equal(h[8], 0);
    assert_memory_equal(h + 10, mask, 4);
}

static void masking_twice_restores_and_honours_offset(void **state)
{
    uint8_t data[9] = "abcdefgh";
    ws_mask_bytes(data, 8, mask, 0);
    ws_mask_bytes(data, 3, mask, 0);     /* split in two calls ... */
    ws_mask_bytes(data + 3, 5, mask, 3); /* ... with the running offset */
    assert_memory_equal(data, "abcdefgh", 8);
}

static void parses_server_frames(void **state)
{
    ws_frame f;
    static const uint8_t hello[] = {0x81, 0x05, 'H', 'e', 'l', 'l', 'o'};
    assert_int_equal(ws_frame_parse_header(hello, sizeof hello, &f), WS_PARSE_OK);
    assert_true(f.fin);
    assert_int_equal(f.opcode, WS_OP_TEXT);
    assert_int_equal(f.header_len, 2);
    assert_int_equal(f.payload_len, 5);
    static const uint8_t medium[] = {0x82, 0x7e, 0x01, 0x00};
    assert_int_equal(ws_frame_parse_header(medium, sizeof medium, &f), WS_PARSE_OK);
    assert_int_equal(f.payload_len, 256);
    assert_int_equal(f.header_len, 4);
    static const uint8_t big[] = {0x02, 0x7f, 0, 0, 0, 0, 0, 1, 0, 0};
    assert_int_equal(ws_frame_parse_header(big, sizeof big, &f), WS_PARSE_OK);
    assert_false(f.fin);
    assert_int_equal(f.payload_len, 65536);
    assert_int_equal(f.header_len, 10);
}

static void asks_for_more_bytes(void **state)
{
    ws_frame f;
    static const uint8_t medium[] = {0x82, 0x7e, 0x01, 0x00};
    assert_int_equal(ws_frame_parse_header(medium, 1, &f), WS_PARSE_MORE);
    assert_int_equal(ws_frame_parse_header(medium, 3, &f), WS_PARSE_MORE);
    static const uint8_t big[] = {0x82, 0x7f, 0, 0, 0, 0, 0, 1, 0, 0};
    assert_int_equal(ws_frame_parse_header(big, 9, &f), WS_PARSE_MORE);
}

static void refuses_protocol_violations(void **state)
{
    ws_frame f;
    static const uint8_t masked[] = {0x81, 0x85, 1, 2, 3, 4, 'x'};
    static const uint8_t rsv[] = {0xC1, 0x00};
    static const uint8_t opcode[] = {0x83, 0x00};
    static const uint8_t long_ping[] = {0x89, 0x7e, 0x00, 0x80};
    static const uint8_t split_close[] = {0x08, 0x00};
    static const uint8_t not_minimal[] = {0x81, 0x7e, 0x00, 0x05};
    static const uint8_t top_bit[] = {0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(ws_frame_parse_header(masked, sizeof masked, &f), WS_PARSE_ERROR);
    assert_int_equal(ws_frame_parse_header(rsv, sizeof rsv, &f), WS_PARSE_ERROR);
    assert_int_equal(ws_frame_parse_header(opcode, sizeof opcode, &f), WS_PARSE_ERROR);
    assert_int_equal(ws_frame_parse_header(long_ping, sizeof long_ping, &f), WS_PARSE_ERROR);
    assert_int_equal(ws_frame_parse_header(split_close, sizeof split_close, &f), WS_PARSE_ERROR);
    assert_int_equal(ws_frame_parse_header(not_minimal, sizeof not_minimal, &f), WS_PARSE_ERROR);
    assert_int_equal(ws_frame_parse_header(top_bit, sizeof top_bit, &f), WS_PARSE_ERROR);
}

/* RFC 6455 §1.3: the sample key and its accept value. */
static void computes_the_rfc_accept_value(void **state)
{
    char accept[WS_ACCEPT_LEN + 1];
    ws_accept_for_key("dGhlIHNhbXBsZSBub25jZQ==", accept);
    assert_string_equal(accept, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    static const uint8_t raw[16] = "the sample nonce";
    char key[WS_KEY_LEN + 1];
    ws_key_from_bytes(raw, key);
    assert_string_equal(key, "dGhlIHNhbXBsZSBub25jZQ==");
}

static void checks_the_upgrade_answer(void **state)
{
    const char *accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    const char ok[] =
        "HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\n"
        "connection: Upgrade\r\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
        "\r\n\x81\x01"
        "0";
    size_t used = 0;
    assert_int_equal(ws_check_upgrade_response(ok, sizeof ok - 1, accept, &used), WS_HS_OK);
    assert_int_equal(used, sizeof ok - 1 - 3); /* the frame after the headers is left */
    assert_int_equal(ws_check_upgrade_response(ok, 40, accept, &used), WS_HS_MORE);
    const char wrong[] = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                         "Connection: Upgrade\r\nSec-WebSocket-Accept: AAAA\r\n\r\n";
    assert_int_equal(ws_check_upgrade_response(wrong, sizeof wrong - 1, accept, &used), WS_HS_FAIL);
    const char refused[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
    assert_int_equal(ws_check_upgrade_response(refused, sizeof refused - 1, accept, &used),
                     WS_HS_FAIL);
}

UNIT_MAIN(cmocka_unit_test(encodes_the_rfc_masked_hello),
          cmocka_unit_test(encodes_16_and_64_bit_lengths),
          cmocka_unit_test(masking_twice_restores_and_honours_offset),
          cmocka_unit_test(parses_server_frames), cmocka_unit_test(asks_for_more_bytes),
          cmocka_unit_test(refuses_protocol_violations),
          cmocka_unit_test(computes_the_rfc_accept_value),
          cmocka_unit_test(checks_the_upgrade_answer))
