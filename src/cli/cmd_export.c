/* cmd_export.c — `meshcost export allocations --period YYYY-MM`. */
#include <stdio.h>

#include "cli.h"
#include "meshcost/log.h"
#include "meshcost/reports.h"

int mc_cmd_export_allocations(struct mc_cli *cli, int argc, char **argv)
{
    const char *period = NULL;
    struct mc_error err = {0};
    mc_day from, to;
    int i = 0, r;

    while (i < argc) {
        if ((r = mc_cli_opt(argc, argv, &i, "--period", &period)) == 0) {
            mc_log_error("export allocations: unexpected argument '%s'",
                         argv[i]);
            return EXIT_USAGE;
        }
        if (r < 0)
            return EXIT_USAGE;
    }
    if (!period) {
        mc_log_error("export allocations needs --period YYYY-MM");
        return EXIT_USAGE;
    }
    if (mc_period_parse(period, &from, &to, &err) != MC_OK) {
        mc_log_error("--period '%s': expected YYYY-MM", period);
        return EXIT_USAGE;
    }
    if (mc_report_allocations_csv(cli->store, from, to, cli->cfg.currency,
                                  stdout, &err) != MC_OK)
        return mc_cli_fail(&err);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        mc_log_error("writing to stdout failed");
        return EXIT_IOERR;
    }
    return EXIT_OK;
}
