/* test_money.c — decimal parsing, half-even rounding, formatting and
 * largest-remainder splits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "meshcost/money.h"

static void test_parse_table(void **state)
{
    static const struct {
        const char *s;
        int scale;
        int64_t want;
    } ok[] = {
        {"1.5", 6, 1500000},          {"0", 6, 0},
        {"-0", 6, 0},                 {"+2", 6, 2000000},
        {"0.0000005", 6, 0},          /* tie -> even (0) */
        {"0.0000015", 6, 2},          /* tie -> even (2) */
        {"0.0000025", 6, 2},          {"-0.0000025", 6, -2},
        {"0.00000250001", 6, 3},      /* above the tie */
        {"1.25E-3", 6, 1250},         {"3e2", 6, 300000000},
        {"1E+2", 0, 100},             {"5e-7", 6, 0},
        {"6e-7", 6, 1},               {"1e-400", 6, 0},
        {" 7 ", 6, 7000000},          {".5", 6, 500000},
        {"5.", 6, 5000000},           {"0000000000000000000000001.5", 6, 1500000},
        {"0.017894444", 9, 17894444}, {"3.266666667", 9, 3266666667},
        {"9223372036854.775807", 6, INT64_MAX},
        {"-9223372036854.775807", 6, -INT64_MAX},
        {"12446", 0, 12446},          {"1.2446E4", 0, 12446},
    };
    static const char *const bad[] = {
        "", " ", "-", "1,000", "$5", "1.2.3", "e5", "NaN", "1e", "1e+",
        "0x10", "1 2", "--1", "inf",
    };
    struct mc_error err;
    int64_t v;

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        v = -12345;
        if (mc_decimal_parse(ok[i].s, ok[i].scale, &v, &err) != MC_OK)
            fail_msg("'%s' rejected: %s", ok[i].s, err.msg);
        if (v != ok[i].want)
            fail_msg("'%s' -> %lld, want %lld", ok[i].s, (long long)v,
                     (long long)ok[i].want);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = 42;
        assert_int_equal(mc_decimal_parse(bad[i], 6, &v, &err),
                         MC_ERR_INPUT);
        assert_int_equal(v, 42); /* untouched on error */
        assert_non_null(strstr(err.msg, "not a number"));
    }
}

static void test_parse_range(void **state)
{
    char digits[401];
    struct mc_error err;
    int64_t v;

    (void)state;
    assert_int_equal(mc_decimal_parse("9223372036854.775808", 6, &v, &err),
                     MC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "out of range"));
    assert_int_equal(mc_decimal_parse("1e400", 6, &v, &err), MC_ERR_INPUT);
    assert_int_equal(mc_decimal_parse("1e19", 0, &v, &err), MC_ERR_INPUT);
    memset(digits, '9', 400);
    digits[400] = '\0';
    assert_int_equal(mc_decimal_parse(digits, 0, &v, &err), MC_ERR_INPUT);
    assert_int_equal(mc_decimal_parse("1", 19, &v, &err), MC_ERR_INPUT);
}

static void test_rounding(void **state)
{
    (void)state;
    assert_int_equal(mc_div_round(5, 2), 2);   /* 2.5 -> 2 */
    assert_int_equal(mc_div_round(7, 2), 4);   /* 3.5 -> 4 */
    assert_int_equal(mc_div_round(-5, 2), -2); /* -2.5 -> -2 */
    assert_int_equal(mc_div_round(-7, 2), -4);
    assert_int_equal(mc_div_round(5, -2), -2);
    assert_int_equal(mc_div_round(10, 3), 3);
    assert_int_equal(mc_div_round(-10, 3), -3);
    assert_int_equal(mc_div_round(11, 3), 4);
    /* 3.266666667 credits x 3.00 = 9.800000001 -> 9.800000 */
    assert_int_equal(mc_muldiv(3266666667LL, 3000000, MC_NANO), 9800000);
    /* 0.5000005 credits x 2.00 = 1.000001 exactly */
    assert_int_equal(mc_muldiv(500000500, 2000000, MC_NANO), 1000001);
    /* a 128-bit intermediate: 2^40 x 2^40 / 2^40 */
    assert_int_equal(mc_muldiv(1LL << 40, 1LL << 40, 1LL << 40), 1LL << 40);
}

static void test_format(void **state)
{
    char buf[MC_MONEY_BUFSZ];

    (void)state;
    mc_money_format(12345678, buf);
    assert_string_equal(buf, "12.345678");
    mc_money_format(-1, buf);
    assert_string_equal(buf, "-0.000001");
    mc_money_format(0, buf);
    assert_string_equal(buf, "0.000000");
    mc_money_format(INT64_MAX, buf);
    assert_string_equal(buf, "9223372036854.775807");
    mc_money_format(INT64_MIN, buf);
    assert_string_equal(buf, "-9223372036854.775808");
}

/* Each part within one unit of its exact share, parts sum to the whole. */
static void check_split(int64_t total, const int64_t *w, size_t n)
{
    mc_money parts[64];
    struct mc_error err;
    mc_i128 sum_w = 0, sum = 0;

    for (size_t i = 0; i < n; i++)
        sum_w += w[i];
    assert_int_equal(mc_split(total, w, n, parts, &err), MC_OK);
    for (size_t i = 0; i < n; i++) {
        mc_i128 exact_num = (mc_i128)total * w[i]; /* share = num / sum_w */
        mc_i128 diff = (mc_i128)parts[i] * sum_w - exact_num;
        if (diff < 0)
            diff = -diff;
        assert_true(diff < sum_w); /* |part - share| < 1 */
        sum += parts[i];
    }
    assert_true(sum == total);
}

static void test_split_properties(void **state)
{
    uint64_t x = 88172645463325252ULL; /* xorshift, fixed seed */
    int64_t w[64];

    (void)state;
    for (int round = 0; round < 2000; round++) {
        size_t n = 1 + (size_t)(x % 64);
        int64_t total;
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            w[i] = (int64_t)(x % 1000000007ULL) * (round % 3 ? 1 : 1000);
        }
        w[0] += 1; /* never all zero */
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        total = (int64_t)(x % 100000000000ULL) - (round % 2 ? 50000000000 : 0);
        check_split(total, w, n);
    }
}

static void test_split_ties(void **state)
{
    const int64_t even[3] = {1, 1, 1}, w[2] = {1, 1}, z[2] = {0, 0};
    const int64_t neg[2] = {1, -1};
    mc_money p[3];
    struct mc_error err;

    (void)state;
    assert_int_equal(mc_split(2000000, even, 3, p, &err), MC_OK);
    assert_int_equal(p[0], 666667); /* leftover units go to lower indexes */
    assert_int_equal(p[1], 666667);
    assert_int_equal(p[2], 666666);
    assert_int_equal(mc_split(-5, even, 3, p, &err), MC_OK);
    assert_int_equal(p[0], -2);
    assert_int_equal(p[1], -2);
    assert_int_equal(p[2], -1);
    assert_int_equal(mc_split(1, w, 2, p, &err), MC_OK);
    assert_int_equal(p[0], 1);
    assert_int_equal(p[1], 0);
    assert_int_equal(mc_split_even(7, 3, p, &err), MC_OK);
    assert_int_equal(p[0] + p[1] + p[2], 7);
    assert_int_equal(p[0], 3);
    assert_int_equal(mc_split(5, z, 2, p, &err), MC_ERR_INTERNAL);
    assert_int_equal(mc_split(5, neg, 2, p, &err), MC_ERR_INTERNAL);
    assert_int_equal(mc_split(5, w, 0, p, &err), MC_ERR_INTERNAL);
}

static void test_split_large(void **state)
{
    enum { N = 1000 };
    static int64_t w[N];
    static mc_money p[N];
    struct mc_error err;
    mc_money sum = 0;

    (void)state;
    for (int i = 0; i < N; i++)
        w[i] = 1 + i % 7;
    assert_int_equal(mc_split(123456789, w, N, p, &err), MC_OK);
    for (int i = 0; i < N; i++)
        sum += p[i];
    assert_int_equal(sum, 123456789);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_parse_range),
        cmocka_unit_test(test_rounding),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_split_properties),
        cmocka_unit_test(test_split_ties),
        cmocka_unit_test(test_split_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
