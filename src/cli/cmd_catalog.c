/* cmd_catalog.c — `meshcost catalog import DIR|FILE...`: all or nothing. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "meshcost/catalog.h"
#include "meshcost/catalog_csv.h"
#include "meshcost/log.h"

static void report(void *ctx, const char *msg)
{
    (void)ctx;
    mc_log_error("%s", msg);
}

/* Sorts the arguments into the products file and the assets file. */
static int find_files(int argc, char **argv, char *products, char *assets,
                      size_t size)
{
    struct mc_error err = {0};
    enum mc_catalog_file kind;
    struct stat sb;

    for (int i = 0; i < argc; i++) {
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            snprintf(products, size, "%s/products.csv", argv[i]);
            snprintf(assets, size, "%s/assets.csv", argv[i]);
            continue;
        }
        if (mc_catalog_csv_kind(argv[i], &kind, &err) != MC_OK)
            return mc_cli_fail(&err);
        if (kind == MC_CATALOG_UNKNOWN) {
            mc_log_error("%s:1: not a catalog file (products.csv needs "
                         "product_id,domain,...; assets.csv product_id,kind,"
                         "pattern)",
                         argv[i]);
            return EXIT_DATAERR;
        }
        snprintf(kind == MC_CATALOG_PRODUCTS ? products : assets, size, "%s",
                 argv[i]);
    }
    if (!products[0] || !assets[0]) {
        mc_log_error("catalog import needs both products.csv and assets.csv");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

int mc_cmd_catalog_import(struct mc_cli *cli, int argc, char **argv)
{
    char products[4096] = "", assets[4096] = "";
    struct mc_error err = {0};
    struct mc_catalog *cat;
    int64_t version;
    long problems;
    int code;

    if (argc < 1) {
        mc_log_error("catalog import needs a folder or the two files");
        return EXIT_USAGE;
    }
    if ((code = find_files(argc, argv, products, assets, sizeof products)))
        return code;
    if (!(cat = mc_catalog_new())) {
        mc_log_error("out of memory");
        return EXIT_SOFTWARE;
    }
    if (mc_catalog_csv_read(cat, products, MC_CATALOG_PRODUCTS, report, NULL,
                            &err) != MC_OK ||
        mc_catalog_csv_read(cat, assets, MC_CATALOG_ASSETS, report, NULL,
                            &err) != MC_OK) {
        code = mc_cli_fail(&err);
        goto out;
    }
    if ((problems = mc_catalog_check(cat, report, NULL)) > 0) {
        mc_log_error("catalog not imported: %ld problem%s", problems,
                     problems == 1 ? "" : "s");
        code = EXIT_DATAERR;
        goto out;
    }
    if (mc_catalog_save(cli->store, cat, products, assets, &version, &err) !=
        MC_OK) {
        code = mc_cli_fail(&err);
        goto out;
    }
    mc_log_info("catalog version %lld: %zu products", (long long)version,
                mc_catalog_product_count(cat));
    code = EXIT_OK;
out:
    mc_catalog_free(cat);
    return code;
}
