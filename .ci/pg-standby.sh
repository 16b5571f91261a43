# A synchronous standby of the throwaway cluster of .ci/pg-cluster.sh, for failover tests. SOURCE this
# file after pg-cluster.sh, do not run it:
#
#   source .ci/pg-cluster.sh; source .ci/pg-standby.sh
#   pg_cluster_start
#   trap 'pg_standby_stop; pg_cluster_stop' EXIT     # pg_standby_start sets no trap of its own
#   pg_standby_start standby1                        # base backup, started, synchronous (sync_state 'sync')
#   url=$(pg_standby_url mydb)                       # the standby's URL for a database of the primary
#   pg_standby_promote                               # after the primary is gone: the standby takes writes
#
# The standby lives in a fresh `mktemp -d` folder of its own (data/, server.log, its Unix socket), socket
# only like the primary, made by `pg_basebackup -R` over the primary's socket (a `local replication` line
# is added to the primary's pg_hba.conf). Its cluster_name, and so the application_name it streams
# under, is the NAME given; the primary then names it in synchronous_standby_names with
# synchronous_commit = on: a COMMIT returns only once the standby has flushed the commit's WAL to its
# disk, so a write a counter saw acknowledged survives the loss of the primary (promotion replays all
# flushed WAL). remote_apply would also make it visible to reads on the standby at once, which a
# failover does not need. The catch: with no synchronous standby connected, every COMMIT on the primary
# waits (pg_standby_stop therefore clears synchronous_standby_names first while the primary is up).
#
# Exports after pg_standby_start: PG_STANDBY_DIR, PG_STANDBY_NAME.

_pg_standby_err() { echo "pg-standby: $*" >&2; }

# psql as the superuser on the standby's socket.
_pg_standby_psql() {
    local db=$1
    shift
    PGOPTIONS='-c client_min_messages=warning' PGPASSWORD='' \
        "$PG_CLUSTER_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_STANDBY_DIR" -U "$PG_CLUSTER_SUPERUSER" -d "$db" "$@"
}

pg_standby_start() {
    local name=${1:-}
    if [ -z "${PG_CLUSTER_DIR:-}" ]; then _pg_standby_err "no primary: call pg_cluster_start first"; return 1; fi
    if ! [[ $name =~ ^[a-z_][a-z0-9_]{0,30}$ ]]; then _pg_standby_err "bad standby name '$name'"; return 1; fi
    if [ -n "${_PG_STANDBY_OWNED:-}" ] && [ -d "$_PG_STANDBY_OWNED" ]; then
        _pg_standby_err "this shell already runs a standby in $_PG_STANDBY_OWNED"; return 1
    fi
    local primary=$PG_CLUSTER_DIR bin=$PG_CLUSTER_BIN dir
    # The primary must let its superuser stream WAL over the socket; wal_level = replica and
    # max_wal_senders = 10 are PostgreSQL 15's defaults, checked rather than assumed.
    if ! grep -q '^local *replication' "$primary/data/pg_hba.conf" 2>/dev/null; then
        _pg_cluster_as_owner sh -c 'echo "local   replication  all  trust" >> "$1/pg_hba.conf"' sh "$primary/data" &&
            _pg_cluster_psql postgres -c "SELECT pg_reload_conf()" >/dev/null ||
            { _pg_standby_err "could not allow replication on the primary"; return 1; }
    fi
    local level senders
    level=$(_pg_cluster_psql postgres -Atc "SHOW wal_level") && senders=$(_pg_cluster_psql postgres -Atc "SHOW max_wal_senders") ||
        { _pg_standby_err "cannot ask the primary"; return 1; }
    if [ "$level" = minimal ] || [ "${senders:-0}" -lt 1 ]; then
        _pg_standby_err "the primary cannot stream (wal_level=$level, max_wal_senders=$senders)"; return 1
    fi

    dir=$(mktemp -d "${PG_CLUSTER_TMPDIR:-/tmp}/onewindow-pgs.XXXXXX") || { _pg_standby_err "mktemp -d failed"; return 1; }
    export PG_STANDBY_DIR=$dir PG_STANDBY_NAME=$name
    _PG_STANDBY_OWNED=$dir
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir" || { pg_standby_stop; return 1; }; fi
    # -R writes standby.signal and primary_conninfo; -X stream copies the WAL made during the backup.
    if ! _pg_cluster_as_owner "$bin/pg_basebackup" -D "$dir/data" -h "$primary" -U "$PG_CLUSTER_SUPERUSER" \
            -R -X stream -c fast >"$dir/basebackup.log" 2>&1; then
        _pg_standby_err "pg_basebackup failed:"; cat "$dir/basebackup.log" >&2
        pg_standby_stop; return 1
    fi
    # The copied postgresql.conf names the primary's socket folder; a later line wins.
    if ! _pg_cluster_as_owner sh -c 'cat >> "$1/postgresql.conf"' sh "$dir/data" <<EOF
unix_socket_directories = '$dir'
cluster_name = '$name'
hot_standby = on
EOF
    then
        _pg_standby_err "could not write the standby's postgresql.conf"; pg_standby_stop; return 1
    fi
    if ! _pg_cluster_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
        _pg_standby_err "the standby did not start:"; cat "$dir/server.log" >&2 2>/dev/null
        pg_standby_stop; return 1
    fi
    # Only now make it synchronous: before the standby streams, every commit on the primary would wait.
    if ! _pg_cluster_psql postgres -c "ALTER SYSTEM SET synchronous_standby_names = '\"$name\"'" \
            -c "ALTER SYSTEM SET synchronous_commit = 'on'" -c "SELECT pg_reload_conf()" >/dev/null; then
        _pg_standby_err "could not make the standby synchronous"; pg_standby_stop; return 1
    fi
    local i state=''
    for ((i = 0; i < 100; i++)); do
        state=$(_pg_cluster_psql postgres -Atc \
            "SELECT sync_state FROM pg_stat_replication WHERE application_name = '$name' AND state = 'streaming'") || state=''
        [ "$state" = sync ] && return 0
        sleep 0.2
    done
    _pg_standby_err "the standby did not become synchronous (sync_state '${state:-none}')"
    cat "$dir/server.log" >&2 2>/dev/null
    pg_standby_stop
    return 1
}

# The standby's libpq URL for database $1 (the primary's databases are all there), user $2 (the superuser).
pg_standby_url() {
    printf 'postgresql:///%s?host=%s&user=%s\n' "$(_pg_cluster_urlencode "$1")" \
        "$(_pg_cluster_urlencode "$PG_STANDBY_DIR")" "$(_pg_cluster_urlencode "${2:-$PG_CLUSTER_SUPERUSER}")"
}

# Promotes the standby and waits (at most 60 s) until it takes writes.
pg_standby_promote() {
    [ -n "${PG_STANDBY_DIR:-}" ] || { _pg_standby_err "no standby"; return 1; }
    _pg_cluster_as_owner "$PG_CLUSTER_BIN/pg_ctl" -D "$PG_STANDBY_DIR/data" -w -t 60 promote >/dev/null ||
        { _pg_standby_err "promotion failed:"; tail -n 20 "$PG_STANDBY_DIR/server.log" >&2; return 1; }
    [ "$(_pg_standby_psql postgres -Atc 'SELECT pg_is_in_recovery()')" = f ] ||
        { _pg_standby_err "still in recovery after promotion"; return 1; }
}

# Stops the standby (fast) and removes its folder. Harmless when none runs. If the primary is still up,
# it is made asynchronous first, so its next commits do not wait for a standby that is gone.
pg_standby_stop() {
    local dir=${_PG_STANDBY_OWNED:-}
    [ -n "$dir" ] || return 0
    if [ -n "${PG_CLUSTER_DIR:-}" ] && [ -f "$PG_CLUSTER_DIR/data/postmaster.pid" ]; then
        _pg_cluster_psql postgres -c "ALTER SYSTEM RESET synchronous_standby_names" -c "SELECT pg_reload_conf()" \
            >/dev/null 2>&1 || true
    fi
    if [ -f "$dir/data/postmaster.pid" ]; then
        if ! _pg_cluster_as_owner "$PG_CLUSTER_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
            local pid i
            pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null) || pid=''
            if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
                kill -QUIT "$pid" 2>/dev/null
                for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            fi
        fi
    fi
    rm -rf -- "$dir"
    unset _PG_STANDBY_OWNED
    if [ "${PG_STANDBY_DIR:-}" = "$dir" ]; then unset PG_STANDBY_DIR PG_STANDBY_NAME; fi
    return 0
}
