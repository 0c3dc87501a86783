/* cmd_init.c — `meshcost init`: the dispatcher already opened (created,
 * migrated) the store; nothing else to do. */
#include "cli.h"
#include "meshcost/log.h"

int mc_cmd_init(struct mc_cli *cli, int argc, char **argv)
{
    (void)argv;
    if (argc > 0) {
        mc_log_error("init takes no arguments");
        return EXIT_USAGE;
    }
    mc_log_info("database %s at schema version %d", cli->db_path,
                mc_store_schema_version());
    return EXIT_OK;
}
