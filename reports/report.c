/* report.c — the month's folder: one showback workbook per domain, the
 * board workbook and the two CSV exports, each written under a temporary
 * name and renamed into place. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "meshcost/reports.h"
#include "meshcost/showback_internal.h"
#include "meshcost/testhook.h"
#include "meshcost/usage.h"

mc_day mc_report_as_of(mc_day first, mc_day end, mc_day today)
{
    if (today < first)
        return first - 1; /* a month still to come: nothing counted yet */
    return today < end ? today : end - 1;
}

/* Removes temporary files left by a run that was killed (its process is
 * gone); a live run's temporary files are left alone. */
static void remove_stale(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    while (d && (e = readdir(d))) {
        const char *t = strstr(e->d_name, ".tmp-");
        char path[4400];
        long pid;
        if (!t || (pid = strtol(t + 5, NULL, 10)) <= 0 ||
            (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
}

static mc_err make_dir(const char *path, struct mc_error *err)
{
    char buf[4096];

    if (strlen(path) >= sizeof buf)
        return mc_error_set(err, MC_ERR_CANTCREAT, "path too long: %s", path);
    strcpy(buf, path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0750) != 0 && errno != EEXIST)
            return mc_error_set(err, MC_ERR_CANTCREAT,
                                "cannot create '%s': %s", buf,
                                strerror(errno));
        *p = '/';
    }
    if (mkdir(buf, 0750) != 0 && errno != EEXIST)
        return mc_error_set(err, MC_ERR_CANTCREAT, "cannot create '%s': %s",
                            buf, strerror(errno));
    return MC_OK;
}

mc_err mc_report_showback(const struct mc_report_ctx *rc, const char *domain,
                          const char *path, struct mc_error *err)
{
    struct mc_sb sb = {rc, domain, NULL, 0, 0};
    struct mc_xlsx x;
    char title[256];
    mc_err e;

    if (!(sb.rows = calloc(rc->month->n + 1, sizeof *sb.rows)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < rc->month->n; i++) {
        const struct mc_spend *r = &rc->month->rows[i];
        if (strcmp(r->product->domain, domain) != 0)
            continue;
        sb.rows[sb.n++] = r;
        sb.budget += r->product->has_budget ? r->product->budget : 0;
    }
    snprintf(title, sizeof title, "Showback %s %s", domain, rc->period);
    if ((e = mc_xlsx_open(&x, path, title, rc->cfg->currency,
                          rc->sunset->as_of, err)) != MC_OK)
        goto out;
    mc_sb_summary(&x, &sb);
    mc_sb_daily(&x, &sb);
    if ((e = mc_sb_drivers(&x, &sb, err)) || (e = mc_sb_storage(&x, &sb, err)) ||
        (e = mc_sb_reconciliation(&x, &sb, err)) ||
        (e = mc_sb_about(&x, &sb, err))) {
        mc_xlsx_abort(&x);
        goto out;
    }
    e = mc_xlsx_close(&x, err);
out:
    free(sb.rows);
    return e;
}

/* A CSV through a temporary file, fsynced and renamed into place. */
/* which: 0 allocations, 1 sunset candidates, 2 adjustments. */
static mc_err write_csv(const char *path, const struct mc_report_ctx *rc,
                        int sunset, struct mc_error *err)
{
    char tmp[4200];
    FILE *fp;
    mc_err e = MC_OK;

    errno = 0;
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
    if (!(fp = fopen(tmp, "w")))
        return mc_error_set(err, MC_ERR_CANTCREAT, "cannot create '%s': %s",
                            tmp, strerror(errno));
    if (sunset == 1)
        mc_report_sunset_csv(rc->sunset, fp);
    else if (sunset == 2)
        e = mc_report_adjustments_csv(rc->store, rc->month->first,
                                      rc->month->end, rc->cfg->currency, fp,
                                      err);
    else
        e = mc_report_allocations_csv(rc->store, rc->month->first,
                                      rc->month->end, rc->cfg->currency, fp,
                                      err);
    /* ferror: a failed fputc earlier is not reported by fflush */
    if (e == MC_OK &&
        (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0))
        e = mc_error_set(err, MC_ERR_IO, "cannot write '%s': %s", tmp,
                         errno ? strerror(errno) : "write error");
    if (fclose(fp) != 0 && e == MC_OK)
        e = mc_error_set(err, MC_ERR_IO, "cannot write '%s': %s", tmp,
                         strerror(errno));
    if (e == MC_OK && rename(tmp, path) != 0)
        e = mc_error_set(err, MC_ERR_IO, "cannot rename to '%s': %s", path,
                         strerror(errno));
    if (e != MC_OK)
        unlink(tmp);
    return e;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Distinct domains of the catalog, sorted (borrowed strings). */
static size_t domains(const struct mc_catalog *cat, const char **out)
{
    size_t n = 0, k;

    for (size_t i = 0; i < mc_catalog_product_count(cat); i++) {
        const char *d = mc_catalog_product_at(cat, i)->domain;
        for (k = 0; k < n && strcmp(out[k], d) != 0; k++)
            ;
        if (k == n)
            out[n++] = d;
    }
    qsort(out, n, sizeof *out, cmp_str);
    return n;
}

static mc_err write_all(const struct mc_report_ctx *rc, const char *dir,
                        struct mc_error *err)
{
    size_t n = mc_catalog_product_count(rc->cat);
    const char **doms = calloc(n + 1, sizeof *doms);
    char path[4096 + 512], safe[256];
    mc_err e = MC_OK;

    if (!doms)
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    n = domains(rc->cat, doms);
    for (size_t i = 0; i < n && e == MC_OK; i++) {
        mc_file_safe(doms[i], safe, sizeof safe);
        snprintf(path, sizeof path, "%s/showback-%s.xlsx", dir, safe);
        e = mc_report_showback(rc, doms[i], path, err);
        mc_test_point("report");
    }
    free(doms);
    snprintf(path, sizeof path, "%s/board.xlsx", dir);
    if (e == MC_OK)
        e = mc_report_board(rc, path, err);
    snprintf(path, sizeof path, "%s/allocations.csv", dir);
    if (e == MC_OK)
        e = write_csv(path, rc, 0, err);
    snprintf(path, sizeof path, "%s/sunset-candidates.csv", dir);
    if (e == MC_OK)
        e = write_csv(path, rc, 1, err);
    snprintf(path, sizeof path, "%s/adjustments.csv", dir);
    if (e == MC_OK)
        e = write_csv(path, rc, 2, err);
    return e;
}

mc_err mc_report_write(struct mc_store *s, const struct mc_config *cfg,
                       const struct mc_catalog *cat, mc_day first, mc_day end,
                       mc_day as_of, const char *out, struct mc_error *err)
{
    struct mc_month month;
    struct mc_sunset sunset;
    struct mc_pseudonym pseudo;
    struct mc_report_ctx rc = {s, cfg, cat, &month, &sunset, NULL, ""};
    char dir[4096], day[MC_DATE_BUFSZ];
    mc_err e;

    mc_date_format(first, day);
    snprintf(rc.period, sizeof rc.period, "%.7s", day);
    if (snprintf(dir, sizeof dir, "%s/%s", out, rc.period) >= (int)sizeof dir)
        return mc_error_set(err, MC_ERR_CANTCREAT, "path too long: %s", out);
    if ((e = make_dir(dir, err)) != MC_OK)
        return e;
    remove_stale(dir);
    if (cfg->users_pseudonymous) {
        if ((e = mc_pseudonym_open(&pseudo, cfg->user_key, err)) != MC_OK)
            return e;
        rc.pseudo = &pseudo;
    }
    if ((e = mc_sunset_compute(s, cfg, cat, as_of, &sunset, err)) != MC_OK)
        return e;
    if ((e = mc_usage_prepare(s, cat, err)) == MC_OK &&
        (e = mc_month_compute(s, cat, first, end, as_of, &month, err)) ==
            MC_OK) {
        e = write_all(&rc, dir, err);
        mc_month_free(&month);
    }
    mc_sunset_free(&sunset);
    return e;
}
