#ifndef CSQLITESHIM_H
#define CSQLITESHIM_H
#include <sqlite3.h>

/// sqlite3_db_config is variadic, so Swift cannot call it: these wrappers can.
/// Leaves the WAL for the next process instead of checkpointing it when a short-lived
/// command closes the file (the checkpoint costs two fsyncs; SQLite's automatic
/// checkpoints still keep the WAL small).
int wuye_sqlite_no_checkpoint_on_close(sqlite3 *db);

#endif
