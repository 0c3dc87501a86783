/* fuzz_csv.c — the CSV reader on arbitrary bytes: every record read, no
 * crash, no leak, bounded memory. */
#include <stdint.h>
#include <stdio.h>

#include "meshcost/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *fp = fmemopen((void *)data, size, "r");
    const struct mc_csv_row *row;
    struct mc_error err;
    struct mc_csv *c;

    if (!fp)
        return 0;
    if (mc_csv_open_stream(fp, "fuzz.csv", &c, &err) == MC_OK) {
        while (mc_csv_next(c, &row, &err) == 1)
            for (size_t i = 0; i < row->n; i++)
                if (row->field[i] && row->len[i] == (size_t)-1)
                    return 1; /* unreachable: touches every field */
        mc_csv_close(c);
    }
    fclose(fp);
    return 0;
}
