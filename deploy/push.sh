#!/bin/sh
# Brings the releases a CI runner built onto the web server and makes them live there, atomically.
#
#   deploy/push.sh state FILE     copy the server's state.json (each live unit's release) to FILE,
#                                 for `cchc publish --remote-state FILE` (no rebuild of what is live);
#                                 `{}` only when the server has nothing live yet. A server SSH cannot
#                                 reach is an error [server-unreachable], before anything is built.
#   deploy/push.sh push DIR       rsync every release DIR/<unit>/current points at into the server's
#                                 DEST/.inbox/<unit>/<release>/, then, on the server, under its lock:
#                                 `cchc activate` (each release checked against its manifest, moved
#                                 in by one rename, `current` switched, units.map rebuilt), then
#                                 `nginx -t` and a reload
#
# Everything a push does on the server happens under the server's lock (DEST/.lock, the lock
# `cchc activate` takes): each copy runs under `flock` and creates its inbox folders itself
# (rsync --mkpath), so another shard's activation, which removes empty inbox folders, can never
# remove a folder a copy is writing into, nor meet a release half-copied.
#
# Settings (environment):
#   CCHC_SERVER   the web server as an ssh target (user@host, or user@host:port); empty: this machine
#   CCHC_SSH_PORT the server's SSH port (default 22; the host:port form wins)
#   CCHC_SSH_DIR  a folder with the key (id_ed25519) and known_hosts to use (default: ssh's own)
#   CCHC_DEST     the destination on the server (default /srv/cchc)
#   CCHC_REMOTE   the cchc command on the server (default /opt/cchc/.venv/bin/cchc)
#   CCHC_WAIT     seconds to wait for the server's lock (default 900)
#   CCHC_RELOAD   run on the server after activation
#                 (default: sudo nginx -t -c /etc/cchc/nginx.conf && sudo nginx -s reload -c /etc/cchc/nginx.conf)
#
# A copy cut short leaves an incomplete release in the inbox: `cchc activate` refuses it (its
# manifest does not match), keeps the live site, and the next push completes the copy.
set -eu

server=${CCHC_SERVER:-}
port=${CCHC_SSH_PORT:-}
dest=${CCHC_DEST:-/srv/cchc}
remote=${CCHC_REMOTE:-/opt/cchc/.venv/bin/cchc}
wait=${CCHC_WAIT:-900}
reload=${CCHC_RELOAD:-"sudo nginx -t -q -c /etc/cchc/nginx.conf && sudo nginx -s reload -c /etc/cchc/nginx.conf"}

case $server in
*:*:*) ;;  # an IPv6 address: its port goes in CCHC_SSH_PORT
*:*) port=${server##*:}; server=${server%:*} ;;
esac
case $port in
*[!0-9]*)
    echo "LỖI [bad-ssh-port]: cổng SSH «$port» (CCHC_SERVER hoặc CCHC_SSH_PORT) không phải một số." >&2
    exit 2
    ;;
esac

ssh_command="ssh -o BatchMode=yes -o ConnectTimeout=30${port:+ -p $port}"
if [ -n "${CCHC_SSH_DIR:-}" ]; then
    ssh_command="$ssh_command -o IdentitiesOnly=yes -i $CCHC_SSH_DIR/id_ed25519 -o UserKnownHostsFile=$CCHC_SSH_DIR/known_hosts"
fi
where="$server${port:+ (cổng $port)}"

# Runs $1 on the server. SSH's own failure (exit 255: no route, refused, key or host key refused)
# is named as the server being unreachable, with SSH's words, never taken for the command's answer.
on_server() {
    if [ -z "$server" ]; then sh -c "$1"; return; fi
    status=0
    $ssh_command "$server" "$1" 2>"${TMPDIR:-/tmp}/cchc-ssh.$$" || status=$?
    if [ "$status" -eq 255 ]; then
        echo "LỖI [server-unreachable]: không vào được máy chủ web $where qua SSH: $(cat "${TMPDIR:-/tmp}/cchc-ssh.$$")" >&2
    else
        cat "${TMPDIR:-/tmp}/cchc-ssh.$$" >&2
    fi
    rm -f "${TMPDIR:-/tmp}/cchc-ssh.$$"
    return "$status"
}

# Copies the release folder $1 into the server's $2, under the server's lock.
copy_in() {
    if [ -z "$server" ]; then
        mkdir -p "$dest"
        flock -w "$wait" "$dest/.lock" rsync -a --delete --mkpath "$1" "$2"
        return
    fi
    status=0
    rsync -a --delete --mkpath -e "$ssh_command" \
        --rsync-path="mkdir -p '$dest' && flock -w $wait '$dest/.lock' rsync" "$1" "$server:$2" || status=$?
    if [ "$status" -eq 255 ]; then
        echo "LỖI [server-unreachable]: mất kết nối tới máy chủ web $where khi chép $1" >&2
    fi
    return "$status"
}

case "${1:-}" in
state)
    out=${2:?"cách dùng: deploy/push.sh state TỆP"}
    # {} only for a destination with no state.json yet: the first night, nothing live.
    on_server "if [ -f '$dest/state.json' ]; then cat '$dest/state.json'; else echo '{}'; fi" > "$out.part"
    mv "$out.part" "$out"
    ;;
push)
    local_dest=${2:?"cách dùng: deploy/push.sh push THƯ_MỤC"}
    pushed=0
    for current in "$local_dest"/*/current; do
        [ -L "$current" ] || continue
        unit=$(basename "$(dirname "$current")")
        release=$(basename "$(readlink "$current")")
        copy_in "$local_dest/$unit/releases/$release/" "$dest/.inbox/$unit/$release/"
        pushed=$((pushed + 1))
    done
    echo "Đã chép $pushed bản lên máy chủ; đang đăng."
    on_server "$remote activate --dest '$dest' --wait $wait && $reload"
    ;;
*)
    echo "cách dùng: deploy/push.sh state TỆP | deploy/push.sh push THƯ_MỤC" >&2
    exit 2
    ;;
esac
