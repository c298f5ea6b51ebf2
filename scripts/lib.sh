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

# Debian's nginx, the proxy of scripts/cluster and of the several-node tests and benchmark (its own service is not started).
ensure_nginx() {
    if [ -n "${WAITWISE_NGINX:-}" ] || [ -x /usr/sbin/nginx ]; then return; fi
    echo "Installing nginx..."
    apt_install nginx
}

ensure_dotnet() {
    if command -v dotnet >/dev/null 2>&1; then return; fi
    echo "The .NET 10 SDK is required (https://dotnet.microsoft.com/download)." >&2
    exit 1
}

# The first port from $1 up that nothing on 127.0.0.1 listens on.
free_port() {
    local port=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    echo "$port"
}

# In Development with no SMTP server configured: smtp4dev (from the repository's tool manifest) catches every e-mail
# WaitWise sends and shows it on a web page; WaitWise is pointed at it. Stopped when the calling script exits.
start_mail_catcher() {
    if [ "${ASPNETCORE_ENVIRONMENT:-}" != "Development" ] || [ -n "${WaitWise__Email__Host:-}" ]; then return; fi
    dotnet tool restore >/dev/null
    local smtp web
    smtp=$(free_port 2525)
    web=$(free_port 5080)
    mkdir -p .data
    dotnet tool run smtp4dev -- --urls "http://127.0.0.1:$web" --smtpport "$smtp" --imapport "" --pop3port "" \
        --db "" --nousersettings >.data/smtp4dev.log 2>&1 &
    MAIL_CATCHER_PID=$!
    trap 'kill "$MAIL_CATCHER_PID" 2>/dev/null || true' EXIT
    export WaitWise__Email__Host=127.0.0.1 WaitWise__Email__Port="$smtp" WaitWise__Email__Security=None
    export WaitWise__Email__From="${WaitWise__Email__From:-queue@waitwise.test}"
    echo "Mail catcher (smtp4dev): every e-mail WaitWise sends is at http://localhost:$web (SMTP on port $smtp)."
}
