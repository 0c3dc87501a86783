/* cmd_report.c — `meshcost report --period YYYY-MM --out DIR`. */
#include "cli.h"
#include "meshcost/log.h"
#include "meshcost/report.h"

int mc_cmd_report(struct mc_cli *cli, int argc, char **argv)
{
    const char *period = NULL, *out = NULL;
    struct mc_catalog *cat = NULL;
    struct mc_error err = {0};
    mc_day first, end;
    int i = 0, r, code = EXIT_OK;
    mc_err rc;

    while (i < argc) {
        if ((r = mc_cli_opt(argc, argv, &i, "--period", &period)) == 0 &&
            (r = mc_cli_opt(argc, argv, &i, "--out", &out)) == 0) {
            mc_log_error("report: unexpected argument '%s'", argv[i]);
            return EXIT_USAGE;
        }
        if (r < 0)
            return EXIT_USAGE;
    }
    if (!period || mc_period_parse(period, &first, &end, &err) != MC_OK) {
        mc_log_error("report needs --period YYYY-MM");
        return EXIT_USAGE;
    }
    if (!out)
        out = cli->cfg.report_out;
    if (mc_catalog_load(cli->store, &cat, &err) != MC_OK)
        return mc_cli_fail(&err);
    if (mc_catalog_version(cat) == 0)
        mc_log_warn("no catalog imported: every cost is unallocated");
    mc_cli_guard_reports(1);
    rc = mc_report_write(cli->store, &cli->cfg, cat, first, end,
                         mc_report_as_of(first, end, mc_day_today()), out,
                         &err);
    mc_cli_guard_reports(0);
    if (rc != MC_OK)
        code = mc_cli_fail(&err);
    else
        mc_log_info("reports for %s written to %s/%s", period, out, period);
    mc_catalog_free(cat);
    return code;
}
