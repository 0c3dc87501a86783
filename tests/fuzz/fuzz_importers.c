/* fuzz_importers.c — every importer's row conversion: the first record is
 * the header, each importer that accepts it converts every row. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "meshcost/importer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run(const struct mc_importer *imp, const uint8_t *data,
                size_t size)
{
    struct mc_import_ctx ctx = {"fuzz_2026-10-01.csv", 1, 20727, NULL};
    FILE *fp = fmemopen((void *)data, size, "r");
    const struct mc_csv_row *row;
    struct mc_record rec;
    struct mc_error err;
    struct mc_csv *c;
    void *st;

    if (!fp)
        return;
    if (mc_csv_open_stream(fp, "fuzz.csv", &c, &err) == MC_OK) {
        if (mc_csv_next(c, &row, &err) == 1 &&
            imp->open(&st, row, &ctx, &err) == MC_OK) {
            while (mc_csv_next(c, &row, &err) == 1) {
                memset(&rec, 0, sizeof rec);
                imp->convert(st, row, &rec, &err);
            }
            imp->close(st);
        }
        mc_csv_close(c);
    }
    fclose(fp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (size_t i = 0; mc_importers[i]; i++)
        run(mc_importers[i], data, size);
    return 0;
}
