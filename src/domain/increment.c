/* domain/increment.c - the table behind increment.h. */
#include "domain/increment.h"

#define RM(x) ((int64_t)(x)*100)

static const increment_band bands[] = {
    {RM(0), RM(1)},       {RM(30), RM(2)},       {RM(50), RM(5)},        {RM(100), RM(10)},
    {RM(250), RM(25)},    {RM(500), RM(50)},     {RM(5000), RM(100)},    {RM(10000), RM(250)},
    {RM(25000), RM(500)}, {RM(50000), RM(1000)}, {RM(100000), RM(2500)},
};

const increment_band *increment_table(size_t *count)
{
    *count = sizeof bands / sizeof bands[0];
    return bands;
}

int64_t increment_for(int64_t current_sen)
{
    size_t n = sizeof bands / sizeof bands[0];
    int64_t step = bands[0].step_sen;
    for (size_t i = 0; i < n && current_sen >= bands[i].from_sen; i++) {
        step = bands[i].step_sen;
    }
    return step;
}

int64_t increment_min_next_bid(bool has_current, int64_t current_sen, int64_t starting_bid_sen)
{
    if (!has_current) {
        return starting_bid_sen;
    }
    int64_t step = increment_for(current_sen);
    /* Prices are capped far below this; saturate rather than overflow on corrupt input. */
    if (current_sen > INT64_MAX - step) {
        return INT64_MAX;
    }
    return current_sen + step;
}
