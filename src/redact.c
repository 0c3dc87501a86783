/* redact.c — literals out of SQL text: 'strings' (with '' escapes and
 * $$dollar$$ quoting), numbers (not inside identifiers), and the bodies of
 * -- and block comments become '?'. Double-quoted identifiers stay. */
#include "meshcost/redact.h"

#include <ctype.h>
#include <string.h>

struct out {
    char *p;
    size_t used, n;
};

static void put(struct out *o, char c)
{
    if (o->used + 1 < o->n)
        o->p[o->used++] = c;
}

static int ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$' ||
           (unsigned char)c >= 0x80;
}

/* Skips a literal or comment starting at s; returns its length (0: none). */
static size_t literal(const char *s)
{
    const char *p = s;

    if (*p == '\'') {
        for (p++; *p; p++) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '\'' && p[1] == '\'')
                p++;
            else if (*p == '\'')
                return (size_t)(p - s) + 1;
        }
        return (size_t)(p - s);
    }
    if (p[0] == '$' && p[1] == '$') {
        const char *end = strstr(p + 2, "$$");
        return end ? (size_t)(end - s) + 2 : strlen(s);
    }
    if (p[0] == '-' && p[1] == '-')
        return strcspn(s, "\n");
    if (p[0] == '/' && p[1] == '*') {
        const char *end = strstr(p + 2, "*/");
        return end ? (size_t)(end - s) + 2 : strlen(s);
    }
    return 0;
}

static size_t number(const char *s)
{
    size_t n = 0;

    while (isdigit((unsigned char)s[n]) || s[n] == '.' ||
           ((s[n] == 'e' || s[n] == 'E') && n > 0 &&
            (isdigit((unsigned char)s[n + 1]) || s[n + 1] == '-' ||
             s[n + 1] == '+')) ||
           ((s[n] == '-' || s[n] == '+') && n > 0 &&
            (s[n - 1] == 'e' || s[n - 1] == 'E')))
        n++;
    return n;
}

char *mc_redact_sql(const char *sql, char *buf, size_t n)
{
    struct out o = {buf, 0, n};
    const char *p = sql ? sql : "";
    size_t len;

    while (*p) {
        if (*p == '"') { /* quoted identifier: keep */
            const char *end = strchr(p + 1, '"');
            len = end ? (size_t)(end - p) + 1 : strlen(p);
            for (size_t i = 0; i < len; i++)
                put(&o, p[i]);
            p += len;
        } else if ((len = literal(p)) > 0) {
            if (p[0] == '-')
                put(&o, '-'), put(&o, '-'), put(&o, ' ');
            else if (p[0] == '/')
                put(&o, '/'), put(&o, '*'), put(&o, ' ');
            put(&o, '?');
            if (p[0] == '/')
                put(&o, ' '), put(&o, '*'), put(&o, '/');
            p += len;
        } else if (isdigit((unsigned char)*p) &&
                   (p == sql || !ident_char(p[-1]))) {
            put(&o, '?');
            p += number(p);
        } else {
            put(&o, *p++);
        }
    }
    buf[o.used < n ? o.used : n - 1] = '\0';
    return buf;
}
