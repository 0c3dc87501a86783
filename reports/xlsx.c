/* xlsx.c — the safe workbook layer over libxlsxwriter: formats, cleaned
 * text, sheet names, atomic and deterministic files. */
#include "meshcost/xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char marker[] = " [... truncated]";

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *p)
{
    size_t n;

    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        n = 2;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        n = 3;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        n = 4;
    else
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

char *mc_xlsx_clean(const char *s, char *out, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t used = 0, chars = 0, room = n - sizeof marker;

    while (*p && used + 4 < room) {
        size_t len = utf8_len(p);
        if (chars == MC_XLSX_CELL_MAX - (sizeof marker - 1))
            break;
        if (len == 0) {
            out[used++] = '?', p++;
        } else if (len == 1 && (*p < 0x20 || *p == 0x7F) && *p != '\n') {
            p++; /* control characters are dropped (tab too) */
            continue;
        } else {
            memcpy(out + used, p, len);
            used += len, p += len;
        }
        chars++;
    }
    if (*p) {
        memcpy(out + used, marker, sizeof marker);
        used += sizeof marker - 1;
    }
    out[used] = '\0';
    return out;
}

void mc_xlsx_text(lxw_worksheet *ws, int row, int col, const char *s,
                  lxw_format *fmt)
{
    static char buf[MC_XLSX_CELL_MAX * 4 + 64];

    if (!s || !*s || !*mc_xlsx_clean(s, buf, sizeof buf)) {
        worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, fmt);
        return;
    }
    worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, buf, fmt);
}

void mc_xlsx_money(lxw_worksheet *ws, int row, int col, mc_money m,
                   lxw_format *fmt)
{
    /* the only place money becomes a double: a spreadsheet cell */
    worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
                           (double)m / 1e6, fmt);
}

void mc_xlsx_sheet_clean(const char *name, char *out)
{
    size_t n = 0;

    for (const char *p = name ? name : ""; *p && n < 31; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || strchr("[]:*?/\\", c))
            continue;
        if (n == 0 && c == '\'')
            continue; /* Excel refuses a leading apostrophe */
        out[n++] = (char)c;
    }
    while (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0x80) {
        /* do not leave half a UTF-8 character at the cut */
        size_t start = n - 1;
        while (start > 0 && ((unsigned char)out[start] & 0xC0) == 0x80)
            start--;
        if (utf8_len((const unsigned char *)out + start) == n - start)
            break;
        n = start;
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\''))
        n--;
    out[n] = '\0';
    if (n == 0)
        strcpy(out, "Sheet");
}

void mc_file_safe(const char *s, char *out, size_t n)
{
    size_t used = 0;

    for (; s && *s && used + 1 < n; s++) {
        char c = *s;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        out[used++] = ok ? c : '-';
    }
    if (used == 0 || out[0] == '.')
        out[used ? 0 : used++] = '_';
    out[used] = '\0';
}

static lxw_format *fmt(lxw_workbook *wb, const char *num, int bold,
                       lxw_color_t bg)
{
    lxw_format *f = workbook_add_format(wb);

    if (num)
        format_set_num_format(f, num);
    if (bold)
        format_set_bold(f);
    if (bg)
        format_set_bg_color(f, bg);
    return f;
}

static void money_format(const char *currency, char *out, size_t n)
{
    static const struct {
        const char *code, *sym;
    } syms[] = {{"USD", "$"}, {"EUR", "€"}, {"GBP", "£"}, {"JPY", "¥"},
                {"CAD", "CA$"}, {"AUD", "A$"}};
    const char *sym = NULL;

    for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++)
        if (strcmp(currency, syms[i].code) == 0)
            sym = syms[i].sym;
    if (sym)
        snprintf(out, n, "%s#,##0.00;[Red]-%s#,##0.00", sym, sym);
    else
        snprintf(out, n, "\"%.3s \"#,##0.00;[Red]-\"%.3s \"#,##0.00",
                 currency, currency);
}

static void formats(struct mc_xlsx *x, const char *currency)
{
    char money[96];

    money_format(currency, money, sizeof money);
    x->title = fmt(x->wb, NULL, 1, 0);
    format_set_font_size(x->title, 14);
    x->subtitle = fmt(x->wb, NULL, 0, 0);
    format_set_font_color(x->subtitle, 0x595959);
    x->note = fmt(x->wb, NULL, 0, 0);
    format_set_italic(x->note);
    format_set_font_color(x->note, 0x595959);
    x->header = fmt(x->wb, NULL, 1, 0xDCE6F1);
    format_set_bottom(x->header, LXW_BORDER_THIN);
    format_set_text_wrap(x->header);
    format_set_align(x->header, LXW_ALIGN_VERTICAL_TOP);
    x->text = fmt(x->wb, NULL, 0, 0);
    x->money = fmt(x->wb, money, 0, 0);
    x->money_total = fmt(x->wb, money, 1, 0xF2F2F2);
    format_set_top(x->money_total, LXW_BORDER_THIN);
    x->integer = fmt(x->wb, "#,##0", 0, 0);
    x->integer_total = fmt(x->wb, "#,##0", 1, 0xF2F2F2);
    format_set_top(x->integer_total, LXW_BORDER_THIN);
    x->label_total = fmt(x->wb, NULL, 1, 0xF2F2F2);
    format_set_top(x->label_total, LXW_BORDER_THIN);
    x->pct = fmt(x->wb, "0.0%", 0, 0);
    x->number2 = fmt(x->wb, "#,##0.00", 0, 0);
    x->date = fmt(x->wb, "yyyy-mm-dd", 0, 0);
    x->bad = fmt(x->wb, NULL, 1, 0xFFC7CE);
    format_set_font_color(x->bad, 0x9C0006);
    x->warn = fmt(x->wb, NULL, 1, 0xFFEB9C);
    format_set_font_color(x->warn, 0x9C5700);
    x->good = fmt(x->wb, NULL, 0, 0xC6EFCE);
    format_set_font_color(x->good, 0x006100);
}

/* The temporary file of the workbook being written, for a crash handler
 * (an async-signal-safe unlink of a static buffer). */
static char in_progress[4096];

const char *mc_xlsx_in_progress(void)
{
    return in_progress;
}

mc_err mc_xlsx_open(struct mc_xlsx *x, const char *path, const char *title,
                    const char *currency, mc_day doc_day,
                    struct mc_error *err)
{
    lxw_doc_properties props = {0};
    const char *slash = strrchr(path, '/');
    int n;

    memset(x, 0, sizeof *x);
    if (strlen(path) >= sizeof x->path)
        return mc_error_set(err, MC_ERR_CANTCREAT, "path too long: %s", path);
    strcpy(x->path, path);
    n = snprintf(x->tmp, sizeof x->tmp, "%.*s.%s.tmp-%ld",
                 slash ? (int)(slash - path + 1) : 0, path,
                 slash ? slash + 1 : path, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof x->tmp)
        return mc_error_set(err, MC_ERR_CANTCREAT, "path too long: %s", path);
    if (!(x->wb = workbook_new(x->tmp)))
        return mc_error_set(err, MC_ERR_CANTCREAT, "cannot create '%s'",
                            x->tmp);
    memcpy(in_progress, x->tmp, sizeof in_progress);
    props.title = (char *)title;
    props.author = "meshcost";
    props.company = "";
    props.created = (time_t)doc_day * 86400;
    workbook_set_properties(x->wb, &props);
    formats(x, currency);
    return MC_OK;
}

lxw_worksheet *mc_xlsx_sheet(struct mc_xlsx *x, const char *name)
{
    char clean[32], unique[32];
    lxw_worksheet *ws;
    int k = 1, taken;

    if (x->n_sheets == MC_XLSX_MAX_SHEETS)
        return NULL;
    mc_xlsx_sheet_clean(name, clean);
    strcpy(unique, clean);
    do {
        taken = 0;
        for (int i = 0; i < x->n_sheets; i++)
            if (strcasecmp(x->sheets[i], unique) == 0)
                taken = 1;
        if (taken) {
            int cut = strlen(clean) < 26 ? (int)strlen(clean) : 26;
            while (cut > 0 && ((unsigned char)clean[cut] & 0xC0) == 0x80)
                cut--; /* never split a UTF-8 character */
            snprintf(unique, sizeof unique, "%.*s (%d)", cut, clean,
                     ++k % 100);
        }
    } while (taken);
    strcpy(x->sheets[x->n_sheets++], unique);
    ws = workbook_add_worksheet(x->wb, unique);
    if (ws) { /* printable: landscape, one page wide */
        worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0);
    }
    return ws;
}

const char *mc_xlsx_sheet_name(const struct mc_xlsx *x, int i)
{
    return i >= 0 && i < x->n_sheets ? x->sheets[i] : "";
}

static int sync_path(const char *path, int flags)
{
    int fd = open(path, flags), rc;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

mc_err mc_xlsx_close(struct mc_xlsx *x, struct mc_error *err)
{
    char dir[4096];
    const char *slash = strrchr(x->path, '/');
    lxw_error e = workbook_close(x->wb);

    x->wb = NULL;
    in_progress[0] = '\0';
    if (e != LXW_NO_ERROR) {
        unlink(x->tmp);
        return mc_error_set(err, MC_ERR_IO, "cannot write '%s': %s", x->path,
                            lxw_strerror(e));
    }
    if (sync_path(x->tmp, O_RDONLY) != 0 || rename(x->tmp, x->path) != 0) {
        int saved = errno;
        unlink(x->tmp);
        return mc_error_set(err, MC_ERR_IO, "cannot write '%s': %s", x->path,
                            strerror(saved));
    }
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - x->path) : 1,
             slash ? x->path : ".");
    sync_path(dir, O_RDONLY | O_DIRECTORY);
    return MC_OK;
}

void mc_xlsx_abort(struct mc_xlsx *x)
{
    if (x->wb)
        workbook_close(x->wb);
    x->wb = NULL;
    in_progress[0] = '\0';
    unlink(x->tmp);
}
