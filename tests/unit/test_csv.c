/* test_csv.c — the CSV reader: quoting, line numbers, nulls, BOM, CRLF,
 * gzip (whole and truncated), errors and limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "meshcost/csv.h"

static struct mc_csv *from(const char *text, FILE **fp)
{
    struct mc_csv *c = NULL;
    struct mc_error err;

    *fp = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(*fp);
    assert_int_equal(mc_csv_open_stream(*fp, "mem.csv", &c, &err), MC_OK);
    return c;
}

static void test_quoting_and_lines(void **state)
{
    const char *text = "a,b,c\n"
                       "1,\"x, y\",\"say \"\"hi\"\"\"\n"
                       "2,\"multi\nline\nfield\",z\n"
                       "\n"
                       "3,,NULL\n"
                       "4,\\N,\"\"\n"
                       "5,last,row";
    const struct mc_csv_row *r;
    struct mc_error err;
    FILE *fp;
    struct mc_csv *c = from(text, &fp);

    (void)state;
    assert_int_equal(mc_csv_next(c, &r, &err), 1);
    assert_int_equal(r->line, 1);
    assert_int_equal(mc_csv_col(r, "B"), 1);
    assert_int_equal(mc_csv_col(r, "C"), 2);
    assert_int_equal(mc_csv_col(r, "d"), -1);
    assert_int_equal(mc_csv_next(c, &r, &err), 1);
    assert_int_equal(r->line, 2);
    assert_string_equal(r->field[1], "x, y");
    assert_string_equal(r->field[2], "say \"hi\"");
    assert_int_equal(mc_csv_next(c, &r, &err), 1);
    assert_int_equal(r->line, 3);
    assert_string_equal(r->field[1], "multi\nline\nfield");
    assert_int_equal(mc_csv_next(c, &r, &err), 1);
    assert_int_equal(r->line, 7); /* after the 3-line record and a blank */
    assert_int_equal(r->n, 3);
    assert_null(r->field[1]);
    assert_null(r->field[2]);
    assert_int_equal(mc_csv_next(c, &r, &err), 1);
    assert_int_equal(r->line, 8);
    assert_null(r->field[1]);
    assert_null(r->field[2]);
    assert_int_equal(mc_csv_next(c, &r, &err), 1);
    assert_int_equal(r->line, 9);
    assert_string_equal(mc_csv_get(r, 1), "last");
    assert_null(mc_csv_get(r, 7));
    assert_null(mc_csv_get(r, -1));
    assert_int_equal(mc_csv_next(c, &r, &err), 0);
    assert_int_equal(mc_csv_next(c, &r, &err), 0);
    mc_csv_close(c);
    fclose(fp);
}

static void test_crlf_and_bom(void **state)
{
    const struct mc_csv_row *r;
    struct mc_error err;
    FILE *fp;
    struct mc_csv *c = from("\xEF\xBB\xBFid,v\r\n1,\"a\r\nb\"\r\n2,c\r\n", &fp);

    (void)state;
    assert_int_equal(mc_csv_next(c, &r, &err), 1);
    assert_string_equal(r->field[0], "id"); /* BOM gone */
    assert_int_equal(mc_csv_next(c, &r, &err), 1);
    assert_int_equal(r->line, 2);
    assert_string_equal(r->field[1], "a\r\nb");
    assert_int_equal(mc_csv_next(c, &r, &err), 1);
    assert_int_equal(r->line, 4);
    assert_string_equal(r->field[1], "c");
    assert_int_equal(mc_csv_next(c, &r, &err), 0);
    mc_csv_close(c);
    fclose(fp);
}

static void test_malformed(void **state)
{
    const struct mc_csv_row *r;
    struct mc_error err;
    FILE *fp;
    struct mc_csv *c = from("a,b\n1,2\n3,\"x\"y\n", &fp);

    (void)state;
    assert_int_equal(mc_csv_next(c, &r, &err), 1);
    assert_int_equal(mc_csv_next(c, &r, &err), 1);
    assert_int_equal(mc_csv_next(c, &r, &err), -1);
    assert_string_equal(err.msg, "mem.csv:3: malformed CSV (error parsing "
                                 "data while strict checking enabled)");
    mc_csv_close(c);
    fclose(fp);
    c = from("a,b\n1,\"never closed\n", &fp);
    assert_int_equal(mc_csv_next(c, &r, &err), 1);
    assert_int_equal(mc_csv_next(c, &r, &err), -1);
    assert_non_null(strstr(err.msg, "mem.csv:2: malformed CSV at end"));
    mc_csv_close(c);
    fclose(fp);
}

static void test_empty_and_too_many_fields(void **state)
{
    const struct mc_csv_row *r;
    struct mc_error err;
    FILE *fp;
    struct mc_csv *c = from("", &fp);
    char *wide = malloc(30000);

    (void)state;
    assert_int_equal(mc_csv_next(c, &r, &err), 0);
    mc_csv_close(c);
    fclose(fp);
    c = from("\xEF\xBB\xBF", &fp); /* only a BOM: found by fuzzing */
    assert_int_equal(mc_csv_next(c, &r, &err), 0);
    mc_csv_close(c);
    fclose(fp);
    memset(wide, ',', 20000);
    wide[20000] = '\n';
    wide[20001] = '\0';
    c = from(wide, &fp);
    assert_int_equal(mc_csv_next(c, &r, &err), -1);
    assert_string_equal(err.msg, "mem.csv:1: more than 10000 fields");
    mc_csv_close(c);
    fclose(fp);
    free(wide);
}

static void write_gz(const char *path, const char *text)
{
    gzFile gz = gzopen(path, "wb");

    assert_non_null(gz);
    assert_int_equal(gzwrite(gz, text, (unsigned)strlen(text)),
                     (int)strlen(text));
    gzclose(gz);
}

static void test_gzip(void **state)
{
    char path[] = "/tmp/mc-csv-XXXXXX";
    const struct mc_csv_row *r;
    struct mc_csv *c = NULL;
    struct mc_error err;
    char *big = malloc(200000);
    int fd = mkstemp(path), n = 0, rc;

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    write_gz(path, "x,y\n1,2\n3,4\n");
    assert_int_equal(mc_csv_open(path, &c, &err), MC_OK);
    while ((rc = mc_csv_next(c, &r, &err)) == 1)
        n++;
    assert_int_equal(rc, 0);
    assert_int_equal(n, 3);
    assert_string_equal(r->field[1], "4");
    mc_csv_close(c);
    /* a truncated gzip is an error, never a silently short file */
    uint32_t x = 2463534242u; /* xorshift digits: do not compress away */
    for (int i = 0; i < 199990; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        big[i] = i % 10 == 9 ? '\n' : (char)('0' + x % 10);
    }
    big[199990] = '\0';
    write_gz(path, big);
    assert_int_equal(truncate(path, 2000), 0);
    assert_int_equal(mc_csv_open(path, &c, &err), MC_OK);
    while ((rc = mc_csv_next(c, &r, &err)) == 1)
        ;
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err.msg, "truncated or corrupt gzip"));
    mc_csv_close(c);
    unlink(path);
    assert_int_equal(mc_csv_open(path, &c, &err), MC_ERR_NOINPUT);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoting_and_lines),
        cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_empty_and_too_many_fields),
        cmocka_unit_test(test_gzip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
