#!/usr/bin/env bash
# Installs Wuye on this machine: the release build on the PATH, a man page for every
# command (made from the command line's own help by Argument Parser's manual generator),
# and completions for bash, zsh and fish.
#
#   scripts/install.sh                 # into /usr/local (run as root, or with sudo)
#   PREFIX=$HOME/.local scripts/install.sh
#   DESTDIR=/tmp/pkg PREFIX=/usr scripts/install.sh    # staged, for a package
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${PREFIX:-/usr/local}
dest=${DESTDIR:-}

echo "building the release program (a few minutes the first time)…"
swift build -c release --product wuye
bin="$dest$prefix/bin"
install -d "$bin"
install -m 755 .build/release/wuye "$bin/wuye"

echo "making the man pages…"
swift package generate-manual --multi-page >/dev/null
man1="$dest$prefix/share/man/man1"
install -d "$man1"
install -m 644 .build/plugins/GenerateManual/outputs/wuye/*.1 "$man1/"

echo "installing completions…"
install -d "$dest$prefix/share/bash-completion/completions" "$dest$prefix/share/zsh/site-functions" \
    "$dest$prefix/share/fish/vendor_completions.d"
"$bin/wuye" --generate-completion-script bash >"$dest$prefix/share/bash-completion/completions/wuye"
"$bin/wuye" --generate-completion-script zsh >"$dest$prefix/share/zsh/site-functions/_wuye"
"$bin/wuye" --generate-completion-script fish >"$dest$prefix/share/fish/vendor_completions.d/wuye.fish"

echo "installed: $prefix/bin/wuye, $(ls .build/plugins/GenerateManual/outputs/wuye/*.1 | wc -l) man pages (man wuye), completions"
