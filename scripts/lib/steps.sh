# Sourced by the set-up scripts (scripts/bootstrap, run-demo, test, lock, .ci/run).
# Every failing command stops the script with a Norwegian message naming the step that failed
# and how to fix it, never silently:
#
#   source "$(dirname "$0")/lib/steps.sh"
#   step "Installere Python-pakkene" "Sjekk nettverket mot PyPI og kjør scripts/bootstrap igjen."
#   ...commands...
#
# `step NAME HINT` names what the following commands do; the ERR trap prints NAME, the failing
# command, its line and exit code, and HINT. Works under `set -Eeuo pipefail` (set here).
set -Eeuo pipefail

STEP="oppstart"
HINT=""
SCRIPT="${SCRIPT:-$(basename "$0")}"

step() {
  STEP="$1"
  HINT="${2:-}"
  if [ "${STEPS_QUIET:-0}" != 1 ]; then echo "[$SCRIPT] $STEP" >&2; fi
}

# die MESSAGE [HINT]: stop now with a message (for checks that are not a failing command).
die() {
  trap - ERR
  {
    echo
    echo "FEIL i $SCRIPT, steget «$STEP»: $1"
    if [ -n "${2:-$HINT}" ]; then echo "Slik retter du det: ${2:-$HINT}"; fi
  } >&2
  exit 1
}

_steps_on_error() {
  local rc=$1 line=$2 cmd=$3
  trap - ERR
  {
    echo
    echo "FEIL i $SCRIPT, steget «$STEP»: kommandoen «$cmd» (linje $line) avsluttet med kode $rc."
    if [ -n "$HINT" ]; then echo "Slik retter du det: $HINT"; fi
  } >&2
  exit "$rc"
}
trap '_steps_on_error $? $LINENO "$BASH_COMMAND"' ERR
