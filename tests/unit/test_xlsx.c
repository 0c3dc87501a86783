/* test_xlsx.c — what reaches libxlsxwriter is always safe: cleaned text,
 * valid unique sheet names, deterministic atomic files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "meshcost/xlsx.h"

static void test_clean(void **state)
{
    static char out[MC_XLSX_CELL_MAX * 4 + 64];
    char *big = malloc(100000);

    (void)state;
    assert_string_equal(mc_xlsx_clean("a\x01" "b\tc\nd\x7f", out, sizeof out),
                        "abc\nd");
    assert_string_equal(mc_xlsx_clean("caf\xc3\xa9 \xff!", out, sizeof out),
                        "caf\xc3\xa9 ?!");
    assert_string_equal(mc_xlsx_clean("=HYPERLINK(\"x\")", out, sizeof out),
                        "=HYPERLINK(\"x\")"); /* stays a string cell */
    memset(big, 'x', 99999);
    big[99999] = '\0';
    mc_xlsx_clean(big, out, sizeof out);
    assert_int_equal(strlen(out), MC_XLSX_CELL_MAX);
    assert_non_null(strstr(out, "[... truncated]"));
    free(big);
}

static void test_sheet_names(void **state)
{
    char out[32];

    (void)state;
    mc_xlsx_sheet_clean("Q1 [draft]: a/b\\c*?", out);
    assert_string_equal(out, "Q1 draft abc");
    mc_xlsx_sheet_clean("", out);
    assert_string_equal(out, "Sheet");
    mc_xlsx_sheet_clean("[]:*?/\\", out);
    assert_string_equal(out, "Sheet");
    mc_xlsx_sheet_clean("'quoted'", out);
    assert_string_equal(out, "quoted");
    mc_xlsx_sheet_clean("a very long sheet name that goes on and on", out);
    assert_int_equal(strlen(out), 31);
    /* 15 two-byte characters + 'x': never cut inside a character */
    mc_xlsx_sheet_clean("x\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                        "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                        "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
                        out);
    assert_int_equal(strlen(out), 31);
    assert_int_equal((unsigned char)out[30], 0xa9);
}

static void test_file_safe(void **state)
{
    char out[64];

    (void)state;
    mc_file_safe("supply chain/../x", out, sizeof out);
    assert_string_equal(out, "supply-chain-..-x");
    mc_file_safe("", out, sizeof out);
    assert_string_equal(out, "_");
    mc_file_safe(".hidden", out, sizeof out);
    assert_string_equal(out, "_hidden");
}

static void make(const char *path, int day)
{
    struct mc_xlsx x;
    struct mc_error err;
    lxw_worksheet *a, *b;

    assert_int_equal(mc_xlsx_open(&x, path, "t", "USD", day, &err), MC_OK);
    a = mc_xlsx_sheet(&x, "Summary");
    b = mc_xlsx_sheet(&x, "summary"); /* names are unique, case-blind */
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(mc_xlsx_sheet_name(&x, 1), "summary (2)");
    mc_xlsx_text(a, 0, 0, "", NULL); /* never an empty string */
    mc_xlsx_text(a, 1, 0, NULL, NULL);
    mc_xlsx_text(a, 2, 0, "\x01\x02", NULL);
    mc_xlsx_money(a, 3, 0, 1234567, x.money);
    assert_int_equal(mc_xlsx_close(&x, &err), MC_OK);
}

static void test_deterministic_and_atomic(void **state)
{
    char dir[] = "/tmp/mc-xlsx-XXXXXX", p1[64], p2[64], cmd[200];
    struct mc_xlsx x;
    struct mc_error err;
    struct stat st;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(p1, sizeof p1, "%s/a.xlsx", dir);
    snprintf(p2, sizeof p2, "%s/b.xlsx", dir);
    make(p1, 20757);
    sleep(1); /* a clock-dated file would now differ */
    make(p2, 20757);
    snprintf(cmd, sizeof cmd, "cmp -s %s %s", p1, p2);
    assert_int_equal(system(cmd), 0);
    /* an aborted workbook leaves the previous file and no temporary */
    assert_int_equal(mc_xlsx_open(&x, p1, "t", "EUR", 1, &err), MC_OK);
    mc_xlsx_sheet(&x, "X");
    mc_xlsx_abort(&x);
    assert_int_equal(stat(p1, &st), 0);
    assert_true(st.st_size > 1000);
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 2", dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_sheet_names),
        cmocka_unit_test(test_file_safe),
        cmocka_unit_test(test_deterministic_and_atomic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
