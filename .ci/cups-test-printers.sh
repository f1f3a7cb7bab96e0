#!/usr/bin/env bash
# Start CUPS and add the virtual PDF printers the printing tests print to
# (tests/cups_printers.py runs this too when it is root and they are missing).
# Needs root and Debian's cups, cups-client, cups-bsd, cups-ipp-utils and
# printer-driver-cups-pdf. Safe to run again: printers are re-created as below.
#
#   Offload_Test_A4        A4 paper by default
#   Offload_Test_Letter    US Letter paper by default
#   Offload_Test_Paused    paused ("Out of toner")
#   Offload_Test_Refusing  not accepting jobs ("Tray removed")
#
# Each writes what it prints, as a PDF (cups-pdf runs Ghostscript), into
# $OUT, named "<title>...-job_<id>.pdf". cups-pdf reads the settings of a
# printer whose device is cups-pdf:/offload from /etc/cups/cups-pdf-offload.conf;
# the default "Out ${HOME}/PDF" would scatter files into each user's home.
set -euo pipefail

OUT=/var/spool/cups-pdf-offload
CONF=/etc/cups/cups-pdf-offload.conf
BACKEND=/usr/lib/cups/backend/cups-pdf
PPD_SOURCE=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd

if [ "$(id -u)" -ne 0 ]; then
    echo "cups-test-printers: run as root (sudo $0)" >&2
    exit 1
fi
for needed in /usr/sbin/cupsd "$BACKEND" "$PPD_SOURCE"; do
    if [ ! -e "$needed" ]; then
        echo "cups-test-printers: $needed is missing (apt-get install cups printer-driver-cups-pdf)" >&2
        exit 1
    fi
done

# Every user's jobs land here; sticky, like /tmp, so users cannot remove each other's.
mkdir -p "$OUT"
chmod 1777 "$OUT"
cat > "$CONF" <<EOF
# Written by Offload's .ci/cups-test-printers.sh for the printing tests.
Out $OUT
Label 2
UserUMask 0022
EOF

if ! LC_ALL=C lpstat -r 2>/dev/null | grep -q "scheduler is running"; then
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
        systemctl start cups
    else
        # No systemd (a container, a CI machine): cupsd forks into the background.
        /usr/sbin/cupsd
    fi
    for _ in $(seq 1 100); do
        LC_ALL=C lpstat -r 2>/dev/null | grep -q "scheduler is running" && break
        sleep 0.1
    done
fi
if ! LC_ALL=C lpstat -r 2>/dev/null | grep -q "scheduler is running"; then
    echo "cups-test-printers: cupsd did not start (see /var/log/cups/error_log)" >&2
    exit 1
fi

# cups-pdf's PPD with a two-sided option added, so Qt's print dialog offers
# duplex for these printers as it does for a real office printer.
PPD=$(mktemp --suffix=.ppd)
trap 'rm -f "$PPD"' EXIT
cat "$PPD_SOURCE" - > "$PPD" <<'EOF'

*OpenUI *Duplex/2-Sided Printing: PickOne
*OrderDependency: 10 AnySetup *Duplex
*DefaultDuplex: None
*Duplex None/Off: "<</Duplex false>>setpagedevice"
*Duplex DuplexNoTumble/Long Edge: "<</Duplex true/Tumble false>>setpagedevice"
*Duplex DuplexTumble/Short Edge: "<</Duplex true/Tumble true>>setpagedevice"
*CloseUI: *Duplex
EOF

add_printer() {  # name paper description
    # lpadmin warns that PPD drivers are deprecated; they still work in CUPS 2.4.
    lpadmin -p "$1" -E -v cups-pdf:/offload -P "$PPD" -o PageSize="$2" -D "$3" 2>/dev/null
}
add_printer Offload_Test_A4 A4 "Offload test printer (A4)"
add_printer Offload_Test_Letter Letter "Offload test printer (US Letter)"
add_printer Offload_Test_Paused A4 "Offload test printer (paused)"
add_printer Offload_Test_Refusing A4 "Offload test printer (refusing jobs)"
cupsdisable -r "Out of toner" Offload_Test_Paused
cupsreject -r "Tray removed" Offload_Test_Refusing
echo "cups-test-printers: CUPS is running; test printers ready, output in $OUT"
