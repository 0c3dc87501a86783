/* cmd_sunset.c — `meshcost sunset [--as-of D]`. */
#include <stdio.h>

#include "cli.h"
#include "meshcost/log.h"
#include "meshcost/reports.h"
#include "meshcost/sunset.h"

int mc_cmd_sunset(struct mc_cli *cli, int argc, char **argv)
{
    const char *as_of_s = NULL;
    struct mc_error err = {0};
    struct mc_catalog *cat = NULL;
    struct mc_sunset sunset;
    mc_day as_of = mc_day_today();
    int i = 0, r, code = EXIT_OK;

    while (i < argc) {
        if ((r = mc_cli_opt(argc, argv, &i, "--as-of", &as_of_s)) == 0) {
            mc_log_error("sunset: unexpected argument '%s'", argv[i]);
            return EXIT_USAGE;
        }
        if (r < 0)
            return EXIT_USAGE;
    }
    if (as_of_s && mc_cli_date("--as-of", as_of_s, &as_of))
        return EXIT_USAGE;
    if (mc_catalog_load(cli->store, &cat, &err) != MC_OK)
        return mc_cli_fail(&err);
    if (mc_sunset_compute(cli->store, &cli->cfg, cat, as_of, &sunset,
                          &err) != MC_OK) {
        code = mc_cli_fail(&err);
    } else {
        mc_report_sunset_csv(&sunset, stdout);
        mc_sunset_free(&sunset);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            mc_log_error("writing to stdout failed");
            code = EXIT_IOERR;
        }
    }
    mc_catalog_free(cat);
    return code;
}
