/* test_config.c — defaults, values, errors with file:line, paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "meshcost/config.h"

static char dir[64];

static const char *write_ini(const char *text)
{
    static char path[128];
    FILE *fp;

    snprintf(path, sizeof path, "%s/meshcost.ini", dir);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    return path;
}

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/mc-config-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char path[128];

    (void)state;
    snprintf(path, sizeof path, "%s/meshcost.ini", dir);
    unlink(path);
    return rmdir(dir);
}

static void test_defaults(void **state)
{
    struct mc_config c;

    (void)state;
    mc_config_defaults(&c);
    assert_int_equal(c.snowflake_credit, 3000000);
    assert_int_equal(c.snowflake_storage_tib_month, 23000000);
    assert_string_equal(c.product_tag_key, "data_product");
    assert_int_equal(c.idle, MC_IDLE_OWNER);
    assert_string_equal(c.currency, "USD");
    assert_int_equal(c.sunset_min_monthly_cost, 10000000);
    assert_int_equal(c.sunset_min_consumers, 2);
    assert_int_equal(c.lookback_days, 3);
}

static void test_values(void **state)
{
    struct mc_config c;
    struct mc_error err;
    char want[160];

    (void)state;
    mc_config_defaults(&c);
    assert_int_equal(
        mc_config_load(&c,
                       write_ini("; comment\n[rates]\nsnowflake_credit = "
                                 "2.5E0\n[attribution]\nidle = unallocated\n"
                                 "product_tag_key = dp\n[report]\ncurrency "
                                 "= EUR\n[store]\npath = x/m.db\n[sunset]\n"
                                 "min_consumers = 3\n"),
                       &err),
        MC_OK);
    assert_int_equal(c.snowflake_credit, 2500000);
    assert_int_equal(c.idle, MC_IDLE_UNALLOCATED);
    assert_string_equal(c.product_tag_key, "dp");
    assert_string_equal(c.currency, "EUR");
    assert_int_equal(c.sunset_min_consumers, 3);
    snprintf(want, sizeof want, "%s/x/m.db", dir);
    assert_string_equal(c.store_path, want); /* relative to the file */
}

static void expect_error(const char *text, const char *msg_tail, int line)
{
    struct mc_config c;
    struct mc_error err = {0};
    char want[200];

    mc_config_defaults(&c);
    assert_int_equal(mc_config_load(&c, write_ini(text), &err),
                     MC_ERR_CONFIG);
    snprintf(want, sizeof want, "%s/meshcost.ini:%d: %s", dir, line,
             msg_tail);
    assert_string_equal(err.msg, want);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("[rates]\nsnowflake_credit = 3\nsnowflake_kredit = 2\n",
                 "unknown setting [rates] snowflake_kredit", 3);
    expect_error("[ratez]\nsnowflake_credit = 3\n",
                 "unknown setting [ratez] snowflake_credit", 2);
    expect_error("[rates]\nsnowflake_credit = three\n",
                 "[rates] snowflake_credit = 'three': must be a "
                 "non-negative decimal",
                 2);
    expect_error("\n[attribution]\nidle = sometimes\n",
                 "[attribution] idle = 'sometimes': must be owner or "
                 "unallocated",
                 3);
    expect_error("[report]\ncurrency = usd\n",
                 "[report] currency = 'usd': must be a 3-letter ISO 4217 "
                 "code",
                 2);
    expect_error("[nightly]\nlookback_days = 2.5\n",
                 "[nightly] lookback_days = '2.5': must be a whole number "
                 "from 0 to 366",
                 2);
    expect_error("[rates\n", "syntax error", 1);
}

static void test_fx(void **state)
{
    struct mc_config c;
    struct mc_error err;

    (void)state;
    mc_config_defaults(&c);
    assert_int_equal(mc_config_fx(&c, "EUR"), 0); /* none by default */
    assert_int_equal(mc_config_load(&c, write_ini("[fx]\nEUR = 1.08\n"
                                                  "GBP = 1.27\n"),
                                    &err),
                     MC_OK);
    assert_int_equal(mc_config_fx(&c, "EUR"), 1080000000);
    assert_int_equal(mc_config_fx(&c, "GBP"), 1270000000);
    expect_error("[fx]\nEUR = 0\n",
                 "[fx] EUR = '0': expected a new 3-letter currency code and "
                 "a positive rate (units of the report currency per unit)",
                 2);
    expect_error("[fx]\neuro = 1\n",
                 "[fx] euro = '1': expected a new 3-letter currency code and "
                 "a positive rate (units of the report currency per unit)",
                 2);
}

static void test_missing(void **state)
{
    struct mc_config c;
    struct mc_error err;

    (void)state;
    mc_config_defaults(&c);
    assert_int_equal(mc_config_load(&c, "/nonexistent/meshcost.ini", &err),
                     MC_ERR_NOINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_fx),
        cmocka_unit_test(test_missing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
