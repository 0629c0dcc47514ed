# Sourced by ./dev-node, ./run-tests, .ci/run and the distribution's bin/aleph4j.
# Exports JAVA_HOME pointing at a JDK 21 or newer, in this order of preference: $JAVA_HOME, the java on
# PATH, the newest JDK under /usr/lib/jvm (these machines have JDK 17 as default and a Temurin 25 beside it).

aleph4j_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]) }'
}

aleph4j_select_jdk() {
  local chosen="" chosen_major=0 candidate major
  for candidate in "${JAVA_HOME:-}" \
      "$(command -v java >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v java)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(aleph4j_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then chosen=$candidate; chosen_major=$major; break; fi
  done
  if [ -z "$chosen" ]; then
    for candidate in /usr/lib/jvm/*; do
      [ -x "$candidate/bin/java" ] || continue
      major=$(aleph4j_java_major "$candidate")
      if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$chosen_major" ]; then
        chosen=$candidate; chosen_major=$major
      fi
    done
  fi
  if [ -z "$chosen" ]; then
    echo "aleph4j needs a JDK 21 or newer: none in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
    echo "Install one (e.g. Temurin 21+) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$chosen" ALEPH4J_JAVA_MAJOR="$chosen_major"
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven's own libraries use sun.misc.Unsafe; JDK 24+ warns about it unless told to allow it.
  if [ "$chosen_major" -ge 24 ]; then
    case " ${MAVEN_OPTS:-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}
