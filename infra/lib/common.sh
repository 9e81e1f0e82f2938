# shellcheck shell=bash
# Shared helpers for infra/stack: paths, messages, pid files, readiness polling, Maven.
# Sourced, not executed.

REPO_ROOT="$(cd "$STACK_HOME/.." && pwd)"
CACHE_DIR="$REPO_ROOT/.cache"
STATE_DIR="$REPO_ROOT/.stack"
M2_REPO="$CACHE_DIR/m2"
MAVEN_DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

DEFAULT_BROKERS="127.0.0.1:9092"
DEFAULT_REGISTRY_URL="http://127.0.0.1:8081/apis/ccompat/v7"
READY_TIMEOUT="${EVENTC_STACK_TIMEOUT:-180}"
POLL_INTERVAL=0.25

say() { printf 'stack: %s\n' "$*"; }
warn() { printf 'stack: warning: %s\n' "$*" >&2; }
die() {
  printf 'stack: error: %s\n' "$*" >&2
  exit 1
}

# Serialise concurrent up/down calls (e.g. a test run and a developer's terminal).
with_lock() {
  mkdir -p "$STATE_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$STATE_DIR/.lock"
    flock -w 600 9 || die "another infra/stack command holds $STATE_DIR/.lock"
  fi
}

# --- processes --------------------------------------------------------------------

# Every process started here carries eventc.stack=<name> on its command line (a JVM as
# -Deventc.stack=<name>, PostgreSQL as its cluster_name); a pid only counts as ours when it
# is alive AND its command line carries that marker (guards against pid reuse).
proc_is_ours() {
  local pid="$1" name="$2"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "eventc.stack=$name "
}

# Prints the live pid recorded in the pid file, or nothing (removing a stale file).
read_live_pid() {
  local pidfile="$1" name="$2" pid
  [[ -f "$pidfile" ]] || return 0
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if proc_is_ours "$pid" "$name"; then
    echo "$pid"
  else
    rm -f "$pidfile"
  fi
}

# start_detached PIDFILE LOGFILE CMD...: runs CMD in its own session (so a Ctrl-C in the
# terminal that ran `up` does not reach it), stdout+stderr to LOGFILE, pid to PIDFILE.
start_detached() {
  local pidfile="$1" logfile="$2"
  shift 2
  : >"$logfile"
  # The inner shell records its own pid and then execs the JVM, so the pid is the JVM's.
  # fd 9 (the lock of with_lock) is closed so the JVM does not keep holding the lock.
  # shellcheck disable=SC2016 # $$ and $@ expand in the inner shell
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.05
  done
  die "could not start $1 (no pid file $pidfile)"
}

# stop_pid PIDFILE NAME: SIGTERM (or $STOP_SIGNAL), wait up to 60 s for the exit, then SIGKILL.
stop_pid() {
  local pidfile="$1" name="$2" signal="${STOP_SIGNAL:-TERM}" pid i
  pid="$(read_live_pid "$pidfile" "$name")"
  if [[ -z "$pid" ]]; then
    say "$name: not running"
    return 0
  fi
  say "$name: stopping pid $pid"
  kill -"$signal" "$pid" 2>/dev/null || true
  for ((i = 0; i < 240; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep "$POLL_INTERVAL"
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name: pid $pid ignored SIG$signal for 60s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep "$POLL_INTERVAL"; done
  fi
  rm -f "$pidfile"
  say "$name: stopped"
}

# --- readiness --------------------------------------------------------------------

tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# http_ok URL: true when GET URL answers 200. Uses curl, or Node when curl is absent.
http_ok() {
  if command -v curl >/dev/null 2>&1; then
    [[ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null)" == 200 ]]
  else
    node -e 'fetch(process.argv[1],{signal:AbortSignal.timeout(5000)}).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))' "$1"
  fi
}

# wait_until NAME PIDFILE LOGFILE CHECK-FUNCTION: polls CHECK until it succeeds, the
# process dies, or READY_TIMEOUT passes. Prints the log tail on failure.
wait_until() {
  local name="$1" pidfile="$2" logfile="$3" check="$4" deadline=$((SECONDS + READY_TIMEOUT))
  while ! "$check"; do
    if [[ -z "$(read_live_pid "$pidfile" "$name")" ]]; then
      tail -n 40 "$logfile" >&2 || true
      die "$name exited during start-up (log: $logfile)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 40 "$logfile" >&2 || true
      die "$name not ready after ${READY_TIMEOUT}s (log: $logfile; raise EVENTC_STACK_TIMEOUT?)"
    fi
    sleep "$POLL_INTERVAL"
  done
}

port_must_be_free() {
  local name="$1" port="$2"
  if tcp_open 127.0.0.1 "$port"; then
    die "$name: port 127.0.0.1:$port is already taken by a process this script did not start (find it with: ss -ltnp 'sport = :$port')"
  fi
}

# foreign_ready NAME PORT CHECK: true when PORT is taken by a process not started from this
# checkout and CHECK passes, i.e. a healthy instance (say, another checkout's stack) already
# serves it; `up` then uses it and `down` leaves it alone.
foreign_ready() {
  local name="$1" port="$2" check="$3"
  tcp_open 127.0.0.1 "$port" && "$check" || return 1
  warn "$name: 127.0.0.1:$port is already served by a process not started from $REPO_ROOT; using it (this checkout's down will not stop it)"
}

# --- Maven --------------------------------------------------------------------------

require_mvn() {
  command -v mvn >/dev/null 2>&1 ||
    die "Maven (mvn) not found; it fetches Kafka and the registry from Maven Central. Install it (Debian: apt-get install maven)."
}

# mvn_fetch ARGS...: runs Maven against the project-local repository .cache/m2, offline
# first (no network when everything is cached), online only when something is missing.
mvn_fetch() {
  require_mvn
  mkdir -p "$M2_REPO"
  if mvn -B -q -o -Dmaven.repo.local="$M2_REPO" "$@" >/dev/null 2>&1; then
    return 0
  fi
  # Maven 3.8 prints colour resets even in batch mode; strip them (pipefail keeps its status).
  mvn -B -q -Dmaven.repo.local="$M2_REPO" "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
  return "${PIPESTATUS[0]}"
}
