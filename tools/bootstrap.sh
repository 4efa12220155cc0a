#!/usr/bin/env bash
# Make this machine able to run AgentDesk from source: uv, the locked environment,
# and the system libraries Qt needs. Used by `make demo` and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'bootstrap: %s\n' "$*" >&2; }

find_uv() {
    if command -v uv >/dev/null 2>&1; then command -v uv; return; fi
    for c in "$HOME/.local/bin/uv" ".tools/bin/uv"; do
        [ -x "$c" ] && { echo "$c"; return; }
    done
    return 1
}

# Qt's platform plugins load these at run time; a minimal Debian image lacks some.
qt_libs=(libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0)
if command -v dpkg >/dev/null 2>&1; then
    missing=()
    for p in "${qt_libs[@]}"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        if [ "$(id -u)" = 0 ]; then
            say "installing Qt system libraries: ${missing[*]}"
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
                apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
        else
            say "Qt needs system libraries that are missing. Run:"
            say "  sudo apt-get install -y ${missing[*]}"
            exit 1
        fi
    fi
fi

# The server's tests run on a throwaway PostgreSQL cluster; under CI they must not skip,
# so CI installs the server binaries when the machine lacks them.
have_postgres() {
    command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ] && return 0
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}
if [ "${CI:-}" = "true" ] && ! have_postgres; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing PostgreSQL server binaries for the tests"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    else
        say "CI needs PostgreSQL server binaries (initdb). Run: sudo apt-get install -y postgresql"
        exit 1
    fi
fi

if ! uv=$(find_uv); then
    say "uv not found; installing it into .tools/ with pip"
    if ! python3 -m venv .tools >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
                apt-get install -y -qq --no-install-recommends python3-venv python3-pip >/dev/null
            rm -rf .tools && python3 -m venv .tools
        else
            say "python3 cannot create a virtual environment. Run:"
            say "  sudo apt-get install -y python3-venv   (or install uv: pip install --user uv)"
            exit 1
        fi
    fi
    .tools/bin/python -m pip install -q --disable-pip-version-check uv
    uv=.tools/bin/uv
fi

"$uv" sync --frozen --all-extras --quiet
echo "$uv"
