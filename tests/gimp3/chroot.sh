#!/usr/bin/env bash
# Builds gimp-neural-style for GIMP 3.0 and runs its test suites inside a
# Debian 13 (trixie) chroot, from a Debian 12 host that has only GIMP 2.10.
#
#   tests/gimp3/chroot.sh [--root DIR] [--testlog FILE] [-- COMMAND...]
#
# --root DIR      create the chroot in DIR, or reuse the one there, and keep
#                 it (development); without it a fresh chroot is made under
#                 /var/tmp and removed on exit (CI).
# --testlog FILE  copy the chroot's meson testlog.json to FILE on the host,
#                 for the closing "N passed, N failed" count.
# COMMAND         run this inside the chroot (from /src) instead of the
#                 build and tests, e.g. `-- bash` for a shell.
#
# Needs root, debootstrap and unshare (util-linux).  The source tree is
# bind-mounted read-only at /src; the build lives in the chroot's /build.
# Everything is mounted inside a private mount and PID namespace that dies
# with its last process, so no mount and no process outlives this script,
# whichever way it exits.
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
packages_list=$src/.ci/debian13-packages.txt
root=${NST_TRIXIE_ROOT:-}
testlog=
command=()

while [ $# -gt 0 ]; do
  case $1 in
    --root) root=$2; shift 2 ;;
    --testlog) testlog=$2; shift 2 ;;
    --) shift; command=("$@"); break ;;
    *) echo "chroot.sh: unknown argument '$1' (see the comment at the top of $0)" >&2
       exit 2 ;;
  esac
done

say () { echo "gimp3-chroot: $*"; }
die () { echo "gimp3-chroot: error: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, mount, chroot)"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
command -v unshare >/dev/null || die "unshare is missing: apt-get install util-linux"

# The host's own Debian mirror (deb.debian.org unless the host says
# otherwise): the build machines reach only that one.
host_mirror ()
{
  local codename
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  {
    # One-line format: deb [options] URI suite components
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk -v s="$codename" '$1 == "deb" {
        for (i = 2; i < NF; i++) if ($i ~ /:\/\// && $(i + 1) == s) print $i }'
    # deb822 format: a paragraph with URIs: and Suites: lines.
    cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
      awk -v RS= -v s="$codename" '{
        uri = ""; suites = ""
        n = split ($0, line, "\n")
        for (i = 1; i <= n; i++) {
          if (line[i] ~ /^URIs:/) { split (line[i], f, /[ \t]+/); uri = f[2] }
          if (line[i] ~ /^Suites:/) suites = line[i] " "
        }
        if (uri != "" && suites ~ ("[ \t]" s " ")) print uri }'
  } | head -n 1
}
mirror=${NST_DEBIAN_MIRROR:-$(host_mirror)}
mirror=${mirror:-http://deb.debian.org/debian}

keep_root=yes
if [ -z "$root" ]; then
  root=$(mktemp -d /var/tmp/nst-trixie.XXXXXX)
  keep_root=no
fi
root=$(realpath "$root")
[ "$root" != / ] || die "--root / would replace the host"

cleanup ()
{
  # The mounts lived in the namespace; refuse to delete anything if one
  # is still visible here (rm would follow it into the source tree).
  if [ "$keep_root" = no ] && [ -d "$root" ]; then
    if awk -v r="$root/" 'index ($5 "/", r) == 1 { found = 1 } END { exit ! found }' \
         /proc/self/mountinfo; then
      echo "gimp3-chroot: something is still mounted under $root; not removing it" >&2
    else
      rm -rf "$root"
    fi
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs "$@" chrooted in $root, inside fresh mount and PID namespaces (and a
# fresh network namespace when the first argument is --offline).  /proc,
# /sys (read-only: libtorch reads the CPU topology there), /dev/shm and the
# source tree are mounted there and vanish with the namespace.
in_root ()
{
  local net=() offline=no
  if [ "$1" = --offline ]; then
    # Also keeps Xvfb's abstract X socket apart from any X server on the host.
    net=(--net)
    offline=yes
    shift
  fi
  unshare --mount --pid --fork --kill-child "${net[@]}" -- \
    /bin/sh -euc '
      root=$1 src=$2 offline=$3; shift 3
      mount -t proc proc "$root/proc"
      mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys"
      mount -t tmpfs -o nosuid,nodev shm "$root/dev/shm"
      mkdir -p "$root/src"
      mount --bind "$src" "$root/src"
      mount -o remount,bind,ro "$root/src"
      # A fresh network namespace has its loopback down; tests serve on it.
      if [ "$offline" = yes ]; then chroot "$root" ip link set lo up; fi
      exec chroot "$root" /usr/bin/env -i \
        PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root \
        LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" \
        DEBIAN_FRONTEND=noninteractive "$@"' \
    sh "$root" "$src" "$offline" "$@"
}

stage_start=$SECONDS
stage_done () { say "$1 took $((SECONDS - stage_start)) s"; stage_start=$SECONDS; }

# ---- Debian 13 base system -----------------------------------------------
if [ ! -e "$root/.nst-bootstrapped" ]; then
  [ -z "$(ls -A "$root")" ] ||
    die "$root is neither empty nor a finished chroot of this script: remove it or pick another --root"
  say "debootstrap --variant=minbase trixie $root $mirror"
  if ! debootstrap --variant=minbase trixie "$root" "$mirror" \
         >"$root.debootstrap.log" 2>&1; then
    tail -n 20 "$root.debootstrap.log" >&2
    rm -f "$root.debootstrap.log"
    die "debootstrap failed (log above)"
  fi
  rm -f "$root.debootstrap.log"
  touch "$root/.nst-bootstrapped"
  stage_done "debootstrap"
fi

# ---- packages ------------------------------------------------------------
mapfile -t packages < <(grep -v '^[[:space:]]*\(#\|$\)' "$packages_list")
if ! cmp -s "$packages_list" "$root/var/lib/nst-packages.txt"; then
  say "installing ${#packages[@]} packages (gimp, libgimp-3.0-dev, libtorch-dev, …)"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  if ! in_root apt-get -o Dpkg::Use-Pty=0 -q update >"$root/var/log/nst-apt.log" 2>&1 ||
     ! in_root apt-get -o Dpkg::Use-Pty=0 -q install -y --no-install-recommends \
         "${packages[@]}" >>"$root/var/log/nst-apt.log" 2>&1; then
    tail -n 30 "$root/var/log/nst-apt.log" >&2
    die "apt-get failed in the chroot (log above)"
  fi
  # The packages' archives are not needed again: keep the chroot small.
  in_root apt-get clean
  cp "$packages_list" "$root/var/lib/nst-packages.txt"
  stage_done "packages"
fi

# ---- build and tests -----------------------------------------------------
if [ ${#command[@]} -gt 0 ]; then
  in_root --offline /bin/sh -c 'cd /src && exec "$@"' sh "${command[@]}"
  exit
fi

status=0
in_root --offline /bin/bash /src/tests/gimp3/in-chroot.sh || status=$?
stage_done "build and tests"

if [ -n "$testlog" ]; then
  if [ -f "$root/build/meson-logs/testlog.json" ]; then
    cp "$root/build/meson-logs/testlog.json" "$testlog"
  else
    rm -f "$testlog"
  fi
fi
exit "$status"
