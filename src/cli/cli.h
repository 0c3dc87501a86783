/* cli.h — what the dispatcher hands each command (src/cli/ only). */
#ifndef MESHCOST_CLI_H
#define MESHCOST_CLI_H

#include "meshcost/config.h"
#include "meshcost/importer.h"
#include "meshcost/store.h"
#include "meshcost/time.h"

/* sysexits(3) codes, named once. */
enum {
    EXIT_OK = 0,
    EXIT_USAGE = 64,
    EXIT_DATAERR = 65,
    EXIT_NOINPUT = 66,
    EXIT_SOFTWARE = 70,
    EXIT_CANTCREAT = 73,
    EXIT_IOERR = 74,
    EXIT_TEMPFAIL = 75,
    EXIT_CONFIG = 78
};

struct mc_cli {
    const char *db_path;     /* --db, else [store] path */
    struct mc_config cfg;    /* defaults + --config / ./meshcost.ini */
    struct mc_store *store;  /* opened by the dispatcher if needs_store */
};

struct mc_command {
    const char *name;     /* "ingest", "catalog import", ... */
    const char *usage;    /* arguments */
    const char *summary;  /* one line */
    const char *help;     /* details for `meshcost COMMAND --help` */
    int needs_store;
    int (*run)(struct mc_cli *cli, int argc, char **argv);
};

/* Option helper: if argv[*i] is "--name VALUE" or "--name=VALUE", sets
 * *value, advances *i past it and returns 1; returns -1 (after logging)
 * if the value is missing; 0 if argv[*i] is another word. */
int mc_cli_opt(int argc, char **argv, int *i, const char *name,
               const char **value);

/* Parses a --from/--to/--as-of style date or logs a usage error. */
int mc_cli_date(const char *opt, const char *value, mc_day *out);

/* What loading one file did. */
struct mc_ingest_result {
    int code;          /* EXIT_OK, EXIT_DATAERR (file rejected), other */
    int loaded, skipped;
    int has_days;      /* the UTC days the load touched */
    mc_day first, last;
};

/* Loads one file (ingest_loop.c): skipped if its content was loaded
 * before; bad rows within the source's tolerance are kept as rejects,
 * beyond it the file is rolled back and recorded as rejected. Logs what
 * a human needs to know; returns res->code. */
int mc_ingest_file(struct mc_cli *cli, const char *path, const char *source,
                   const struct mc_import_ctx *base,
                   struct mc_ingest_result *res);

/* Logs err and returns its exit code. */
int mc_cli_fail(const struct mc_error *err);

/* Around the writing of the workbooks: libxlsxwriter 1.1.4 dereferences
 * allocations it failed to get (tests/fault/FINDINGS.md F2). While on, a
 * crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL) ends the run with an error line
 * and exit 70 instead of a signal; each report file is still its previous
 * or its new version (written to a temporary, then renamed). Off in
 * sanitizer builds, whose own handlers report the crash. */
void mc_cli_guard_reports(int on);

int mc_cmd_init(struct mc_cli *cli, int argc, char **argv);
int mc_cmd_catalog_import(struct mc_cli *cli, int argc, char **argv);
int mc_cmd_ingest(struct mc_cli *cli, int argc, char **argv);
int mc_cmd_attribute(struct mc_cli *cli, int argc, char **argv);
int mc_cmd_export_allocations(struct mc_cli *cli, int argc, char **argv);
int mc_cmd_nightly(struct mc_cli *cli, int argc, char **argv);
int mc_cmd_status(struct mc_cli *cli, int argc, char **argv);
int mc_cmd_close(struct mc_cli *cli, int argc, char **argv);
int mc_cmd_report(struct mc_cli *cli, int argc, char **argv);
int mc_cmd_sunset(struct mc_cli *cli, int argc, char **argv);
int mc_cmd_formats(struct mc_cli *cli, int argc, char **argv);

#endif
