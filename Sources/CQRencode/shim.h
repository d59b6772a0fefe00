// libqrencode (Debian's libqrencode-dev): the QR codes printed on checkpoint labels.
#include <qrencode.h>
