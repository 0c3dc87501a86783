/* main.c — global options, the command table, dispatch, exit codes.
 * Only this layer exits; commands return sysexits codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "meshcost/log.h"

static const struct mc_command commands[] = {
    {.name = "init",
     .usage = "",
     .summary = "create or upgrade the database (idempotent)",
     .help = "Creates the database file if needed and applies schema "
             "migrations.\n",
     .needs_store = 1,
     .run = mc_cmd_init},
    {.name = "catalog import",
     .usage = "DIR|FILE...",
     .summary = "load products.csv / assets.csv",
     .help = "A DIR means DIR/products.csv and DIR/assets.csv; files are "
             "told apart by\ntheir header. The import is all or nothing: "
             "every problem is reported as\nFILE:LINE:COL and nothing "
             "changes (exit 65).\n",
     .needs_store = 1,
     .run = mc_cmd_catalog_import},
    {.name = "ingest",
     .usage = "[--source NAME] [--as-of D] FILE...",
     .summary = "load usage/billing files, in the order given",
     .help = "The format is detected from the header (see `meshcost "
             "formats`); plain or\ngzip. Each file loads in one transaction; "
             "a file already loaded (same\nsha256) is skipped. A bad row is "
             "reported as FILE:LINE: reason and its\nfile is rolled back; the "
             "other files still load (exit 65).\n"
             "  --source NAME  only consider importers of this source\n"
             "  --as-of D      snapshot date for files without one in "
             "their name\n",
     .needs_store = 1,
     .run = mc_cmd_ingest},
    {.name = "attribute",
     .usage = "[--from D] [--to D]",
     .summary = "(re)compute allocations for UTC days [from, to)",
     .help = "Without dates, every day that has data. Fails (exit 70) "
             "without writing\nanything if the allocations do not add up "
             "to the source totals.\n",
     .needs_store = 1,
     .run = mc_cmd_attribute},
    {.name = "export allocations",
     .usage = "--period YYYY-MM",
     .summary = "print allocations as CSV on stdout",
     .help = "Columns: date,product_id,domain,source,cost_kind,amount,"
             "currency;\nsorted by date, product_id, source, cost_kind.\n",
     .needs_store = 1,
     .run = mc_cmd_export_allocations},
    {.name = "report",
     .usage = "--period YYYY-MM [--out DIR]",
     .summary = "write workbooks and CSV exports for a month",
     .help = "Writes DIR/YYYY-MM/showback-<domain>.xlsx for every domain, "
             "board.xlsx,\nallocations.csv and sunset-candidates.csv, each "
             "through a temporary\nfile renamed into place. DIR defaults to "
             "[report] out. The as-of day is\nthe month's last day, or today "
             "inside the month.\n",
     .needs_store = 1,
     .run = mc_cmd_report},
    {.name = "sunset",
     .usage = "[--as-of D]",
     .summary = "print sunset candidates as CSV on stdout",
     .help = "Products with no reads in the last idle_days or fewer than "
             "min_consumers\nconsumers in 30 days, costing at least "
             "min_monthly_cost over 30 days.\n--as-of defaults to today "
             "(UTC).\n",
     .needs_store = 1,
     .run = mc_cmd_sunset},
    {.name = "nightly",
     .usage = "[--date D] [--wait SECONDS]",
     .summary = "the cron job: ingest new inbox files, attribute, report",
     .help = "Takes an exclusive lock on <db>.lock (exit 75 at once if "
             "another run holds\nit, or after --wait SECONDS), checks the "
             "database, loads every file of\n[nightly] inbox not loaded yet "
             "(same content under another name is\nskipped), recomputes the "
             "last lookback_days days before D and every day\na new load "
             "touched (every day of the open months when the catalog or\n"
             "the rates changed), and writes the reports of every month "
             "recomputed to\n[report] out. Quiet on success; a rejected "
             "file gives exit 65 after the\nrest of the night completed. D "
             "defaults to today (UTC).\n",
     .needs_store = 1,
     .run = mc_cmd_nightly},
    {.name = "close",
     .usage = "--period YYYY-MM",
     .summary = "freeze a month",
     .help = "After it the month's allocations never change; data "
             "arriving later for it\nis booked by nightly as adjustments "
             "in the first open month, shown\nseparately in the reports "
             "(adjustments.csv, the Reconciliation sheet).\n",
     .needs_store = 1,
     .run = mc_cmd_close},
    {.name = "status",
     .usage = "",
     .summary = "loads, rejects, freshness per source, months, last run",
     .help = "Prints on stdout: loaded and rejected files, the recent "
             "loads, the last\nrejected rows, the latest complete data per "
             "source, the open and closed\nmonths, and the last run with "
             "its exit code (\"never\" finished: it was\nkilled).\n",
     .needs_store = 1,
     .run = mc_cmd_status},
    {.name = "formats",
     .usage = "",
     .summary = "list the importers and what they detect",
     .help = "",
     .needs_store = 0,
     .run = mc_cmd_formats},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fprintf(out, "usage: meshcost [--db FILE] [--config FILE] [-q|-v] "
                 "COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++) {
        char head[64];
        snprintf(head, sizeof head, "%s %s", commands[i].name,
                 commands[i].usage);
        fprintf(out, "  %-40s %s\n", head, commands[i].summary);
    }
    fprintf(out, "\nexit codes: 0 ok, 64 usage, 65 input rejected, 66 input "
                 "missing,\n70 internal error, 73 cannot create output, 74 "
                 "i/o error, 75 locked,\n78 configuration error\n");
}

/* Matches argv[0] (and argv[1] for two-word commands). */
static const struct mc_command *find_command(int argc, char **argv,
                                             int *words)
{
    for (size_t i = 0; i < N_COMMANDS; i++) {
        const char *name = commands[i].name, *sp = strchr(name, ' ');
        if (!sp && strcmp(argv[0], name) == 0) {
            *words = 1;
            return &commands[i];
        }
        if (sp && argc >= 2 && strncmp(argv[0], name, (size_t)(sp - name)) == 0 &&
            argv[0][sp - name] == '\0' && strcmp(argv[1], sp + 1) == 0) {
            *words = 2;
            return &commands[i];
        }
    }
    return NULL;
}

static int load_config(struct mc_cli *cli, const char *path)
{
    struct mc_error err = {0};
    mc_err rc;

    mc_config_defaults(&cli->cfg);
    if (!path && access("meshcost.ini", F_OK) == 0)
        path = "meshcost.ini";
    if (!path)
        return EXIT_OK;
    rc = mc_config_load(&cli->cfg, path, &err);
    if (rc == MC_ERR_NOINPUT) {
        mc_log_error("%s", err.msg);
        return EXIT_CONFIG;
    }
    return rc == MC_OK ? EXIT_OK : mc_cli_fail(&err);
}

static int run_command(struct mc_cli *cli, const struct mc_command *cmd,
                       int argc, char **argv)
{
    struct mc_error err = {0};
    int code;

    if (cmd->needs_store) {
        if (!cli->db_path)
            cli->db_path = cli->cfg.store_path;
        if (mc_store_open(cli->db_path, &cli->store, &err) != MC_OK)
            return mc_cli_fail(&err);
    }
    code = cmd->run(cli, argc, argv);
    mc_store_close(cli->store);
    cli->store = NULL;
    return code;
}

int main(int argc, char **argv)
{
    struct mc_cli cli = {0};
    const char *config = NULL;
    const struct mc_command *cmd;
    int i = 1, words, code, r;

    umask(027);
    for (; i < argc && argv[i][0] == '-'; i++) {
        if ((r = mc_cli_opt(argc, argv, &i, "--db", &cli.db_path)) ||
            (r = mc_cli_opt(argc, argv, &i, "--config", &config))) {
            if (r < 0)
                return EXIT_USAGE;
            i--;
        } else if (strcmp(argv[i], "-q") == 0 ||
                   strcmp(argv[i], "--quiet") == 0) {
            mc_log_set_level(MC_LOG_QUIET);
        } else if (strcmp(argv[i], "-v") == 0 ||
                   strcmp(argv[i], "--verbose") == 0) {
            mc_log_set_level(MC_LOG_VERBOSE);
        } else if (strcmp(argv[i], "--help") == 0 ||
                   strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("meshcost %s\n", MESHCOST_VERSION);
            return EXIT_OK;
        } else {
            mc_log_error("unknown option '%s' (see meshcost --help)", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!(cmd = find_command(argc - i, argv + i, &words))) {
        mc_log_error("unknown command '%s' (see meshcost --help)", argv[i]);
        return EXIT_USAGE;
    }
    i += words;
    if (i < argc && (strcmp(argv[i], "--help") == 0 ||
                     strcmp(argv[i], "-h") == 0)) {
        printf("usage: meshcost %s %s\n%s\n\n%s", cmd->name, cmd->usage,
               cmd->summary, cmd->help);
        return EXIT_OK;
    }
    if ((code = load_config(&cli, config)) != EXIT_OK)
        return code;
    return run_command(&cli, cmd, argc - i, argv + i);
}
