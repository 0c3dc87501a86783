/* cmd_ingest.c — `meshcost ingest [--source NAME] [--as-of D] FILE...`:
 * files in the order given; the loop is ingest_loop.c. */
#include <string.h>

#include "cli.h"
#include "meshcost/log.h"

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
    ctx.cfg = &cli->cfg;
    if (i >= argc) {
        mc_log_error("ingest needs at least one file");
        return EXIT_USAGE;
    }
    for (; i < argc; i++) {
        struct mc_ingest_result res;
        one = mc_ingest_file(cli, argv[i], source, &ctx, &res);
        if (one != EXIT_OK && one != EXIT_DATAERR && one != EXIT_NOINPUT)
            return one; /* the store failed: stop */
        if (one == EXIT_NOINPUT || (one == EXIT_DATAERR && code == EXIT_OK))
            code = one;
    }
    return code;
}
