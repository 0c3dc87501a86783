/* cmd_ingest.c — `meshcost ingest`: the ingest loop. Each file is one
 * transaction: all its rows or none. A file's bad rows are all reported
 * (FILE:LINE: reason) and kept with the rejected load; the run goes on with
 * the next file and ends with exit 65. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "meshcost/csv.h"
#include "meshcost/importer.h"
#include "meshcost/log.h"
#include "meshcost/sha256.h"

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
};

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
    if (f->rejects <= MAX_LOGGED)
        mc_log_error("%s:%ld: %s", f->path, row->line, reason);
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
        if (f->rejects == 0 &&
            (rc = mc_store_put(cli->store, load_id, &rec, err)) != MC_OK)
            return mc_error_prefix(err, "%s:%ld", f->path, row->line);
    }
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
        rc = mc_store_reject(cli->store, id, 0, f->why.msg, NULL, err);
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

/* Opens, detects and loads one file. Returns a fatal (store) error only;
 * the file's own problems are in f. */
static mc_err load_file(struct mc_cli *cli, struct file_load *f,
                        const char *source, const struct mc_import_ctx *ctx,
                        struct mc_error *err)
{
    const struct mc_csv_row *h;
    struct mc_csv *c = NULL;
    char head[160];
    void *state = NULL;
    int64_t load_id;
    mc_err rc = MC_OK;
    int r;

    if (mc_csv_open(f->path, &c, &f->why) != MC_OK) {
        f->failed = 1;
        return MC_OK;
    }
    if ((r = mc_csv_next(c, &h, &f->why)) <= 0) {
        if (r == 0)
            fail_file(f, "empty file: no header", NULL);
        f->failed = 1;
        goto out;
    }
    if (!(f->imp = detect(h, source))) {
        header_text(h, head, sizeof head);
        fail_file(f, "no importer recognises this header", head);
        mc_error_prefix(&f->why, "%s:1", f->path);
        goto out;
    }
    if (f->imp->open(&state, h, ctx, &f->why) != MC_OK) {
        f->failed = 1;
        mc_error_prefix(&f->why, "%s:1", f->path);
        goto out;
    }
    if ((rc = mc_store_begin(cli->store, err)) != MC_OK ||
        (rc = mc_store_load_begin(cli->store, f->path, f->sha, f->imp->name,
                                  f->imp->source, &load_id, err)) != MC_OK ||
        (rc = load_rows(cli, f, c, state, load_id, err)) != MC_OK)
        goto out;
    if (f->failed || f->rejects)
        goto out;
    if ((rc = mc_store_load_finish(cli->store, load_id, f->rows, 0, 0,
                                   err)) == MC_OK)
        rc = mc_store_commit(cli->store, err);
out:
    mc_store_rollback(cli->store); /* no-op after a commit */
    if (state)
        f->imp->close(state);
    mc_csv_close(c);
    if (rc == MC_OK && (f->failed || f->rejects))
        rc = record_rejected(cli, f, err);
    return rc;
}

static void report_file(const struct file_load *f)
{
    size_t n = strlen(f->path);

    if (f->failed) {
        if (strncmp(f->why.msg, f->path, n) == 0 && f->why.msg[n] == ':')
            mc_log_error("%s", f->why.msg);
        else
            mc_log_error("%s: %s", f->path, f->why.msg);
    }
    if (f->rejects > MAX_LOGGED)
        mc_log_error("%s: ... and %lld more rejected rows", f->path,
                     (long long)(f->rejects - MAX_LOGGED));
    if (f->failed || f->rejects)
        mc_log_error("%s: file rejected, nothing of it loaded (%lld rows "
                     "read, %lld rejected)",
                     f->path, (long long)f->rows, (long long)f->rejects);
    else
        mc_log_info("%s: %lld rows loaded (%s)", f->path,
                    (long long)f->rows, f->imp->name);
}

/* One file: hash, skip if known, load. Returns the file's exit code. */
static int ingest_one(struct mc_cli *cli, const char *path,
                      const char *source, const struct mc_import_ctx *base)
{
    struct file_load f = {.path = path};
    struct mc_import_ctx ctx = *base;
    struct mc_error err = {0};
    int known = 0;

    ctx.path = path;
    if (mc_sha256_file(path, f.sha, &err) != MC_OK)
        return mc_cli_fail(&err);
    if (mc_store_load_known(cli->store, f.sha, &known, &err) != MC_OK)
        return mc_cli_fail(&err);
    if (known) {
        mc_log_info("%s: already loaded (same content), skipped", path);
        return EXIT_OK;
    }
    if (load_file(cli, &f, source, &ctx, &err) != MC_OK) {
        free(f.kept);
        return mc_cli_fail(&err);
    }
    report_file(&f);
    free(f.kept);
    return f.failed || f.rejects ? EXIT_DATAERR : EXIT_OK;
}

int mc_cmd_ingest(struct mc_cli *cli, int argc, char **argv)
{
    struct mc_import_ctx ctx = {0};
    const char *source = NULL, *as_of = NULL;
    int i = 0, r, code = EXIT_OK, one;

    while (i < argc && argv[i][0] == '-') {
        if ((r = mc_cli_opt(argc, argv, &i, "--source", &source)) == 0 &&
            (r = mc_cli_opt(argc, argv, &i, "--as-of", &as_of)) == 0) {
            mc_log_error("ingest: unknown option '%s'", argv[i]);
            return EXIT_USAGE;
        }
        if (r < 0)
            return EXIT_USAGE;
    }
    if (as_of && mc_cli_date("--as-of", as_of, &ctx.as_of))
        return EXIT_USAGE;
    ctx.has_as_of = as_of != NULL;
    if (i >= argc) {
        mc_log_error("ingest needs at least one file");
        return EXIT_USAGE;
    }
    for (; i < argc; i++) {
        one = ingest_one(cli, argv[i], source, &ctx);
        if (one != EXIT_OK && one != EXIT_DATAERR && one != EXIT_NOINPUT)
            return one; /* the store failed: stop */
        if (one == EXIT_NOINPUT || (one == EXIT_DATAERR && code == EXIT_OK))
            code = one;
    }
    return code;
}
