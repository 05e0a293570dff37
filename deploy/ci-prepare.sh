#!/bin/sh
# The first step of a nightly publishing job (deploy/gitlab-ci.yml, deploy/github-publish.yml), before
# anything is built. Each part stops the job with a message that names its cause:
#
#   1. rsync, ssh and flock, from Debian's packages when missing. Each apt-get step is checked on
#      its own, and waits for apt's lock (eight jobs may share one host)         [install-failed]
#   2. the web server (CCHC_SERVER), its SSH key (CCHC_SSH_KEY) and host key (CCHC_KNOWN_HOSTS),
#      from the CI variables, written for ssh        [missing-server] [missing-ssh-key] [missing-known-hosts]
#
# Then `deploy/push.sh state state.json` asks the server what is live; a server SSH cannot reach
# fails there, named [server-unreachable], still before any build.
#
# Settings (environment): CCHC_SERVER, CCHC_SSH_KEY, CCHC_KNOWN_HOSTS (the CI variables);
# CCHC_SSH_DIR, where the key and known_hosts go (default ~/.ssh); CCHC_APT_WAIT, seconds to
# wait for apt's lock (default 300).
set -eu

fail() {
    echo "LỖI [$1]: $2" >&2
    exit 1
}

apt_step() {
    log=$(mktemp)
    if ! flock -w "$apt_wait" /var/lock/cchc-apt.lock \
        env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout="$apt_wait" "$@" >"$log" 2>&1; then
        tail -n 5 "$log" >&2
        rm -f "$log"
        fail install-failed "không cài được$missing: «apt-get $*» thất bại (xem các dòng trên)."
    fi
    rm -f "$log"
}

missing=""
command -v rsync >/dev/null 2>&1 || missing="$missing rsync"
command -v ssh >/dev/null 2>&1 || missing="$missing openssh-client"
command -v flock >/dev/null 2>&1 || fail install-failed "thiếu lệnh flock (gói util-linux) trên máy chạy."
if [ -n "$missing" ]; then
    apt_wait=${CCHC_APT_WAIT:-300}
    echo "Cài$missing từ kho gói Debian."
    apt_step update
    apt_step install -y --no-install-recommends $missing
fi

[ -n "${CCHC_SERVER:-}" ] || fail missing-server "biến CI/CD CCHC_SERVER trống: đặt máy chủ web (người_dùng@máy hoặc người_dùng@máy:cổng)."
[ -n "${CCHC_SSH_KEY:-}" ] || fail missing-ssh-key "biến CI/CD CCHC_SSH_KEY trống: đặt khoá SSH riêng được phép chạy cchc trên máy chủ web."
[ -n "${CCHC_KNOWN_HOSTS:-}" ] || fail missing-known-hosts "biến CI/CD CCHC_KNOWN_HOSTS trống: đặt dòng «ssh-keyscan» của máy chủ web."
ssh_dir=${CCHC_SSH_DIR:-$HOME/.ssh}
install -m 700 -d "$ssh_dir"
# each written whole, then renamed: jobs sharing one host never read another's half-written file
(umask 077 && printf '%s\n' "$CCHC_SSH_KEY" > "$ssh_dir/id_ed25519.$$" && mv "$ssh_dir/id_ed25519.$$" "$ssh_dir/id_ed25519")
printf '%s\n' "$CCHC_KNOWN_HOSTS" > "$ssh_dir/known_hosts.$$" && mv "$ssh_dir/known_hosts.$$" "$ssh_dir/known_hosts"
echo "Khoá SSH của máy chủ web $CCHC_SERVER: đã đặt."
