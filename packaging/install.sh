#!/bin/sh
# Offload @VERSION@: install for the current user (no root needed).
#
#   ./install.sh        install, or upgrade an earlier install in place
#
# Puts the app in ~/.local/opt/offload, its menu entry in
# ~/.local/share/applications and its icons in ~/.local/share/icons/hicolor
# ($XDG_DATA_HOME instead of ~/.local/share when set). Checks it can write
# all of them before changing anything, and lists every file and folder it
# added in ~/.local/opt/offload/.install-manifest for uninstall.sh.
# Your data (~/.local/share/Offload) is never touched.
set -eu
# Lists below hold one path a line, and paths may hold spaces: split
# unquoted expansions on line breaks only, and never glob them.
IFS='
'
set -f

VERSION="@VERSION@"
NAME="offload"
ICON_SIZES=$(printf '%s\n' 16 24 32 48 64 128 256)
MANIFEST_NAME=".install-manifest"

say() { printf '%s\n' "$*"; }
fail() {
    printf 'install.sh: %s\n' "$*" >&2
    exit 1
}

case "${1-}" in
"") ;;
-h | --help)
    sed -n '2,11s/^# \{0,1\}//p' "$0"
    exit 0
    ;;
*)
    printf 'install.sh: unknown argument "%s"; it takes none (see --help).\n' "$1" >&2
    exit 2
    ;;
esac

HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
SOURCE="$HERE/$NAME"
RESOURCES="$SOURCE/_internal/desktop_app/resources"
if [ ! -x "$SOURCE/$NAME" ] || [ ! -f "$RESOURCES/$NAME.desktop" ] || [ ! -f "$HERE/uninstall.sh" ]; then
    fail "the Offload app folder is not beside this script (looked for $SOURCE/$NAME).
Unpack the whole archive, then run install.sh from the folder it made."
fi

case "${HOME-}" in
/*) ;;
*) fail "HOME is not set to an absolute path; cannot tell where to install." ;;
esac
# The XDG spec ignores a relative or empty XDG_DATA_HOME.
case "${XDG_DATA_HOME-}" in
/*) DATA_HOME=$XDG_DATA_HOME ;;
*) DATA_HOME="$HOME/.local/share" ;;
esac
case "$HOME$DATA_HOME" in
*'
'*) fail "HOME or XDG_DATA_HOME contains a line break, which a menu entry cannot hold." ;;
esac
# The desktop entry spec writes a literal % as %%, but GLib (GNOME and most
# menus) looks for the program before undoing that, and finds nothing.
case "$HOME" in
*%*) fail "your home folder's path ($HOME) contains a %, from which desktop menus
cannot start a program. Nothing was changed." ;;
esac

APP_PARENT="$HOME/.local/opt"
APP_DIR="$APP_PARENT/$NAME"
APPS_DIR="$DATA_HOME/applications"
ICONS_DIR="$DATA_HOME/icons/hicolor"
DESKTOP_FILE="$APPS_DIR/$NAME.desktop"

# Every folder a file goes into, and every file outside the app folder.
ICON_DIRS="$ICONS_DIR/scalable/apps"
ICON_FILES="$ICONS_DIR/scalable/apps/$NAME.svg"
for size in $ICON_SIZES; do
    ICON_DIRS="$ICON_DIRS
$ICONS_DIR/${size}x$size/apps"
    ICON_FILES="$ICON_FILES
$ICONS_DIR/${size}x$size/apps/$NAME.png"
done
TARGET_DIRS="$APP_PARENT
$APPS_DIR
$ICON_DIRS"

# --- Look before changing anything -------------------------------------------

PREVIOUS=""
if [ -e "$APP_DIR" ] || [ -L "$APP_DIR" ]; then
    if [ ! -d "$APP_DIR" ] || [ ! -f "$APP_DIR/$MANIFEST_NAME" ]; then
        fail "$APP_DIR exists but was not put there by install.sh, so it may hold
someone's files. Move it away, then run install.sh again. Nothing was changed."
    fi
    PREVIOUS=$(sed -n 's/^version //p' "$APP_DIR/$MANIFEST_NAME" | head -n 1)
fi

# The nearest path on the way to $1 that exists.
existing_ancestor() {
    path=$1
    while [ ! -e "$path" ] && [ ! -L "$path" ]; do
        path=$(dirname -- "$path")
    done
    printf '%s\n' "$path"
}

# A folder a file will go into must exist and be writable, or be creatable.
check_writable() {
    base=$(existing_ancestor "$1")
    if [ ! -d "$base" ]; then
        fail "cannot create $1: $base is a file, not a folder. Nothing was changed."
    fi
    if [ ! -w "$base" ] || [ ! -x "$base" ]; then
        fail "cannot write to $base (no permission, or a read-only file system),
so $1 cannot be written. Nothing was changed."
    fi
}

for dir in $TARGET_DIRS; do
    check_writable "$dir"
done
for file in "$DESKTOP_FILE" $ICON_FILES; do
    if [ -d "$file" ]; then
        fail "$file is a folder, where the file install.sh writes should go. Nothing was changed."
    fi
done

# Folders that do not exist yet: this install creates them, and uninstall.sh
# removes them again if they are empty by then. An upgrade keeps the list
# the first install made.
CREATED_DIRS=""
if [ -n "$PREVIOUS" ]; then
    CREATED_DIRS=$(sed -n 's/^dir //p' "$APP_DIR/$MANIFEST_NAME")
fi
for dir in $TARGET_DIRS; do
    while [ ! -e "$dir" ]; do
        CREATED_DIRS="$CREATED_DIRS
$dir"
        dir=$(dirname -- "$dir")
    done
done
CREATED_DIRS=$(printf '%s\n' "$CREATED_DIRS" | sed '/^$/d' | sort -u)

# --- Install ---------------------------------------------------------------------

STAGE=""
cleanup() {
    if [ -n "$STAGE" ]; then rm -rf -- "$STAGE"; fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

mkdir -p -- "$APP_PARENT"
# The new version is copied beside the old one, then swapped in by renaming,
# so a failed copy (a full disk) leaves the installed version as it was.
STAGE=$(mktemp -d "$APP_PARENT/.$NAME-install.XXXXXX")
cp -R -- "$SOURCE/." "$STAGE/"
cp -- "$HERE/uninstall.sh" "$STAGE/uninstall.sh"
chmod 755 "$STAGE" "$STAGE/uninstall.sh"
{
    say "# Written by Offload's install.sh. uninstall.sh removes the files listed"
    say "# here, the folders if they are empty, and the app folder; nothing else."
    say "version $VERSION"
    say "app $APP_DIR"
    say "file $DESKTOP_FILE"
    printf '%s\n' "$ICON_FILES" | sed 's/^/file /'
    if [ -n "$CREATED_DIRS" ]; then printf '%s\n' "$CREATED_DIRS" | sed 's/^/dir /'; fi
} >"$STAGE/$MANIFEST_NAME"

if [ -n "$PREVIOUS" ]; then
    OLD="$APP_PARENT/.$NAME-old.$$"
    mv -- "$APP_DIR" "$OLD"
    if ! mv -- "$STAGE" "$APP_DIR"; then
        mv -- "$OLD" "$APP_DIR"
        fail "could not put the new version in place; Offload $PREVIOUS is still installed."
    fi
    STAGE=""
    rm -rf -- "$OLD"
else
    mv -- "$STAGE" "$APP_DIR"
    STAGE=""
fi

# Copy a file to its place under a temporary name, then rename it.
put() {
    cp -- "$1" "$2.new.$$"
    chmod 644 "$2.new.$$"
    mv -f -- "$2.new.$$" "$2"
}

mkdir -p -- "$APPS_DIR"
for dir in $ICON_DIRS; do
    mkdir -p -- "$dir"
done
INSTALLED_RESOURCES="$APP_DIR/_internal/desktop_app/resources"
put "$INSTALLED_RESOURCES/icons/$NAME.svg" "$ICONS_DIR/scalable/apps/$NAME.svg"
for size in $ICON_SIZES; do
    put "$INSTALLED_RESOURCES/icons/$NAME-$size.png" "$ICONS_DIR/${size}x$size/apps/$NAME.png"
done

# The menu entry runs the installed program by its absolute path. In Exec,
# a quoted argument escapes \ " ` $ for the quoting rule and again for the
# string rule (so a backslash becomes four); TryExec is a plain string,
# where only the backslash is escaped. (HOME holds no %, checked above.)
EXEC_PATH="$APP_DIR/$NAME"
# shellcheck disable=SC2089,SC2090 # the quotes are meant literally
OFFLOAD_EXEC_LINE="Exec=\"$(printf '%s' "$EXEC_PATH" |
    sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g')\""
OFFLOAD_TRYEXEC_LINE="TryExec=$(printf '%s' "$EXEC_PATH" | sed -e 's/\\/\\\\/g')"
# shellcheck disable=SC2090
export OFFLOAD_EXEC_LINE OFFLOAD_TRYEXEC_LINE
awk '
    /^#/ { next }
    /^TryExec=/ { print ENVIRON["OFFLOAD_TRYEXEC_LINE"]; next }
    /^Exec=/ { print ENVIRON["OFFLOAD_EXEC_LINE"]; next }
    { print }
' "$INSTALLED_RESOURCES/$NAME.desktop" >"$DESKTOP_FILE.new.$$"
chmod 644 "$DESKTOP_FILE.new.$$"
mv -f -- "$DESKTOP_FILE.new.$$" "$DESKTOP_FILE"

# Menus watch the applications folder; icon caches look at the theme
# folder's time stamp.
touch -c -- "$ICONS_DIR"

if [ -n "$PREVIOUS" ]; then
    say "Upgraded Offload $PREVIOUS to $VERSION in $APP_DIR."
else
    say "Installed Offload $VERSION in $APP_DIR."
fi
say "It is in your applications menu (Office); from a terminal: $EXEC_PATH"
say "To remove it: $APP_DIR/uninstall.sh (your data stays)."
