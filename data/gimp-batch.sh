#!/bin/sh
# gimp-batch.sh: GIMP's batch mode, the same way for GIMP 2.10 and 3.0.
#
#   data/gimp-batch.sh VERSION COMMAND...   run the Script-Fu COMMANDs in
#                                           gimp-console-VERSION, then quit
#   data/gimp-batch.sh --profile VERSION    print the user's GIMP profile
#                                           folder, made first if missing
#
# VERSION is 2.10 or 3.0.  A missing profile is made by starting GIMP once,
# as its first start sets it up (and migrates an older version's settings);
# installing a plug-in into the folder first would skip that.
#
# Environment: GIMP2_DIRECTORY / GIMP3_DIRECTORY, as for GIMP itself.
set -eu

profile_only=no
if [ "${1:-}" = --profile ]; then
  profile_only=yes
  shift
fi
version=${1:-}
[ $# -gt 0 ] && shift
config_home=${XDG_CONFIG_HOME:-$HOME/.config}
case $version in
  3.0) profile=${GIMP3_DIRECTORY:-$config_home/GIMP/3.0} ;;
  2.10) profile=${GIMP2_DIRECTORY:-$config_home/GIMP/2.10} ;;
  *) echo "gimp-batch.sh: the GIMP version must be 2.10 or 3.0, not '$version'" >&2
     exit 2 ;;
esac
console=gimp-console-$version
if ! command -v "$console" >/dev/null; then
  echo "gimp-batch.sh: $console is not installed (Debian: apt-get install gimp)" >&2
  exit 1
fi

# Each -b is one command; GIMP 3 needs its batch interpreter named and
# quits with --quit, GIMP 2.10 with a last command.
batch ()
{
  for command in "$@"; do
    set -- "$@" -b "$command"
    shift
  done
  if [ "$version" = 3.0 ]; then
    set -- --batch-interpreter plug-in-script-fu-eval "$@" --quit
  else
    set -- "$@" -b '(gimp-quit 0)'
  fi
  "$console" -i -d -f "$@"
}

if [ "$profile_only" = yes ]; then
  if [ ! -d "$profile" ]; then
    batch >/dev/null 2>&1 || true
    mkdir -p "$profile"
  fi
  printf '%s\n' "$profile"
else
  batch "$@"
fi
