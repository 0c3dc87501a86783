/* ingest_loop.c — loading one file, shared by `ingest` and `nightly`.
 * Each file is one transaction. Bad rows are rejected with FILE:LINE:
 * reason and kept; within the source's tolerance ([nightly] max_bad_rows,
 * max_bad_rows_billing) the rest of the file loads, beyond it the whole
 * file is rolled back and recorded as rejected, and the run goes on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "meshcost/csv.h"
#include "meshcost/importer.h"
#include "meshcost/log.h"
#include "meshcost/sha256.h"
#include "meshcost/testhook.h"

#define MAX_LOGGED 10   /* rejected rows printed per file */
#define MAX_KEPT 1000   /* rejected rows kept per file */

struct reject {
    long line;
    char reason[256];
    char excerpt[72];
};

struct file_load {
    const char *path;
    char sha[65];
    const struct mc_importer *imp;
    int64_t rows, rejects;
    struct reject *kept;
    size_t n_kept;
    int failed;          /* file-level problem: nothing of it loads */
    struct mc_error why; /* the file-level problem */
    long why_line;       /* line of the file-level problem, 0 if none */
    int64_t max_bad;     /* tolerated bad rows */
    int64_t load_id;
    long long size;      /* bytes, for the progress bar */
};

static int over(const struct file_load *f)
{
    return f->failed || f->rejects > f->max_bad;
}

/* The tolerances of the run in progress (set by mc_ingest_file). */
static const struct mc_config *cli_cfg;

static long long file_size(const char *path)
{
    struct stat sb;

    return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

/* A progress bar on stderr when it is a terminal and the file is large. */
static void progress(struct file_load *f, struct mc_csv *c)
{
    static int tty = -1;
    int pct;

    if (tty < 0)
        tty = isatty(STDERR_FILENO) && mc_log_level() >= MC_LOG_NORMAL;
    if (!tty || f->size < (32LL << 20) || f->rows % 8192)
        return;
    pct = (int)(mc_csv_offset(c) * 100 / f->size);
    fprintf(stderr, "\rmeshcost: loading %s %3d%% (%lld rows)", f->path,
            pct > 100 ? 100 : pct, (long long)f->rows);
}

static void progress_done(const struct file_load *f)
{
    if (f->size >= (32LL << 20) && isatty(STDERR_FILENO) &&
        mc_log_level() >= MC_LOG_NORMAL)
        fputs("\r\033[K", stderr);
}

static const struct mc_importer *detect(const struct mc_csv_row *h,
                                        const char *source)
{
    const struct mc_importer *best = NULL;
    int best_score = 0;

    for (size_t i = 0; mc_importers[i]; i++) {
        int score;
        if (source && strcmp(mc_importers[i]->source, source) != 0)
            continue;
        score = mc_importers[i]->detect(h);
        if (score > best_score) {
            best = mc_importers[i];
            best_score = score;
        }
    }
    return best;
}

static void header_text(const struct mc_csv_row *h, char *buf, size_t n)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < h->n && used + 1 < n; i++) {
        int w = snprintf(buf + used, n - used, "%s%s", i ? "," : "",
                         h->field[i] ? h->field[i] : "");
        if (w < 0)
            break;
        used += (size_t)w;
    }
    if (used >= n - 1 && n > 4)
        strcpy(buf + n - 4, "...");
}

static void keep_reject(struct file_load *f, const struct mc_csv_row *row,
                        const char *reason)
{
    struct reject *r;

    f->rejects++;
    if (f->n_kept == MAX_KEPT)
        return;
    if (!f->kept && !(f->kept = calloc(MAX_KEPT, sizeof *f->kept)))
        return;
    r = &f->kept[f->n_kept++];
    r->line = row->line;
    snprintf(r->reason, sizeof r->reason, "%s", reason);
    /* Only the first field (an id), never query text. */
    snprintf(r->excerpt, sizeof r->excerpt, "%s",
             row->n && row->field[0] ? row->field[0] : "");
}

/* Out of memory or a read error is not the file's fault: the run stops
 * (nothing of the file committed, nothing recorded, a rerun retries it)
 * instead of recording the file as rejected. */
static int fatal(const struct mc_error *why, struct mc_error *err)
{
    if (why->code != MC_ERR_NOMEM && why->code != MC_ERR_IO)
        return 0;
    *err = *why;
    return 1;
}

/* Reads all rows into the open transaction. Store errors abort the run
 * (returned); data problems are counted in f. */
static mc_err load_rows(struct mc_cli *cli, struct file_load *f,
                        struct mc_csv *c, void *state, int64_t load_id,
                        struct mc_error *err)
{
    const struct mc_csv_row *row;
    struct mc_record rec;
    struct mc_error rowerr;
    mc_err rc;
    int r;

    while ((r = mc_csv_next(c, &row, &f->why)) > 0) {
        f->rows++;
        memset(&rec, 0, sizeof rec);
        rc = f->imp->convert(state, row, &rec, &rowerr);
        if (rc == MC_ERR_INPUT) {
            keep_reject(f, row, rowerr.msg);
            continue;
        }
        if (rc != MC_OK)
            return mc_error_set(err, rc, "%s:%ld: %s", f->path, row->line,
                                rowerr.msg);
        if (!over(f) &&
            (rc = mc_store_put(cli->store, load_id, &rec, err)) != MC_OK)
            return mc_error_prefix(err, "%s:%ld", f->path, row->line);
        progress(f, c);
        if (f->rows == 100)
            mc_test_point("ingest");
    }
    progress_done(f);
    if (r < 0 && fatal(&f->why, err))
        return err->code;
    if (r < 0)
        f->failed = 1;
    return MC_OK;
}

/* Records a rejected file (its own transaction, after the rollback). */
static mc_err record_rejected(struct mc_cli *cli, struct file_load *f,
                              struct mc_error *err)
{
    int64_t id;
    mc_err rc;

    if ((rc = mc_store_begin(cli->store, err)) != MC_OK)
        return rc;
    rc = mc_store_load_begin(cli->store, f->path, f->sha,
                             f->imp ? f->imp->name : "-",
                             f->imp ? f->imp->source : "-", &id, err);
    if (rc == MC_OK && f->failed)
        rc = mc_store_reject(cli->store, id, f->why_line, f->why.msg, NULL,
                             err);
    for (size_t i = 0; rc == MC_OK && i < f->n_kept; i++)
        rc = mc_store_reject(cli->store, id, f->kept[i].line,
                             f->kept[i].reason, f->kept[i].excerpt, err);
    if (rc == MC_OK)
        rc = mc_store_load_finish(cli->store, id, f->rows, f->rejects, 1, err);
    if (rc == MC_OK)
        return mc_store_commit(cli->store, err);
    mc_store_rollback(cli->store);
    return rc;
}

static void fail_file(struct file_load *f, const char *what, const char *a)
{
    f->failed = 1;
    mc_error_set(&f->why, MC_ERR_INPUT, "%s%s%s%s", what, a ? ": '" : "",
                 a ? a : "", a ? "'" : "");
}

static int binary(const struct mc_csv_row *h)
{
    for (size_t i = 0; i < h->n; i++)
        for (const char *p = h->field[i]; p && *p; p++)
            if ((unsigned char)*p < 0x09 || (*p > 0x0d && *p < 0x20))
                return 1;
    return 0;
}

/* Detects the format and opens the importer; 0 on success, 1 if the file
 * failed (reason in f->why), -1 on a fatal error (in err). */
static int start(struct mc_csv *c, struct file_load *f, const char *source,
                 const struct mc_import_ctx *ctx, void **state,
                 struct mc_error *err)
{
    const struct mc_csv_row *h;
    char head[160];
    int r;

    if ((r = mc_csv_next(c, &h, &f->why)) <= 0) {
        if (r < 0 && fatal(&f->why, err))
            return -1;
        if (r == 0)
            fail_file(f, "empty file: no header", NULL);
        return f->failed = 1;
    }
    if (binary(h)) {
        fail_file(f, "binary data, not a CSV file", NULL);
    } else if (!(f->imp = detect(h, source))) {
        header_text(h, head, sizeof head);
        fail_file(f, "no importer recognises this header", head);
    } else if (f->imp->open(state, h, ctx, &f->why) != MC_OK) {
        if (fatal(&f->why, err))
            return -1;
        f->failed = 1;
    } else {
        f->max_bad = strcmp(f->imp->source, "focus") == 0
                         ? cli_cfg->max_bad_rows_billing
                         : cli_cfg->max_bad_rows;
        return 0;
    }
    f->why_line = 1;
    return 1;
}

/* Keeps the tolerated rejects of a loaded file with its load. */
static mc_err keep_rejects(struct mc_cli *cli, struct file_load *f,
                           struct mc_error *err)
{
    mc_err rc = MC_OK;

    for (size_t i = 0; rc == MC_OK && i < f->n_kept; i++)
        rc = mc_store_reject(cli->store, f->load_id, f->kept[i].line,
                             f->kept[i].reason, f->kept[i].excerpt, err);
    return rc;
}

/* Opens, detects and loads one file. Returns a fatal (store) error only;
 * the file's own problems are in f. */
static mc_err load_file(struct mc_cli *cli, struct file_load *f,
                        const char *source, const struct mc_import_ctx *ctx,
                        struct mc_error *err)
{
    struct mc_csv *c = NULL;
    void *state = NULL;
    mc_err rc = MC_OK;

    int s;

    if (mc_csv_open(f->path, &c, &f->why) != MC_OK) {
        if (fatal(&f->why, err))
            return err->code;
        f->failed = 1;
        return record_rejected(cli, f, err);
    }
    if ((s = start(c, f, source, ctx, &state, err)) < 0)
        rc = err->code;
    if (s)
        goto out;
    if ((rc = mc_store_begin(cli->store, err)) != MC_OK ||
        (rc = mc_store_load_begin(cli->store, f->path, f->sha, f->imp->name,
                                  f->imp->source, &f->load_id, err)) !=
            MC_OK ||
        (rc = load_rows(cli, f, c, state, f->load_id, err)) != MC_OK ||
        over(f))
        goto out;
    if ((rc = keep_rejects(cli, f, err)) == MC_OK &&
        (rc = mc_store_load_finish(cli->store, f->load_id, f->rows,
                                   f->rejects, 0, err)) == MC_OK)
        rc = mc_store_commit(cli->store, err);
out:
    mc_store_rollback(cli->store); /* no-op after a commit */
    if (state)
        f->imp->close(state);
    mc_csv_close(c);
    if (rc == MC_OK && over(f))
        rc = record_rejected(cli, f, err);
    return rc;
}

static void report_file(const struct file_load *f)
{
    size_t n = strlen(f->path), shown = f->n_kept < MAX_LOGGED ? f->n_kept
                                                               : MAX_LOGGED;
    void (*say)(const char *, ...) = over(f) ? mc_log_error : mc_log_info;

    if (f->failed) {
        if (strncmp(f->why.msg, f->path, n) == 0 && f->why.msg[n] == ':')
            mc_log_error("%s", f->why.msg);
        else if (f->why_line)
            mc_log_error("%s:%ld: %s", f->path, f->why_line, f->why.msg);
        else
            mc_log_error("%s: %s", f->path, f->why.msg);
    }
    for (size_t i = 0; i < shown; i++)
        say("%s:%ld: %s", f->path, f->kept[i].line, f->kept[i].reason);
    if (f->rejects > (int64_t)shown)
        say("%s: ... and %lld more rejected rows", f->path,
            (long long)(f->rejects - (int64_t)shown));
    if (over(f))
        mc_log_error("%s: file rejected, nothing of it loaded (%lld rows "
                     "read, %lld rejected, %lld tolerated)",
                     f->path, (long long)f->rows, (long long)f->rejects,
                     (long long)f->max_bad);
    else
        mc_log_info("%s: %lld rows loaded (%s), %lld rejected", f->path,
                    (long long)f->rows, f->imp->name, (long long)f->rejects);
}

/* The days a load touched, for the nightly recomputation. */
static void load_days(struct mc_cli *cli, int64_t load_id,
                      struct mc_ingest_result *res)
{
    sqlite3_stmt *st = NULL;
    struct mc_error e;

    if (sqlite3_prepare_v2(mc_store_db(cli->store),
                           "SELECT first_day, last_day FROM loads WHERE "
                           "load_id = ? AND first_day IS NOT NULL",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, load_id);
        if (sqlite3_step(st) == SQLITE_ROW &&
            mc_date_parse((const char *)sqlite3_column_text(st, 0),
                          &res->first, &e) == MC_OK &&
            mc_date_parse((const char *)sqlite3_column_text(st, 1),
                          &res->last, &e) == MC_OK)
            res->has_days = 1;
    }
    sqlite3_finalize(st);
}

int mc_ingest_file(struct mc_cli *cli, const char *path, const char *source,
                   const struct mc_import_ctx *base,
                   struct mc_ingest_result *res)
{
    struct file_load f = {.path = path};
    struct mc_import_ctx ctx = *base;
    struct mc_error err = {0};
    int known = 0;

    memset(res, 0, sizeof *res);
    ctx.path = path;
    cli_cfg = &cli->cfg;
    if (mc_sha256_file(path, f.sha, &err) != MC_OK)
        return res->code = mc_cli_fail(&err);
    if (mc_store_load_known(cli->store, f.sha, &known, &err) != MC_OK)
        return res->code = mc_cli_fail(&err);
    if (known) {
        mc_log_info("%s: already loaded (same content), skipped", path);
        res->skipped = 1;
        return res->code = EXIT_OK;
    }
    f.size = file_size(path);
    if (load_file(cli, &f, source, &ctx, &err) != MC_OK) {
        free(f.kept);
        return res->code = mc_cli_fail(&err);
    }
    report_file(&f);
    free(f.kept);
    if (over(&f))
        return res->code = EXIT_DATAERR;
    res->loaded = 1;
    load_days(cli, f.load_id, res);
    return res->code = EXIT_OK;
}
