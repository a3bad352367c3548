/* domain/address.c - Malaysian states, aliases and postcode ranges. */
#include "domain/address.h"

#include "base/err.h"
#include "domain/text.h"

#include <string.h>
#include <strings.h>

static const char *const state_names[ADDRESS_STATE_COUNT] = {
    [ADDRESS_STATE_NONE] = "",
    [ADDRESS_JOHOR] = "Johor",
    [ADDRESS_KEDAH] = "Kedah",
    [ADDRESS_KELANTAN] = "Kelantan",
    [ADDRESS_MELAKA] = "Melaka",
    [ADDRESS_NEGERI_SEMBILAN] = "Negeri Sembilan",
    [ADDRESS_PAHANG] = "Pahang",
    [ADDRESS_PERAK] = "Perak",
    [ADDRESS_PERLIS] = "Perlis",
    [ADDRESS_PULAU_PINANG] = "Pulau Pinang",
    [ADDRESS_SABAH] = "Sabah",
    [ADDRESS_SARAWAK] = "Sarawak",
    [ADDRESS_SELANGOR] = "Selangor",
    [ADDRESS_TERENGGANU] = "Terengganu",
    [ADDRESS_KUALA_LUMPUR] = "W.P. Kuala Lumpur",
    [ADDRESS_LABUAN] = "W.P. Labuan",
    [ADDRESS_PUTRAJAYA] = "W.P. Putrajaya",
};

/* Aliases in "squashed" form: lower case, letters and digits only. Includes the royal titles
 * (Darul ...), the abbreviations couriers print, ISO 3166-2:MY codes and English names. */
static const struct {
    const char *squashed;
    address_state state;
} aliases[] = {
    {"johor", ADDRESS_JOHOR},
    {"johordarultakzim", ADDRESS_JOHOR},
    {"johordarultazim", ADDRESS_JOHOR},
    {"jhr", ADDRESS_JOHOR},
    {"my01", ADDRESS_JOHOR},
    {"kedah", ADDRESS_KEDAH},
    {"kedahdarulaman", ADDRESS_KEDAH},
    {"kdh", ADDRESS_KEDAH},
    {"my02", ADDRESS_KEDAH},
    {"kelantan", ADDRESS_KELANTAN},
    {"kelantandarulnaim", ADDRESS_KELANTAN},
    {"ktn", ADDRESS_KELANTAN},
    {"my03", ADDRESS_KELANTAN},
    {"melaka", ADDRESS_MELAKA},
    {"malacca", ADDRESS_MELAKA},
    {"mlk", ADDRESS_MELAKA},
    {"my04", ADDRESS_MELAKA},
    {"negerisembilan", ADDRESS_NEGERI_SEMBILAN},
    {"negerisembilandarulkhusus", ADDRESS_NEGERI_SEMBILAN},
    {"nsembilan", ADDRESS_NEGERI_SEMBILAN},
    {"ns", ADDRESS_NEGERI_SEMBILAN},
    {"n9", ADDRESS_NEGERI_SEMBILAN},
    {"nsn", ADDRESS_NEGERI_SEMBILAN},
    {"my05", ADDRESS_NEGERI_SEMBILAN},
    {"pahang", ADDRESS_PAHANG},
    {"pahangdarulmakmur", ADDRESS_PAHANG},
    {"phg", ADDRESS_PAHANG},
    {"my06", ADDRESS_PAHANG},
    {"pulaupinang", ADDRESS_PULAU_PINANG},
    {"penang", ADDRESS_PULAU_PINANG},
    {"ppinang", ADDRESS_PULAU_PINANG},
    {"pinang", ADDRESS_PULAU_PINANG},
    {"png", ADDRESS_PULAU_PINANG},
    {"my07", ADDRESS_PULAU_PINANG},
    {"perak", ADDRESS_PERAK},
    {"perakdarulridzuan", ADDRESS_PERAK},
    {"prk", ADDRESS_PERAK},
    {"my08", ADDRESS_PERAK},
    {"perlis", ADDRESS_PERLIS},
    {"perlisindrakayangan", ADDRESS_PERLIS},
    {"pls", ADDRESS_PERLIS},
    {"my09", ADDRESS_PERLIS},
    {"selangor", ADDRESS_SELANGOR},
    {"selangordarulehsan", ADDRESS_SELANGOR},
    {"sgr", ADDRESS_SELANGOR},
    {"sel", ADDRESS_SELANGOR},
    {"my10", ADDRESS_SELANGOR},
    {"terengganu", ADDRESS_TERENGGANU},
    {"trengganu", ADDRESS_TERENGGANU},
    {"terengganudaruliman", ADDRESS_TERENGGANU},
    {"trg", ADDRESS_TERENGGANU},
    {"my11", ADDRESS_TERENGGANU},
    {"sabah", ADDRESS_SABAH},
    {"sbh", ADDRESS_SABAH},
    {"my12", ADDRESS_SABAH},
    {"sarawak", ADDRESS_SARAWAK},
    {"swk", ADDRESS_SARAWAK},
    {"my13", ADDRESS_SARAWAK},
    {"wpkualalumpur", ADDRESS_KUALA_LUMPUR},
    {"kualalumpur", ADDRESS_KUALA_LUMPUR},
    {"kl", ADDRESS_KUALA_LUMPUR},
    {"wpkl", ADDRESS_KUALA_LUMPUR},
    {"wilayahpersekutuankualalumpur", ADDRESS_KUALA_LUMPUR},
    {"federalterritoryofkualalumpur", ADDRESS_KUALA_LUMPUR},
    {"my14", ADDRESS_KUALA_LUMPUR},
    {"wplabuan", ADDRESS_LABUAN},
    {"labuan", ADDRESS_LABUAN},
    {"wilayahpersekutuanlabuan", ADDRESS_LABUAN},
    {"federalterritoryoflabuan", ADDRESS_LABUAN},
    {"my15", ADDRESS_LABUAN},
    {"wpputrajaya", ADDRESS_PUTRAJAYA},
    {"putrajaya", ADDRESS_PUTRAJAYA},
    {"wilayahpersekutuanputrajaya", ADDRESS_PUTRAJAYA},
    {"federalterritoryofputrajaya", ADDRESS_PUTRAJAYA},
    {"my16", ADDRESS_PUTRAJAYA},
};

/*
 * Postcode ranges per state, inclusive, after the Pos Malaysia allocation as
 * commonly published (e.g. Wikipedia "Postal codes in Malaysia"):
 *
 *   01000-02800 Perlis            30000-36810 Perak
 *   05000-09810 Kedah             39000-39200 Pahang (Cameron Highlands)
 *   10000-14400 Pulau Pinang      40000-48300 Selangor
 *   15000-18500 Kelantan          49000       Pahang (Bukit Fraser)
 *   20000-24300 Terengganu        50000-60000 W.P. Kuala Lumpur
 *   25000-28800 Pahang            62000-62988 W.P. Putrajaya
 *   63000-68100 Selangor          69000       Pahang (Genting Highlands)
 *   70000-73509 Negeri Sembilan   75000-78309 Melaka
 *   79000-86900 Johor             87000-87033 W.P. Labuan
 *   88000-91309 Sabah             93000-98859 Sarawak
 *
 * Border postcodes used with both names in practice (accepted for both):
 *   52100 Kepong / 53100 Taman Melawati - Kuala Lumpur and Selangor;
 *   68000 Ampang / 68100 Batu Caves     - Selangor and Kuala Lumpur.
 * Gaps (03000-04999, 29000-29999, 37000-38999, 61000-61999, 74000-74999,
 * 92000-92999, 99000+) belong to no state and are refused.
 */
static const struct {
    int lo, hi;
    address_state state;
} postcode_ranges[] = {
    {1000, 2800, ADDRESS_PERLIS},
    {5000, 9810, ADDRESS_KEDAH},
    {10000, 14400, ADDRESS_PULAU_PINANG},
    {15000, 18500, ADDRESS_KELANTAN},
    {20000, 24300, ADDRESS_TERENGGANU},
    {25000, 28800, ADDRESS_PAHANG},
    {30000, 36810, ADDRESS_PERAK},
    {39000, 39200, ADDRESS_PAHANG},
    {40000, 48300, ADDRESS_SELANGOR},
    {49000, 49000, ADDRESS_PAHANG},
    {50000, 60000, ADDRESS_KUALA_LUMPUR},
    {62000, 62988, ADDRESS_PUTRAJAYA},
    {63000, 68100, ADDRESS_SELANGOR},
    {69000, 69000, ADDRESS_PAHANG},
    {70000, 73509, ADDRESS_NEGERI_SEMBILAN},
    {75000, 78309, ADDRESS_MELAKA},
    {79000, 86900, ADDRESS_JOHOR},
    {87000, 87033, ADDRESS_LABUAN},
    {88000, 91309, ADDRESS_SABAH},
    {93000, 98859, ADDRESS_SARAWAK},
    /* border postcodes */
    {52100, 52100, ADDRESS_SELANGOR},
    {53100, 53100, ADDRESS_SELANGOR},
    {68000, 68000, ADDRESS_KUALA_LUMPUR},
    {68100, 68100, ADDRESS_KUALA_LUMPUR},
};

const char *address_state_name(address_state st)
{
    if ((int)st <= ADDRESS_STATE_NONE || st >= ADDRESS_STATE_COUNT) {
        return "";
    }
    return state_names[st];
}

address_state address_state_parse(const char *s, size_t len)
{
    char squashed[64];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (n + 1 >= sizeof squashed) {
                return ADDRESS_STATE_NONE;
            }
            squashed[n++] = c;
        } else if (c != ' ' && c != '.' && c != '-' && c != ',' && c != '\'') {
            return ADDRESS_STATE_NONE;
        }
    }
    squashed[n] = '\0';
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(aliases[i].squashed, squashed) == 0) {
            return aliases[i].state;
        }
    }
    return ADDRESS_STATE_NONE;
}

bool address_postcode_in_state(int postcode, address_state st)
{
    for (size_t i = 0; i < sizeof postcode_ranges / sizeof postcode_ranges[0]; i++) {
        if (postcode_ranges[i].state == st && postcode >= postcode_ranges[i].lo &&
            postcode <= postcode_ranges[i].hi) {
            return true;
        }
    }
    return false;
}

static bool country_is_malaysia(const char *s)
{
    return strcasecmp(s, "MY") == 0 || strcasecmp(s, "MYS") == 0 || strcasecmp(s, "Malaysia") == 0;
}

static size_t len_of(const char *s)
{
    return s ? strlen(s) : 0;
}

/* Required (or optional) single-line text of at most `max` code points. */
int address_check_line(const char *s, bool required, size_t max, const char *field,
                       const char *missing, const char *too_long, field_error *err)
{
    size_t len = len_of(s), cp = 0;
    if (text_blank(s ? s : "", len)) {
        if (required) {
            return field_fail(err, BZ_EVALIDATION, field, missing);
        }
        return BZ_OK; /* an optional line left blank is simply absent */
    }
    if (!text_ok(s, len, NULL, &cp)) {
        return field_fail(err, BZ_EVALIDATION, field, "Contains invalid characters");
    }
    if (cp > max) {
        return field_fail(err, BZ_EVALIDATION, field, too_long);
    }
    return BZ_OK;
}

int address_validate(const address_input *in, address_checked *out, field_error *err)
{
    int rc =
        address_check_line(in->line1, true, ADDRESS_LINE_MAX, "line1", "Address line 1 is required",
                           "Address line 1 must be at most 100 characters", err);
    if (rc == BZ_OK) {
        rc = address_check_line(in->line2, false, ADDRESS_LINE_MAX, "line2", "",
                                "Address line 2 must be at most 100 characters", err);
    }
    if (rc == BZ_OK) {
        rc = address_check_line(in->city, true, ADDRESS_CITY_MAX, "city", "City is required",
                                "City must be at most 50 characters", err);
    }
    if (rc != BZ_OK) {
        return rc;
    }

    size_t country_len = len_of(in->country);
    if (country_len && !country_is_malaysia(in->country)) {
        return field_fail(err, BZ_EVALIDATION, "country",
                          "Only addresses in Malaysia are supported");
    }

    if (len_of(in->state) == 0) {
        return field_fail(err, BZ_EVALIDATION, "state", "State is required");
    }
    address_state st = address_state_parse(in->state, len_of(in->state));
    if (st == ADDRESS_STATE_NONE) {
        return field_fail(err, BZ_EVALIDATION, "state", "Unknown Malaysian state");
    }

    const char *pc = in->postcode;
    if (len_of(pc) != 5 || strspn(pc, "0123456789") != 5) {
        return field_fail(err, BZ_EVALIDATION, "postcode", "Postcode must be 5 digits");
    }
    int number = (pc[0] - '0') * 10000 + (pc[1] - '0') * 1000 + (pc[2] - '0') * 100 +
                 (pc[3] - '0') * 10 + (pc[4] - '0');
    if (!address_postcode_in_state(number, st)) {
        return field_fail(err, BZ_EVALIDATION, "postcode", "Postcode does not match the state");
    }

    if (out) {
        out->state = st;
        out->state_name = state_names[st];
        memcpy(out->postcode, pc, 6);
    }
    return BZ_OK;
}
