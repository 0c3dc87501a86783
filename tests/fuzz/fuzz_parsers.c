/* fuzz_parsers.c — decimals, timestamps, dates in names, query tags, SQL
 * redaction and cell cleaning on arbitrary text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "meshcost/money.h"
#include "meshcost/redact.h"
#include "meshcost/resolve.h"
#include "meshcost/time.h"
#include "meshcost/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count(void *ctx, const char *k, const char *v)
{
    (void)k, (void)v;
    ++*(int *)ctx;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char out[MC_XLSX_CELL_MAX * 4 + 64];
    char *s = malloc(size + 1);
    struct mc_error err;
    int64_t v;
    mc_ms t;
    mc_day d;
    int n = 0;

    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    for (int scale = 0; scale <= 9; scale += 3)
        mc_decimal_parse(s, scale, &v, &err);
    if (mc_time_parse(s, &t, &err) == MC_OK) {
        char buf[MC_TIME_BUFSZ];
        mc_time_format(t, buf);
    }
    mc_date_find(s, &d);
    mc_tag_pairs(s, count, &n);
    mc_redact_sql(s, out, sizeof out);
    mc_xlsx_clean(s, out, sizeof out);
    free(s);
    return 0;
}
