/* cmd_close.c — `meshcost close --period YYYY-MM`: freezes a month. Its
 * allocations never change again; data arriving later for it is booked by
 * `nightly` as adjustments in the first open month. */
#include "cli.h"
#include "meshcost/log.h"
#include "meshcost/runs.h"

int mc_cmd_close(struct mc_cli *cli, int argc, char **argv)
{
    const char *period = NULL;
    struct mc_error err = {0};
    mc_day first, end;
    int i = 0, r;

    while (i < argc) {
        if ((r = mc_cli_opt(argc, argv, &i, "--period", &period)) == 0) {
            mc_log_error("close: unexpected argument '%s'", argv[i]);
            return EXIT_USAGE;
        }
        if (r < 0)
            return EXIT_USAGE;
    }
    if (!period || mc_period_parse(period, &first, &end, &err) != MC_OK) {
        mc_log_error("close needs --period YYYY-MM");
        return EXIT_USAGE;
    }
    if (end > mc_day_today()) {
        mc_log_error("close: %s has not ended yet", period);
        return EXIT_USAGE;
    }
    if (mc_month_close(cli->store, period, &err) != MC_OK)
        return mc_cli_fail(&err);
    mc_log_info("%s closed: its allocations are frozen", period);
    return EXIT_OK;
}
