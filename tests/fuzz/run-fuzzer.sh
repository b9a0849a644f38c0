#!/bin/sh
# run-fuzzer.sh FUZZER WORKDIR SEEDS SECONDS: runs a libFuzzer target for
# SECONDS from the seed corpus SEEDS (left untouched: what it finds goes
# to WORKDIR/corpus, crashing inputs to WORKDIR/).  Exit status: the
# fuzzer's (0: nothing found).
# The mutations follow FUZZ_SEED (default 1), so that CI explores the same
# inputs each run and a red run is reproducible, not luck; FUZZ_SEED=0
# (libFuzzer: a random seed) for a campaign that looks further.
set -eu
fuzzer=$1 work=$2 seeds=$3 seconds=$4
mkdir -p "$work/corpus"
exec "$fuzzer" -seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" \
  -rss_limit_mb=2048 \
  -timeout=10 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$work/" "$work/corpus" "$seeds"
