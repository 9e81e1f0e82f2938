# shellcheck shell=bash
# PostgreSQL for infra/stack: the server from Debian's packages (apt-get install postgresql),
# a cluster of its own under .stack/postgres, run as an unprivileged user on a project port
# and reached over TCP on 127.0.0.1 only (trust authentication, user and database `eventc`).
# It backs the runtime's PostgreSQL inbox and outbox (eventc/runtime/postgres). Sourced, not
# executed.

POSTGRES_PORT="${EVENTC_POSTGRES_PORT:-55432}"
POSTGRES_STATE="$STATE_DIR/postgres"
POSTGRES_LOG="$POSTGRES_STATE/postgres.log"
POSTGRES_PID="$POSTGRES_STATE/postgres.pid"
DEFAULT_POSTGRES_URL="postgres://eventc@127.0.0.1:55432/eventc"

# The bin directory of the newest PostgreSQL installed (EVENTC_POSTGRES_BIN overrides).
postgres_bin() {
  if [[ -n "${EVENTC_POSTGRES_BIN:-}" ]]; then
    [[ -x "$EVENTC_POSTGRES_BIN/postgres" ]] || die "postgres: no postgres binary in EVENTC_POSTGRES_BIN=$EVENTC_POSTGRES_BIN"
    echo "$EVENTC_POSTGRES_BIN"
    return
  fi
  local dir
  dir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$dir" && -x "$dir/postgres" ]] ||
    die "postgres: PostgreSQL is not installed (Debian: apt-get update && apt-get install -y postgresql)"
  echo "$dir"
}

# The account the server runs as: PostgreSQL refuses root, so root runs it as Debian's
# `postgres` user (created by the package); anyone else runs it as themselves.
postgres_user() {
  if [[ $(id -u) != 0 ]]; then
    id -un
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    die "postgres: running as root, and there is no unprivileged 'postgres' user (the Debian package creates it)"
  fi
}

# The command prefix that runs a program as the server's account: setpriv execs in place, so
# a recorded pid is the program's own (runuser and su would stay in between).
as_postgres_prefix() {
  AS_POSTGRES=()
  if [[ $(id -u) == 0 ]]; then
    local user
    user="$(postgres_user)"
    AS_POSTGRES=(setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups --)
  fi
}

as_postgres() {
  as_postgres_prefix
  "${AS_POSTGRES[@]}" "$@"
}

# The data directory: .stack/postgres/data when the server's account can reach it, else a
# directory of this checkout under /var/tmp (a repository under a root-only home).
postgres_data() {
  local data="$POSTGRES_STATE/data"
  if [[ -f "$POSTGRES_STATE/data-dir" ]]; then
    cat "$POSTGRES_STATE/data-dir"
    return
  fi
  mkdir -p "$POSTGRES_STATE"
  if [[ $(id -u) == 0 ]] && ! as_postgres test -x "$POSTGRES_STATE"; then
    data="/var/tmp/eventc-stack-$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)/postgres"
  fi
  echo "$data" >"$POSTGRES_STATE/data-dir"
  echo "$data"
}

# Creates the cluster once; later starts reuse it (tables survive down/up).
postgres_init() {
  local bin="$1" data="$2"
  [[ -f "$data/PG_VERSION" ]] && return 0
  mkdir -p "$data"
  if [[ $(id -u) == 0 ]]; then chown "$(postgres_user):" "$data"; fi
  chmod 700 "$data"
  as_postgres "$bin/initdb" -D "$data" --username=eventc --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 >"$POSTGRES_STATE/initdb.log" 2>&1 ||
    die "postgres: initdb failed (log: $POSTGRES_STATE/initdb.log)"
  say "postgres: created a cluster in $data"
}

postgres_port_ready() { tcp_open 127.0.0.1 "$POSTGRES_PORT"; }

postgres_ready() {
  grep -q "database system is ready to accept connections" "$POSTGRES_LOG" 2>/dev/null &&
    postgres_port_ready
}

postgres_up() {
  if [[ -n "$(read_live_pid "$POSTGRES_PID" postgres)" ]]; then
    say "postgres: already running (pid $(cat "$POSTGRES_PID")) on 127.0.0.1:$POSTGRES_PORT"
    return 0
  fi
  local bin data t0=$SECONDS
  bin="$(postgres_bin)"
  foreign_ready postgres "$POSTGRES_PORT" postgres_port_ready && return 0
  port_must_be_free postgres "$POSTGRES_PORT"
  data="$(postgres_data)"
  postgres_init "$bin" "$data"
  say "postgres: starting PostgreSQL $("$bin/postgres" --version | awk '{print $3}') as $(postgres_user)"
  as_postgres_prefix
  # cluster_name carries the marker proc_is_ours looks for; no Unix socket, TCP on loopback.
  start_detached "$POSTGRES_PID" "$POSTGRES_LOG" "${AS_POSTGRES[@]}" "$bin/postgres" -D "$data" \
    -p "$POSTGRES_PORT" -c listen_addresses=127.0.0.1 -c unix_socket_directories= \
    -c max_connections=200 -c cluster_name=eventc.stack=postgres -c logging_collector=off
  wait_until postgres "$POSTGRES_PID" "$POSTGRES_LOG" postgres_ready
  "$bin/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U eventc -d postgres -qAt \
    -c "SELECT 1 FROM pg_database WHERE datname = 'eventc'" | grep -q 1 ||
    "$bin/createdb" -h 127.0.0.1 -p "$POSTGRES_PORT" -U eventc eventc ||
    die "postgres: could not create the database eventc"
  say "postgres: ready on 127.0.0.1:$POSTGRES_PORT (pid $(cat "$POSTGRES_PID"), $((SECONDS - t0))s)"
}

# A fast shutdown (SIGINT): open sessions are ended, where SIGTERM would wait for them.
postgres_down() { STOP_SIGNAL=INT stop_pid "$POSTGRES_PID" postgres; }

postgres_status() {
  local pid
  pid="$(read_live_pid "$POSTGRES_PID" postgres)"
  if [[ -z "$pid" ]] && postgres_port_ready; then
    say "postgres: not started from here, but 127.0.0.1:$POSTGRES_PORT is served by another process"
  elif [[ -z "$pid" ]]; then
    say "postgres: stopped"
    return 1
  elif postgres_ready; then
    say "postgres: running (pid $pid) on 127.0.0.1:$POSTGRES_PORT, data $(postgres_data), log $POSTGRES_LOG"
  else
    say "postgres: starting (pid $pid), log $POSTGRES_LOG"
    return 1
  fi
}

postgres_clean() {
  local data
  data="$(postgres_data)"
  [[ "$data" == /var/tmp/eventc-stack-* ]] && rm -rf "$(dirname "$data")"
  return 0
}
