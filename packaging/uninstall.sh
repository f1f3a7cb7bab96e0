#!/bin/sh
# Offload: remove what install.sh added, and nothing else.
#
#   ~/.local/opt/offload/uninstall.sh   (or ./uninstall.sh in the unpacked archive)
#
# Reads the list install.sh wrote (~/.local/opt/offload/.install-manifest)
# and removes the menu entry and icons it names, the folders install.sh
# created if they are empty now, and the app folder. Your data
# (~/.local/share/Offload) and settings (~/.config/Offload) stay.
set -eu
# Paths may hold spaces: split unquoted expansions on line breaks only.
IFS='
'
set -f

NAME="offload"
MANIFEST_NAME=".install-manifest"

say() { printf '%s\n' "$*"; }
fail() {
    printf 'uninstall.sh: %s\n' "$*" >&2
    exit 1
}

case "${1-}" in
"") ;;
-h | --help)
    sed -n '2,9s/^# \{0,1\}//p' "$0"
    exit 0
    ;;
*)
    printf 'uninstall.sh: unknown argument "%s"; it takes none (see --help).\n' "$1" >&2
    exit 2
    ;;
esac

case "${HOME-}" in
/*) ;;
*) fail "HOME is not set to an absolute path; cannot tell where Offload is installed." ;;
esac
case "${XDG_DATA_HOME-}" in
/*) DATA_HOME=$XDG_DATA_HOME ;;
*) DATA_HOME="$HOME/.local/share" ;;
esac
case "${XDG_CONFIG_HOME-}" in
/*) CONFIG_HOME=$XDG_CONFIG_HOME ;;
*) CONFIG_HOME="$HOME/.config" ;;
esac

# Run from the installed folder, remove that one; from the archive, the
# default place.
HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
if [ -f "$HERE/$MANIFEST_NAME" ]; then
    APP_DIR=$HERE
else
    APP_DIR="$HOME/.local/opt/$NAME"
fi
MANIFEST="$APP_DIR/$MANIFEST_NAME"

if [ ! -e "$APP_DIR" ] && [ ! -L "$APP_DIR" ]; then
    say "Offload is not installed in $APP_DIR: nothing to remove."
    exit 0
fi
if [ ! -f "$MANIFEST" ]; then
    fail "$APP_DIR was not put there by install.sh (it has no $MANIFEST_NAME),
so it is left as it is. Nothing was removed."
fi
RECORDED_APP=$(sed -n 's/^app //p' "$MANIFEST" | head -n 1)
if [ -z "$RECORDED_APP" ] || [ ! -d "$RECORDED_APP" ] ||
    [ "$(cd -- "$RECORDED_APP" && pwd -P)" != "$(cd -- "$APP_DIR" && pwd -P)" ]; then
    fail "$MANIFEST does not describe $APP_DIR. Nothing was removed."
fi
VERSION=$(sed -n 's/^version //p' "$MANIFEST" | head -n 1)

# Only the kinds of file install.sh writes are removed, whatever the list says.
FILES=""
# shellcheck disable=SC2013 # IFS is a line break: this reads lines
for file in $(sed -n 's/^file //p' "$MANIFEST"); do
    case "$file" in
    /*/"$NAME".desktop | /*/"$NAME".png | /*/"$NAME".svg)
        FILES="$FILES
$file"
        ;;
    *) say "Leaving $file alone: install.sh never writes such a file." ;;
    esac
done
# Deepest first, so a folder is emptied before its parent is tried.
DIRS=$(sed -n 's/^dir //p' "$MANIFEST" | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f 2-)

# --- Look before changing anything -------------------------------------------

check_writable() {
    if [ ! -w "$1" ] || [ ! -x "$1" ]; then
        fail "cannot write to $1 (no permission, or a read-only file system),
so $2 cannot be removed. Nothing was removed."
    fi
}
check_writable "$(dirname -- "$APP_DIR")" "$APP_DIR"
for file in $FILES; do
    if [ -e "$file" ] || [ -L "$file" ]; then
        check_writable "$(dirname -- "$file")" "$file"
    fi
done

# --- Remove ----------------------------------------------------------------------

for file in $FILES; do
    if [ -f "$file" ] || [ -L "$file" ]; then
        rm -f -- "$file"
    fi
done
rm -rf -- "$APP_DIR"
for dir in $DIRS; do
    # Only if empty: anything another program put there stays.
    if [ -d "$dir" ]; then rmdir -- "$dir" 2>/dev/null || true; fi
done
if [ -d "$DATA_HOME/icons/hicolor" ]; then touch -c -- "$DATA_HOME/icons/hicolor"; fi

say "Removed Offload ${VERSION:+$VERSION }from $APP_DIR, with its menu entry and icons."
if [ -d "$DATA_HOME/Offload" ] || [ -d "$CONFIG_HOME/Offload" ]; then
    say "Your data stays in $DATA_HOME/Offload and your settings in $CONFIG_HOME/Offload;"
    say "delete those folders yourself if you no longer want them."
fi
