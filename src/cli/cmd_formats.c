/* cmd_formats.c — `meshcost formats`: the importer registry. */
#include <stdio.h>

#include "cli.h"
#include "meshcost/importer.h"
#include "meshcost/log.h"

int mc_cmd_formats(struct mc_cli *cli, int argc, char **argv)
{
    (void)cli, (void)argv;
    if (argc > 0) {
        mc_log_error("formats takes no arguments");
        return EXIT_USAGE;
    }
    printf("name,source,detects\n");
    for (size_t i = 0; mc_importers[i]; i++)
        printf("%s,%s,\"%s\"\n", mc_importers[i]->name,
               mc_importers[i]->source, mc_importers[i]->summary);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        mc_log_error("cannot write the list of formats to standard output");
        return EXIT_IOERR;
    }
    return EXIT_OK;
}
