/* cmd_attribute.c — `meshcost attribute [--from D] [--to D]`. */
#include "cli.h"
#include "meshcost/attribute.h"
#include "meshcost/log.h"

int mc_cmd_attribute(struct mc_cli *cli, int argc, char **argv)
{
    const char *from_s = NULL, *to_s = NULL;
    struct mc_attr_stats stats;
    struct mc_error err = {0};
    struct mc_catalog *cat = NULL;
    mc_day from = 0, to = 0;
    char total[MC_MONEY_BUFSZ];
    int i = 0, r, found = 1, code;

    while (i < argc) {
        if ((r = mc_cli_opt(argc, argv, &i, "--from", &from_s)) == 0 &&
            (r = mc_cli_opt(argc, argv, &i, "--to", &to_s)) == 0) {
            mc_log_error("attribute: unexpected argument '%s'", argv[i]);
            return EXIT_USAGE;
        }
        if (r < 0)
            return EXIT_USAGE;
    }
    if ((from_s && mc_cli_date("--from", from_s, &from)) ||
        (to_s && mc_cli_date("--to", to_s, &to)))
        return EXIT_USAGE;
    if (!from_s || !to_s) {
        mc_day f, t;
        if (mc_attribute_span(cli->store, &f, &t, &found, &err) != MC_OK)
            return mc_cli_fail(&err);
        from = from_s ? from : f;
        to = to_s ? to : t;
    }
    if (!found) {
        mc_log_info("nothing to attribute: no data loaded");
        return EXIT_OK;
    }
    if (to <= from) {
        mc_log_error("attribute: --to must be after --from");
        return EXIT_USAGE;
    }
    if (mc_catalog_load(cli->store, &cat, &err) != MC_OK)
        return mc_cli_fail(&err);
    if (mc_catalog_version(cat) == 0)
        mc_log_warn("no catalog imported: every cost goes to _unallocated");
    if (mc_attribute(cli->store, &cli->cfg, cat, from, to, &stats, &err) !=
        MC_OK) {
        code = mc_cli_fail(&err);
    } else {
        mc_money_format(stats.total, total);
        mc_log_info("attributed %lld days: %lld costs split, total %s %s",
                    (long long)stats.days, (long long)stats.wholes, total,
                    cli->cfg.currency);
        code = EXIT_OK;
    }
    mc_catalog_free(cat);
    return code;
}
