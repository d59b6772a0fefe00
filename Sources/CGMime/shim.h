// GMime 3 (Debian's libgmime-3.0-dev): the MIME parser behind the e-mail channel. Swift
// reaches it through CMailParse, which turns one message into plain fields.
#include <gmime/gmime.h>
