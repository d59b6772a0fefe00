#include "csqliteshim.h"

int wuye_sqlite_no_checkpoint_on_close(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}

#include <openssl/sha.h>

void wuye_sha256(const void *data, size_t len, unsigned char *out) {
    SHA256((const unsigned char *)data, len, out);
}

int wuye_sqlite_enable_uri(void) {
    return sqlite3_config(SQLITE_CONFIG_URI, 1);
}
