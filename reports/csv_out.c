/* csv_out.c — CSV fields for exports, formula-inert. */
#include "meshcost/csv_out.h"

#include <string.h>

void mc_csv_put_text(FILE *out, const char *s)
{
    int risky, quote;

    if (!s)
        return;
    risky = s[0] && strchr("=+-@\t\r", s[0]) != NULL;
    quote = risky || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', out);
    if (risky)
        fputc('\'', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    if (quote)
        fputc('"', out);
}

void mc_csv_put_raw(FILE *out, const char *s)
{
    if (s)
        fputs(s, out);
}
