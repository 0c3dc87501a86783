/* test_redact.c — no literal from a query survives redaction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "meshcost/redact.h"

static void test_redact(void **state)
{
    static const char *const cases[][2] = {
        {"select * from t where ssn = '123-45-6789'",
         "select * from t where ssn = ?"},
        {"where name = 'O''Brien' and x = 'a\\'b'", "where name = ? and x = ?"},
        {"where id in (4, 7, 12) and v > 1.5e-3", "where id in (?, ?, ?) and v > ?"},
        {"select t1.col2 from tab3 t1", "select t1.col2 from tab3 t1"},
        {"select \"Amount, 2024\" from x", "select \"Amount, 2024\" from x"},
        {"select 1 -- patient 42 Smith\nfrom y", "select ? -- ?\nfrom y"},
        {"select /* mrn 991 */ a", "select /* ? */ a"},
        {"call p($$secret 1$$)", "call p(?)"},
        {"where s = 'unterminated", "where s = ?"},
        {"", ""},
    };
    char out[256];

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(mc_redact_sql(cases[i][0], out, sizeof out),
                            cases[i][1]);
    /* cut to the buffer, always terminated */
    assert_string_equal(mc_redact_sql("select abcdef", out, 7), "select");
    assert_string_equal(mc_redact_sql(NULL, out, sizeof out), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_redact)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
