#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (README, "Tests"): initdb in a
# temporary folder, run as a non-root user, listening on 127.0.0.1 at a free
# port and on a Unix socket in that folder. Never touches a system cluster.
#
#   eval "$(.ci/postgres-test-cluster.sh)"        # start; exports the URL
#   .ci/postgres-test-cluster.sh stop "$OFFLOAD_TEST_POSTGRES_DATA"
#
# Prints the shell lines that export OFFLOAD_TEST_POSTGRES_URL (a superuser
# "offload" with trust authentication on loopback only: the tests create a
# database each) and OFFLOAD_TEST_POSTGRES_DATA (the folder, for stopping).
set -euo pipefail

bindir="${PG_BINDIR:-}"
if [ -z "$bindir" ]; then
    for candidate in /usr/lib/postgresql/*/bin; do bindir="$candidate"; done
fi
if [ ! -x "$bindir/initdb" ]; then
    echo "postgres-test-cluster: no initdb found (apt-get install postgresql)" >&2
    exit 1
fi

if [ "${1:-}" = "stop" ]; then
    folder="${2:?usage: $0 stop FOLDER}"
    run_as=$(stat -c %U "$folder")
    if [ "$(id -u)" -eq 0 ] && [ "$run_as" != root ]; then
        runuser -u "$run_as" -- "$bindir/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null
    else
        "$bindir/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null
    fi
    rm -rf "$folder"
    exit 0
fi

# PostgreSQL refuses to run as root: as root, run it as the `postgres` system
# user the Debian package creates (or `nobody` when there is none).
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    user=postgres
    getent passwd "$user" >/dev/null || user=nobody
    as_user=(runuser -u "$user" --)
fi

folder=$(mktemp -d /tmp/offload-pg.XXXXXX)
chmod 755 "$folder"
if [ ${#as_user[@]} -gt 0 ]; then chown "$user" "$folder"; fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"${as_user[@]}" "$bindir/initdb" -D "$folder/data" --username=offload --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 \
    || { cat "$folder/initdb.log" >&2; exit 1; }
# One role must give its password (the wrong-credentials test); every other
# role is trusted, on loopback only. pg_hba.conf is read top down.
hba="$folder/data/pg_hba.conf"
{ echo "host all offload_password 127.0.0.1/32 scram-sha-256"; cat "$hba"; } >"$hba.new"
mv "$hba.new" "$hba"
if [ ${#as_user[@]} -gt 0 ]; then chown "$user" "$hba"; fi
# fsync off: a test cluster thrown away after the run needs no durability.
"${as_user[@]}" "$bindir/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$folder/server.log" >&2; exit 1; }

echo "export OFFLOAD_TEST_POSTGRES_URL='postgresql://offload@127.0.0.1:$port/postgres'"
echo "export OFFLOAD_TEST_POSTGRES_DATA='$folder'"
