#include "csqliteshim.h"

int wuye_sqlite_no_checkpoint_on_close(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}

/* SHA256() goes through EVP_Q_digest in OpenSSL 3, which looks the algorithm up among
   the providers on every call: a third of the cost of hashing one event. The digest's
   own functions, on a context on the stack, do the same work without the lookup. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

void wuye_sha256(const void *data, size_t len, unsigned char *out) {
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, data, len);
    SHA256_Final(out, &ctx);
}

int wuye_sqlite_enable_uri(void) {
    return sqlite3_config(SQLITE_CONFIG_URI, 1);
}

#include <openssl/evp.h>

int wuye_pbkdf2_sha256(const char *pass, size_t passlen, const unsigned char *salt, size_t saltlen, int iterations,
                       unsigned char *out, size_t outlen) {
    return PKCS5_PBKDF2_HMAC(pass, (int)passlen, salt, (int)saltlen, iterations, EVP_sha256(), (int)outlen, out);
}
