#!/usr/bin/env bash
# A throw-away Debian root for testing the package's maintainer scripts
# without debootstrap: the host's /usr seen through an overlay (writes land in
# <dir>/.state), a minimal /etc with the host's user databases, an empty dpkg
# database and no running systemd (as in a chroot or an image build).
#   fake-root.sh init <dir> [pkg...]   create the root; the named host packages
#                                      are recorded as installed (their files are
#                                      there: /usr is the host's)
#   fake-root.sh run <dir> <cmd...>    run a host command with the overlay mounted;
#                                      the root is at <dir>/root (e.g. dpkg --root)
# Needs root (mount namespaces, overlayfs). Each run is its own mount
# namespace, so nothing stays mounted on the host.
set -euo pipefail
cmd=${1:?init|run}; dir=$(realpath -m "${2:?dir}"); shift 2
root="$dir/root"; state="$dir/.state"

case "$cmd" in
  init)
    mkdir -p "$root" "$state/usr-upper" "$state/usr-work"
    cd "$root"
    mkdir -p usr etc/systemd/system etc/default etc/dpkg var/lib/dpkg/info var/lib/dpkg/updates var/lib/dpkg/triggers var/log tmp run dev opt home
    chmod 1777 tmp
    for l in bin sbin lib lib64; do [ -e "/$l" ] && ln -s "usr/$l" "$l"; done
    for f in passwd group shadow gshadow login.defs nsswitch.conf; do cp -a "/etc/$f" "etc/$f"; done
    [ -f /etc/default/useradd ] && cp -a /etc/default/useradd etc/default/
    cp -a /etc/skel etc/skel
    cp -a /etc/dpkg/. etc/dpkg/
    touch var/lib/dpkg/available
    if [ $# -gt 0 ]; then dpkg-query --status "$@" > var/lib/dpkg/status; else : > var/lib/dpkg/status; fi
    ;;
  run)
    exec unshare --mount --propagation private --fork -- bash -c '
      set -e
      root=$1 state=$2; shift 2
      mount -t overlay overlay -o "lowerdir=/usr,upperdir=$state/usr-upper,workdir=$state/usr-work" "$root/usr"
      mount --rbind /dev "$root/dev"
      exec "$@"' fake-root "$root" "$state" "$@"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
