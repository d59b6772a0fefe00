#ifndef CSQLITESHIM_H
#define CSQLITESHIM_H
#include <stddef.h>
#include <sqlite3.h>

/// sqlite3_db_config is variadic, so Swift cannot call it: these wrappers can.
/// Leaves the WAL for the next process instead of checkpointing it when a short-lived
/// command closes the file (the checkpoint costs two fsyncs); a store folds its WAL in
/// itself once it has grown (see `Store.walFoldSize`).
int wuye_sqlite_no_checkpoint_on_close(sqlite3 *db);

/// Lets file names be URIs (`file:…?immutable=1`); must run before the first connection.
int wuye_sqlite_enable_uri(void);

/// SHA-256 of `len` bytes into `out` (32 bytes), through the system's libcrypto: the
/// journal's hash chain.
void wuye_sha256(const void *data, size_t len, unsigned char *out);

/// PBKDF2-HMAC-SHA256 of a PIN (libcrypto): 1 on success.
int wuye_pbkdf2_sha256(const char *pass, size_t passlen, const unsigned char *salt, size_t saltlen, int iterations,
                       unsigned char *out, size_t outlen);

#endif
