/* test_oom.c — out of memory is never taken for bad or empty input.
 *
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc (see
 * tests/CMakeLists.txt): every allocation made by meshcost's own code, and
 * by jansson through mc_json_loadb's allocator, goes through the wrappers
 * below, which fail the Nth one. Each case sweeps N over every allocation
 * the operation makes: the outcome is either the right result or an
 * out-of-memory error, never a wrong result (findings F1 and F12 of
 * tests/fault/FINDINGS.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meshcost/csv.h"
#include "meshcost/importer_util.h"
#include "meshcost/json.h"
#include "meshcost/resolve.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

static long fail_at;  /* the allocation that fails (1-based); 0: none */
static long counted;  /* allocations since arm() */

static void arm(long n)
{
    fail_at = n;
    counted = 0;
}

static int fails(void)
{
    return fail_at && ++counted == fail_at;
}

void *__wrap_malloc(size_t n)
{
    return fails() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fails() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return fails() ? NULL : __real_realloc(p, n);
}

struct pairs {
    int n;
    char seen[256];
};

static int collect(void *ctx, const char *k, const char *v)
{
    struct pairs *p = ctx;
    size_t used = strlen(p->seen);

    snprintf(p->seen + used, sizeof p->seen - used, "%s=%s;", k, v);
    p->n++;
    return 0;
}

/* F1 (attribute): a JSON tag whose parse ran out of memory is not read as
 * a text tag without pairs. */
static void test_tag_pairs(void **state)
{
    const char *tag = "{\"data_product\": \"rev.claim-status\", "
                      "\"team\": \"revenue\"}";
    long n, nomem = 0;

    (void)state;
    for (n = 1;; n++) {
        struct pairs p = {0};
        int r;
        arm(n);
        r = mc_tag_pairs(tag, collect, &p);
        arm(0);
        if (r < 0) {
            nomem++;
            continue;
        }
        assert_int_equal(r, 0);
        assert_string_equal(p.seen,
                            "data_product=rev.claim-status;team=revenue;");
        if (counted < n)
            break; /* the Nth allocation was never made: all covered */
    }
    assert_true(nomem > 0);
}

/* F1 (ingest): jansson's lexer drops a byte when a string buffer cannot
 * grow; such a parse must be void, not a shorter table name. */
static void test_json_field(void **state)
{
    static const char *fields[] = {
        "[{\"objectDomain\": \"Table\", \"objectName\": "
        "\"NORTHGATE.ADT.ADT_EVENTS_WITH_A_RATHER_LONG_NAME_TO_GROW_THE_"
        "LEXER_BUFFER_MORE_THAN_ONCE\"}]"};
    size_t lens[1] = {strlen(fields[0])};
    struct mc_csv_row row = {.n = 1, .field = fields, .len = lens, .line = 2};
    long n, nomem = 0;

    (void)state;
    for (n = 1;; n++) {
        struct mc_error err = {0};
        json_t *root = NULL;
        mc_err rc;
        arm(n);
        rc = mc_imp_json(&row, 0, "BASE_OBJECTS_ACCESSED", &root, &err);
        arm(0);
        if (rc == MC_ERR_NOMEM) {
            assert_null(root);
            nomem++;
            continue;
        }
        assert_int_equal(rc, MC_OK);
        assert_string_equal(
            json_string_value(json_object_get(json_array_get(root, 0),
                                              "objectName")),
            "NORTHGATE.ADT.ADT_EVENTS_WITH_A_RATHER_LONG_NAME_TO_GROW_THE_"
            "LEXER_BUFFER_MORE_THAN_ONCE");
        json_decref(root);
        if (counted < n)
            break;
    }
    assert_true(nomem > 0);
}

/* F12: the CSV reader either gives every row or fails out of memory; it
 * never ends early as if the file ended there. */
static void test_csv_reader(void **state)
{
    char text[8192];
    size_t len = 0;
    long n, nomem = 0;

    (void)state;
    len += (size_t)snprintf(text + len, sizeof text - len, "A,B,C\n");
    for (int i = 0; i < 60; i++)
        len += (size_t)snprintf(text + len, sizeof text - len,
                                "%d,\"quoted, with a comma %d\",%s\n", i,
                                i * 7, i % 5 ? "x" : "a much longer value "
                                "that makes the arena grow once more");
    for (n = 1;; n++) {
        FILE *fp = fmemopen(text, len, "r");
        struct mc_csv *c = NULL;
        const struct mc_csv_row *row;
        struct mc_error err = {0};
        int r, rows = 0;

        assert_non_null(fp);
        arm(n);
        if (mc_csv_open_stream(fp, "t.csv", &c, &err) != MC_OK) {
            arm(0);
            assert_int_equal(err.code, MC_ERR_NOMEM);
            fclose(fp);
            nomem++;
            continue;
        }
        while ((r = mc_csv_next(c, &row, &err)) > 0)
            rows++;
        arm(0);
        mc_csv_close(c);
        fclose(fp);
        if (r < 0) {
            assert_int_equal(err.code, MC_ERR_NOMEM);
            assert_non_null(strstr(err.msg, "t.csv:"));
            nomem++;
            continue;
        }
        assert_int_equal(rows, 61);
        if (counted < n)
            break;
    }
    assert_true(nomem > 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tag_pairs),
        cmocka_unit_test(test_json_field),
        cmocka_unit_test(test_csv_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
