# Shared by scripts/run, scripts/test and .ci/run: install what a fresh machine lacks.
set -euo pipefail

apt_install() {
    local sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    if [ -z "${WAITWISE_APT_UPDATED:-}" ]; then
        $sudo apt-get update -qq
        export WAITWISE_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# PostgreSQL server binaries, unless a server is named in the environment.
ensure_postgres() {
    if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then return; fi
    echo "Installing PostgreSQL server binaries..."
    apt_install postgresql
}

# Debian's Chromium for the browser tests (a test tool's own browser download cannot work offline).
ensure_chromium() {
    if [ -n "${WAITWISE_CHROMIUM:-}" ] || [ -x /usr/bin/chromium ]; then return; fi
    echo "Installing Chromium for the browser tests..."
    apt_install chromium
}

ensure_dotnet() {
    if command -v dotnet >/dev/null 2>&1; then return; fi
    echo "The .NET 10 SDK is required (https://dotnet.microsoft.com/download)." >&2
    exit 1
}
