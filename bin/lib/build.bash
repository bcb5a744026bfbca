# Shared by the commands in bin/ (sourced, not run): the JDK to run with, and whether a
# build is older than its sources.

# JDK 25.0.3's C2 compiler crashed the JVM (SIGSEGV in ConnectionGraph::reduce_phi_on_castpp_field_load,
# escape analysis' allocation-merge reduction) compiling the ADQL parser's error handler: every JVM
# that runs the service switches that optimisation off. The tests' JVMs do too (pom.xml).
# shellcheck disable=SC2034
JVM_WORKAROUNDS="-XX:+UnlockDiagnosticVMOptions -XX:-ReduceAllocationMerges"

# Debian's Maven still calls sun.misc.Unsafe, which JDK 24+ warns about on every build.
export MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}

java_version() { # the feature release of the JDK in $1, e.g. 25
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    awk -F' = ' '/java.specification.version/ { print $2 }' | cut -d. -f1
}

find_jdk() { # JAVA_HOME when it is a JDK >= 25, else one from /usr/lib/jvm
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_version "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
    echo "$JAVA_HOME"
    return
  fi
  local jdk
  for jdk in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25*; do
    [ -x "$jdk/bin/javac" ] && { echo "$jdk"; return; }
  done
  echo "$(basename "$0"): no JDK 25 found: set JAVA_HOME or install one (e.g. temurin-25-jdk)" >&2
  return 1
}

stale() { # stale BUILT PATH...: true when BUILT is missing or a source or pom.xml under a PATH is newer
  local built=$1
  shift
  [ ! -f "$built" ] && return 0
  # stress-tests talks to the service over HTTP and is no part of what runs.
  [ -n "$(find "$@" \( -name target -o -name .git -o -name node_modules -o -name stress-tests \) -prune -o \
    \( -path '*/src/*' -o -name pom.xml \) -type f -newer "$built" -print -quit)" ]
}
