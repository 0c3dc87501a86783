/* cmd_nightly.c — `meshcost nightly [--date D] [--wait SECONDS]`: the cron
 * job. Under an exclusive lock: check the database, load every inbox file
 * not loaded yet, recompute the lookback window and every day a new load
 * touched (every day of the open months when the catalog or the rates
 * changed), write the reports of every month recomputed. Quiet on
 * success; exit 65 if a file was rejected, 75 if another run holds the
 * lock. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "meshcost/attribute.h"
#include "meshcost/log.h"
#include "meshcost/report.h"
#include "meshcost/runs.h"

/* Days to recompute, as a bitmap over [lo, hi]: 1 = recompute, 2 = new
 * data arrived for it (a closed day then gets adjustments). */
struct days {
    mc_day lo, hi;
    unsigned char *on;
};

static void days_mark(struct days *d, mc_day from, mc_day to, int how)
{
    for (mc_day x = from; x <= to; x++)
        if (x >= d->lo && x <= d->hi && d->on[x - d->lo] < how)
            d->on[x - d->lo] = (unsigned char)how;
}

static void days_add(struct days *d, mc_day from, mc_day to)
{
    days_mark(d, from, to, 1);
}

/* The first day of the first open month after the month of day. */
static mc_err booking_day(struct mc_store *s, mc_day day, mc_day *book,
                          struct mc_error *err)
{
    int y, m, d, closed;
    mc_err rc;

    mc_day_to_ymd(day, &y, &m, &d);
    do {
        m = m == 12 ? 1 : m + 1;
        y += m == 1;
        day = mc_day_from_ymd(y, m, 1);
        if ((rc = mc_month_closed(s, day, &closed, err)) != MC_OK)
            return rc;
    } while (closed);
    *book = day;
    return MC_OK;
}

/* Late data for closed days: adjustments booked in the first open month
 * (marked so that its reports are written). */
static int adjust_closed(struct mc_cli *cli, const struct mc_catalog *cat,
                         struct days *todo)
{
    struct mc_error err = {0};

    for (mc_day x = todo->lo; x <= todo->hi; x++) {
        mc_day book;
        int closed;
        if (todo->on[x - todo->lo] != 2)
            continue;
        if (mc_month_closed(cli->store, x, &closed, &err) != MC_OK)
            return mc_cli_fail(&err);
        if (!closed)
            continue;
        if (booking_day(cli->store, x, &book, &err) != MC_OK ||
            mc_attribute_adjust(cli->store, &cli->cfg, cat, x, book, &err) !=
                MC_OK)
            return mc_cli_fail(&err);
        days_add(todo, book, book);
    }
    return EXIT_OK;
}

static int take_lock(const char *db, int wait, int *fd)
{
    char path[4200];
    int waited = 0;

    snprintf(path, sizeof path, "%s.lock", db);
    if ((*fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0640)) < 0) {
        mc_log_error("cannot open lock file '%s': %s", path, strerror(errno));
        return EXIT_CANTCREAT;
    }
    while (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK || waited >= wait) {
            mc_log_error("another meshcost run holds %s; retry later", path);
            close(*fd);
            return EXIT_TEMPFAIL;
        }
        sleep(1);
        waited++;
    }
    return EXIT_OK;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Regular, visible files of the inbox, sorted by name. */
static char **inbox_files(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **v = NULL;

    *n = 0;
    if (!d)
        return NULL;
    while ((e = readdir(d))) {
        char **nv;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        struct stat sb;
        char full[4200];
        if (e->d_name[0] == '.' || strstr(e->d_name, ".tmp"))
            continue;
        snprintf(full, sizeof full, "%s/%s", dir, e->d_name);
        /* a file that vanished after the listing stays in: its load
         * fails with a message naming it */
        if (stat(full, &sb) == 0 && !S_ISREG(sb.st_mode))
            continue;
        if (!(nv = realloc(v, (*n + 1) * sizeof *v)) ||
            !(nv[*n] = malloc(len)))
            break;
        v = nv;
        snprintf(v[(*n)++], len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(v, *n, sizeof *v, cmp_path);
    return v;
}

/* Loads the inbox; marks the days new loads touched. Returns the worst
 * file code (0 or 65) or a fatal code. */
static int load_inbox(struct mc_cli *cli, mc_day date, struct days *todo,
                      int *loaded, int *rejected)
{
    struct mc_import_ctx ctx = {NULL, 1, date, &cli->cfg};
    struct mc_ingest_result res;
    size_t n = 0;
    char **files = inbox_files(cli->cfg.inbox, &n);
    int code = EXIT_OK;

    if (!files && access(cli->cfg.inbox, R_OK) != 0) {
        mc_log_error("inbox '%s': %s", cli->cfg.inbox, strerror(errno));
        return EXIT_NOINPUT;
    }
    for (size_t i = 0; i < n; i++) {
        if (code == EXIT_OK || code == EXIT_DATAERR || code == EXIT_NOINPUT) {
            mc_log_info("loading %s", files[i]);
            mc_ingest_file(cli, files[i], NULL, &ctx, &res);
            if (res.code == EXIT_DATAERR && code != EXIT_NOINPUT)
                (*rejected)++, code = EXIT_DATAERR;
            else if (res.code == EXIT_DATAERR)
                (*rejected)++;
            else if (res.code != EXIT_OK)
                code = res.code; /* 66 (vanished) goes on; worse stops */
            *loaded += res.loaded;
            if (res.loaded && res.has_days)
                days_mark(todo, res.first, res.last, 2);
        }
        free(files[i]);
    }
    free(files);
    return code;
}

/* Every day of the open months that hold data, up to the run date. */
static mc_err settings_changed(struct mc_cli *cli, int64_t version,
                               struct days *todo, char *fp, size_t n,
                               struct mc_error *err)
{
    char old[1024];
    mc_day from, to;
    int found;
    mc_err rc;

    mc_settings_fingerprint(&cli->cfg, version, fp, n);
    if ((rc = mc_store_meta_get(cli->store, "nightly.settings", old,
                                sizeof old, err)) != MC_OK ||
        strcmp(old, fp) == 0)
        return rc;
    if ((rc = mc_attribute_span(cli->store, &from, &to, &found, err)) ||
        !found)
        return rc;
    mc_log_info("catalog or rates changed: recomputing the open months");
    days_add(todo, from, to - 1);
    return MC_OK;
}

/* Recomputes each run of marked days, then writes each month's reports. */
static int recompute(struct mc_cli *cli, const struct mc_catalog *cat,
                     mc_day date, struct days *todo, int *months)
{
    struct mc_error err = {0};
    char last_period[8] = "", day[MC_DATE_BUFSZ];
    int code;
    mc_err rc;

    if ((code = adjust_closed(cli, cat, todo)) != EXIT_OK)
        return code;
    for (mc_day x = todo->lo; x <= todo->hi; x++) {
        mc_day end = x;
        if (!todo->on[x - todo->lo])
            continue;
        while (end + 1 <= todo->hi && todo->on[end + 1 - todo->lo])
            end++;
        mc_date_format(x, day);
        mc_log_info("attributing %d day(s) from %s", end - x + 1, day);
        if (mc_attribute(cli->store, &cli->cfg, cat, x, end + 1, NULL,
                         &err) != MC_OK)
            return mc_cli_fail(&err);
        x = end;
    }
    for (mc_day x = todo->lo; x <= todo->hi; x++) {
        mc_day first, mend;
        int closed;
        if (!todo->on[x - todo->lo])
            continue;
        if (mc_month_closed(cli->store, x, &closed, &err) != MC_OK)
            return mc_cli_fail(&err);
        if (closed)
            continue;
        mc_date_format(x, day);
        if (strncmp(day, last_period, 7) == 0)
            continue;
        snprintf(last_period, sizeof last_period, "%.7s", day);
        mc_period_parse(last_period, &first, &mend, &err);
        mc_log_info("writing the reports of %s", last_period);
        mc_cli_guard_reports(1);
        rc = mc_report_write(cli->store, &cli->cfg, cat, first, mend,
                             mc_report_as_of(first, mend, date - 1),
                             cli->cfg.report_out, &err);
        mc_cli_guard_reports(0);
        if (rc != MC_OK)
            return mc_cli_fail(&err);
        (*months)++;
    }
    return EXIT_OK;
}

static int parse_args(int argc, char **argv, mc_day *date, int *wait)
{
    const char *date_s = NULL, *wait_s = NULL;
    struct mc_error err;
    int64_t w = 0;
    int i = 0, r;

    while (i < argc) {
        if ((r = mc_cli_opt(argc, argv, &i, "--date", &date_s)) == 0 &&
            (r = mc_cli_opt(argc, argv, &i, "--wait", &wait_s)) == 0) {
            mc_log_error("nightly: unexpected argument '%s'", argv[i]);
            return EXIT_USAGE;
        }
        if (r < 0)
            return EXIT_USAGE;
    }
    *date = mc_day_today();
    if (date_s && mc_cli_date("--date", date_s, date))
        return EXIT_USAGE;
    if (wait_s && (mc_decimal_parse(wait_s, 0, &w, &err) != MC_OK || w < 0 ||
                   w > 86400)) {
        mc_log_error("--wait '%s': expected seconds from 0 to 86400", wait_s);
        return EXIT_USAGE;
    }
    *wait = (int)w;
    return EXIT_OK;
}

/* Everything after the lock: returns the exit code. */
static int night(struct mc_cli *cli, mc_day date, char *summary, size_t n)
{
    struct days todo = {date - 3660, date + 366, NULL};
    struct mc_catalog *cat = NULL;
    struct mc_error err = {0};
    char fp[1024];
    int loaded = 0, rejected = 0, months = 0, code, work;

    if (mc_store_quick_check(cli->store, &err) != MC_OK)
        return mc_cli_fail(&err);
    if (!(todo.on = calloc((size_t)(todo.hi - todo.lo + 1), 1)))
        return EXIT_SOFTWARE;
    code = load_inbox(cli, date, &todo, &loaded, &rejected);
    if (code != EXIT_OK && code != EXIT_DATAERR && code != EXIT_NOINPUT)
        goto out;
    days_add(&todo, date - cli->cfg.lookback_days, date - 1);
    if (mc_catalog_load(cli->store, &cat, &err) != MC_OK ||
        settings_changed(cli, mc_catalog_version(cat), &todo, fp, sizeof fp,
                         &err) != MC_OK) {
        code = mc_cli_fail(&err);
        goto out;
    }
    if ((work = recompute(cli, cat, date, &todo, &months)) != EXIT_OK) {
        code = work;
        goto out;
    }
    if (mc_store_meta_set(cli->store, "nightly.settings", fp, &err) != MC_OK)
        code = mc_cli_fail(&err);
out:
    snprintf(summary, n, "%d file(s) loaded, %d rejected, %d month(s) "
             "reported", loaded, rejected, months);
    if (rejected)
        mc_log_error("%d file(s) rejected; the rest of the night completed",
                     rejected);
    mc_log_info("%s", summary);
    mc_catalog_free(cat);
    free(todo.on);
    return code;
}

int mc_cmd_nightly(struct mc_cli *cli, int argc, char **argv)
{
    struct mc_error err = {0};
    char summary[256] = "";
    int64_t run_id = 0;
    mc_day date;
    int wait, fd, code;

    if ((code = parse_args(argc, argv, &date, &wait)) != EXIT_OK ||
        (code = take_lock(cli->db_path, wait, &fd)) != EXIT_OK)
        return code;
    if (mc_run_start(cli->store, "nightly", date, &run_id, &err) != MC_OK) {
        code = mc_cli_fail(&err);
    } else {
        code = night(cli, date, summary, sizeof summary);
        if (mc_run_finish(cli->store, run_id, code, summary, &err) != MC_OK)
            code = mc_cli_fail(&err);
    }
    close(fd); /* releases the lock */
    return code;
}
