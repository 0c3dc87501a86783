/* log.c — stderr diagnostics with a level. */
#include "meshcost/log.h"

#include <stdarg.h>
#include <stdio.h>

static enum mc_log_level current = MC_LOG_NORMAL;

void mc_log_set_level(enum mc_log_level level)
{
    current = level;
}

enum mc_log_level mc_log_level(void)
{
    return current;
}

static void emit(const char *prefix, const char *fmt, va_list ap)
{
    char line[1024];

    vsnprintf(line, sizeof line, fmt, ap);
    fprintf(stderr, "meshcost: %s%s\n", prefix, line);
}

void mc_log_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    emit("error: ", fmt, ap);
    va_end(ap);
}

void mc_log_warn(const char *fmt, ...)
{
    va_list ap;

    if (current < MC_LOG_NORMAL)
        return;
    va_start(ap, fmt);
    emit("warning: ", fmt, ap);
    va_end(ap);
}

void mc_log_info(const char *fmt, ...)
{
    va_list ap;

    if (current < MC_LOG_VERBOSE)
        return;
    va_start(ap, fmt);
    emit("", fmt, ap);
    va_end(ap);
}
