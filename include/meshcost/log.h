/* log.h — diagnostics on stderr: "meshcost: error: ...". Quiet on
 * success: info lines appear only with -v. Only the layer that decides to
 * carry on logs (src/cli/). */
#ifndef MESHCOST_LOG_H
#define MESHCOST_LOG_H

enum mc_log_level { MC_LOG_QUIET = -1, MC_LOG_NORMAL = 0, MC_LOG_VERBOSE = 1 };

void mc_log_set_level(enum mc_log_level level);
enum mc_log_level mc_log_level(void);

/* "meshcost: error: <msg>" — always shown. */
void mc_log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "meshcost: warning: <msg>" — hidden by -q. */
void mc_log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "meshcost: <msg>" — only with -v. */
void mc_log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
