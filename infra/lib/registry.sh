# shellcheck shell=bash
# Apicurio Registry 3.x for infra/stack: the Quarkus app attached to
# io.apicurio:apicurio-registry-app on Maven Central, run with in-memory (H2) storage
# and the Confluent-compatible API at /apis/ccompat/v7. Sourced, not executed.

APICURIO_VERSION="3.3.3"
REGISTRY_PORT="${EVENTC_REGISTRY_PORT:-8081}"
# Quarkus' management interface (health checks) defaults to 9000; keep it off that port.
REGISTRY_MGMT_PORT="${EVENTC_REGISTRY_MGMT_PORT:-$((REGISTRY_PORT + 1000))}"
REGISTRY_STATE="$STATE_DIR/registry"
REGISTRY_LOG="$REGISTRY_STATE/registry.log"
REGISTRY_PID="$REGISTRY_STATE/registry.pid"
REGISTRY_HEAP="${EVENTC_REGISTRY_HEAP:--Xms128m -Xmx512m}"

registry_app() { echo "$CACHE_DIR/apicurio/$APICURIO_VERSION"; }

registry_fetch() {
  local app tarball download="$CACHE_DIR/apicurio/download"
  app="$(registry_app)"
  [[ -f "$app/.complete" ]] && return 0
  say "registry: fetching Apicurio Registry $APICURIO_VERSION (about 160 MB) with Maven"
  rm -rf "$app" "$download"
  mkdir -p "$app" "$download"
  # `copy` needs no project; run it where no pom.xml can be picked up by accident.
  (cd "$download" && mvn_fetch "$MAVEN_DEPENDENCY_PLUGIN:copy" \
    -Dartifact="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all" \
    -DoutputDirectory="$download") || die "registry: Maven could not fetch Apicurio Registry"
  tarball="$download/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz"
  [[ -f "$tarball" ]] || die "registry: Maven did not produce $tarball"
  tar -xzf "$tarball" -C "$app" || die "registry: could not unpack $tarball"
  rm -rf "$download" # the tarball stays in the Maven cache .cache/m2
  [[ -f "$app/quarkus-run.jar" ]] || die "registry: no quarkus-run.jar in $app"
  touch "$app/.complete"
}

registry_ready() {
  http_ok "http://127.0.0.1:$REGISTRY_MGMT_PORT/health/ready" &&
    http_ok "http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7/subjects"
}

registry_up() {
  if [[ -n "$(read_live_pid "$REGISTRY_PID" registry)" ]]; then
    say "registry: already running (pid $(cat "$REGISTRY_PID")) on 127.0.0.1:$REGISTRY_PORT"
    return 0
  fi
  local java_bin t0=$SECONDS
  java_bin="$(registry_java)"
  registry_fetch
  foreign_ready registry "$REGISTRY_PORT" registry_ready && return 0
  port_must_be_free registry "$REGISTRY_PORT"
  port_must_be_free registry-management "$REGISTRY_MGMT_PORT"
  mkdir -p "$REGISTRY_STATE"
  say "registry: starting Apicurio Registry $APICURIO_VERSION with $(java_describe "$java_bin")"
  # shellcheck disable=SC2086 # REGISTRY_HEAP holds several JVM options
  start_detached "$REGISTRY_PID" "$REGISTRY_LOG" "$java_bin" $REGISTRY_HEAP \
    -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Deventc.stack=registry \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$REGISTRY_PORT" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$REGISTRY_MGMT_PORT" \
    -Dapicurio.rules.global.compatibility=BACKWARD \
    -jar "$(registry_app)/quarkus-run.jar"
  wait_until registry "$REGISTRY_PID" "$REGISTRY_LOG" registry_ready
  say "registry: ready on http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7 (pid $(cat "$REGISTRY_PID"), $((SECONDS - t0))s)"
}

registry_down() { stop_pid "$REGISTRY_PID" registry; }

registry_status() {
  local pid
  pid="$(read_live_pid "$REGISTRY_PID" registry)"
  if [[ -z "$pid" ]] && registry_ready; then
    say "registry: not started from here, but 127.0.0.1:$REGISTRY_PORT is served by another process"
  elif [[ -z "$pid" ]]; then
    say "registry: stopped"
    return 1
  elif registry_ready; then
    say "registry: running (pid $pid) on http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7, Apicurio $APICURIO_VERSION, log $REGISTRY_LOG"
  else
    say "registry: starting or unhealthy (pid $pid), log $REGISTRY_LOG"
    return 1
  fi
}
