/* fuzz_files.c — the file-level parsers: the input is written to a file
 * and read as meshcost.ini, as products.csv and as assets.csv (the catalog
 * is then checked as a whole). */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "meshcost/catalog.h"
#include "meshcost/catalog_csv.h"
#include "meshcost/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    struct mc_config cfg;
    struct mc_catalog *cat;
    struct mc_error err;
    FILE *fp;

    if (!path[0])
        snprintf(path, sizeof path, "/tmp/mc-fuzz-%ld.txt", (long)getpid());
    if (!(fp = fopen(path, "wb")))
        return 0;
    fwrite(data, 1, size, fp);
    fclose(fp);
    mc_config_defaults(&cfg);
    mc_config_load(&cfg, path, &err);
    if ((cat = mc_catalog_new())) {
        mc_catalog_csv_read(cat, path, MC_CATALOG_PRODUCTS, NULL, NULL, &err);
        mc_catalog_csv_read(cat, path, MC_CATALOG_ASSETS, NULL, NULL, &err);
        mc_catalog_check(cat, NULL, NULL);
        mc_catalog_free(cat);
    }
    return 0;
}
