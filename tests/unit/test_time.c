/* test_time.c — timestamp parsing to UTC, civil dates, periods. Expected
 * epoch values computed independently with `date -u -d ... +%s`. Runs
 * under a non-UTC TZ (set by CTest) to prove the host zone is ignored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "meshcost/time.h"

static void test_parse_good(void **state)
{
    static const struct {
        const char *s;
        mc_ms want;
    } ok[] = {
        {"2024-05-14 09:13:07.481 -0700", 1715703187481LL},
        {"2024-05-14 09:13:07.481 -07:00", 1715703187481LL},
        {"2024-05-14 16:13:07.481 +0000", 1715703187481LL},
        {"2024-05-14T16:13:07Z", 1715703187000LL},
        {"2024-05-14T09:13:07.123456789+05:30", 1715658187123LL},
        {"2024-05-14 16:13:07 UTC", 1715703187000LL},
        {"2024-05-14 18:13:07+02", 1715703187000LL},
        {"2024-05-14 16:13", 1715703180000LL},
        {"2026-10-01", 1790812800000LL},
        {"1969-12-31 23:59:59", -1000LL},
        {"2024-02-29 00:00:00", 1709164800000LL},
        {"2000-02-29 12:00:00", 951825600000LL},
        {"0001-01-01", -62135596800000LL},
        {"9999-12-31 23:59:59", 253402300799000LL},
    };
    struct mc_error err;
    mc_ms t;

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        if (mc_time_parse(ok[i].s, &t, &err) != MC_OK)
            fail_msg("'%s' rejected: %s", ok[i].s, err.msg);
        if (t != ok[i].want)
            fail_msg("'%s' -> %lld, want %lld", ok[i].s, (long long)t,
                     (long long)ok[i].want);
    }
}

static void test_parse_bad(void **state)
{
    static const char *const bad[] = {
        "", "2024-02-30", "2023-02-29", "1900-02-29", "2024-13-01",
        "2024-05-14 24:00", "2024-05-14 09:60", "2024-05-14 09:13:60",
        "0000-01-01", "2024-05-14 09:13:07 x", "2024-05-14 09:13:07 +1900",
        "2024-5-14", "2024-05-14 ", "2024-05-14T", "14/05/2024", "5/1/25",
        "2024-05-14 09:13:07.", "2024-05-14 09:13:07 +07:0",
    };
    struct mc_error err;
    mc_ms t = 7;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (mc_time_parse(bad[i], &t, &err) != MC_ERR_INPUT)
            fail_msg("'%s' accepted", bad[i]);
        assert_non_null(strstr(err.msg, "not a timestamp"));
    }
    assert_int_equal(t, 7);
}

static void test_days(void **state)
{
    char buf[MC_DATE_BUFSZ];
    mc_day d, first, end;
    struct mc_error err;
    int y, m, dd;

    (void)state;
    assert_int_equal(mc_day_from_ymd(1970, 1, 1), 0);
    assert_int_equal(mc_day_from_ymd(2026, 10, 1), 20727);
    assert_int_equal(mc_day_of(-1), -1);
    assert_int_equal(mc_day_of(0), 0);
    assert_int_equal(mc_day_of(86399999), 0);
    mc_day_to_ymd(-1, &y, &m, &dd);
    assert_true(y == 1969 && m == 12 && dd == 31);
    for (d = -800000; d < 800000; d += 997) { /* round trip */
        mc_day_to_ymd(d, &y, &m, &dd);
        assert_int_equal(mc_day_from_ymd(y, m, dd), d);
    }
    assert_int_equal(mc_days_in_month(2024, 2), 29);
    assert_int_equal(mc_days_in_month(1900, 2), 28);
    assert_int_equal(mc_days_in_month(2000, 2), 29);
    assert_int_equal(mc_days_in_month(2026, 10), 31);
    mc_date_format(20757, buf);
    assert_string_equal(buf, "2026-10-31");
    assert_int_equal(mc_date_parse("2026-10-31", &d, &err), MC_OK);
    assert_int_equal(d, 20757);
    assert_int_equal(mc_date_parse("2026-10-31x", &d, &err), MC_ERR_INPUT);
    assert_int_equal(mc_period_parse("2026-10", &first, &end, &err), MC_OK);
    assert_int_equal(first, 20727);
    assert_int_equal(end, 20758);
    assert_int_equal(mc_period_parse("2026-13", &first, &end, &err),
                     MC_ERR_INPUT);
    assert_int_equal(mc_period_parse("2026-1", &first, &end, &err),
                     MC_ERR_INPUT);
    assert_int_equal(mc_period_parse("2026-10-01", &first, &end, &err),
                     MC_ERR_INPUT);
}

static void test_date_find_and_format(void **state)
{
    char buf[MC_TIME_BUFSZ];
    mc_day d;

    (void)state;
    assert_true(mc_date_find("table_storage_metrics_2026-10-03.csv.gz", &d));
    assert_int_equal(d, 20729);
    assert_false(mc_date_find("x20261003.csv", &d));
    assert_false(mc_date_find("12026-10-03", &d)); /* digit before */
    assert_true(mc_date_find("2026-13-01_2026-10-02", &d));
    assert_int_equal(d, 20728);
    mc_time_format(1715703187481LL, buf);
    assert_string_equal(buf, "2024-05-14T16:13:07.481Z");
    mc_time_format(-1, buf);
    assert_string_equal(buf, "1969-12-31T23:59:59.999Z");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_good),
        cmocka_unit_test(test_parse_bad),
        cmocka_unit_test(test_days),
        cmocka_unit_test(test_date_find_and_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
