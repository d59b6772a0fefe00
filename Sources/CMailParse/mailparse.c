// One e-mail message, parsed with GMime: MIME structure, transfer encodings
// (quoted-printable, base64), encoded-word headers, and the charsets Chinese mail uses,
// converted through iconv. Nothing here is hand-parsed.
#include "mailparse.h"
#include <dlfcn.h>
#include <gmime/gmime.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

// GMime, and the GLib under it, are loaded when the first message is read, not when the
// program starts: linked in, their fifteen libraries cost every command about 3 ms of
// loading and relocating, for a channel most commands never use. The headers give the
// functions' types; each is looked up once in the loaded library. A function called
// here must be in both lists below: missing from the first it does not compile, from
// the second it does not link (nothing of GMime is linked).
#define WUYE_GMIME_FUNCTIONS(X) \
    X(g_date_time_to_unix) \
    X(g_free) \
    X(g_mime_content_disposition_is_attachment) \
    X(g_mime_content_type_get_mime_type) \
    X(g_mime_content_type_is_type) \
    X(g_mime_data_wrapper_write_to_stream) \
    X(g_mime_header_list_to_string) \
    X(g_mime_init) \
    X(g_mime_message_foreach) \
    X(g_mime_message_get_date) \
    X(g_mime_message_get_from) \
    X(g_mime_message_get_message_id) \
    X(g_mime_message_get_subject) \
    X(g_mime_message_part_get_type) \
    X(g_mime_object_get_content_disposition) \
    X(g_mime_object_get_content_type) \
    X(g_mime_object_get_content_type_parameter) \
    X(g_mime_object_get_header_list) \
    X(g_mime_parser_construct_message) \
    X(g_mime_parser_new_with_stream) \
    X(g_mime_parser_options_free) \
    X(g_mime_parser_options_new) \
    X(g_mime_parser_options_set_fallback_charsets) \
    X(g_mime_part_get_content) \
    X(g_mime_part_get_filename) \
    X(g_mime_part_get_type) \
    X(g_mime_stream_mem_new_with_buffer) \
    X(g_mime_stream_null_new) \
    X(g_mime_text_part_get_text) \
    X(g_mime_text_part_get_type) \
    X(g_mime_text_part_set_charset) \
    X(g_object_unref) \
    X(g_strdup) \
    X(g_string_append) \
    X(g_string_append_printf) \
    X(g_string_free) \
    X(g_string_new) \
    X(g_type_check_instance_is_a) \
    X(internet_address_get_name) \
    X(internet_address_list_get_address) \
    X(internet_address_list_length) \
    X(internet_address_mailbox_get_addr) \
    X(internet_address_mailbox_get_type)

#define WUYE_DECLARE(f) static __typeof__(f) *p_##f;
WUYE_GMIME_FUNCTIONS(WUYE_DECLARE)

static const char *gmime_missing;
static char gmime_why[256];

static void init_gmime(void) {
    void *lib = dlopen("libgmime-3.0.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(gmime_why, sizeof gmime_why,
                 "GMime 3 is not installed, so mail cannot be read (%s); install the package libgmime-3.0-0", dlerror());
        gmime_missing = gmime_why;
        return;
    }
#define WUYE_LOOK_UP(f)                                                                                          \
    p_##f = (__typeof__(p_##f))dlsym(lib, #f);                                                                   \
    if (!p_##f) {                                                                                                \
        snprintf(gmime_why, sizeof gmime_why, "the installed GMime lacks %s, so mail cannot be read; install GMime 3", #f); \
        gmime_missing = gmime_why;                                                                               \
        return;                                                                                                  \
    }
    WUYE_GMIME_FUNCTIONS(WUYE_LOOK_UP)
    p_g_mime_init();
}

// From here on the names call through what was looked up (macros in the headers too).
#define g_date_time_to_unix p_g_date_time_to_unix
#define g_free p_g_free
#define g_mime_content_disposition_is_attachment p_g_mime_content_disposition_is_attachment
#define g_mime_content_type_get_mime_type p_g_mime_content_type_get_mime_type
#define g_mime_content_type_is_type p_g_mime_content_type_is_type
#define g_mime_data_wrapper_write_to_stream p_g_mime_data_wrapper_write_to_stream
#define g_mime_header_list_to_string p_g_mime_header_list_to_string
#define g_mime_init p_g_mime_init
#define g_mime_message_foreach p_g_mime_message_foreach
#define g_mime_message_get_date p_g_mime_message_get_date
#define g_mime_message_get_from p_g_mime_message_get_from
#define g_mime_message_get_message_id p_g_mime_message_get_message_id
#define g_mime_message_get_subject p_g_mime_message_get_subject
#define g_mime_message_part_get_type p_g_mime_message_part_get_type
#define g_mime_object_get_content_disposition p_g_mime_object_get_content_disposition
#define g_mime_object_get_content_type p_g_mime_object_get_content_type
#define g_mime_object_get_content_type_parameter p_g_mime_object_get_content_type_parameter
#define g_mime_object_get_header_list p_g_mime_object_get_header_list
#define g_mime_parser_construct_message p_g_mime_parser_construct_message
#define g_mime_parser_new_with_stream p_g_mime_parser_new_with_stream
#define g_mime_parser_options_free p_g_mime_parser_options_free
#define g_mime_parser_options_new p_g_mime_parser_options_new
#define g_mime_parser_options_set_fallback_charsets p_g_mime_parser_options_set_fallback_charsets
#define g_mime_part_get_content p_g_mime_part_get_content
#define g_mime_part_get_filename p_g_mime_part_get_filename
#define g_mime_part_get_type p_g_mime_part_get_type
#define g_mime_stream_mem_new_with_buffer p_g_mime_stream_mem_new_with_buffer
#define g_mime_stream_null_new p_g_mime_stream_null_new
#define g_mime_text_part_get_text p_g_mime_text_part_get_text
#define g_mime_text_part_get_type p_g_mime_text_part_get_type
#define g_mime_text_part_set_charset p_g_mime_text_part_set_charset
#define g_object_unref p_g_object_unref
#define g_strdup p_g_strdup
#define g_string_append p_g_string_append
#define g_string_append_printf p_g_string_append_printf
#define g_string_free p_g_string_free
#define g_string_new p_g_string_new
#define g_type_check_instance_is_a p_g_type_check_instance_is_a
#define internet_address_get_name p_internet_address_get_name
#define internet_address_list_get_address p_internet_address_list_get_address
#define internet_address_list_length p_internet_address_list_length
#define internet_address_mailbox_get_addr p_internet_address_mailbox_get_addr
#define internet_address_mailbox_get_type p_internet_address_mailbox_get_type

static pthread_once_t once = PTHREAD_ONCE_INIT;

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

/// Mail labelled GB2312 or GBK is very often written in GBK's wider set; GB18030
/// contains both, so such text is read as GB18030 and no character is lost.
static int is_gb_family(const char *cs) {
    return cs && (strcasecmp(cs, "gb2312") == 0 || strcasecmp(cs, "gbk") == 0 || strcasecmp(cs, "x-gbk") == 0
                  || strcasecmp(cs, "cp936") == 0 || strcasecmp(cs, "euc-cn") == 0 || strcasecmp(cs, "hz-gb-2312") == 0);
}

typedef struct {
    char *plain;
    char *html;
    GString *attachments;
} walk_state;

static char *text_of(GMimeObject *part) {
    const char *cs = g_mime_object_get_content_type_parameter(part, "charset");
    if (is_gb_family(cs)) g_mime_text_part_set_charset((GMimeTextPart *)part, "GB18030");
    return g_mime_text_part_get_text((GMimeTextPart *)part);
}

static gint64 decoded_size(GMimePart *part) {
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (!content) return 0;
    GMimeStream *null = g_mime_stream_null_new();
    g_mime_data_wrapper_write_to_stream(content, null);
    gint64 n = (gint64)((GMimeStreamNull *)null)->written;
    g_object_unref(null);
    return n;
}

static void list_attachment(walk_state *st, const char *name, GMimeContentType *ct, gint64 size) {
    char *type = ct ? g_mime_content_type_get_mime_type(ct) : g_strdup("application/octet-stream");
    if (st->attachments->len) g_string_append(st->attachments, "\n");
    // Tabs and line breaks in a name would break the list's lines.
    GString *clean = g_string_new(name ? name : "");
    for (gsize i = 0; i < clean->len; i++)
        if (clean->str[i] == '\t' || clean->str[i] == '\n' || clean->str[i] == '\r') clean->str[i] = ' ';
    g_string_append_printf(st->attachments, "%s\t%s\t%lld", clean->str, type, (long long)size);
    g_string_free(clean, TRUE);
    g_free(type);
}

static void visit(GMimeObject *parent, GMimeObject *part, gpointer data) {
    (void)parent;
    walk_state *st = data;
    if (GMIME_IS_MESSAGE_PART(part)) {
        // A forwarded message: listed, its parts not walked as the sender's own text.
        list_attachment(st, "message.eml", g_mime_object_get_content_type(part), 0);
        return;
    }
    if (!GMIME_IS_PART(part)) return;  // a multipart: its parts are visited in turn
    GMimePart *p = (GMimePart *)part;
    GMimeContentType *ct = g_mime_object_get_content_type(part);
    GMimeContentDisposition *disp = g_mime_object_get_content_disposition(part);
    const char *filename = g_mime_part_get_filename(p);
    int attached = (disp && g_mime_content_disposition_is_attachment(disp)) || filename != NULL;
    if (!attached && GMIME_IS_TEXT_PART(part)) {
        if (!st->plain && g_mime_content_type_is_type(ct, "text", "plain")) {
            st->plain = text_of(part);
            return;
        }
        if (!st->html && g_mime_content_type_is_type(ct, "text", "html")) {
            st->html = text_of(part);
            return;
        }
        if (st->plain && g_mime_content_type_is_type(ct, "text", "html")) return;  // the other form of the same text
    }
    list_attachment(st, filename ? filename : "", ct, decoded_size(p));
}

int wuye_mail_parse(const char *data, size_t length, wuye_mail *out) {
    memset(out, 0, sizeof *out);
    pthread_once(&once, init_gmime);
    if (gmime_missing) {
        out->error = strdup(gmime_missing);
        return -1;
    }
    if (length == 0) {
        out->error = strdup("the message is empty");
        return -1;
    }
    GMimeStream *stream = g_mime_stream_mem_new_with_buffer(data, length);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    g_object_unref(stream);
    GMimeParserOptions *options = g_mime_parser_options_new();
    // Headers and parts in raw 8-bit without a declared charset: UTF-8 if valid, else GB18030.
    const char *fallback[] = {"UTF-8", "GB18030", NULL};
    g_mime_parser_options_set_fallback_charsets(options, fallback);
    GMimeMessage *msg = g_mime_parser_construct_message(parser, options);
    g_object_unref(parser);
    if (!msg) {
        g_mime_parser_options_free(options);
        out->error = strdup("not a mail message (no header block)");
        return -1;
    }
    out->message_id = dup_or_null(g_mime_message_get_message_id(msg));
    out->subject = dup_or_null(g_mime_message_get_subject(msg));
    InternetAddressList *from = g_mime_message_get_from(msg);
    if (from && internet_address_list_length(from) > 0) {
        InternetAddress *ia = internet_address_list_get_address(from, 0);
        out->from_name = dup_or_null(internet_address_get_name(ia));
        if (INTERNET_ADDRESS_IS_MAILBOX(ia)) out->from_addr = dup_or_null(internet_address_mailbox_get_addr((InternetAddressMailbox *)ia));
    }
    GDateTime *date = g_mime_message_get_date(msg);
    if (date) {
        out->date = g_date_time_to_unix(date);
        out->has_date = 1;
    }
    GMimeHeaderList *headers = g_mime_object_get_header_list((GMimeObject *)msg);
    if (headers) {
        char *h = g_mime_header_list_to_string(headers, NULL);
        out->headers = dup_or_null(h);
        g_free(h);
    }
    walk_state st = {NULL, NULL, g_string_new("")};
    g_mime_message_foreach(msg, visit, &st);
    if (st.plain) {
        out->text = strdup(st.plain);
    } else if (st.html) {
        out->text = strdup(st.html);
        out->text_is_html = 1;
    }
    g_free(st.plain);
    g_free(st.html);
    out->attachments = strdup(st.attachments->str);
    g_string_free(st.attachments, TRUE);
    g_object_unref(msg);
    g_mime_parser_options_free(options);
    return 0;
}

void wuye_mail_free(wuye_mail *m) {
    free(m->message_id);
    free(m->from_addr);
    free(m->from_name);
    free(m->subject);
    free(m->text);
    free(m->headers);
    free(m->attachments);
    free(m->error);
    memset(m, 0, sizeof *m);
}
