#!/usr/bin/env bash
# CI stage: the CUDA build.  Installs the CUDA 13 build of PyTorch with pip
# into a virtual environment under the build tree (never into the system),
# builds everything (core, cli, the GIMP plug-in) against the libtorch
# inside it with -Dlibtorch_dir, and runs the core, weights, cli, reference,
# cuda and gpu suites of that build on the CPU.  The cuda suite reports
# "SKIP: no CUDA device" where there is no GPU; the gpu suite is
# tests/gpu/device-check.sh --cpu-smoke.
#
#   tests/cuda/ci-stage.sh [BUILDDIR]     (default build-cuda)
#
# The test log is BUILDDIR/meson-logs/testlog.json.  Prints the time of
# each step (download, install, build, tests).  Rerunning reuses the
# environment and the build.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=${1:-build-cuda}
venv=$build/venv
# The version the lent GPU machines carry.  pip installs torch without its
# dependencies: the CUDA libraries come from the machine's CUDA 13 toolkit
# (ldconfig), except the three it lacks, pinned as torch 2.11.0 pins them;
# they land where torch's rpath looks (site-packages/nvidia/*/lib).
torch_pin=torch==2.11.0
cuda_extra_pins=(nvidia-cufile==1.15.1.6 nvidia-cusparselt-cu13==0.8.0
                 nvidia-nvshmem-cu13==3.4.5)
# What `import torch` needs, and numpy and Pillow for the Python reference.
python_deps=(filelock 'typing-extensions>=4.10.0' 'sympy>=1.13.3'
             'networkx>=2.5.1' jinja2 'fsspec>=0.8.5' numpy pillow)

step_start=$(date +%s)
step ()
{
  local now
  now=$(date +%s)
  echo "cuda-stage: $1 took $((now - step_start)) s"
  step_start=$now
}

mkdir -p "$build"
if ! "$venv/bin/python" -c "import torch; assert torch.__version__.startswith('${torch_pin#torch==}')" 2>/dev/null; then
  rm -rf "$venv" "$build/wheels"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip download -q --no-deps -d "$build/wheels" \
    "$torch_pin" "${cuda_extra_pins[@]}"
  "$venv/bin/python" -m pip download -q -d "$build/wheels" "${python_deps[@]}"
  du -sh "$build/wheels"
  step "download"
  "$venv/bin/python" -m pip install -q --no-index --no-deps \
    --find-links "$build/wheels" "$torch_pin" "${cuda_extra_pins[@]}"
  "$venv/bin/python" -m pip install -q --no-index \
    --find-links "$build/wheels" "${python_deps[@]}"
  rm -rf "$build/wheels"
  step "install"
fi
torch_dir=$("$venv/bin/python" -c 'import os, torch; print(os.path.dirname(torch.__file__))')

if [ ! -f "$build/build.ninja" ]; then
  # Beside the environment: a setup that failed half-way starts over.
  rm -rf "$build/meson-private" "$build/meson-info" "$build/meson-logs"
  meson setup "$build" -Dlibtorch_dir="$torch_dir" >"$build/setup.log" ||
    { cat "$build/setup.log"; exit 1; }
fi
grep -q -- '-DNST_WITH_CUDA' "$build/build.ninja" ||
  { echo "cuda-stage: NST_WITH_CUDA is not set: $torch_dir has no lib/libtorch_cuda.so" >&2; exit 1; }
ninja -C "$build" -j "$(nproc)"
step "build"

# device-check.sh --cpu-smoke (suite gpu) runs the venv's python3.
PATH=$PWD/$venv/bin:$PATH
status=0
meson test -C "$build" --no-rebuild --print-errorlogs --num-processes 1 \
  --suite core --suite weights --suite cli --suite reference \
  --suite cuda --suite gpu || status=$?
step "tests"
exit "$status"
