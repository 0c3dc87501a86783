/* csv.c — the shared CSV reader: libcsv's push parser turned into a
 * next-row pull API, over zlib (plain or gzip files) or a FILE stream.
 *
 * Line numbers: the input is fed to libcsv one physical line at a time, so
 * a record can only end at the end of a feed; the line where each record
 * starts is known exactly, even with newlines inside quoted fields.
 *
 * Limits (memory stays bounded whatever the input): a record of at most
 * MAX_RECORD bytes and MAX_FIELDS fields; beyond either the file fails. */
#include "meshcost/csv.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#define READ_CHUNK (256 * 1024)
#define MAX_RECORD (64L * 1024 * 1024)
#define MAX_FIELDS 10000

struct mc_csv {
    gzFile gz;          /* file input, or */
    FILE *fp;           /* stream input */
    char *name;
    struct csv_parser parser;
    unsigned char *buf; /* read buffer */
    size_t len, pos;
    int eof, started, failed;
    long line;          /* line of the next byte to feed */
    long rec_start;     /* line where the record being read started */
    int need_start;     /* the next non-blank feed starts a record */
    long rec_bytes;     /* bytes fed since the record started */
    long long consumed;
    /* the record being assembled: fields in one arena */
    char *arena;
    size_t alen, acap;
    size_t *off, *lens;
    const char **field;
    size_t nf, fcap;
    int too_many;
    int ready;          /* a complete record waits in the arena */
    struct mc_csv_row row;
};

static int grow_fields(struct mc_csv *c)
{
    size_t cap = c->fcap ? c->fcap * 2 : 64;
    size_t *off = realloc(c->off, cap * sizeof *off);
    size_t *lens;
    const char **field;

    if (!off)
        return -1;
    c->off = off;
    if (!(lens = realloc(c->lens, cap * sizeof *lens)))
        return -1;
    c->lens = lens;
    if (!(field = realloc(c->field, cap * sizeof *field)))
        return -1;
    c->field = field;
    c->fcap = cap;
    return 0;
}

static int is_null(const char *s, size_t n)
{
    return s == NULL || n == 0 || (n == 4 && memcmp(s, "NULL", 4) == 0) ||
           (n == 2 && memcmp(s, "\\N", 2) == 0);
}

/* libcsv: one field ended. */
static void on_field(void *s, size_t n, void *data)
{
    struct mc_csv *c = data;

    if (c->too_many || c->ready)
        return;
    if (c->nf == MAX_FIELDS) {
        c->too_many = 1;
        return;
    }
    if (c->nf == c->fcap && grow_fields(c)) {
        c->failed = ENOMEM;
        return;
    }
    if (c->alen + n + 1 > c->acap) {
        size_t cap = (c->alen + n + 1) * 2;
        char *a = realloc(c->arena, cap);
        if (!a) {
            c->failed = ENOMEM;
            return;
        }
        c->arena = a;
        c->acap = cap;
    }
    if (is_null(s, n)) {
        c->off[c->nf] = (size_t)-1;
        c->lens[c->nf++] = 0;
        return;
    }
    memcpy(c->arena + c->alen, s, n);
    c->arena[c->alen + n] = '\0';
    c->off[c->nf] = c->alen;
    c->lens[c->nf++] = n;
    c->alen += n + 1;
}

/* libcsv: one record ended. */
static void on_row(int term, void *data)
{
    struct mc_csv *c = data;

    (void)term;
    c->ready = 1; /* take() reports a failure of the record's fields */
    c->need_start = 1;
}

static mc_err open_common(struct mc_csv *c, const char *name,
                          struct mc_csv **out, struct mc_error *err)
{
    c->name = strdup(name);
    c->buf = malloc(READ_CHUNK);
    if (!c->name || !c->buf ||
        csv_init(&c->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
                                 CSV_EMPTY_IS_NULL) != 0) {
        mc_csv_close(c);
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    }
    c->started = 1;
    c->line = 1;
    c->need_start = 1;
    *out = c;
    return MC_OK;
}

mc_err mc_csv_open(const char *path, struct mc_csv **out,
                   struct mc_error *err)
{
    struct mc_csv *c = calloc(1, sizeof *c);

    if (!c)
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    errno = 0;
    if (!(c->gz = gzopen(path, "rb"))) {
        int e = errno;
        free(c);
        if (e == 0 || e == ENOMEM)
            return mc_error_set(err, MC_ERR_NOMEM, "cannot open '%s': out "
                                "of memory", path);
        return mc_error_set(err, MC_ERR_NOINPUT, "cannot open '%s': %s",
                            path, e ? strerror(e) : "out of memory");
    }
    gzbuffer(c->gz, READ_CHUNK);
    return open_common(c, path, out, err);
}

mc_err mc_csv_open_stream(FILE *fp, const char *name, struct mc_csv **out,
                          struct mc_error *err)
{
    struct mc_csv *c = calloc(1, sizeof *c);

    if (!c)
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    c->fp = fp;
    return open_common(c, name, out, err);
}

void mc_csv_close(struct mc_csv *c)
{
    if (!c)
        return;
    if (c->gz)
        gzclose(c->gz);
    if (c->started)
        csv_free(&c->parser);
    free(c->name);
    free(c->buf);
    free(c->arena);
    free(c->off);
    free(c->lens);
    free(c->field);
    free(c);
}

long long mc_csv_offset(const struct mc_csv *c)
{
    return c->gz ? (long long)gzoffset(c->gz) : c->consumed;
}

/* Refills the buffer; -1 on a read error (message in err). */
static int refill(struct mc_csv *c, struct mc_error *err)
{
    int n;

    if (c->pos < c->len)
        return 0;
    c->pos = c->len = 0;
    if (c->eof)
        return 0;
    if (c->gz) {
        int zerr;
        n = gzread(c->gz, c->buf, READ_CHUNK);
        /* A truncated stream reads as end of file with Z_BUF_ERROR set. */
        if (n <= 0 && (gzerror(c->gz, &zerr), zerr != Z_OK || n < 0)) {
            const char *msg = gzerror(c->gz, &zerr);
            if (zerr == Z_MEM_ERROR) {
                mc_error_set(err, MC_ERR_NOMEM, "%s:%ld: out of memory",
                             c->name, c->line);
                return -1;
            }
            if (zerr == Z_ERRNO) {
                mc_error_set(err, MC_ERR_IO, "%s:%ld: read error: %s",
                             c->name, c->line, strerror(errno));
                return -1;
            }
            mc_error_set(err, MC_ERR_INPUT,
                         "%s:%ld: truncated or corrupt gzip data (%s)",
                         c->name, c->line, msg);
            return -1;
        }
    } else {
        n = (int)fread(c->buf, 1, READ_CHUNK, c->fp);
        if (n == 0 && ferror(c->fp)) {
            mc_error_set(err, MC_ERR_IO, "%s:%ld: read error", c->name,
                         c->line);
            return -1;
        }
    }
    if (n == 0)
        c->eof = 1;
    c->len = (size_t)n;
    c->consumed += n;
    if (c->consumed == n && n >= 3 && memcmp(c->buf, "\xEF\xBB\xBF", 3) == 0)
        c->pos = 3; /* UTF-8 byte order mark */
    return 0;
}

static int blank(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != '\n' && p[i] != '\r')
            return 0;
    return 1;
}

static int nomem(struct mc_csv *c, struct mc_error *err)
{
    mc_error_set(err, MC_ERR_NOMEM, "%s:%ld: out of memory", c->name,
                 c->need_start ? c->line : c->rec_start);
    return -1;
}

/* Feeds bytes up to and including the next line terminator (or what the
 * buffer holds). Returns -1 on a parse error. */
static int feed(struct mc_csv *c, struct mc_error *err)
{
    const unsigned char *p = c->buf + c->pos;
    size_t n = c->len - c->pos, i;

    if (n == 0)
        return 0; /* e.g. a buffer that held only the byte order mark */
    for (i = 0; i < n && p[i] != '\n' && p[i] != '\r'; i++)
        ;
    n = i < n ? i + 1 : n;
    if (c->need_start && !blank(p, n)) {
        c->need_start = 0;
        c->rec_start = c->line;
        c->rec_bytes = 0;
    }
    c->rec_bytes += (long)n;
    if (c->rec_bytes > MAX_RECORD) {
        mc_error_set(err, MC_ERR_INPUT, "%s:%ld: record longer than %ld MiB",
                     c->name, c->rec_start, MAX_RECORD >> 20);
        return -1;
    }
    if (csv_parse(&c->parser, p, n, on_field, on_row, c) != n) {
        if (csv_error(&c->parser) == CSV_ENOMEM)
            return nomem(c, err);
        mc_error_set(err, MC_ERR_INPUT, "%s:%ld: malformed CSV (%s)", c->name,
                     c->line, csv_strerror(csv_error(&c->parser)));
        return -1;
    }
    if (c->failed && !c->ready) /* reported now, not at the record's end */
        return nomem(c, err);
    c->pos += n;
    if (p[n - 1] == '\n')
        c->line++;
    return 0;
}

static void publish(struct mc_csv *c)
{
    for (size_t i = 0; i < c->nf; i++)
        c->field[i] = c->off[i] == (size_t)-1 ? NULL : c->arena + c->off[i];
    c->row.n = c->nf;
    c->row.field = c->field;
    c->row.len = c->lens;
    c->row.line = c->rec_start;
}

/* Takes a finished record: -1 if it broke a limit. */
static int take(struct mc_csv *c, const struct mc_csv_row **row,
                struct mc_error *err)
{
    c->ready = 0;
    if (c->failed) {
        mc_error_set(err, MC_ERR_NOMEM, "%s:%ld: out of memory", c->name,
                     c->rec_start);
        return -1;
    }
    if (c->too_many) {
        mc_error_set(err, MC_ERR_INPUT, "%s:%ld: more than %d fields",
                     c->name, c->rec_start, MAX_FIELDS);
        return -1;
    }
    publish(c);
    *row = &c->row;
    return 1;
}

int mc_csv_next(struct mc_csv *c, const struct mc_csv_row **row,
                struct mc_error *err)
{
    c->nf = c->alen = 0;
    c->too_many = 0;
    while (!c->ready) {
        if (refill(c, err))
            return -1;
        if (c->len == 0) { /* end of input */
            if (c->eof == 2)
                return 0;
            c->eof = 2;
            if (csv_fini(&c->parser, on_field, on_row, c) != 0) {
                if (csv_error(&c->parser) == CSV_ENOMEM)
                    return nomem(c, err);
                mc_error_set(err, MC_ERR_INPUT,
                             "%s:%ld: malformed CSV at end of file (%s)",
                             c->name, c->rec_start,
                             csv_strerror(csv_error(&c->parser)));
                return -1;
            }
            if (!c->ready)
                return 0;
            break;
        }
        if (feed(c, err))
            return -1;
    }
    return take(c, row, err);
}

int mc_csv_col(const struct mc_csv_row *header, const char *name)
{
    size_t n = strlen(name);

    for (size_t i = 0; i < header->n; i++) {
        const char *f = header->field[i];
        size_t len;
        if (!f)
            continue;
        while (*f == ' ' || *f == '"')
            f++;
        len = strlen(f);
        while (len > 0 && (f[len - 1] == ' ' || f[len - 1] == '"'))
            len--;
        if (len == n && strncasecmp(f, name, n) == 0)
            return (int)i;
    }
    return -1;
}

const char *mc_csv_get(const struct mc_csv_row *row, int i)
{
    if (i < 0 || (size_t)i >= row->n)
        return NULL;
    return row->field[i];
}
