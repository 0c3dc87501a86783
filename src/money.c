/* money.c — exact decimal parsing, half-even rounding, largest-remainder
 * splits. No floating point anywhere. */
#include "meshcost/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SCALE 18

/* Digits of a decimal string, without sign, point or exponent. */
struct decimal {
    int neg;
    const char *digits[2]; /* integer part, fraction part */
    size_t len[2];
    long exp; /* exponent from E-notation, clamped */
};

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static const char *scan_digits(const char *p, size_t *n)
{
    const char *start = p;

    while (is_digit(*p))
        p++;
    *n = (size_t)(p - start);
    return p;
}

static int scan_exponent(const char *p, long *exp, const char **end)
{
    int neg = 0;
    long e = 0;

    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    if (!is_digit(*p))
        return -1;
    for (; is_digit(*p); p++)
        if (e < 100000)
            e = e * 10 + (*p - '0');
    *exp = neg ? -e : e;
    *end = p;
    return 0;
}

static int scan(const char *s, struct decimal *d)
{
    const char *p = s;

    memset(d, 0, sizeof *d);
    while (*p == ' ')
        p++;
    if (*p == '+' || *p == '-')
        d->neg = *p++ == '-';
    d->digits[0] = p;
    p = scan_digits(p, &d->len[0]);
    if (*p == '.') {
        d->digits[1] = ++p;
        p = scan_digits(p, &d->len[1]);
    }
    if (d->len[0] + d->len[1] == 0)
        return -1;
    if ((*p == 'e' || *p == 'E') && scan_exponent(p + 1, &d->exp, &p))
        return -1;
    while (*p == ' ')
        p++;
    return *p == '\0' ? 0 : -1;
}

/* The k-th significant digit counting from the integer part's start. */
static int digit_at(const struct decimal *d, long k)
{
    if (k < 0)
        return 0;
    if ((size_t)k < d->len[0])
        return d->digits[0][k] - '0';
    k -= (long)d->len[0];
    if ((size_t)k < d->len[1])
        return d->digits[1][k] - '0';
    return 0;
}

/* Value * 10^(scale + exp) rounded half-even, with overflow check. */
static int to_scaled(const struct decimal *d, int scale, mc_i128 *out)
{
    long point = (long)d->len[0] + d->exp + scale; /* digits before point */
    long ndig = (long)(d->len[0] + d->len[1]);
    long k;
    mc_i128 v = 0;
    int round_digit, sticky = 0;

    for (k = 0; k < point; k++) {
        int dg = digit_at(d, k);
        if (k >= ndig && point - k > 39 && v == 0)
            break;
        if (__builtin_mul_overflow(v, 10, &v) ||
            __builtin_add_overflow(v, dg, &v))
            return -1;
    }
    round_digit = point >= 0 ? digit_at(d, point) : 0;
    for (k = point + 1 < 0 ? 0 : point + 1; k < ndig; k++)
        sticky |= digit_at(d, k) != 0;
    if (point < 0)
        for (k = 0; k < ndig; k++)
            sticky |= digit_at(d, k) != 0, round_digit = 0;
    if (round_digit > 5 || (round_digit == 5 && (sticky || (v & 1))))
        if (__builtin_add_overflow(v, 1, &v))
            return -1;
    *out = d->neg ? -v : v;
    return 0;
}

mc_err mc_decimal_parse128(const char *s, int scale, mc_i128 *out,
                           struct mc_error *err)
{
    struct decimal d;
    mc_i128 v;

    if (!s || scale < 0 || scale > 36 || scan(s, &d) != 0)
        return mc_error_set(err, MC_ERR_INPUT, "not a number: '%.40s'",
                            s ? s : "");
    if (to_scaled(&d, scale, &v) != 0)
        return mc_error_set(err, MC_ERR_INPUT, "out of range: '%.40s'", s);
    *out = v;
    return MC_OK;
}

mc_err mc_decimal_parse(const char *s, int scale, int64_t *out,
                        struct mc_error *err)
{
    struct decimal d;
    mc_i128 v;

    if (!s || scale < 0 || scale > MAX_SCALE || scan(s, &d) != 0)
        return mc_error_set(err, MC_ERR_INPUT, "not a number: '%.40s'",
                            s ? s : "");
    if (to_scaled(&d, scale, &v) != 0 || v > INT64_MAX || v < -INT64_MAX)
        return mc_error_set(err, MC_ERR_INPUT, "out of range: '%.40s'", s);
    *out = (int64_t)v;
    return MC_OK;
}

int64_t mc_div_round(mc_i128 num, mc_i128 den)
{
    mc_i128 q, r;

    if (den < 0)
        num = -num, den = -den;
    q = num / den;
    r = num % den;
    if (r < 0)
        q--, r += den; /* floor */
    if (2 * r > den || (2 * r == den && (q & 1)))
        q++;
    return (int64_t)q;
}

int64_t mc_muldiv(int64_t a, int64_t b, int64_t c)
{
    return mc_div_round((mc_i128)a * b, c);
}

void mc_money_format(mc_money m, char *buf)
{
    uint64_t u = m < 0 ? (uint64_t)0 - (uint64_t)m : (uint64_t)m;

    snprintf(buf, MC_MONEY_BUFSZ, "%s%llu.%06llu", m < 0 ? "-" : "",
             (unsigned long long)(u / 1000000),
             (unsigned long long)(u % 1000000));
}

struct remainder {
    mc_i128 rem;
    size_t idx;
};

/* Larger remainder first; ties to the lower index. */
static int cmp_remainder(const void *a, const void *b)
{
    const struct remainder *x = a, *y = b;

    if (x->rem != y->rem)
        return x->rem > y->rem ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Largest remainder over a non-negative total. */
static void split_positive(mc_i128 total, const int64_t *w, size_t n,
                           mc_i128 sum_w, mc_money *parts,
                           struct remainder *rem)
{
    mc_i128 given = 0, left;

    for (size_t i = 0; i < n; i++) {
        mc_i128 x = total * w[i];
        parts[i] = (mc_money)(x / sum_w);
        rem[i].rem = x % sum_w;
        rem[i].idx = i;
        given += parts[i];
    }
    left = total - given; /* < n */
    if (left <= 0)
        return;
    qsort(rem, n, sizeof *rem, cmp_remainder);
    for (size_t i = 0; i < (size_t)left; i++)
        parts[rem[i].idx]++;
}

mc_err mc_split(mc_money total, const int64_t *weights, size_t n,
                mc_money *parts, struct mc_error *err)
{
    struct remainder stack[16], *rem = stack;
    mc_i128 sum = 0, t = total;

    if (n == 0)
        return mc_error_set(err, MC_ERR_INTERNAL, "split over nothing");
    for (size_t i = 0; i < n; i++) {
        if (weights[i] < 0)
            return mc_error_set(err, MC_ERR_INTERNAL, "negative weight");
        sum += weights[i];
    }
    if (sum == 0)
        return mc_error_set(err, MC_ERR_INTERNAL, "split by zero weights");
    if (n > 16 && !(rem = malloc(n * sizeof *rem)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    split_positive(t < 0 ? -t : t, weights, n, sum, parts, rem);
    if (t < 0)
        for (size_t i = 0; i < n; i++)
            parts[i] = -parts[i];
    if (rem != stack)
        free(rem);
    return MC_OK;
}

mc_err mc_split_even(mc_money total, size_t n, mc_money *parts,
                     struct mc_error *err)
{
    int64_t stack[16] = {0}, *w = stack;
    mc_err rc;

    if (n > 16 && !(w = malloc(n * sizeof *w)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        w[i] = 1;
    rc = mc_split(total, w, n, parts, err);
    if (w != stack)
        free(w);
    return rc;
}
