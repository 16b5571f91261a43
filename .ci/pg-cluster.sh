# A throwaway PostgreSQL 15 cluster for tests. SOURCE this file, do not run it:
#
#   source .ci/pg-cluster.sh
#   pg_cluster_start                      # exports ONEWINDOW_TEST_PG, ONEWINDOW_TEST_PG_PASSWORD_URL
#   url=$(pg_cluster_fresh_db suite_a)    # an empty database of its own, printed as a libpq URL
#   ...                                   # the cluster is stopped and its folder removed on EXIT/INT/TERM/HUP
#
# The cluster lives in a fresh `mktemp -d` folder (data/, server.log, and the Unix socket), listens on no
# TCP port (listen_addresses=''), and is reached only through the socket in that folder. initdb refuses to
# run as root, so as root the server runs as the `postgres` system user (which owns the folder); otherwise
# it runs as the current user. Superuser: `postgres` as root, else the current user; no password (trust).
#
# Exports after pg_cluster_start:
#   ONEWINDOW_TEST_PG               postgresql:///onewindow_test?host=<dir>&user=<superuser>
#   ONEWINDOW_TEST_PG_PASSWORD_URL  postgresql:///onewindow_test?host=<dir>&user=onewindow_pw   (no password in it)
#                                   onewindow_pw logs in with SCRAM-SHA-256 only, password `pw-secret`
#                                   (give it via the URL's password=, $PGPASSWORD or ~/.pgpass)
#   PG_CLUSTER_DIR, PG_CLUSTER_BIN, PG_CLUSTER_SUPERUSER
# Database onewindow_test: TEMPLATE template0, UTF8, LC_COLLATE/LC_CTYPE 'C' (SQLite's byte order).
#
# Traps. pg_cluster_start installs an EXIT trap, and INT/TERM/HUP traps that exit (status 128+signal), so
# the EXIT trap runs. An EXIT trap set BEFORE pg_cluster_start is kept: on exit it runs first (the cluster is
# still up, so it may dump diagnostics), then the cluster stops. Same for INT/TERM/HUP traps set before: they
# run, then the shell exits. (Inside a subshell only traps set in that subshell are chained, since the
# parent's do not run there; and there a HUP trap set before pg_cluster_start is replaced.) A trap set AFTER
# pg_cluster_start replaces ours (that is how bash traps work): end yours with pg_cluster_stop, e.g.
#   trap 'my_cleanup; pg_cluster_stop' EXIT
# pg_cluster_stop is safe to call any number of times. Works under `set -euo pipefail` and without.
#
# Options (environment, read by pg_cluster_start):
#   PG_CLUSTER_BIN     the PostgreSQL bin folder (default /usr/lib/postgresql/15/bin, else `pg_config --bindir`)
#   PG_CLUSTER_TMPDIR  where the folder is made (default /tmp: short, for the 107-byte socket path limit,
#                      and reachable by the postgres user)
#   PG_CLUSTER_CONF    extra postgresql.conf lines, e.g. $'fsync = off\nsynchronous_commit = off'

_pg_cluster_err() { echo "pg-cluster: $*" >&2; }

# Percent-encodes a URL query value or path segment (keeps / so socket folders stay readable).
_pg_cluster_urlencode() {
    local LC_ALL=C   # bytes, not characters: UTF-8 is encoded byte by byte
    local s=$1 out='' c i
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case $c in
            [A-Za-z0-9/._~-]) out+=$c ;;
            *) out+=$(printf '%%%02X' "'$c") ;;
        esac
    done
    printf '%s' "$out"
}

# Runs a command as the user the server runs as (postgres when we are root), from / (the postgres user may
# not be able to enter the caller's working directory). Paths given to it are absolute.
_pg_cluster_as_owner() {
    if [ "$(id -u)" -ne 0 ]; then
        (cd / && "$@")
    elif command -v runuser >/dev/null 2>&1; then
        (cd / && runuser -u postgres -- "$@")
    else
        local cmd
        cmd=$(printf '%q ' "$@")
        (cd / && su postgres -s /bin/bash -c "$cmd")
    fi
}

_pg_cluster_find_bin() {
    local bin=${PG_CLUSTER_BIN:-}
    if [ -z "$bin" ]; then
        if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
            bin=/usr/lib/postgresql/15/bin
        elif command -v pg_config >/dev/null 2>&1; then
            bin=$(pg_config --bindir 2>/dev/null) || bin=''
        fi
    fi
    local tool
    for tool in initdb pg_ctl postgres psql; do
        if [ -z "$bin" ] || [ ! -x "$bin/$tool" ]; then
            _pg_cluster_err "PostgreSQL binaries not found (looked for $tool in '${bin:-/usr/lib/postgresql/15/bin or pg_config --bindir}')."
            _pg_cluster_err "Install them (Debian: apt-get install postgresql-15 libpq-dev) or set PG_CLUSTER_BIN."
            return 1
        fi
    done
    printf '%s' "$bin"
}

# psql as the superuser over the socket, quiet, stopping at the first error, ignoring ~/.psqlrc.
_pg_cluster_psql() {
    local db=$1
    shift
    PGOPTIONS='-c client_min_messages=warning' PGPASSWORD='' \
        "$PG_CLUSTER_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_CLUSTER_DIR" -U "$PG_CLUSTER_SUPERUSER" -d "$db" "$@"
}

# The libpq URL of database $1 on this cluster, for user $2.
_pg_cluster_url() {
    printf 'postgresql:///%s?host=%s&user=%s' "$(_pg_cluster_urlencode "$1")" \
        "$(_pg_cluster_urlencode "$PG_CLUSTER_DIR")" "$(_pg_cluster_urlencode "$2")"
}

# Creates database $1 (dropping it first if it exists) with SQLite's byte-order collation.
_pg_cluster_create_db() {
    local ident=${1//\"/\"\"}
    _pg_cluster_psql postgres \
        -c "DROP DATABASE IF EXISTS \"$ident\" WITH (FORCE)" \
        -c "CREATE DATABASE \"$ident\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" \
        -c "GRANT ALL ON DATABASE \"$ident\" TO onewindow_pw" &&
    # PostgreSQL 15 no longer lets every role create in schema public: let the password role use its databases.
    _pg_cluster_psql "$1" -c "GRANT ALL ON SCHEMA public TO onewindow_pw"
}

# The shell's exit status stays what it was (bash restores it after an EXIT trap that does not call exit);
# the handler itself always succeeds, since a failing EXIT trap under `set -e` confuses bash.
_pg_cluster_on_exit() {
    if [ -n "${_PG_CLUSTER_PREV_TRAP_EXIT:-}" ]; then
        eval "$_PG_CLUSTER_PREV_TRAP_EXIT" || true
    fi
    pg_cluster_stop || true
    return 0
}

_pg_cluster_on_signal() {
    local sig=$1 code=$2 prev_var="_PG_CLUSTER_PREV_TRAP_$1"
    if [ -n "${!prev_var:-}" ]; then
        eval "${!prev_var}"
    fi
    exit "$code"   # runs the EXIT trap, which stops the cluster
}

# Saves the command of the trap currently set on $1 (unless it is ours), then sets ours ($2).
# $3 = unknown: the listing cannot be trusted (see pg_cluster_start), chain nothing.
_pg_cluster_chain_trap() {
    local sig=$1 handler=$2 current=() prev=''
    eval "current=( $(trap -p "$sig") )"        # trap -- 'command' SIG
    if [ "${#current[@]}" -ge 3 ]; then prev=${current[2]}; fi
    case $prev in
        _pg_cluster_on_*) ;;                    # ours, from an earlier pg_cluster_start: keep what it chained
        *) [ "${3:-}" = unknown ] && prev=''
           printf -v "_PG_CLUSTER_PREV_TRAP_$sig" '%s' "$prev" ;;
    esac
    # shellcheck disable=SC2064
    trap "$handler" "$sig"
}

pg_cluster_start() {
    if [ -n "${_PG_CLUSTER_OWNED:-}" ] && [ -d "$_PG_CLUSTER_OWNED" ]; then
        _pg_cluster_err "this shell already runs a cluster in $_PG_CLUSTER_OWNED (pg_cluster_stop first)"
        return 1
    fi
    local bin superuser
    bin=$(_pg_cluster_find_bin) || return 1
    if [ "$(id -u)" -eq 0 ]; then
        if ! id postgres >/dev/null 2>&1; then
            _pg_cluster_err "running as root, but there is no 'postgres' system user to run the server as"
            return 1
        fi
        superuser=postgres
    else
        superuser=$(id -un)
    fi

    local dir
    dir=$(mktemp -d "${PG_CLUSTER_TMPDIR:-/tmp}/onewindow-pg.XXXXXX") || { _pg_cluster_err "mktemp -d failed"; return 1; }
    # Exported, so scripts run from here can source this file and call pg_cluster_fresh_db on this cluster;
    # _PG_CLUSTER_OWNED (not exported) marks the shell that started it, the only one pg_cluster_stop stops.
    export PG_CLUSTER_DIR=$dir PG_CLUSTER_BIN=$bin PG_CLUSTER_SUPERUSER=$superuser
    _PG_CLUSTER_OWNED=$dir
    # From here on a failure (or the caller's exit) removes the folder.
    # In a subshell, `trap -p` lists the parent's traps, which do not run there, until the subshell sets a
    # trap. So HUP goes first (its earlier trap is chained only outside subshells): then the listing of
    # EXIT, INT and TERM shows exactly the traps that would run here.
    if [ "${BASH_SUBSHELL:-0}" -eq 0 ]; then
        _pg_cluster_chain_trap HUP '_pg_cluster_on_signal HUP 129'
    else
        _pg_cluster_chain_trap HUP '_pg_cluster_on_signal HUP 129' unknown
    fi
    _pg_cluster_chain_trap EXIT _pg_cluster_on_exit
    _pg_cluster_chain_trap INT '_pg_cluster_on_signal INT 130'
    _pg_cluster_chain_trap TERM '_pg_cluster_on_signal TERM 143'

    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$dir" || { pg_cluster_stop; return 1; }
    fi
    if ! _pg_cluster_as_owner "$bin/initdb" -D "$dir/data" -U "$superuser" --auth=trust \
            --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1; then
        _pg_cluster_err "initdb failed:"; cat "$dir/initdb.log" >&2
        pg_cluster_stop
        return 1
    fi
    # Socket only. onewindow_pw must give its SCRAM password; everyone else is trusted (the socket's folder
    # is private to the server's user and root).
    if ! _pg_cluster_as_owner sh -c 'cat >> "$1/postgresql.conf"' sh "$dir/data" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir'
password_encryption = 'scram-sha-256'
${PG_CLUSTER_CONF:-}
EOF
    then
        _pg_cluster_err "could not write postgresql.conf"; pg_cluster_stop; return 1
    fi
    if ! _pg_cluster_as_owner sh -c 'cat > "$1/pg_hba.conf"' sh "$dir/data" <<'EOF'
# TYPE  DATABASE  USER          METHOD
local   all       onewindow_pw  scram-sha-256
local   all       all           trust
EOF
    then
        _pg_cluster_err "could not write pg_hba.conf"; pg_cluster_stop; return 1
    fi
    if ! _pg_cluster_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
        _pg_cluster_err "the server did not start:"; cat "$dir/server.log" >&2 2>/dev/null
        pg_cluster_stop
        return 1
    fi
    if ! _pg_cluster_psql postgres -c "CREATE ROLE onewindow_pw LOGIN PASSWORD 'pw-secret'" ||
       ! _pg_cluster_create_db onewindow_test; then
        _pg_cluster_err "could not create the test role or database"
        pg_cluster_stop
        return 1
    fi
    export ONEWINDOW_TEST_PG ONEWINDOW_TEST_PG_PASSWORD_URL
    ONEWINDOW_TEST_PG=$(_pg_cluster_url onewindow_test "$superuser")
    ONEWINDOW_TEST_PG_PASSWORD_URL=$(_pg_cluster_url onewindow_test onewindow_pw)
}

# Stops the server (fast: rolls back open transactions) and removes its folder. Harmless when nothing runs,
# and in a shell that did not start the cluster (a script given PG_CLUSTER_DIR by its caller).
pg_cluster_stop() {
    local dir=${_PG_CLUSTER_OWNED:-}
    [ -n "$dir" ] || return 0
    if [ -f "$dir/data/postmaster.pid" ]; then
        local bin=${PG_CLUSTER_BIN:-/usr/lib/postgresql/15/bin}
        if ! _pg_cluster_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
            # Still there (hung or pg_ctl missing): immediate shutdown of the postmaster we started, by its pid.
            local pid
            pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null) || pid=''
            if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
                kill -QUIT "$pid" 2>/dev/null
                local i
                for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            fi
        fi
    fi
    rm -rf -- "$dir"
    unset _PG_CLUSTER_OWNED
    if [ "${PG_CLUSTER_DIR:-}" = "$dir" ]; then unset PG_CLUSTER_DIR ONEWINDOW_TEST_PG ONEWINDOW_TEST_PG_PASSWORD_URL; fi
    return 0
}

# Drops and re-creates database NAME (letters, digits, _ and -), empty, with the same C collation as
# onewindow_test, and prints its superuser URL: url=$(pg_cluster_fresh_db my_suite).
pg_cluster_fresh_db() {
    local name=${1:-}
    if [ -z "${PG_CLUSTER_DIR:-}" ]; then _pg_cluster_err "no cluster: call pg_cluster_start first"; return 1; fi
    if ! [[ $name =~ ^[A-Za-z_][A-Za-z0-9_-]{0,62}$ ]]; then
        _pg_cluster_err "pg_cluster_fresh_db: bad database name '$name'"; return 1
    fi
    _pg_cluster_create_db "$name" >&2 || { _pg_cluster_err "could not create database $name"; return 1; }
    _pg_cluster_url "$name" "$PG_CLUSTER_SUPERUSER"
    echo
}
