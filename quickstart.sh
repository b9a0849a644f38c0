#!/usr/bin/env bash
# Quick start: installs the Debian packages that are missing, builds
# gimp-neural-style, installs it for the current user (the plug-in into
# your GIMP profile, `neural-style` and `nst-download-weights` into
# ~/.local/bin) and repaints a sample photo in the style of a sample
# painting through GIMP itself.
#
# GIMP: the one installed; if none is, 3.0 where Debian has it (Debian 13
# and later), else 2.10 (Debian 12).  NST_GIMP=2.10 or NST_GIMP=3.0 picks
# one.
#
# Weights: $NST_WEIGHTS when set, else ~/.local/share/gimp-neural-style/
# vgg19.safetensors, downloaded once by nst-download-weights if missing.
set -euo pipefail
cd "$(dirname "$0")"

say () { printf '\n==> %s\n' "$*"; }

# ---- 1. which GIMP, and the packages ----------------------------------------
# The GIMP that is installed; else the one this Debian release ships.
debian_release=$(. /etc/os-release && [ "${ID:-}" = debian ] &&
                 echo "${VERSION_ID%%.*}" || true)
gimp=${NST_GIMP:-}
if [ -z "$gimp" ]; then
  if command -v gimp-console-3.0 >/dev/null; then
    gimp=3.0
  elif command -v gimp-console-2.10 >/dev/null; then
    gimp=2.10
  elif [ "${debian_release:-0}" -ge 13 ] 2>/dev/null ||
       apt-cache policy libgimp-3.0-dev 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    gimp=3.0
  else
    gimp=2.10
  fi
fi
case $gimp in
  3.0) packages=.ci/debian13-packages.txt gimp_api=3.0 ;;
  2.10) packages=.ci/debian-packages.txt gimp_api=2.0 ;;
  *) echo "quickstart.sh: NST_GIMP must be 2.10 or 3.0, not '$gimp'" >&2; exit 2 ;;
esac
say "Building for GIMP $gimp"

missing=()
for pkg in $(grep -v '^#' "$packages"); do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' ||
    missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
    --no-install-recommends "${missing[@]}"
fi

# ---- 2. build and install for this user -----------------------------------
say "Building (a few minutes: libtorch is heavy to compile against)"
options=(--prefix="$HOME/.local" -Duser_install=true -Dgimp=enabled
         -Dgimp_api="$gimp_api")
if [ ! -d build ]; then
  meson setup build "${options[@]}"
else
  meson configure build "${options[@]}"
fi
ninja -C build
# Let GIMP make its profile at its first start (installing into a missing
# one would skip that, and with it the import of older settings).
data/gimp-batch.sh --profile "$gimp" >/dev/null
meson install -C build --quiet
export PATH="$HOME/.local/bin:$PATH"

# ---- 3. weights -----------------------------------------------------------
default_weights="${XDG_DATA_HOME:-$HOME/.local/share}/gimp-neural-style/vgg19.safetensors"
if [ -n "${NST_WEIGHTS:-}" ]; then
  weights=$NST_WEIGHTS
elif [ -f "$default_weights" ]; then
  weights=$default_weights
else
  say "Downloading the VGG19 weights (575 MB once; 80 MB are kept)"
  if ! nst-download-weights; then
    cat >&2 <<MSG

quickstart.sh: no VGG19 weights, and the download failed (see above).
Put the file at $default_weights
(nst-download-weights --from FILE installs one downloaded elsewhere), or set
NST_WEIGHTS to it.  To try the pipeline without them, with random weights
that do NOT give an artistic result:
  /usr/bin/python3 tests/make_synthetic_weights.py --out /tmp/synthetic-vgg19.safetensors
  NST_WEIGHTS=/tmp/synthetic-vgg19.safetensors ./quickstart.sh
MSG
    exit 1
  fi
  weights=$default_weights
fi
export NST_WEIGHTS=$weights
kind="the torchvision VGG19 ImageNet weights"
if head -c 4096 "$weights" | grep -q '"generator": *"synthetic"'; then
  kind="SYNTHETIC random weights: a pipeline check, not an artistic result"
fi
say "Weights: $weights ($kind)"

# ---- 4. the demo, through GIMP --------------------------------------------
say "Running the demo in GIMP (gimp-console, Script-Fu, plug-in-neural-style)"
data/run-demo.sh build
