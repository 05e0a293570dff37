#!/bin/sh
# Brings the releases a CI runner built onto the web server and makes them live there, atomically.
#
#   deploy/push.sh state FILE     copy the server's state.json (each live unit's release) to FILE,
#                                 for `cchc publish --remote-state FILE` (no rebuild of what is live)
#   deploy/push.sh push DIR       rsync every release DIR/<unit>/current points at into the server's
#                                 DEST/.inbox/<unit>/<release>/, then, on the server, under its lock:
#                                 `cchc activate` (each release checked against its manifest, moved
#                                 in by one rename, `current` switched, units.map rebuilt), then
#                                 `nginx -t` and a reload
#
# Settings (environment):
#   CCHC_SERVER   the web server as an ssh target (user@host); empty: this machine
#   CCHC_DEST     the destination on the server (default /srv/cchc)
#   CCHC_REMOTE   the cchc command on the server (default /opt/cchc/.venv/bin/cchc)
#   CCHC_RELOAD   run on the server after activation
#                 (default: sudo nginx -t -c /etc/cchc/nginx.conf && sudo nginx -s reload -c /etc/cchc/nginx.conf)
#
# A copy cut short leaves an incomplete release in the inbox: `cchc activate` refuses it (its
# manifest does not match), keeps the live site, and the next push completes the copy.
set -eu

server=${CCHC_SERVER:-}
dest=${CCHC_DEST:-/srv/cchc}
remote=${CCHC_REMOTE:-/opt/cchc/.venv/bin/cchc}
reload=${CCHC_RELOAD:-"sudo nginx -t -q -c /etc/cchc/nginx.conf && sudo nginx -s reload -c /etc/cchc/nginx.conf"}

on_server() {
    if [ -n "$server" ]; then ssh -o BatchMode=yes "$server" "$1"; else sh -c "$1"; fi
}

at_server() {
    if [ -n "$server" ]; then printf '%s:%s' "$server" "$1"; else printf '%s' "$1"; fi
}

case "${1:-}" in
state)
    out=${2:?"cách dùng: deploy/push.sh state TỆP"}
    if ! rsync -q "$(at_server "$dest/state.json")" "$out" 2>/dev/null; then
        echo '{}' > "$out"  # the first night: nothing live yet
    fi
    ;;
push)
    local_dest=${2:?"cách dùng: deploy/push.sh push THƯ_MỤC"}
    pushed=0
    for current in "$local_dest"/*/current; do
        [ -L "$current" ] || continue
        unit=$(basename "$(dirname "$current")")
        release=$(basename "$(readlink "$current")")
        on_server "mkdir -p '$dest/.inbox/$unit'"
        rsync -a --delete "$local_dest/$unit/releases/$release/" "$(at_server "$dest/.inbox/$unit/$release/")"
        pushed=$((pushed + 1))
    done
    echo "Đã chép $pushed bản lên máy chủ; đang đăng."
    on_server "$remote activate --dest '$dest' --wait 900 && $reload"
    ;;
*)
    echo "cách dùng: deploy/push.sh state TỆP | deploy/push.sh push THƯ_MỤC" >&2
    exit 2
    ;;
esac
