/* testhook.h — crash points for the crash-recovery tests: when the
 * environment variable MESHCOST_KILL_AT names a point, the process kills
 * itself there with SIGKILL (no cleanup, no flush), as a power cut or an
 * OOM kill would. Unset (always, in production), it does nothing. */
#ifndef MESHCOST_TESTHOOK_H
#define MESHCOST_TESTHOOK_H

/* Points: "ingest" (mid-file, rows written, not committed), "attribute"
 * (a day computed, not committed), "report" (one workbook written). */
void mc_test_point(const char *name);

#endif
