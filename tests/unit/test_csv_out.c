/* test_csv_out.c — CSV exports never carry a live formula. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meshcost/csv_out.h"

static void expect(const char *in, const char *want)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);

    mc_csv_put_text(fp, in);
    fclose(fp);
    assert_string_equal(buf, want);
    free(buf);
}

static void test_neutralised(void **state)
{
    (void)state;
    expect("=HYPERLINK(\"http://x\",\"y\")",
           "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    expect("@SUM(A1)", "\"'@SUM(A1)\"");
    expect("+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\"");
    expect("-2+3", "\"'-2+3\"");
    expect("\tx", "\"'\tx\"");
    expect("\rx", "\"'\rx\"");
    expect("a,b", "\"a,b\"");
    expect("say \"hi\"", "\"say \"\"hi\"\"\"");
    expect("line\nbreak", "\"line\nbreak\"");
    expect("plain", "plain");
    expect("", "");
    expect(NULL, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_neutralised)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
