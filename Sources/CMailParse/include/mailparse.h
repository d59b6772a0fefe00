#ifndef WUYE_MAILPARSE_H
#define WUYE_MAILPARSE_H
#include <stddef.h>

/// One e-mail message as the desk needs it. Every string is UTF-8 (or NULL), allocated
/// with malloc; wuye_mail_free releases them.
typedef struct {
    char *message_id;   // without the angle brackets
    char *from_addr;    // the first sender's address
    char *from_name;    // the first sender's name, decoded
    char *subject;      // decoded (RFC 2047), converted to UTF-8
    long long date;     // seconds since 1970 (the Date header)
    int has_date;
    char *text;         // the first text/plain part (else text/html with the markup), in UTF-8
    int text_is_html;
    char *headers;      // the header block as it came
    char *attachments;  // one line per attachment: name \t type \t bytes
    char *error;        // why the message could not be read
} wuye_mail;

/// Parses a whole message held in memory. Returns 0, or -1 with `error` set.
int wuye_mail_parse(const char *data, size_t length, wuye_mail *out);
void wuye_mail_free(wuye_mail *mail);

#endif
