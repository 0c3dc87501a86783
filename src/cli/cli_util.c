/* cli_util.c — option and error helpers shared by the commands. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "meshcost/log.h"
#include "meshcost/xlsx.h"

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

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MC_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define MC_SANITIZED 1
#endif
#endif

#ifndef MC_SANITIZED
static const int guarded[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};

/* Only async-signal-safe calls: write(2) and _exit(2). */
static void on_crash(int sig)
{
    static const char a[] = "meshcost: error: the workbook writer crashed "
                            "(signal ";
    static const char b[] = "; libxlsxwriter does when memory runs out): "
                            "the reports of this run are incomplete, each "
                            "file is its previous or its new version\n";
    const char *tmp = mc_xlsx_in_progress();
    char num[4] = {0};
    int n = 0;

    if (tmp[0])
        unlink(tmp);
    if (sig >= 100)
        num[n++] = (char)('0' + sig / 100 % 10);
    if (sig >= 10)
        num[n++] = (char)('0' + sig / 10 % 10);
    num[n++] = (char)('0' + sig % 10);
    if (write(STDERR_FILENO, a, sizeof a - 1) < 0 ||
        write(STDERR_FILENO, num, (size_t)n) < 0 ||
        write(STDERR_FILENO, b, sizeof b - 1) < 0)
        _exit(EXIT_SOFTWARE);
    _exit(EXIT_SOFTWARE);
}
#endif

void mc_cli_guard_reports(int on)
{
#ifdef MC_SANITIZED
    (void)on;
#else
    static struct sigaction before[sizeof guarded / sizeof guarded[0]];
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof guarded / sizeof guarded[0]; i++) {
        if (on)
            sigaction(guarded[i], &sa, &before[i]);
        else
            sigaction(guarded[i], &before[i], NULL);
    }
#endif
}
