#!/usr/bin/env bash
# A private, throwaway PostgreSQL server for the engine tests.
#
#   postgres_server.sh install   install PostgreSQL from Debian's packages if missing
#   postgres_server.sh start     initdb + start a cluster in PG_DIR, create the
#                                project's database and roles
#   postgres_server.sh stop      stop the cluster (no-op when it is not running)
#
# The cluster listens on 127.0.0.1:$DBT_POSTGRES_PORT only (default 55432) with
# its socket inside PG_DIR, so it never touches a system PostgreSQL. Roles:
#   $DBT_POSTGRES_USER (default dbt)       owns the database, runs dbt and loads raw data
#   $BI_READER_ROLE    (default bi_reader) logs in with $BI_READER_PASSWORD; gets
#                                          nothing but what dbt's grants give it
# Passwords default to the role names: this cluster is local and temporary.
set -euo pipefail

PG_DIR=${PG_DIR:?set PG_DIR to the folder that holds the cluster}
PORT=${DBT_POSTGRES_PORT:-55432}
DB_USER=${DBT_POSTGRES_USER:-dbt}
DB_PASSWORD=${DBT_POSTGRES_PASSWORD:-dbt}
DB_NAME=${DBT_POSTGRES_DBNAME:-saas_retention}
BI_ROLE=${BI_READER_ROLE:-bi_reader}
BI_PASSWORD=${BI_READER_PASSWORD:-bi_reader}

pg_bin_dir() {
    # Newest installed server version (Debian keeps binaries per version).
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -z $dir && -x "$(command -v pg_ctl)" ]]; then
        dir=$(dirname "$(command -v pg_ctl)")
    fi
    echo "$dir"
}

# Run a server binary as the cluster owner: the `postgres` user when we are
# root (PostgreSQL refuses to run as root), ourselves otherwise.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

install_server() {
    if [[ -n $(pg_bin_dir) && -x "$(pg_bin_dir)/initdb" ]]; then
        echo "PostgreSQL found in $(pg_bin_dir)"
        return
    fi
    if [[ $(id -u) -ne 0 ]]; then
        echo "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)" >&2
        exit 1
    fi
    echo "Installing PostgreSQL from Debian's packages"
    # Only the binaries: no system cluster created and started on port 5432.
    mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" >>/etc/postgresql-common/createcluster.conf
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-confold postgresql >/dev/null
}

psql_admin() {
    "$(pg_bin_dir)/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR/socket" -p "$PORT" -U postgres "$@"
}

start_server() {
    local bin
    bin=$(pg_bin_dir)
    mkdir -p "$PG_DIR/socket"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R postgres: "$PG_DIR"
    fi
    if ! as_owner test -w "$PG_DIR"; then
        echo "The cluster owner cannot write $PG_DIR: every folder above it must be searchable (chmod a+x)" >&2
        exit 1
    fi
    if [[ ! -f $PG_DIR/data/PG_VERSION ]]; then
        as_owner "$bin/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 --locale=C \
            --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$PG_DIR/initdb.log"
    fi
    as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PG_DIR/socket -c fsync=off" start >/dev/null
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (data in $PG_DIR/data)"
    psql_admin -d postgres -v user="$DB_USER" -v password="$DB_PASSWORD" -v bi_role="$BI_ROLE" \
        -v bi_password="$BI_PASSWORD" -v dbname="$DB_NAME" <<'SQL'
select format('create role %I login password %L', :'user', :'password')
where not exists (select from pg_roles where rolname = :'user') \gexec
select format('create role %I login password %L', :'bi_role', :'bi_password')
where not exists (select from pg_roles where rolname = :'bi_role') \gexec
select format('create database %I owner %I', :'dbname', :'user')
where not exists (select from pg_database where datname = :'dbname') \gexec
SQL
}

stop_server() {
    if [[ -f $PG_DIR/data/postmaster.pid ]]; then
        as_owner "$(pg_bin_dir)/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null
        echo "PostgreSQL stopped"
    fi
}

case ${1:-} in
    install) install_server ;;
    start) start_server ;;
    stop) stop_server ;;
    *)
        echo "usage: $0 install|start|stop" >&2
        exit 2
        ;;
esac
