/* cmd_status.c — `meshcost status`: what was loaded and rejected, how
 * fresh each source is, which months are open or closed, the last run. */
#include <stdio.h>

#include "cli.h"
#include "meshcost/log.h"

/* Prints the rows of sql with a printf format per row (all columns as
 * text); returns the number of rows or -1. */
static int rows(struct mc_cli *cli, const char *title, const char *sql,
                int ncol)
{
    sqlite3_stmt *st = NULL;
    int n = 0, step;

    if (sqlite3_prepare_v2(mc_store_db(cli->store), sql, -1, &st, NULL) !=
        SQLITE_OK)
        return -1;
    printf("%s\n", title);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        printf(" ");
        for (int i = 0; i < ncol; i++) {
            const unsigned char *v = sqlite3_column_text(st, i);
            printf(" %s", v ? (const char *)v : "-");
        }
        printf("\n");
        n++;
    }
    if (n == 0)
        printf("  none\n");
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? n : -1;
}

static const struct {
    const char *title, *sql;
    int ncol;
} sections[] = {
    {"loads (files loaded, rejected; total rows):",
     "SELECT status || ':', count(*), 'files,', coalesce(sum(rows), 0), "
     "'rows,', coalesce(sum(rejects), 0), 'rejected rows' FROM loads "
     "GROUP BY status ORDER BY status",
     7},
    {"recent loads (file, source, rows, rejects, status, days covered):",
     "SELECT * FROM (SELECT path, importer, rows, rejects, status, "
     "coalesce(first_day || '..' || last_day, '-') FROM loads ORDER BY "
     "load_id DESC LIMIT 20) ORDER BY 1",
     6},
    {"rejected rows of the last rejected or partly rejected files:",
     "SELECT l.path || ':' || r.line || ':', r.reason FROM rejects r JOIN "
     "loads l USING (load_id) ORDER BY r.load_id DESC, r.line LIMIT 10",
     2},
    {"freshness per source (latest complete data, UTC):",
     "SELECT 'snowflake queries', strftime('%Y-%m-%d %H:%M', max(end_ms) / "
     "1000, 'unixepoch') FROM sf_query UNION ALL "
     "SELECT 'snowflake metering', strftime('%Y-%m-%d %H:%M', (max(hour_ms)"
     " + 3600000) / 1000, 'unixepoch') FROM sf_meter UNION ALL "
     "SELECT 'snowflake storage', max(snapshot_day) FROM sf_storage "
     "UNION ALL SELECT 'bigquery jobs', strftime('%Y-%m-%d %H:%M', "
     "max(end_ms) / 1000, 'unixepoch') FROM bq_job UNION ALL "
     "SELECT 'bigquery storage', max(snapshot_day) FROM bq_storage "
     "UNION ALL SELECT 'databricks usage', strftime('%Y-%m-%d %H:%M', "
     "max(end_ms) / 1000, 'unixepoch') FROM dbx_usage UNION ALL "
     "SELECT 'focus billing', strftime('%Y-%m-%d %H:%M', max(charge_end_ms)"
     " / 1000, 'unixepoch') FROM focus_line",
     2},
    {"months (open or closed, days attributed):",
     "SELECT substr(day, 1, 7), CASE WHEN c.period IS NULL THEN 'open' "
     "ELSE 'closed' END, count(*) FROM attributed_days a LEFT JOIN "
     "closed_months c ON c.period = substr(a.day, 1, 7) GROUP BY 1 "
     "ORDER BY 1",
     3},
    {"last run:",
     "SELECT command, 'for', run_date, 'started', started_at, 'finished', "
     "coalesce(finished_at, 'never (killed?)'), 'exit', "
     "coalesce(exit_code, '-'), '-', coalesce(summary, '') FROM runs "
     "ORDER BY run_id DESC LIMIT 1",
     11},
};

int mc_cmd_status(struct mc_cli *cli, int argc, char **argv)
{
    (void)argv;
    if (argc > 0) {
        mc_log_error("status takes no arguments");
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        if (rows(cli, sections[i].title, sections[i].sql, sections[i].ncol) <
            0) {
            struct mc_error err = {0};
            mc_store_error(cli->store, &err, "status");
            return mc_cli_fail(&err);
        }
    }
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_IOERR;
}
