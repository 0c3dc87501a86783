/* time.c — UTC civil-calendar arithmetic and timestamp parsing. Never
 * touches the host time zone. */
#include "meshcost/time.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int mc_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};

    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days from civil (H. Hinnant's algorithm), proleptic Gregorian. */
mc_day mc_day_from_ymd(int y, int m, int d)
{
    int era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (mc_day)(era * 146097 + doe - 719468);
}

void mc_day_to_ymd(mc_day day, int *y, int *m, int *d)
{
    long z = (long)day + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;

    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

mc_day mc_day_of(mc_ms t)
{
    mc_ms q = t / MC_MS_PER_DAY;

    if (t % MC_MS_PER_DAY < 0)
        q--;
    return (mc_day)q;
}

void mc_date_format(mc_day day, char *buf)
{
    int y, m, d;

    mc_day_to_ymd(day, &y, &m, &d);
    snprintf(buf, MC_DATE_BUFSZ, "%04u-%02u-%02u", (unsigned)y % 10000u,
             (unsigned)m % 100u, (unsigned)d % 100u);
}

void mc_time_format(mc_ms t, char *buf)
{
    mc_day day = mc_day_of(t);
    mc_ms in_day = t - (mc_ms)day * MC_MS_PER_DAY;
    char date[MC_DATE_BUFSZ];

    mc_date_format(day, date);
    snprintf(buf, MC_TIME_BUFSZ, "%sT%02d:%02d:%02d.%03dZ", date,
             (int)(in_day / 3600000), (int)(in_day / 60000 % 60),
             (int)(in_day / 1000 % 60), (int)(in_day % 1000));
}

mc_day mc_day_today(void)
{
    return mc_day_of((mc_ms)time(NULL) * 1000);
}

/* Reads exactly n digits at *p into *v. */
static int digits(const char **p, int n, int *v)
{
    int x = 0;

    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return -1;
        x = x * 10 + (c - '0');
    }
    *p += n;
    *v = x;
    return 0;
}

static int parse_ymd(const char **p, int *y, int *m, int *d)
{
    if (digits(p, 4, y) || *(*p)++ != '-' || digits(p, 2, m) ||
        *(*p)++ != '-' || digits(p, 2, d))
        return -1;
    if (*y < 1 || *m < 1 || *m > 12 || *d < 1 ||
        *d > mc_days_in_month(*y, *m))
        return -1;
    return 0;
}

mc_err mc_date_parse(const char *s, mc_day *out, struct mc_error *err)
{
    const char *p = s;
    int y, m, d;

    if (!s || parse_ymd(&p, &y, &m, &d) || *p)
        return mc_error_set(err, MC_ERR_INPUT, "not a date: '%.40s'",
                            s ? s : "");
    *out = mc_day_from_ymd(y, m, d);
    return MC_OK;
}

mc_err mc_period_parse(const char *s, mc_day *first, mc_day *end,
                       struct mc_error *err)
{
    const char *p = s;
    int y, m;

    if (!s || digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &m) || *p ||
        y < 1 || m < 1 || m > 12)
        return mc_error_set(err, MC_ERR_INPUT, "not a month: '%.40s'",
                            s ? s : "");
    *first = mc_day_from_ymd(y, m, 1);
    *end = *first + mc_days_in_month(y, m);
    return MC_OK;
}

int mc_date_find(const char *s, mc_day *out)
{
    size_t n = strlen(s);
    struct mc_error err;

    for (size_t i = 0; i + 10 <= n; i++) {
        char buf[11];
        if ((i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') ||
            (s[i + 10] >= '0' && s[i + 10] <= '9'))
            continue;
        memcpy(buf, s + i, 10);
        buf[10] = '\0';
        if (mc_date_parse(buf, out, &err) == MC_OK)
            return 1;
    }
    return 0;
}

/* Zone: Z, UTC, +HH, +HHMM, +HH:MM (sign required for numeric). */
static int parse_zone(const char *p, int *offset_min)
{
    int sign, h, m = 0;

    *offset_min = 0;
    if (*p == ' ')
        p++;
    if (*p == '\0')
        return p[-1] == ' ' ? -1 : 0;
    if (strcmp(p, "Z") == 0 || strcmp(p, "UTC") == 0)
        return 0;
    if (*p != '+' && *p != '-')
        return -1;
    sign = *p++ == '-' ? -1 : 1;
    if (digits(&p, 2, &h))
        return -1;
    if (*p == ':')
        p++;
    if (*p && digits(&p, 2, &m))
        return -1;
    if (*p || h > 18 || m > 59 || h * 60 + m > 18 * 60)
        return -1;
    *offset_min = sign * (h * 60 + m);
    return 0;
}

/* HH:MM[:SS[.fff...]] after the date; fills ms within the day. */
static int parse_clock(const char **p, mc_ms *ms)
{
    int h, m, sec = 0, frac = 0, scale = 100;

    if (digits(p, 2, &h) || *(*p)++ != ':' || digits(p, 2, &m))
        return -1;
    if (**p == ':') {
        (*p)++;
        if (digits(p, 2, &sec))
            return -1;
        if (**p == '.') {
            (*p)++;
            if (**p < '0' || **p > '9')
                return -1;
            for (; **p >= '0' && **p <= '9'; (*p)++) {
                frac += (**p - '0') * scale;
                scale /= 10;
            }
        }
    }
    if (h > 23 || m > 59 || sec > 59)
        return -1;
    *ms = ((mc_ms)h * 3600 + m * 60 + sec) * 1000 + frac;
    return 0;
}

mc_err mc_time_parse(const char *s, mc_ms *out, struct mc_error *err)
{
    const char *p = s;
    int y, m, d, offset = 0;
    mc_ms clock = 0;

    if (!s || parse_ymd(&p, &y, &m, &d))
        goto bad;
    if (*p == ' ' || *p == 'T') {
        const char *q = p + 1;
        if (parse_clock(&q, &clock) == 0) {
            p = q;
            if (parse_zone(p, &offset))
                goto bad;
        } else {
            goto bad;
        }
    } else if (*p) {
        goto bad;
    }
    *out = (mc_ms)mc_day_from_ymd(y, m, d) * MC_MS_PER_DAY + clock -
           (mc_ms)offset * 60000;
    return MC_OK;
bad:
    return mc_error_set(err, MC_ERR_INPUT, "not a timestamp: '%.40s'",
                        s ? s : "");
}
