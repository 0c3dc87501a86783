/* cli_util.c — option and error helpers shared by the commands. */
#include <string.h>

#include "cli.h"
#include "meshcost/log.h"

int mc_cli_opt(int argc, char **argv, int *i, const char *name,
               const char **value)
{
    size_t n = strlen(name);

    if (strncmp(argv[*i], name, n) != 0)
        return 0;
    if (argv[*i][n] == '=') {
        *value = argv[*i] + n + 1;
        (*i)++;
        return 1;
    }
    if (argv[*i][n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        mc_log_error("%s needs a value", name);
        return -1;
    }
    *value = argv[*i + 1];
    *i += 2;
    return 1;
}

int mc_cli_date(const char *opt, const char *value, mc_day *out)
{
    struct mc_error err;

    if (mc_date_parse(value, out, &err) == MC_OK)
        return 0;
    mc_log_error("%s '%s': expected a date YYYY-MM-DD", opt, value);
    return -1;
}

int mc_cli_fail(const struct mc_error *err)
{
    mc_log_error("%s", err->msg);
    return mc_err_exit_code(err->code);
}
