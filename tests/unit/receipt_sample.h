/*
 * tests/unit/receipt_sample.h - a buyer's receipt and a seller's commission invoice that add
 * up, in Malay, Chinese and English, shared by the domain's test (tests/unit/domain) and the
 * PDF adapter's (tests/unit/integrations). Header-only; the data is static, so a test may
 * copy a document and break one field of the copy.
 *
 * Receipt: 2 x RM 12.50 + RM 38.90 + RM 1,234.50 + 3 x RM 15.90 = RM 1,346.10 in items,
 * RM 8.50 shipping, RM 0.51 SST (6 % of shipping): RM 1,355.11.
 * Invoice: 8 % of RM 25.00 and of RM 1,234.50 (RM 2.00 + RM 98.76), 8 % SST on that
 * (RM 8.06): RM 108.82.
 */
#ifndef TESTS_UNIT_RECEIPT_SAMPLE_H
#define TESTS_UNIT_RECEIPT_SAMPLE_H

#include "domain/receipt.h"

static const address_postal sample_seller_address = {
    .line1 = "No. 8, Jalan Hang Jebat",
    .line2 = "",
    .city = "Melaka",
    .state = "Melaka",
    .postcode = "75200",
};

static const address_postal sample_buyer_address = {
    .line1 = "12, Jalan SS 2/24",
    .line2 = "Taman Bahagia",
    .city = "Petaling Jaya",
    .state = "Selangor",
    .postcode = "47300",
};

static const address_postal sample_blytz_address = {
    .line1 = "Level 10, Menara Blytz",
    .line2 = "Jalan Ampang",
    .city = "Kuala Lumpur",
    .state = "W.P. Kuala Lumpur",
    .postcode = "50450",
};

static const receipt_line sample_receipt_lines[] = {
    {"Kuih lapis 千层糕 (Nyonya)", 2, 1250, 2500},
    {"Dodol durian Musang King, 500 g", 1, 3890, 3890},
    {"Batik sarong, hand-drawn (canting)", 1, 123450, 123450},
    {"Teh tarik premix 拉茶 (20 sachets)", 3, 1590, 4770},
};

static const receipt_tax sample_receipt_taxes[] = {{"SST 6% on shipping", 51}};

static const receipt_ref sample_receipt_refs[] = {
    {"Orders", "#1001, #1002, #1003, #1004"},
    {"Payment", "pi_3PqK9zLkdIwHu7ix0abc"},
};

static const receipt_doc sample_receipt = {
    .kind = RECEIPT_RECEIPT,
    .number = "R-42-000017",
    .issued_at = 1796385600000, /* Fri 4 Dec 2026, 8:00 pm MYT */
    .issuer = {.name = "Kedai Kuih Nyonya Melaka 娘惹糕点",
               .address = &sample_seller_address,
               .email = "kedai@nyonya.example.my",
               .registration_no = "202301012345 (1512345-X)",
               .sst_no = "M10-2301-32000123"},
    .recipient = {.name = "Tan Mei Ling 陈美玲", .email = "mei.ling@example.my"},
    .ship_to = {.name = "Tan Mei Ling 陈美玲",
                .address = &sample_buyer_address,
                .phone = "+60123456789"},
    .lines = sample_receipt_lines,
    .n_lines = sizeof sample_receipt_lines / sizeof sample_receipt_lines[0],
    .shipping_sen = 850,
    .taxes = sample_receipt_taxes,
    .n_taxes = 1,
    .total_sen = 135511,
    .paid_with = "Visa •••• 4242",
    .refs = sample_receipt_refs,
    .n_refs = 2,
    .note = "Terima kasih! Thank you for shopping on Blytz. 谢谢惠顾！",
};

static const receipt_line sample_invoice_lines[] = {
    {"Commission 8% on order #1001: Kuih lapis 千层糕", 1, 200, 200},
    {"Commission 8% on order #1003: Batik sarong", 1, 9876, 9876},
};

static const receipt_tax sample_invoice_taxes[] = {{"SST 8% on services", 806}};

static const receipt_ref sample_invoice_refs[] = {{"Receipt", "R-42-000017"}};

static const receipt_doc sample_invoice = {
    .kind = RECEIPT_COMMISSION_INVOICE,
    .number = "C-42-000009",
    .issued_at = 1796385600000,
    .issuer = {.name = "Blytz Sdn. Bhd.",
               .address = &sample_blytz_address,
               .email = "billing@blytz.example.my",
               .registration_no = "202401000001 (1550001-A)",
               .sst_no = "W10-2401-32000001"},
    .recipient = {.name = "Kedai Kuih Nyonya Melaka 娘惹糕点",
                  .address = &sample_seller_address,
                  .email = "kedai@nyonya.example.my",
                  .registration_no = "202301012345 (1512345-X)",
                  .sst_no = "M10-2301-32000123"},
    .lines = sample_invoice_lines,
    .n_lines = 2,
    .shipping_sen = 0,
    .taxes = sample_invoice_taxes,
    .n_taxes = 1,
    .total_sen = 10882,
    .paid_with = "Deducted from your payout",
    .refs = sample_invoice_refs,
    .n_refs = 1,
};

#endif
