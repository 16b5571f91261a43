#ifndef ONEWINDOW_CLIBPQ_SHIM_H
#define ONEWINDOW_CLIBPQ_SHIM_H
#include <libpq-fe.h>

// NOTICE and WARNING messages (a DROP … IF EXISTS that found nothing) would go to stderr, onto the
// clerk's screen: the store reports what matters through errors.
static void onewindow_pq_ignore_notice(void *arg, const PGresult *res) { (void)arg; (void)res; }
static inline void onewindow_pq_quiet(PGconn *conn) {
    PQsetNoticeReceiver(conn, onewindow_pq_ignore_notice, 0);
}
#endif
