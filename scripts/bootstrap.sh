#!/usr/bin/env bash
# Sets up linkprospector in a project virtualenv (.venv) on a fresh Debian/Ubuntu machine.
#
#   bash scripts/bootstrap.sh            # the package and its dependencies
#   bash scripts/bootstrap.sh test       # plus the test tools (pytest, ruff)
#
# Works with the distribution's own Python (PEP 668 "externally managed": nothing is
# installed into it) as well as with pyenv or an active virtualenv. PYTHON picks the
# interpreter the venv is made from (default: python3). Installs Debian's python3-venv
# when ensurepip is missing and we are root.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python="${PYTHON:-python3}"
venv="${LINKPROSPECTOR_VENV:-.venv}"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "bootstrap: $python not found; install Python 3.11+ (Debian/Ubuntu: apt-get install python3 python3-venv)" >&2
  exit 2
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "bootstrap: $("$python" -V 2>&1) is too old; linkprospector needs Python 3.11+" >&2
  exit 2
fi
# PYTHON names the interpreter the venv must come from (.ci/install names the
# distribution's): a venv an earlier run made from another one (a pyenv python first on
# PATH, say) is made again, so README command 1 then command 2 tests the route command 2
# promises. Without PYTHON an existing venv is kept, whichever python made it.
if [ -n "${PYTHON:-}" ] && [ -f "$venv/pyvenv.cfg" ]; then
  want="$("$python" -c 'import os, sys; print(os.path.dirname(os.path.realpath(sys.executable)))')"
  have="$(sed -n 's/^home *= *//p' "$venv/pyvenv.cfg" | head -n 1)"
  if [ "$(realpath -m "$have")" != "$want" ]; then
    echo "bootstrap: $venv was made from a Python in $have; making it again from $python" >&2
    rm -rf "$venv"
  fi
fi
if [ ! -x "$venv/bin/python" ]; then
  if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq python3-venv >/dev/null
    else
      echo "bootstrap: $python has no venv/ensurepip; run: sudo apt-get install python3-venv" >&2
      exit 2
    fi
  fi
  "$python" -m venv "$venv"
fi
spec="."
[ -n "$extras" ] && spec=".[$extras]"
"$venv/bin/python" -m pip install -q --disable-pip-version-check -e "$spec"
echo "bootstrap: ready in $venv ($("$venv/bin/python" -V)); run $venv/bin/linkprospector, $venv/bin/scrapy"
