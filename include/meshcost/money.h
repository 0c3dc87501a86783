/* money.h — exact money: int64 micro-units, decimal parsing, rounding and
 * largest-remainder splits. Never goes through double. */
#ifndef MESHCOST_MONEY_H
#define MESHCOST_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "meshcost/error.h"

/* Money in micro-units (1e-6) of the reporting currency. */
typedef int64_t mc_money;

#define MC_MICRO_SCALE 6 /* money */
#define MC_NANO_SCALE 9  /* credits: nano-credits */
#define MC_MICRO 1000000LL
#define MC_NANO 1000000000LL

__extension__ typedef __int128 mc_i128;

/* Parses a decimal string into an integer scaled by 10^scale (0..18):
 * "1.5" with scale 6 -> 1500000. Accepts an optional sign, digits with an
 * optional '.', and E-notation ("1.25E-3", "3e2"). Leading/trailing
 * ASCII spaces are allowed; nothing else is. Digits beyond the scale are
 * rounded half-to-even. Returns MC_ERR_INPUT with a reason ("not a number",
 * "out of range") in err->msg; *out is untouched on error. */
mc_err mc_decimal_parse(const char *s, int scale, int64_t *out,
                        struct mc_error *err);

/* The same into 128 bits, scale 0..36 (e.g. Databricks quantities,
 * decimal(38,18), at 10^18). */
mc_err mc_decimal_parse128(const char *s, int scale, mc_i128 *out,
                           struct mc_error *err);

/* round_half_even(num / den) for den != 0 (either sign). */
int64_t mc_div_round(mc_i128 num, mc_i128 den);

/* round_half_even(a * b / c), c != 0, with a 128-bit intermediate.
 * Typical: mc_muldiv(credits_nano, price_micro, MC_NANO) -> micro-units.
 * The result must fit int64 (it does for any real bill). */
int64_t mc_muldiv(int64_t a, int64_t b, int64_t c);

/* Formats micro-units as a decimal with exactly 6 decimals: "12.345678",
 * "-0.000001", "0.000000". buf must hold MC_MONEY_BUFSZ bytes. */
#define MC_MONEY_BUFSZ 32
void mc_money_format(mc_money m, char *buf);

/* Largest-remainder split of total over n weights (each >= 0, sum > 0):
 * part_i = floor(total * w_i / W) plus one unit for the (total - sum) parts
 * with the largest remainders; ties go to the lower index (callers order
 * items by id, so ties break by id). A negative total is split as
 * -(split of -total). Parts always sum to total exactly and each is within
 * one unit of its exact share. Returns MC_ERR_INTERNAL if n == 0 or the
 * weights sum to 0 or a weight is negative. parts must hold n values. */
mc_err mc_split(mc_money total, const int64_t *weights, size_t n,
                mc_money *parts, struct mc_error *err);

/* Even split over n parties (n > 0): mc_split with equal weights. */
mc_err mc_split_even(mc_money total, size_t n, mc_money *parts,
                     struct mc_error *err);

#endif
