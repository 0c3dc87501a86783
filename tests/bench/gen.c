/* gen.c — benchmark data for meshcost: N queries over one UTC day
 * (2026-10-15) in the real Snowflake ACCOUNT_USAGE layouts, as unloaded
 * with FIELD_OPTIONALLY_ENCLOSED_BY='"' and HEADER=TRUE, timestamps in the
 * account's -0700 session zone (the layouts of samples/generate.py).
 *
 * usage: gen N OUTDIR        (N may be fractional: 0.1e6, 2.5e5 ...)
 *
 * Writes
 *   OUTDIR/meshcost.ini
 *   OUTDIR/catalog/products.csv, OUTDIR/catalog/assets.csv
 *       300 products over 20 domains: schemas, table globs, exact tables,
 *       databases, roles (exact and globs), users, warehouses, tags
 *   OUTDIR/inbox/query_history.csv            N queries (+0.3 % duplicate
 *       rows), 78 columns, query text 50-2000 chars with quotes, commas and
 *       newlines, 50 warehouses, ~2,000 users, ~300 roles, tags on ~30 %
 *   OUTDIR/inbox/access_history.csv           ~80 % of the queries
 *   OUTDIR/inbox/warehouse_metering_history.csv  one row per warehouse-hour
 *       used (credits from the queries' execution time), idle tails, the
 *       CLOUD_SERVICES_ONLY pseudo-warehouse
 *   OUTDIR/inbox/table_storage_metrics_2026-10-15.csv
 *   OUTDIR/manifest.txt                       "file rows bytes" per file
 *
 * Deterministic: a fixed-seed xoshiro256** stream; the same N gives the
 * same bytes. Build: cc -O2 -o gen gen.c -lm
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define H_MS 3600000LL
#define DAY_MS 86400000LL
/* 2026-10-15T00:00:00Z */
#define DAY0 1792022400000LL
#define LOCAL_OFFSET_MS (-7 * H_MS)

/* ------------------------------------------------------------ PRNG */
static uint64_t rs[4];

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t rnd(void)
{
    uint64_t r = rotl(rs[1] * 5, 7) * 9, t = rs[1] << 17;
    rs[2] ^= rs[0], rs[3] ^= rs[1], rs[1] ^= rs[2], rs[0] ^= rs[3];
    rs[2] ^= t, rs[3] = rotl(rs[3], 45);
    return r;
}

static void seed(uint64_t s)
{
    for (int i = 0; i < 4; i++)
        rs[i] = splitmix(&s);
}

__extension__ typedef unsigned __int128 u128;

/* uniform in [0, n) (Lemire's multiply-shift, without the rejection step:
 * the bias is below 2^-40 for our n) */
static inline uint64_t rn(uint64_t n)
{
    return (uint64_t)(((u128)rnd() * n) >> 64);
}

/* uniform in [a, b] */
static inline int64_t rr(int64_t a, int64_t b)
{
    return a + (int64_t)rn((uint64_t)(b - a + 1));
}

static inline double rf(void)
{
    return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0);
}

/* per-mille chance */
static inline int pm(int per_mille)
{
    return (int)rn(1000) < per_mille;
}

/* log-uniform integer in [a, b] */
static int64_t rlog(double a, double b)
{
    return (int64_t)exp(log(a) + rf() * (log(b) - log(a)));
}

/* like rlog, skewed towards a (durations: most short, a long tail) */
static int64_t rdur(double a, double b)
{
    double u = rf();
    return (int64_t)exp(log(a) + u * u * (log(b) - log(a)));
}

static uint64_t mix(uint64_t x)
{
    return splitmix(&x);
}

/* ------------------------------------------------------------ output */
struct out {
    int fd;
    const char *name;
    char *buf;
    size_t len, cap;
    uint64_t bytes, rows;
};

static void die(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fprintf(stderr, "gen: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static void out_flush(struct out *o)
{
    size_t off = 0;

    while (off < o->len) {
        ssize_t w = write(o->fd, o->buf + off, o->len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            die("%s: %s", o->name, strerror(errno));
        }
        off += (size_t)w;
    }
    o->bytes += o->len;
    o->len = 0;
}

static void out_open(struct out *o, const char *dir, const char *name)
{
    char path[4096];

    snprintf(path, sizeof path, "%s/%s", dir, name);
    memset(o, 0, sizeof *o);
    o->name = name;
    o->cap = 8u << 20;
    if (!(o->buf = malloc(o->cap)))
        die("out of memory");
    if ((o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
        die("%s: %s", path, strerror(errno));
}

static void out_close(struct out *o)
{
    out_flush(o);
    if (close(o->fd))
        die("%s: %s", o->name, strerror(errno));
    free(o->buf);
}

/* Room for n more bytes; returns the write pointer. */
static inline char *out_room(struct out *o, size_t n)
{
    if (o->len + n > o->cap)
        out_flush(o);
    return o->buf + o->len;
}

static inline void out_commit(struct out *o, char *p)
{
    o->len = (size_t)(p - o->buf);
}

static inline char *put(char *p, const char *s)
{
    size_t n = strlen(s);
    memcpy(p, s, n);
    return p + n;
}

static inline char *putn(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}

static inline char *putu(char *p, uint64_t v)
{
    char t[24];
    int n = 0;

    do
        t[n++] = (char)('0' + v % 10);
    while (v /= 10);
    while (n)
        *p++ = t[--n];
    return p;
}

static inline char *puti(char *p, int64_t v)
{
    if (v < 0) {
        *p++ = '-';
        return putu(p, (uint64_t)-v);
    }
    return putu(p, (uint64_t)v);
}

/* A CSV field: quoted (with doubled quotes) only when it needs it. */
static char *put_csv(char *p, const char *s, size_t n)
{
    const char *q = s, *end = s + n;
    int need = 0;

    for (; q < end; q++)
        if (*q == '"' || *q == ',' || *q == '\n' || *q == '\r') {
            need = 1;
            break;
        }
    if (!need)
        return putn(p, s, n);
    *p++ = '"';
    for (q = s; q < end;) {
        const char *dq = memchr(q, '"', (size_t)(end - q));
        if (!dq) {
            p = putn(p, q, (size_t)(end - q));
            break;
        }
        p = putn(p, q, (size_t)(dq - q + 1));
        *p++ = '"';
        q = dq + 1;
    }
    *p++ = '"';
    return p;
}

/* nano-credits as a decimal with 9 places */
static char *put_credits(char *p, int64_t nano)
{
    char frac[10];
    int64_t f = nano % 1000000000LL;

    p = putu(p, (uint64_t)(nano / 1000000000LL));
    *p++ = '.';
    for (int i = 8; i >= 0; i--, f /= 10)
        frac[i] = (char)('0' + f % 10);
    return putn(p, frac, 9);
}

static void civil(int64_t days, int *y, int *m, int *d)
{
    /* days since 1970-01-01 -> y-m-d (Howard Hinnant's algorithm) */
    int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;

    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static inline char *put2(char *p, int v)
{
    *p++ = (char)('0' + v / 10);
    *p++ = (char)('0' + v % 10);
    return p;
}

/* Snowflake's default TIMESTAMP_LTZ text in a -0700 session:
 * 2026-10-14 17:03:12.123 -0700 (29 bytes) */
static char *put_ts(char *p, int64_t utc_ms)
{
    static int64_t cached_day = INT64_MIN;
    static char date[32];
    int64_t local = utc_ms + LOCAL_OFFSET_MS;
    int64_t day = local >= 0 ? local / DAY_MS : (local - DAY_MS + 1) / DAY_MS;
    int64_t ms = local - day * DAY_MS;

    if (day != cached_day) {
        int y, m, d;
        civil(day, &y, &m, &d);
        snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
        cached_day = day;
    }
    p = putn(p, date, 10);
    *p++ = ' ';
    p = put2(p, (int)(ms / H_MS));
    *p++ = ':';
    p = put2(p, (int)(ms / 60000 % 60));
    *p++ = ':';
    p = put2(p, (int)(ms / 1000 % 60));
    *p++ = '.';
    *p++ = (char)('0' + ms % 1000 / 100);
    p = put2(p, (int)(ms % 100));
    return putn(p, " -0700", 6);
}

static char *put_hex(char *p, uint64_t v, int digits)
{
    static const char hx[] = "0123456789abcdef";

    for (int i = digits - 1; i >= 0; i--)
        p[i] = hx[v & 15], v >>= 4;
    return p + digits;
}

/* ------------------------------------------------------------ the world */
#define ND 20
#define PPD 15
#define NP (ND * PPD)

static const char *const dcode[ND] = {
    "mfg", "fin", "sales", "mkt", "supply", "hr", "logi", "cust", "catalog",
    "risk", "legal", "proc", "price", "care", "web", "mobile", "res", "qual",
    "energy", "fleet"};
static const char *const dname[ND] = {
    "manufacturing", "finance", "sales", "marketing", "supply-chain",
    "people", "logistics", "customer", "product-catalog", "risk",
    "legal-compliance", "procurement", "pricing", "customer-care",
    "digital", "mobile-apps", "research", "quality", "energy", "fleet"};
static const char *const noun[PPD] = {
    "orders", "shipments", "invoices", "customers", "inventory", "returns",
    "pricing", "forecasts", "events", "sessions", "claims", "payments",
    "suppliers", "assets", "metrics"};
static const char *const qual[8] = {"daily", "core", "ledger", "snapshot",
                                    "360", "history", "live", "mart"};
static const char *const tkind[12] = {"FACT", "DIM", "AGG", "SNAP",
                                      "BRIDGE", "XREF", "HIST", "CUR",
                                      "PUB", "EXT", "MV", "LOG"};
static const char *const first_names[50] = {
    "ANA", "BEN", "CARA", "DEV", "ELI", "FAY", "GUS", "HANA", "IVAN", "JUN",
    "KAI", "LENA", "MAYA", "NOOR", "OMAR", "PIA", "QUIN", "RAJ", "SARA",
    "TOM", "UMA", "VIK", "WEN", "XENA", "YUSUF", "ZOE", "ADA", "BO", "CHEN",
    "DARIA", "EMIL", "FRIDA", "GIA", "HUGO", "INES", "JAY", "KOFI", "LUIS",
    "MEI", "NIKO", "OLGA", "PAVEL", "RIA", "SAM", "TARA", "UGO", "VERA",
    "WILL", "YARA", "ZAID"};
static const char *const last_names[39] = {
    "LOPEZ", "CHO", "SMITH", "PATEL", "WONG", "RUIZ", "MENSAH", "OKAFOR",
    "NGUYEN", "SINGH", "BECKER", "DUARTE", "HADDAD", "FISCHER", "RAMAN",
    "CHEN", "KIM", "MULLER", "ROSSI", "SATO", "NOVAK", "SILVA", "KOWALSKI",
    "DIAZ", "IVANOV", "OSEI", "BANDA", "KHAN", "ALI", "LARSEN", "JONES",
    "BROWN", "GARCIA", "MARTIN", "BERNARD", "DUBOIS", "MORENO", "TANAKA",
    "HASSAN"};
#define NAPPS 10
static const char *const app_name[NAPPS] = {
    "claims-portal", "pricing-api", "fleet-tracker", "store-locator",
    "quote-engine", "hr-selfservice", "supplier-portal", "recsys",
    "fraud-scorer", "energy-dash"};
static const int app_domain[NAPPS] = {1, 12, 19, 2, 2, 5, 11, 14, 9, 18};

struct table {
    char fqn[96];
    int db_len, sch_len;  /* fqn = DB.SCH.NAME */
    int64_t id;
    int product;          /* owning product (reads/writes), -1: none */
    int domain;           /* for raw tables */
    const char *odomain;  /* ACCESS_HISTORY objectDomain */
};

struct product {
    char id[48];
    char schema[24];
    int domain, j, mode; /* mode 0 schema, 1 table globs, 2 exact, 3 database */
    int t0, nt;          /* its tables: tabs[t0 .. t0+nt) */
    int etl_role;        /* role index */
    int deps[2], ndeps;
    int app;             /* app index or -1 */
};

enum { MAXT = 8000, MAXU = 2100, MAXR = 420, NW = 50 };

static struct table tabs[MAXT];
static int ntabs;
static struct product prods[NP];
static int raw_t0[ND], raw_nt[ND];
static int scratch_t0, scratch_nt;
static int stage_t0; /* one stage per domain (not table-like) */
static int ptables[NP][48]; /* tables a product's consumers read */
static int nptables[NP];

static char users[MAXU][32];
static int user_role[MAXU], user_domain[MAXU], nusers, nhumans;
static int svc_dbt[ND], svc_looker, svc_tableau, svc_powerbi, svc_fivetran,
    svc_airflow, svc_hightouch, svc_ci, svc_app[NAPPS];
static char roles[MAXR][40];
static int nroles;
static int role_domain_etl[ND], role_analyst[ND], role_pii[ND],
    role_reader[ND], role_g_analyst, role_g_ds, role_g_reporter,
    role_g_sysadmin, role_g_public, role_g_loader, role_app[NAPPS];

struct wh {
    char name[80];
    int64_t id;
    const char *size;
    int cph;          /* credits per hour */
    int h0, h1;       /* active UTC hours [h0, h1) */
};
static struct wh whs[NW];
static int wh_etl[ND], wh_bi[ND], wh_app[5], wh_adhoc, wh_adhoc_xl, wh_ds,
    wh_looker, wh_tableau, wh_load, wh_test, wh_ci, wh_retl, wh_sandbox;

static int perm[NP]; /* popularity rank -> product */

static int add_role(const char *fmt, ...)
{
    va_list ap;

    if (nroles >= MAXR)
        die("too many roles");
    va_start(ap, fmt);
    vsnprintf(roles[nroles], sizeof roles[0], fmt, ap);
    va_end(ap);
    return nroles++;
}

static int add_user(int role, int domain, const char *fmt, ...)
{
    va_list ap;

    if (nusers >= MAXU)
        die("too many users");
    va_start(ap, fmt);
    vsnprintf(users[nusers], sizeof users[0], fmt, ap);
    va_end(ap);
    user_role[nusers] = role;
    user_domain[nusers] = domain;
    return nusers++;
}

static int add_wh(const char *name, const char *size, int cph, int h0,
                  int h1)
{
    static int n;
    struct wh *w = &whs[n];

    if (n >= NW)
        die("too many warehouses");
    snprintf(w->name, sizeof w->name, "%s", name);
    w->id = 1001 + n;
    w->size = size;
    w->cph = cph;
    w->h0 = h0;
    w->h1 = h1;
    return n++;
}

static void upper(char *dst, const char *src, size_t n)
{
    size_t i;

    for (i = 0; src[i] && i + 1 < n; i++)
        dst[i] = (src[i] >= 'a' && src[i] <= 'z') ? (char)(src[i] - 32)
               : src[i] == '-' ? '_' : src[i];
    dst[i] = 0;
}

static int add_table(const char *db, const char *sch, const char *name,
                     int product, int domain)
{
    struct table *t = &tabs[ntabs];

    if (ntabs >= MAXT)
        die("too many tables");
    snprintf(t->fqn, sizeof t->fqn, "%s.%s.%s", db, sch, name);
    t->db_len = (int)strlen(db);
    t->sch_len = (int)strlen(sch);
    t->id = 200000 + 13LL * ntabs;
    t->product = product;
    t->domain = domain;
    if (strncmp(name, "MV_", 3) == 0)
        t->odomain = "Materialized view";
    else if (strncmp(name, "EXT_", 4) == 0)
        t->odomain = "External table";
    else if (strncmp(name, "CUR_", 4) == 0)
        t->odomain = "Dynamic table";
    else
        t->odomain = (ntabs % 29 == 3) ? "table" : "Table";
    return ntabs++;
}

static void build_world(void)
{
    char up[64], db[80];

    seed(20261015);
    /* roles */
    for (int d = 0; d < ND; d++) {
        upper(up, dcode[d], sizeof up);
        role_domain_etl[d] = add_role("%s_ETL", up);
        role_analyst[d] = add_role("%s_ANALYST", up);
        role_pii[d] = add_role("%s_ANALYST_PII", up);
        role_reader[d] = add_role("%s_READER", up);
    }
    role_g_analyst = add_role("ANALYST");
    role_g_ds = add_role("DATA_SCIENTIST");
    role_g_reporter = add_role("REPORTER");
    role_g_sysadmin = add_role("SYSADMIN");
    role_g_public = add_role("PUBLIC");
    role_g_loader = add_role("LOADER");
    for (int a = 0; a < NAPPS; a++) {
        upper(up, app_name[a], sizeof up);
        role_app[a] = add_role("%s_ROLE", up);
    }
    /* products, their schemas, tables and pipeline roles */
    for (int d = 0; d < ND; d++) {
        upper(up, dcode[d], sizeof up);
        snprintf(db, sizeof db, "%s_DB", up);
        for (int j = 0; j < PPD; j++) {
            int p = d * PPD + j;
            struct product *pr = &prods[p];
            uint64_t h = mix((uint64_t)p * 7919 + 17);
            pr->domain = d;
            pr->j = j;
            pr->app = -1;
            snprintf(pr->id, sizeof pr->id, "%s.%s-%s", dcode[d], noun[j],
                     qual[(d + j) % 8]);
            upper(pr->schema, noun[j], sizeof pr->schema);
            if (j == PPD - 1 && d % 2 == 0)
                pr->mode = 3; /* the domain's platform product */
            else
                pr->mode = (int)(h % 10) < 4 ? 0 : (int)(h % 10) < 7 ? 1 : 2;
            pr->t0 = ntabs;
            pr->nt = 4 + (int)((h >> 8) % 21);
            for (int k = 0; k < pr->nt; k++) {
                char name[64];
                if (k < 12)
                    snprintf(name, sizeof name, "%s_%s", tkind[k],
                             pr->schema);
                else
                    snprintf(name, sizeof name, "%s_%s_%d", tkind[k % 12],
                             pr->schema, k / 12 + 1);
                add_table(db, pr->schema, name, p, d);
            }
            if ((int)((h >> 20) % 10) < 7)
                pr->etl_role = add_role("%s_%s_ETL", up, pr->schema);
            else
                pr->etl_role = role_domain_etl[d];
            pr->ndeps = 0;
            if (j > 0 && (h >> 30) % 3 == 0)
                pr->deps[pr->ndeps++] = d * PPD + (int)((h >> 34) % j);
            if (j > 1 && (h >> 40) % 5 == 0) {
                int q = d * PPD + (int)((h >> 44) % j);
                if (pr->ndeps == 0 || pr->deps[0] != q)
                    pr->deps[pr->ndeps++] = q;
            }
        }
        /* a table in a schema-mapped product's schema published for the
         * next product: exact beats the schema pattern */
        for (int j = 1; j + 1 < PPD; j += 5) {
            struct product *pr = &prods[d * PPD + j];
            char name[64];
            if (pr->mode != 0)
                continue;
            snprintf(name, sizeof name, "SHARE_%s", prods[d * PPD + j + 1].schema);
            add_table(db, pr->schema, name, d * PPD + j + 1, d);
        }
    }
    for (int a = 0; a < NAPPS; a++)
        prods[app_domain[a] * PPD + 2].app = a;
    /* raw landing tables per domain, scratch tables, stages */
    for (int d = 0; d < ND; d++) {
        upper(up, dcode[d], sizeof up);
        raw_t0[d] = ntabs;
        for (int k = 0; k < 40; k++) {
            char name[64];
            snprintf(name, sizeof name, "SRC_%s_%d", noun[k % PPD],
                     k / PPD + 1);
            upper(name, name, sizeof name);
            add_table("RAW_DB", up, name, -1, d);
        }
        raw_nt[d] = ntabs - raw_t0[d];
    }
    scratch_t0 = ntabs;
    for (int k = 0; k < 300; k++) {
        char sch[32], name[48];
        snprintf(sch, sizeof sch, "%s", k % 3 ? "ANALYSTS" : "DS");
        snprintf(name, sizeof name, "TMP_EXPLORE_%d", k);
        add_table("SCRATCH_DB", sch, name, -1, -1);
    }
    scratch_nt = ntabs - scratch_t0;
    stage_t0 = ntabs;
    for (int d = 0; d < ND; d++) {
        upper(up, dcode[d], sizeof up);
        snprintf(db, sizeof db, "%s_DB", up);
        /* a stage named inside a mapped database: not table-like */
        int t = add_table(db, "LANDING", "LANDING_STAGE", -1, d);
        tabs[t].odomain = "Stage";
    }
    /* what consumers of a product read: its tables plus shared ones */
    for (int t = 0; t < stage_t0; t++) {
        int p = tabs[t].product;
        if (p >= 0 && nptables[p] < 48)
            ptables[p][nptables[p]++] = t;
    }
    /* users: ~1950 people with a home domain and role, ~40 services */
    for (int f = 0; f < 50; f++)
        for (int l = 0; l < 39; l++) {
            int d = (f * 39 + l) % ND, k = (int)(mix((uint64_t)(f * 39 + l)) % 100);
            int role = k < 50 ? role_analyst[d] : k < 60 ? role_pii[d]
                     : k < 75 ? role_reader[d] : k < 85 ? role_g_analyst
                     : k < 95 ? role_g_ds : role_g_public;
            add_user(role, d, "%s_%s", first_names[f], last_names[l]);
        }
    nhumans = nusers;
    for (int d = 0; d < ND; d++) {
        upper(up, dcode[d], sizeof up);
        svc_dbt[d] = add_user(role_domain_etl[d], d, "SVC_%s_DBT", up);
    }
    svc_looker = add_user(role_g_reporter, -1, "LOOKER_SVC");
    svc_tableau = add_user(role_g_reporter, -1, "TABLEAU_SVC");
    svc_powerbi = add_user(role_g_reporter, -1, "POWERBI_SVC");
    svc_fivetran = add_user(role_g_loader, -1, "FIVETRAN_SVC");
    svc_airflow = add_user(role_g_sysadmin, -1, "AIRFLOW_SVC");
    svc_hightouch = add_user(role_g_reporter, -1, "HIGHTOUCH_SVC");
    svc_ci = add_user(role_g_sysadmin, -1, "DBT_CI_SVC");
    for (int a = 0; a < NAPPS; a++) {
        upper(up, app_name[a], sizeof up);
        svc_app[a] = add_user(role_app[a], app_domain[a], "%s_APP", up);
    }
    /* 50 warehouses */
    for (int d = 0; d < ND; d++) {
        char name[80];
        upper(up, dcode[d], sizeof up);
        snprintf(name, sizeof name, "%s_ETL_WH", up);
        wh_etl[d] = add_wh(name, d % 3 ? "Medium" : "Large", d % 3 ? 4 : 8,
                           0, 24);
    }
    for (int d = 0; d < ND; d++) {
        char name[80];
        wh_bi[d] = -1;
        if (d >= 15)
            continue;
        upper(up, dcode[d], sizeof up);
        snprintf(name, sizeof name, "%s_BI_WH", up);
        wh_bi[d] = add_wh(name, "Small", 2, 11 + d % 3, 22 + d % 2);
    }
    for (int k = 0; k < 5; k++) {
        char name[80];
        snprintf(name, sizeof name, "APP%d_WH", k + 1);
        wh_app[k] = add_wh(name, "X-Small", 1, 0, 24);
    }
    wh_adhoc = add_wh("ADHOC_WH", "Medium", 4, 0, 24);
    wh_adhoc_xl = add_wh("ADHOC_XL_WH", "X-Large", 16, 13, 23);
    wh_ds = add_wh("DS_WH", "Large", 8, 14, 21);
    wh_looker = add_wh("LOOKER_WH", "Medium", 4, 0, 24);
    wh_tableau = add_wh("TABLEAU_WH", "Small", 2, 12, 23);
    wh_load = add_wh("LOAD_WH", "Small", 2, 0, 24);
    wh_test = add_wh("TEST_WH", "X-Small", 1, 15, 18);
    wh_ci = add_wh("DBT_CI_WH", "Small", 2, 14, 22);
    wh_retl = add_wh("REVERSE_ETL_WH", "X-Small", 1, 0, 24);
    wh_sandbox = add_wh("SANDBOX_WH", "X-Small", 1, 9, 12);
    /* popularity: a fixed shuffle of the products */
    for (int p = 0; p < NP; p++)
        perm[p] = p;
    for (int p = NP - 1; p > 0; p--) {
        int k = (int)rn((uint64_t)p + 1), t = perm[p];
        perm[p] = perm[k];
        perm[k] = t;
    }
}

/* ------------------------------------------------------------ catalog */
static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    if (!f || fputs(text, f) < 0 || fclose(f))
        die("%s: %s", path, strerror(errno));
}

static void write_catalog(const char *dir)
{
    char path[4096], up[64];
    FILE *f;

    snprintf(path, sizeof path, "%s/catalog/products.csv", dir);
    if (!(f = fopen(path, "w")))
        die("%s: %s", path, strerror(errno));
    fprintf(f, "product_id,name,domain,owner,owner_email,status,"
               "monthly_budget,currency,depends_on,tags\n");
    for (int p = 0; p < NP; p++) {
        struct product *pr = &prods[p];
        uint64_t h = mix((uint64_t)p * 31 + 5);
        int f1 = (int)(h % 50), l1 = (int)((h >> 8) % 39);
        int st = (int)((h >> 16) % 100);
        const char *status = st < 84 ? "active" : st < 92 ? "deprecated"
                           : st < 97 ? "protected" : "archived";
        char owner[64], email[96], name[96], deps[128] = "";
        snprintf(owner, sizeof owner, "%c%s %c%s", first_names[f1][0],
                 first_names[f1] + 1, last_names[l1][0], last_names[l1] + 1);
        for (char *c = owner + 1; *c; c++)
            if (c[-1] != ' ' && *c >= 'A' && *c <= 'Z')
                *c = (char)(*c + 32);
        snprintf(email, sizeof email, "%s@example.org", owner);
        for (char *c = email; *c; c++)
            *c = *c == ' ' ? '.' : (*c >= 'A' && *c <= 'Z') ? (char)(*c + 32)
                                                             : *c;
        snprintf(name, sizeof name, "%c%s, %s", noun[pr->j][0] - 32,
                 noun[pr->j] + 1, qual[(pr->domain + pr->j) % 8]);
        for (int k = 0; k < pr->ndeps; k++) {
            size_t n = strlen(deps);
            snprintf(deps + n, sizeof deps - n, "%s%s", k ? ";" : "",
                     prods[pr->deps[k]].id);
        }
        fprintf(f, "%s,\"%s\",%s,%s,%s,%s,", pr->id, name,
                dname[pr->domain], (h >> 24) % 25 == 0 ? "" : owner,
                (h >> 24) % 25 == 0 ? "" : email, status);
        if ((h >> 32) % 10 == 0)
            fprintf(f, ",");
        else
            fprintf(f, "%d.00,", 200 + (int)((h >> 36) % 60) * 100);
        fprintf(f, "USD,%s,%s\n", deps,
                (h >> 44) % 4 == 0 ? "tier1" : "");
    }
    if (fclose(f))
        die("%s: %s", path, strerror(errno));

    snprintf(path, sizeof path, "%s/catalog/assets.csv", dir);
    if (!(f = fopen(path, "w")))
        die("%s: %s", path, strerror(errno));
    fprintf(f, "product_id,kind,pattern\n");
    for (int p = 0; p < NP; p++) {
        struct product *pr = &prods[p];
        int d = pr->domain;
        char db[80];
        upper(up, dcode[d], sizeof up);
        snprintf(db, sizeof db, "%s_DB", up);
        switch (pr->mode) {
        case 3:
            fprintf(f, "%s,database,%s\n", pr->id, db);
            break;
        case 0:
            fprintf(f, "%s,schema,%s.%s\n", pr->id, db, pr->schema);
            break;
        case 1:
            fprintf(f, "%s,table,%s.%s.FACT_*\n", pr->id, db, pr->schema);
            fprintf(f, "%s,table,%s.%s.DIM_*\n", pr->id, db, pr->schema);
            fprintf(f, "%s,table,%s.%s.AGG_*\n", pr->id, db, pr->schema);
            break;
        case 2:
            for (int t = pr->t0; t < pr->t0 + pr->nt; t++)
                fprintf(f, "%s,table,%s\n", pr->id, tabs[t].fqn);
            break;
        }
        if (pr->etl_role != role_domain_etl[d])
            fprintf(f, "%s,role,%s\n", pr->id, roles[pr->etl_role]);
        if (pr->mode == 3) {
            fprintf(f, "%s,role,%s_ANALYST*\n", pr->id, up);
            fprintf(f, "%s,tag,team=%s\n", pr->id, dcode[d]);
            fprintf(f, "%s,tag,cost_center=%s*\n", pr->id, up);
            fprintf(f, "%s,warehouse,%s\n", pr->id, whs[wh_etl[d]].name);
        }
        if (pr->j == 0 && d % 2 == 1)
            fprintf(f, "%s,warehouse,%s\n", pr->id,
                    whs[wh_etl[d]].name);
        if (pr->j == 1 && wh_bi[d] >= 0 && d % 3 == 0)
            fprintf(f, "%s,warehouse,%s\n", pr->id, whs[wh_bi[d]].name);
        if (p % 37 == 5)
            fprintf(f, "%s,user,%s\n", pr->id, users[(p * 13) % nhumans]);
        if (pr->app >= 0) {
            fprintf(f, "%s,tag,app=%s\n", pr->id, app_name[pr->app]);
            if (pr->app % 2 == 0)
                fprintf(f, "%s,warehouse,%s\n", pr->id,
                        whs[wh_app[pr->app / 2]].name);
            if (pr->app < 5)
                fprintf(f, "%s,user,%s\n", pr->id, users[svc_app[pr->app]]);
        }
    }
    /* the exact SHARE_ tables of the next product */
    for (int t = 0; t < stage_t0; t++)
        if (strstr(tabs[t].fqn, ".SHARE_"))
            fprintf(f, "%s,table,%s\n", prods[tabs[t].product].id,
                    tabs[t].fqn);
    fprintf(f, "%s,warehouse,%s\n", prods[16 * PPD].id, whs[wh_ds].name);
    if (fclose(f))
        die("%s: %s", path, strerror(errno));
}

/* ------------------------------------------------------------ queries */
enum { C_ETL, C_LOAD, C_BI, C_ADHOC, C_APP, C_CI, C_RETL, C_TEST, C_META };

struct obj {
    int t;             /* table index */
    int view;          /* read through a view (DIRECT = view) */
};

struct query {
    uint64_t n;
    char id[40];
    int cat, wh, wid_blank, wh_lower, user, role;
    int64_t start, compile, queued, exec, end; /* ms */
    int64_t cs;
    int failed, cancelled;
    const char *qtype;
    struct obj base[6];
    int nbase;
    int mod;           /* modified table or -1 */
    int has_ah;
    uint64_t template;
    int64_t bytes_scanned, rows;
    int target_len;
    int taglen;
    char tag[256];     /* tag and text last: make_query clears the rest */
    int textlen;
    char text[2200];
};

/* padding corpus: clauses with quotes, commas, newlines */
static char corpus[1 << 16];
static int corpus_len;
static int clause_at[4096], nclauses;

static void build_corpus(void)
{
    static const char *const cl[] = {
        "\n  and c.region in ('EMEA', 'NA, East', 'O''Brien & Sons')",
        "\n  and \"Order Status\" <> 'CANCELLED'",
        "\n  -- keep rows changed since the last run, see \"runbook\", step 3",
        "\n  and coalesce(x.amount, 0) between 10 and 10000",
        "\n  and lower(t.name) like '%said \"hi\"%'",
        "\nunion all\nselect id, 'backfill' as src, null, null from stage.backfill",
        "\n  and ts >= dateadd(day, -7, current_date())",
        "\n  and json_extract_path_text(payload, 'customer.tier') = 'gold'",
        "\n  /* tuned: cluster by (event_date, site_id) */",
        "\n  and site_id in (4, 7, 12, 19, 23, 42)",
        "\nqualify row_number() over (partition by id order by updated_at desc) = 1",
        "\n  and note not ilike '%test, do not use%'",
        "\n  and \"Amount, billed\" > 0",
        "\n  and array_contains('x'::variant, tags)",
        "\n\tand status in ('OPEN','PENDING','ON HOLD')",
    };
    int k = 0;

    while (corpus_len < (int)sizeof corpus - 200) {
        const char *c = cl[mix((uint64_t)k) % (sizeof cl / sizeof cl[0])];
        size_t n = strlen(c);
        if (nclauses < 4096)
            clause_at[nclauses++] = corpus_len;
        memcpy(corpus + corpus_len, c, n);
        corpus_len += (int)n;
        k++;
    }
    nclauses = nclauses > 4000 ? 4000 : nclauses;
}

static int pick_product(void)
{
    double u = rf();
    return perm[(int)(NP * u * u)];
}

static int product_table(int p)
{
    return ptables[p][rn((uint64_t)nptables[p])];
}

static int any_human(void)
{
    /* a few power users run a lot */
    if (pm(300))
        return (int)rn(60);
    return (int)rn((uint64_t)nhumans);
}

static char *t_appendf(char *p, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsprintf(p, fmt, ap);
    va_end(ap);
    return p + n;
}

static char *lower_fqn(char *p, const struct table *t)
{
    for (const char *s = t->fqn; *s; s++)
        *p++ = (*s >= 'A' && *s <= 'Z') ? (char)(*s + 32) : *s;
    return p;
}

/* Pads or cuts the text to q->target_len. */
static void finish_text(struct query *q, char *p)
{
    int len = (int)(p - q->text);

    if (len < q->target_len) {
        int need = q->target_len - len;
        int at = clause_at[rn((uint64_t)nclauses)];
        if (at + need > corpus_len)
            at = 0;
        memcpy(p, corpus + at, (size_t)need);
        len += need;
    } else if (len > q->target_len && q->target_len >= 50) {
        len = q->target_len;
    }
    q->textlen = len;
}

static void make_text(struct query *q)
{
    char *p = q->text;

    switch (q->cat) {
    case C_ETL: {
        const struct table *t = &tabs[q->mod];
        p = t_appendf(p, "insert into ");
        p = lower_fqn(p, t);
        p = t_appendf(p, " (id, \"Amount, net\", updated_at, note)\nselect "
                         "s.id, s.amount * %d.0, current_timestamp(), "
                         "'it''s batch %d'\nfrom ",
                      (int)(q->template % 90) + 10, (int)rn(100000));
        for (int i = 0; i < q->nbase; i++) {
            if (i)
                p = t_appendf(p, "\n  join ");
            p = lower_fqn(p, &tabs[q->base[i].t]);
            p = t_appendf(p, " s%d", i);
            if (i)
                p = t_appendf(p, " on s%d.id = s0.id", i);
        }
        p = t_appendf(p, "\nwhere s0.load_date = '2026-10-15'");
        break;
    }
    case C_LOAD:
        p = t_appendf(p, "copy into ");
        p = lower_fqn(p, &tabs[q->mod]);
        p = t_appendf(p, "\nfrom @raw_db.landing.stage/%d/\nfile_format = "
                         "(type = csv, field_optionally_enclosed_by = '\"', "
                         "skip_header = 1)", (int)rn(100000));
        break;
    case C_META:
        p = t_appendf(p, "show tables in schema %s_db.%s", dcode[rn(ND)],
                      noun[rn(PPD)]);
        break;
    default:
        p = t_appendf(p, "select date_trunc('hour', event_ts) as hour, "
                         "count(*) as n, sum(case when status = 'OPEN' then "
                         "1 else 0 end) as \"Open, now\"\nfrom ");
        for (int i = 0; i < q->nbase; i++) {
            const struct table *t = &tabs[q->base[i].t];
            if (i)
                p = t_appendf(p, "\n  join ");
            if (q->base[i].view) {
                p = t_appendf(p, "%.*s.V_%s", t->db_len + t->sch_len + 1,
                              t->fqn, t->fqn + t->db_len + t->sch_len + 2);
            } else {
                p = lower_fqn(p, t);
            }
            p = t_appendf(p, " t%d", i);
        }
        p = t_appendf(p, "\nwhere customer_id = 'C-%07d' and site_id in "
                         "(%d, %d)\ngroup by 1 order by 1 desc limit %d",
                      (int)rn(10000000), (int)rn(50), (int)rn(50),
                      100 * (1 + (int)(q->template % 10)));
        break;
    }
    if (q->cat == C_ETL && q->tag[0] == '{')
        p = t_appendf(p, "\n/* {\"app\": \"dbt\", \"node_id\": \"model.%s."
                         "%s\"} */", dcode[prods[tabs[q->mod].product].domain],
                      prods[tabs[q->mod].product].schema);
    finish_text(q, p);
}

/* A random instant of the day, following office hours (UTC), given the
 * query's rank i of n (queries come out in start-time order). */
static double hour_cdf[25];

static void build_diurnal(void)
{
    static const double w[24] = {3, 2.5, 2, 2, 2, 2, 2, 2, 2, 2, 2.5, 3,
                                 4, 5, 7, 9, 9, 9.5, 9.5, 9, 8, 7, 6, 4};
    double s = 0;

    for (int h = 0; h < 24; h++)
        s += w[h];
    hour_cdf[0] = 0;
    for (int h = 0; h < 24; h++)
        hour_cdf[h + 1] = hour_cdf[h] + w[h] / s;
}

static int64_t instant(double u)
{
    int h = 0;

    while (h < 23 && hour_cdf[h + 1] <= u)
        h++;
    return (int64_t)((h + (u - hour_cdf[h]) / (hour_cdf[h + 1] - hour_cdf[h]))
                     * H_MS);
}

static int active(int w, int hour)
{
    return hour >= whs[w].h0 && hour < whs[w].h1;
}

static void set_tag(struct query *q, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    q->taglen = vsnprintf(q->tag, sizeof q->tag, fmt, ap);
    va_end(ap);
}

static void make_query(struct query *q, uint64_t i, uint64_t n)
{
    int hour, k;
    int64_t t = instant(((double)i + rf()) / (double)n);

    memset(q, 0, offsetof(struct query, tag));
    q->tag[0] = 0;
    q->n = i;
    q->mod = -1;
    q->wh = -1;
    q->start = t;
    hour = (int)(t / H_MS);
    k = (int)rn(1000);
    q->cat = k < 180 ? C_ETL : k < 200 ? C_LOAD : k < 580 ? C_BI
           : k < 839 ? C_ADHOC : k < 919 ? C_APP : k < 939 ? C_CI
           : k < 949 ? C_RETL : k < 950 ? C_TEST : C_META;
    q->has_ah = q->cat != C_META && !pm(110);
    q->qtype = "SELECT";
    switch (q->cat) {
    case C_ETL: {
        int p = (int)rn(NP);
        struct product *pr = &prods[p];
        int d = pr->domain;
        q->template = (uint64_t)p * 16 + rn(4);
        q->wh = wh_etl[d];
        q->user = pm(700) ? svc_dbt[d] : svc_airflow;
        q->role = pr->etl_role;
        q->mod = pr->t0 + (int)rn((uint64_t)pr->nt);
        q->nbase = 1 + (int)rn(3);
        for (int b = 0; b < q->nbase; b++) {
            if (b > 0 && pr->ndeps)
                q->base[b].t = product_table(pr->deps[rn((uint64_t)pr->ndeps)]);
            else if (pm(300))
                q->base[b].t = product_table(p);
            else
                q->base[b].t = raw_t0[d] + (int)rn((uint64_t)raw_nt[d]);
        }
        q->exec = rdur(800, 1800000);
        q->qtype = pm(500) ? "INSERT" : pm(500) ? "MERGE"
                                                : "CREATE_TABLE_AS_SELECT";
        if (pm(500)) {
            if (pm(300))
                set_tag(q, "{\"app\":\"dbt\",\"dbt_version\":\"1.8.4\","
                           "\"node_id\":\"model.%s.%s\",\"data_product\":"
                           "\"%s\",\"target_name\":\"prod\"}",
                        dcode[d], pr->schema, pr->id);
            else
                set_tag(q, "{\"app\":\"dbt\",\"dbt_version\":\"1.8.4\","
                           "\"node_id\":\"model.%s.%s\",\"target_name\":"
                           "\"prod\"}", dcode[d], pr->schema);
        }
        break;
    }
    case C_LOAD: {
        int d = (int)rn(ND);
        q->template = 10000 + (uint64_t)d;
        q->wh = wh_load;
        q->user = svc_fivetran;
        q->role = pm(500) ? role_g_loader : role_domain_etl[d];
        q->mod = raw_t0[d] + (int)rn((uint64_t)raw_nt[d]);
        q->nbase = 1;
        q->base[0].t = stage_t0 + d; /* a Stage: not table-like */
        q->exec = rdur(500, 300000);
        q->qtype = "COPY";
        break;
    }
    case C_BI: {
        int p = pick_product(), d = prods[p].domain;
        q->template = 20000 + (uint64_t)p * 8 + rn(8);
        if (wh_bi[d] >= 0 && active(wh_bi[d], hour) && pm(600))
            q->wh = wh_bi[d];
        else if (active(wh_tableau, hour) && pm(300))
            q->wh = wh_tableau;
        else
            q->wh = wh_looker;
        q->user = q->wh == wh_tableau ? svc_tableau
                : pm(800) ? svc_looker : svc_powerbi;
        q->role = pm(600) ? role_g_reporter : role_reader[d];
        q->nbase = 1 + (int)rn(3);
        for (int b = 0; b < q->nbase; b++) {
            int pp = (b == 2 && prods[p].ndeps) ? prods[p].deps[0] : p;
            q->base[b].t = product_table(pp);
            q->base[b].view = pm(600);
        }
        q->exec = rdur(80, 45000);
        if (pm(250))
            set_tag(q, "{\"dashboard_id\":\"%d\",\"looker_user\":\"svc\","
                       "\"history_id\":%d}", 100 + (int)rn(400),
                    (int)rn(1000000));
        break;
    }
    case C_ADHOC: {
        int u = any_human();
        int d = user_domain[u];
        q->template = 40000 + (uint64_t)u * 4 + rn(4);
        q->user = u;
        q->role = user_role[u];
        q->wh = (active(wh_ds, hour) && pm(200)) ? wh_ds
              : (active(wh_adhoc_xl, hour) && pm(200)) ? wh_adhoc_xl
              : wh_adhoc;
        q->nbase = 1 + (int)rn(4);
        for (int b = 0; b < q->nbase; b++) {
            int r = (int)rn(100);
            if (r < 60)
                q->base[b].t = product_table(pm(500) ? pick_product()
                                                     : d * PPD + (int)rn(PPD));
            else if (r < 85)
                q->base[b].t = raw_t0[d] + (int)rn((uint64_t)raw_nt[d]);
            else
                q->base[b].t = scratch_t0 + (int)rn((uint64_t)scratch_nt);
        }
        if (pm(60)) { /* scratch work */
            q->mod = scratch_t0 + (int)rn((uint64_t)scratch_nt);
            q->qtype = "CREATE_TABLE_AS_SELECT";
        }
        q->exec = rdur(150, 900000);
        k = (int)rn(1000);
        if (k < 60)
            set_tag(q, "team=%s", dcode[d]);
        else if (k < 100)
            set_tag(q, "cost_center=%s-%d, jira=DATA-%d", dcode[d],
                    (int)rn(900) + 100, (int)rn(9000));
        else if (k < 130)
            set_tag(q, "notebook=%s_%d; owner = %s", noun[rn(PPD)],
                    (int)rn(50), users[u]);
        if (k < 100 && pm(500)) { /* the tag asset pattern is upper case */
            for (char *c = q->tag; *c && *c != ','; c++)
                if (c > q->tag + 11 && *c >= 'a' && *c <= 'z')
                    *c = (char)(*c - 32);
        }
        if (pm(3)) { /* a blank WAREHOUSE_ID, lower-case name */
            q->wid_blank = 1;
            q->wh_lower = 1;
        }
        break;
    }
    case C_APP: {
        int a = (int)rn(NAPPS), p = app_domain[a] * PPD + 2;
        q->template = 60000 + (uint64_t)a * 4 + rn(4);
        q->wh = wh_app[a / 2];
        q->user = svc_app[a];
        q->role = role_app[a];
        q->nbase = 1;
        q->base[0].t = product_table(p);
        q->exec = rdur(20, 8000);
        k = (int)rn(100);
        if (k < 70)
            set_tag(q, "data_product=%s; app=%s", prods[p].id, app_name[a]);
        else if (k < 97)
            set_tag(q, "app=%s, screen=%s", app_name[a],
                    k % 2 ? "worklist" : "detail");
        else
            set_tag(q, " data_product = %s.legacy-v2 ;app=%s",
                    dcode[app_domain[a]], app_name[a]);
        break;
    }
    case C_CI: {
        int p = (int)rn(NP);
        q->template = 70000 + (uint64_t)p;
        q->wh = wh_ci;
        q->user = svc_ci;
        q->role = role_domain_etl[prods[p].domain];
        q->nbase = 1 + (int)rn(2);
        for (int b = 0; b < q->nbase; b++)
            q->base[b].t = product_table(p);
        q->exec = rdur(200, 60000);
        set_tag(q, "{\"app\":\"dbt\",\"target_name\":\"ci\",\"pr\":%d}",
                (int)rn(5000));
        break;
    }
    case C_RETL: {
        int p = pick_product();
        q->template = 80000 + (uint64_t)p;
        q->wh = wh_retl;
        q->user = svc_hightouch;
        q->role = role_g_reporter;
        q->nbase = 1;
        q->base[0].t = product_table(p);
        q->exec = rdur(500, 120000);
        break;
    }
    case C_TEST: {
        int u = any_human();
        q->template = 90000;
        q->wh = wh_test;
        q->user = u;
        q->role = user_role[u];
        q->nbase = 1;
        q->base[0].t = scratch_t0 + (int)rn((uint64_t)scratch_nt);
        q->exec = rdur(100, 20000);
        if (!active(wh_test, hour))
            q->wh = wh_adhoc;
        break;
    }
    default: { /* metadata: cloud services only */
        int u = pm(500) ? any_human() : svc_looker;
        q->template = 95000 + rn(20);
        q->user = u;
        q->role = user_role[u];
        q->exec = 0;
        q->qtype = pm(700) ? "SHOW" : "DESCRIBE";
        q->nbase = 0;
        break;
    }
    }
    /* failures: compile errors (no warehouse time) and cancellations */
    if ((q->cat == C_BI || q->cat == C_ADHOC) && pm(20)) {
        q->failed = 1;
        q->has_ah = 0;
        q->cancelled = pm(300);
        if (!q->cancelled)
            q->exec = pm(500) ? 0 : q->exec / 3;
    }
    /* nano-credits; the day's cloud services end up ~15 % of compute,
     * above the 10 % allowance */
    if (q->cat == C_META)
        q->cs = pm(100) ? rr(1400000, 28000000) : rr(140000, 2800000);
    else if (q->cat == C_ETL)
        q->cs = rr(210000, 6300000);
    else
        q->cs = rr(21000, 1120000);
    if (pm(20))
        q->cs = 0;
    q->compile = rr(15, 900);
    q->queued = pm(800) ? 0 : rr(5, 6000);
    q->end = q->start + q->compile + q->queued + q->exec;
    if (q->end >= DAY_MS) { /* keep the whole query inside the day */
        int64_t over = q->end - DAY_MS + 1 + (int64_t)rn(1000);
        q->start -= over;
        q->end -= over;
    }
    if (q->start < 0) {
        q->exec = 0;
        q->start = 0;
        q->end = q->compile + q->queued;
    }
    q->bytes_scanned = q->nbase ? rlog(1e5, 5e11) : 0;
    q->rows = q->nbase ? rlog(1, 5e7) : (int64_t)rn(300);
    /* target text length: 50-2000, most short */
    {
        double u = rf();
        q->target_len = 50 + (int)(1950.0 * u * u * u * u);
    }
    /* QUERY_ID: time-ordered prefix, unique tail (odd multiplier mod 2^48) */
    {
        char *p = q->id;
        p = put_hex(p, 0x01bf0000u + (uint64_t)(q->start / 60000), 8);
        *p++ = '-';
        p = put_hex(p, 0x0306 + (i >> 40 & 0xff), 4);
        *p++ = '-';
        p = put_hex(p, 0x7b3e, 4);
        p = put(p, "-0000-");
        p = put_hex(p, (i * 0x9E3779B97F4BULL + 0x2d8d0c91a7f2ULL) &
                           0xFFFFFFFFFFFFULL, 12);
        *p = 0;
    }
    make_text(q);
}

/* ------------------------------------------------------------ rows */
static const char *const QH_HEADER =
    "QUERY_ID,QUERY_TEXT,DATABASE_ID,DATABASE_NAME,SCHEMA_ID,SCHEMA_NAME,"
    "QUERY_TYPE,SESSION_ID,USER_NAME,ROLE_NAME,WAREHOUSE_ID,WAREHOUSE_NAME,"
    "WAREHOUSE_SIZE,WAREHOUSE_TYPE,CLUSTER_NUMBER,QUERY_TAG,EXECUTION_STATUS,"
    "ERROR_CODE,ERROR_MESSAGE,START_TIME,END_TIME,TOTAL_ELAPSED_TIME,"
    "BYTES_SCANNED,PERCENTAGE_SCANNED_FROM_CACHE,BYTES_WRITTEN,"
    "BYTES_WRITTEN_TO_RESULT,BYTES_READ_FROM_RESULT,ROWS_PRODUCED,"
    "ROWS_INSERTED,ROWS_UPDATED,ROWS_DELETED,ROWS_UNLOADED,BYTES_DELETED,"
    "PARTITIONS_SCANNED,PARTITIONS_TOTAL,BYTES_SPILLED_TO_LOCAL_STORAGE,"
    "BYTES_SPILLED_TO_REMOTE_STORAGE,BYTES_SENT_OVER_THE_NETWORK,"
    "COMPILATION_TIME,EXECUTION_TIME,QUEUED_PROVISIONING_TIME,"
    "QUEUED_REPAIR_TIME,QUEUED_OVERLOAD_TIME,TRANSACTION_BLOCKED_TIME,"
    "OUTBOUND_DATA_TRANSFER_CLOUD,OUTBOUND_DATA_TRANSFER_REGION,"
    "OUTBOUND_DATA_TRANSFER_BYTES,INBOUND_DATA_TRANSFER_CLOUD,"
    "INBOUND_DATA_TRANSFER_REGION,INBOUND_DATA_TRANSFER_BYTES,"
    "LIST_EXTERNAL_FILES_TIME,CREDITS_USED_CLOUD_SERVICES,RELEASE_VERSION,"
    "EXTERNAL_FUNCTION_TOTAL_INVOCATIONS,EXTERNAL_FUNCTION_TOTAL_SENT_ROWS,"
    "EXTERNAL_FUNCTION_TOTAL_RECEIVED_ROWS,EXTERNAL_FUNCTION_TOTAL_SENT_BYTES,"
    "EXTERNAL_FUNCTION_TOTAL_RECEIVED_BYTES,QUERY_LOAD_PERCENT,"
    "IS_CLIENT_GENERATED_STATEMENT,QUERY_ACCELERATION_BYTES_SCANNED,"
    "QUERY_ACCELERATION_PARTITIONS_SCANNED,"
    "QUERY_ACCELERATION_UPPER_LIMIT_SCALE_FACTOR,TRANSACTION_ID,"
    "CHILD_QUERIES_WAIT_TIME,ROLE_TYPE,QUERY_HASH,QUERY_HASH_VERSION,"
    "QUERY_PARAMETERIZED_HASH,QUERY_PARAMETERIZED_HASH_VERSION,"
    "SECONDARY_ROLE_STATS,ROWS_WRITTEN_TO_RESULT,QUERY_RETRY_TIME,"
    "QUERY_RETRY_CAUSE,FAULT_HANDLING_TIME,USER_TYPE,USER_DATABASE_NAME,"
    "USER_DATABASE_ID,USER_SCHEMA_NAME,USER_SCHEMA_ID\n";

static char *put_qh(char *p, const struct query *q)
{
    const struct table *t0 = q->nbase ? &tabs[q->base[0].t]
                           : q->mod >= 0 ? &tabs[q->mod] : NULL;
    const struct wh *w = q->wh >= 0 ? &whs[q->wh] : NULL;
    uint64_t h = mix(q->n + 0x51ed);

    p = put(p, q->id);
    *p++ = ',';
    p = put_csv(p, q->text, (size_t)q->textlen);
    *p++ = ',';
    if (t0) { /* DATABASE_ID, DATABASE_NAME, SCHEMA_ID, SCHEMA_NAME */
        p = putu(p, 10 + (uint64_t)(t0->id % 97));
        *p++ = ',';
        p = putn(p, t0->fqn, (size_t)t0->db_len);
        *p++ = ',';
        p = putu(p, 400 + (uint64_t)(t0->id % 997));
        *p++ = ',';
        p = putn(p, t0->fqn + t0->db_len + 1, (size_t)t0->sch_len);
        *p++ = ',';
    } else {
        p = put(p, ",,,,");
    }
    p = put(p, q->qtype);
    *p++ = ',';
    p = putu(p, 1739265483213822ULL + (h & 0xffff));
    *p++ = ',';
    p = put(p, users[q->user]);
    *p++ = ',';
    p = put(p, roles[q->role]);
    *p++ = ',';
    if (w) {
        if (!q->wid_blank)
            p = putu(p, (uint64_t)w->id);
        *p++ = ',';
        if (q->wh_lower)
            for (const char *c = w->name; *c; c++)
                *p++ = (*c >= 'A' && *c <= 'Z') ? (char)(*c + 32) : *c;
        else
            p = put(p, w->name);
        *p++ = ',';
        p = put(p, w->size);
        p = put(p, ",STANDARD,");
        *p++ = (char)('1' + (h >> 20) % 2);
        *p++ = ',';
    } else {
        p = put(p, ",,,,,");
    }
    p = put_csv(p, q->tag, (size_t)q->taglen);
    *p++ = ',';
    if (!q->failed)
        p = put(p, "SUCCESS,,,");
    else if (q->cancelled)
        p = put(p, "FAIL,000604,SQL execution canceled,");
    else
        p = put(p, "FAIL,002003,\"SQL compilation error:\nObject "
                   "'X' does not exist or not authorized, \"\"maybe\"\" "
                   "dropped.\",");
    p = put_ts(p, DAY0 + q->start);
    *p++ = ',';
    p = put_ts(p, DAY0 + q->end);
    *p++ = ',';
    p = putu(p, (uint64_t)(q->end - q->start));
    *p++ = ',';
    p = putu(p, (uint64_t)q->bytes_scanned);
    p = put(p, ",0.");
    p = put2(p, (int)((h >> 8) % 100));
    *p++ = ',';
    /* BYTES_WRITTEN .. PARTITIONS_TOTAL */
    p = putu(p, q->mod >= 0 ? (uint64_t)q->bytes_scanned / 3 : 0);
    *p++ = ',';
    p = putu(p, q->mod >= 0 ? 0 : (uint64_t)q->rows * 40);
    p = put(p, ",0,");
    p = putu(p, (uint64_t)q->rows);
    *p++ = ',';
    p = putu(p, q->mod >= 0 ? (uint64_t)q->rows : 0);
    p = put(p, ",0,0,0,0,");
    p = putu(p, (uint64_t)q->bytes_scanned >> 24);
    *p++ = ',';
    p = putu(p, ((uint64_t)q->bytes_scanned >> 22) + 1);
    /* spilled local, remote, network */
    p = put(p, ",0,0,");
    p = putu(p, (uint64_t)q->bytes_scanned >> 6);
    *p++ = ',';
    p = putu(p, (uint64_t)q->compile);
    *p++ = ',';
    p = putu(p, (uint64_t)q->exec);
    p = put(p, ",0,0,");
    p = putu(p, (uint64_t)q->queued);
    /* TRANSACTION_BLOCKED, 6 transfer columns, LIST_EXTERNAL_FILES_TIME */
    p = put(p, ",0,,,,,,,0,");
    p = put_credits(p, q->cs);
    p = put(p, ",9.38.2,,,,,,");
    if (w)
        p = putu(p, 1 + (h >> 32) % 100);
    p = put(p, ",false,,,,");
    p = putu(p, 1739265400000000ULL + q->n);
    p = put(p, ",0,ROLE,");
    p = put_hex(p, mix(q->n ^ 0xabcdef), 16);
    p = put_hex(p, mix(q->n ^ 0x123456), 16);
    p = put(p, ",2,");
    p = put_hex(p, mix(q->template), 16);
    p = put_hex(p, mix(q->template + 1), 16);
    p = put(p, ",1,,");
    p = putu(p, q->mod >= 0 ? 0 : (uint64_t)q->rows);
    p = put(p, ",0,,0,");
    p = put(p, q->user < nhumans ? "PERSON" : "SERVICE");
    p = put(p, ",,,,\n");
    return p;
}

static const char *const AH_HEADER =
    "QUERY_ID,QUERY_START_TIME,USER_NAME,DIRECT_OBJECTS_ACCESSED,"
    "BASE_OBJECTS_ACCESSED,OBJECTS_MODIFIED,OBJECT_MODIFIED_BY_DDL,"
    "POLICIES_REFERENCED,PARENT_QUERY_ID,ROOT_QUERY_ID\n";

static const char *const colnames[8] = {"ID", "EVENT_TS", "STATUS",
                                        "CUSTOMER_ID", "SITE_ID", "AMOUNT",
                                        "Amount, billed", "UPDATED_AT"};

/* JSON inside a quoted CSV field: every " is written "" */
static char *put_obj(char *p, const struct table *t, int view, int ncols,
                     uint64_t h)
{
    p = put(p, "{\"\"columns\"\":[");
    for (int c = 0; c < ncols; c++) {
        int k = (int)((h >> (3 * c)) % 8);
        if (c)
            *p++ = ',';
        p = put(p, "{\"\"columnId\"\":");
        p = putu(p, (uint64_t)t->id * 16 + (uint64_t)k + (view ? 8 : 0));
        p = put(p, ",\"\"columnName\"\":\"\"");
        p = put(p, colnames[k]);
        p = put(p, "\"\"}");
    }
    p = put(p, "],\"\"objectDomain\"\":\"\"");
    p = put(p, view ? "View" : t->odomain);
    p = put(p, "\"\",\"\"objectId\"\":");
    p = putu(p, (uint64_t)t->id + (view ? 1 : 0));
    p = put(p, ",\"\"objectName\"\":\"\"");
    if (view) {
        p = putn(p, t->fqn, (size_t)(t->db_len + t->sch_len + 2));
        p = put(p, "V_");
        p = put(p, t->fqn + t->db_len + t->sch_len + 2);
    } else {
        p = put(p, t->fqn);
    }
    p = put(p, "\"\"}");
    return p;
}

static char *put_ah(char *p, const struct query *q)
{
    uint64_t h = mix(q->n + 0xacce55);

    p = put(p, q->id);
    *p++ = ',';
    p = put_ts(p, DAY0 + q->start);
    *p++ = ',';
    p = put(p, users[q->user]);
    p = put(p, ",\"[");
    for (int b = 0; b < q->nbase; b++) { /* DIRECT: views as named */
        if (b)
            *p++ = ',';
        p = put_obj(p, &tabs[q->base[b].t], q->base[b].view,
                    1 + (int)((h >> (4 * b)) % 2), h >> b);
    }
    p = put(p, "]\",\"[");
    for (int b = 0; b < q->nbase; b++) { /* BASE: views resolved */
        if (b)
            *p++ = ',';
        p = put_obj(p, &tabs[q->base[b].t], 0,
                    1 + (int)((h >> (4 * b)) % 2), h >> b);
    }
    p = put(p, "]\",");
    if (q->mod >= 0) {
        p = put(p, "\"[");
        p = put_obj(p, &tabs[q->mod], 0, 2, h >> 7);
        p = put(p, "]\"");
    } else {
        p = put(p, "[]");
    }
    p = put(p, ",,[],,\n");
    return p;
}

/* ------------------------------------------------------------ main */
static int64_t busy_ms[NW][24];  /* Σ execution ms per warehouse-hour */
static int64_t nq[NW][24];
static int64_t cs_wh[NW + 1][24]; /* by END hour; [NW] = CLOUD_SERVICES_ONLY */

static void account(const struct query *q)
{
    int eh = (int)(q->end / H_MS);
    int w = q->wh >= 0 ? q->wh : NW;

    if (eh > 23)
        eh = 23;
    cs_wh[w][eh] += q->cs;
    if (q->wh < 0 || q->exec <= 0)
        return;
    int64_t b = q->end, a = b - q->exec;
    for (int64_t hh = a / H_MS; hh * H_MS < b && hh < 24; hh++) {
        int64_t lo = a > hh * H_MS ? a : hh * H_MS;
        int64_t hi = b < (hh + 1) * H_MS ? b : (hh + 1) * H_MS;
        busy_ms[q->wh][hh] += hi - lo;
        nq[q->wh][hh]++;
    }
}

static const char *const WM_HEADER =
    "START_TIME,END_TIME,WAREHOUSE_ID,WAREHOUSE_NAME,CREDITS_USED,"
    "CREDITS_USED_COMPUTE,CREDITS_USED_CLOUD_SERVICES,"
    "CREDITS_ATTRIBUTED_COMPUTE_QUERIES\n";

static void write_metering(const char *dir, struct out *mo,
                           int64_t *compute_total, int64_t *cs_total)
{
    struct out o;
    char *p;

    out_open(&o, dir, "inbox/warehouse_metering_history.csv");
    p = out_room(&o, 4096);
    p = put(p, WM_HEADER);
    out_commit(&o, p);
    seed(777);
    for (int hh = 0; hh < 24; hh++) {
        for (int w = 0; w <= NW; w++) {
            int64_t comp = 0, cs = cs_wh[w][hh];
            if (w < NW) {
                if (busy_ms[w][hh] > 0) {
                    /* up to 8 concurrent queries per cluster, a resume
                     * minimum, at most 10 clusters */
                    int64_t ms = busy_ms[w][hh] / 8 + 60000;
                    if (ms > 10 * H_MS)
                        ms = 10 * H_MS;
                    comp = ms * whs[w].cph * 1000000000LL / H_MS +
                           (int64_t)rn(1000);
                } else if ((hh > 0 && busy_ms[w][hh - 1] > 0 && pm(600)) ||
                           (w == wh_sandbox && active(w, hh))) {
                    /* auto-suspend tail, or a warehouse left running */
                    comp = rr(60, w == wh_sandbox ? 3600 : 600) * whs[w].cph *
                           1000000000LL / 3600;
                }
            }
            if (comp == 0 && cs == 0)
                continue;
            *compute_total += comp;
            *cs_total += cs;
            p = out_room(&o, 512);
            p = put_ts(p, DAY0 + hh * H_MS);
            *p++ = ',';
            p = put_ts(p, DAY0 + (hh + 1) * H_MS);
            *p++ = ',';
            if (w < NW) {
                p = putu(p, (uint64_t)whs[w].id);
                *p++ = ',';
                p = put(p, whs[w].name);
            } else {
                p = put(p, "0,CLOUD_SERVICES_ONLY");
            }
            *p++ = ',';
            p = put_credits(p, comp + cs);
            *p++ = ',';
            p = put_credits(p, comp);
            *p++ = ',';
            p = put_credits(p, cs);
            *p++ = ',';
            if (comp)
                p = put_credits(p, comp * 7 / 10);
            *p++ = '\n';
            out_commit(&o, p);
            o.rows++;
        }
    }
    out_close(&o);
    *mo = o;
}

static const char *const TSM_HEADER =
    "ID,TABLE_NAME,TABLE_SCHEMA_ID,TABLE_SCHEMA,TABLE_CATALOG_ID,"
    "TABLE_CATALOG,CLONE_GROUP_ID,IS_TRANSIENT,ACTIVE_BYTES,"
    "TIME_TRAVEL_BYTES,FAILSAFE_BYTES,RETAINED_FOR_CLONE_BYTES,DELETED,"
    "TABLE_CREATED,TABLE_DROPPED,TABLE_ENTERED_FAILSAFE,SCHEMA_CREATED,"
    "SCHEMA_DROPPED,CATALOG_CREATED,CATALOG_DROPPED,COMMENT,INSTANCE_ID\n";

static void write_storage(const char *dir, struct out *o)
{
    char *p;

    out_open(o, dir, "inbox/table_storage_metrics_2026-10-15.csv");
    p = out_room(o, 4096);
    p = put(p, TSM_HEADER);
    out_commit(o, p);
    seed(4242);
    for (int t = 0; t < stage_t0; t++) {
        const struct table *tb = &tabs[t];
        const char *name = tb->fqn + tb->db_len + tb->sch_len + 2;
        int scratch = t >= scratch_t0;
        int64_t act = rlog(1e6, scratch ? 5e10 : 4e12);
        for (int v = 0; v < 1 + (t % 31 == 7); v++) {
            int dropped = v > 0;
            int64_t id = dropped ? tb->id + 1 : tb->id;
            p = out_room(o, 1024);
            p = putu(p, (uint64_t)id);
            *p++ = ',';
            p = put(p, name);
            *p++ = ',';
            p = putu(p, 400 + (uint64_t)(tb->id % 997));
            *p++ = ',';
            p = putn(p, tb->fqn + tb->db_len + 1, (size_t)tb->sch_len);
            *p++ = ',';
            p = putu(p, 10 + (uint64_t)(tb->id % 97));
            *p++ = ',';
            p = putn(p, tb->fqn, (size_t)tb->db_len);
            *p++ = ',';
            p = putu(p, (uint64_t)id);
            p = put(p, scratch ? ",YES," : ",NO,");
            if (dropped) {
                p = put(p, "0,0,");
                p = putu(p, (uint64_t)act / 3);
                p = put(p, ",0,true,2025-03-02 01:00:00.000 -0800,");
                p = put_ts(p, DAY0 - 5 * DAY_MS + t * 1000LL);
                *p++ = ',';
                p = put_ts(p, DAY0 - 4 * DAY_MS + t * 1000LL);
            } else {
                p = putu(p, (uint64_t)act);
                *p++ = ',';
                p = putu(p, (uint64_t)(act / 60));
                *p++ = ',';
                p = putu(p, scratch ? 0 : (uint64_t)(act / 20));
                *p++ = ',';
                p = putu(p, t % 17 == 0 ? (uint64_t)(act / 50) : 0);
                p = put(p, ",false,2024-02-11 08:15:42.118 -0800,,");
            }
            p = put(p, ",2023-01-10 12:00:03.551 -0800,,"
                       "2022-06-01 09:30:00.000 -0700,,");
            if (t % 97 == 1)
                p = put(p, "\"Owned by the platform team, see \"\"wiki\"\"\"");
            p = put(p, ",\n");
            out_commit(o, p);
            o->rows++;
        }
    }
    /* dropped raw tables whose names are gone, still in fail-safe */
    for (int k = 0; k < 20; k++) {
        p = out_room(o, 512);
        p = putu(p, 150000 + 11ULL * k);
        p = put(p, ",,17,,3,,");
        p = putu(p, 150000 + 11ULL * k);
        p = put(p, ",NO,0,0,");
        p = putu(p, (uint64_t)rlog(1e9, 2e11));
        p = put(p, ",0,true,,,,,,,,,\n");
        out_commit(o, p);
        o->rows++;
    }
    out_close(o);
}

static void mkdirs(const char *dir)
{
    char path[4096];

    if (mkdir(dir, 0755) && errno != EEXIST)
        die("%s: %s", dir, strerror(errno));
    snprintf(path, sizeof path, "%s/catalog", dir);
    if (mkdir(path, 0755) && errno != EEXIST)
        die("%s: %s", path, strerror(errno));
    snprintf(path, sizeof path, "%s/inbox", dir);
    if (mkdir(path, 0755) && errno != EEXIST)
        die("%s: %s", path, strerror(errno));
}

int main(int argc, char **argv)
{
    struct out qh, ah, ts, wm;
    int pfd[2];
    pid_t child;
    struct query *q;
    uint64_t n, dups = 0;
    int64_t compute = 0, cs = 0, ms_total = 0;
    char path[4096], *p;
    char *end;
    double nd;
    FILE *f;

    if (argc != 3) {
        fprintf(stderr, "usage: gen N OUTDIR   (N queries, e.g. 1000000 or "
                        "1e6)\n");
        return 64;
    }
    nd = strtod(argv[1], &end);
    if (*end || nd < 1 || nd > 1e9)
        die("N: expected a number of queries from 1 to 1e9, got '%s'",
            argv[1]);
    n = (uint64_t)(nd + 0.5);
    mkdirs(argv[2]);
    build_world();
    build_corpus();
    build_diurnal();
    write_catalog(argv[2]);
    snprintf(path, sizeof path, "%s/meshcost.ini", argv[2]);
    write_file(path, "; meshcost configuration of the benchmark data "
                     "(tests/bench/gen.c)\n[rates]\nsnowflake_credit = "
                     "3.00\nsnowflake_storage_tib_month = 23.00\n\n"
                     "[attribution]\nproduct_tag_key = data_product\n"
                     "idle = owner\n\n[report]\ncurrency = USD\n");

    /* Two processes replay the same query stream: the child writes
     * ACCESS_HISTORY, the parent QUERY_HISTORY (and the metering that
     * follows from it). Nothing in the stream depends on which file is
     * written. */
    if (pipe(pfd))
        die("pipe: %s", strerror(errno));
    fflush(NULL);
    if ((child = fork()) < 0)
        die("fork: %s", strerror(errno));
    if (!(q = malloc(sizeof *q)))
        die("out of memory");
    seed(0x5eed0f15);
    if (child == 0) {
        close(pfd[0]);
        out_open(&ah, argv[2], "inbox/access_history.csv");
        p = out_room(&ah, 8192);
        out_commit(&ah, put(p, AH_HEADER));
        for (uint64_t i = 0; i < n; i++) {
            make_query(q, i, n);
            if (q->has_ah) {
                p = out_room(&ah, 16384);
                out_commit(&ah, put_ah(p, q));
                ah.rows++;
            }
        }
        out_close(&ah);
        dprintf(pfd[1], "%llu %llu\n", (unsigned long long)ah.rows,
                (unsigned long long)ah.bytes);
        _exit(0);
    }
    close(pfd[1]);
    out_open(&qh, argv[2], "inbox/query_history.csv");
    p = out_room(&qh, 8192);
    out_commit(&qh, put(p, QH_HEADER));
    for (uint64_t i = 0; i < n; i++) {
        char *row;
        make_query(q, i, n);
        account(q);
        ms_total += q->exec;
        row = out_room(&qh, 16384);
        p = put_qh(row, q);
        if (mix(i ^ 0xd0b1e) % 1000 < 3) { /* Snowflake's duplicate rows */
            size_t len = (size_t)(p - row);
            memcpy(p, row, len);
            p += len;
            qh.rows++;
            dups++;
        }
        out_commit(&qh, p);
        qh.rows++;
    }
    out_close(&qh);
    free(q);
    {
        char line[128] = "";
        unsigned long long r = 0, by = 0;
        FILE *pf = fdopen(pfd[0], "r");
        int status = 0;
        if (!pf || !fgets(line, sizeof line, pf) ||
            sscanf(line, "%llu %llu", &r, &by) != 2 ||
            waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
            die("the access-history process failed");
        fclose(pf);
        ah.rows = r;
        ah.bytes = by;
    }
    write_metering(argv[2], &wm, &compute, &cs);
    write_storage(argv[2], &ts);
    snprintf(path, sizeof path, "%s/manifest.txt", argv[2]);
    if (!(f = fopen(path, "w")))
        die("%s: %s", path, strerror(errno));
    fprintf(f, "# file data_rows bytes (gen %s)\n", argv[1]);
    fprintf(f, "inbox/query_history.csv %llu %llu\n",
            (unsigned long long)qh.rows, (unsigned long long)qh.bytes);
    fprintf(f, "inbox/access_history.csv %llu %llu\n",
            (unsigned long long)ah.rows, (unsigned long long)ah.bytes);
    fprintf(f, "inbox/warehouse_metering_history.csv %llu %llu\n",
            (unsigned long long)wm.rows, (unsigned long long)wm.bytes);
    fprintf(f, "inbox/table_storage_metrics_2026-10-15.csv %llu %llu\n",
            (unsigned long long)ts.rows, (unsigned long long)ts.bytes);
    fprintf(f, "queries %llu\n", (unsigned long long)n);
    if (fclose(f))
        die("%s: %s", path, strerror(errno));
    fprintf(stderr,
            "gen: %llu queries (+%llu duplicate rows), %llu access rows, "
            "%d tables, %d users, %d roles, %d warehouses; compute %.3f "
            "credits, cloud services %.3f credits (%.1f %% of compute), "
            "%.1f query-hours\n",
            (unsigned long long)n, (unsigned long long)dups,
            (unsigned long long)ah.rows, stage_t0, nusers, nroles, NW,
            compute / 1e9, cs / 1e9, compute ? 100.0 * cs / compute : 0,
            ms_total / 3.6e6);
    return 0;
}
