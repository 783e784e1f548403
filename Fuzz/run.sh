#!/usr/bin/env bash
# Builds the libFuzzer targets of issue 12 (one per reader, declared in Package.swift under
# NBPSCOPE_FUZZ; see README.md) and runs each for SECONDS (default 20).
#
#   Fuzz/run.sh [SECONDS]                      all targets
#   FUZZ_TARGETS="trace idx" Fuzz/run.sh 300   some of them
#
# Seeds are generated here from the project's own files (samples, themes, the bundled digits, a
# tiny recording and its npz export, the NumPy test fixtures, debugger commands from Tests/);
# the corpus each run grows is kept in .build-fuzz/corpus/TARGET. A crash, a hang (-timeout) or
# a huge allocation (-rss_limit_mb) saves the input as Fuzz/findings/TARGET-KIND-HASH.
# Prints executions and coverage per target; exits non-zero if any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
read -r -a targets <<<"${FUZZ_TARGETS:-json trace numpy idx theme command}"
scratch=.build-fuzz
corpus=$scratch/corpus
findings=Fuzz/findings
mkdir -p "$findings"

# MARK: Build

# The instrumented libraries are shared by all products; each product only links one file more.
for t in "${targets[@]}"; do
  NBPSCOPE_FUZZ=1 swift build -c release --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address --product "fuzz-$t" 2>&1 | grep -v '^\[' || true
  [ -x "$scratch/release/fuzz-$t" ] || { echo "fuzz: fuzz-$t did not build" >&2; exit 1; }
done

# MARK: Seeds

seed() { # seed TARGET FILE...: copies files into TARGET's corpus under content names
  local dir=$corpus/$1 f
  shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/seed-$(sha1sum <"$f" | cut -c1-16)"; done
  return 0
}
# Inputs that once crashed a reader stay as seeds, so each run starts by replaying them.
seed json samples/*.json Fuzz/seeds/json-*.json
seed theme themes/*.toml
seed idx samples/mnist20/*.gz
seed numpy Tests/NumPyTests/Fixtures/*.np[yz]
seed command Fuzz/seeds/command.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One debugger command per seed, as the tests write them.
grep -rhoE '(execute|run)\("[a-z][^"\\]*"\)' Tests | sed -E 's/^[a-z]+\("(.*)"\)$/\1/' | sort -u |
  split -l 1 - "$tmp/command-"
seed command "$tmp"/command-*
gunzip -c samples/mnist20/t10k-labels-idx1-ubyte.gz >"$tmp/labels"
head -c 2016 < <(gunzip -c samples/mnist20/t10k-images-idx3-ubyte.gz) >"$tmp/images"
seed idx "$tmp/labels" "$tmp/images"
# A tiny recording (nBP circuit) and one of a JSON network, and the npz of the first.
if [ ! -x .build/release/nbpscope ]; then swift build -c release --product nbpscope | grep -v '^\[' || true; fi
nbpscope=.build/release/nbpscope
if "$nbpscope" record --out "$tmp/circuit.nbpt" --limit 2 --hidden 8 >/dev/null &&
  "$nbpscope" record --net samples/gated-learning.json --out "$tmp/net.nbpt" >/dev/null &&
  "$nbpscope" export "$tmp/circuit.nbpt" --format npz --out "$tmp/circuit.npz"; then
  seed trace "$tmp/circuit.nbpt" "$tmp/net.nbpt"
  seed numpy "$tmp/circuit.npz"
else
  echo "fuzz: could not record the trace and npz seeds; trace and numpy start from fewer seeds" >&2
fi
mkdir -p "$corpus/trace"

# MARK: Run

status=0
for t in "${targets[@]}"; do
  dict=()
  [ -f "Fuzz/$t.dict" ] && dict=("-dict=Fuzz/$t.dict")
  # Debugger command lines only reach the parser's depth and length limits when long.
  [ "$t" = command ] && dict+=("-max_len=8192")
  log=$tmp/$t.log
  set +e
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$scratch/release/fuzz-$t" "$corpus/$t" "${dict[@]}" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$findings/$t-" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1)
  if ((rc == 0)); then
    echo "fuzz-$t: ${runs:-?} executions in ${seconds} s; ${cov:-no coverage line}; no findings"
  else
    status=1
    echo "fuzz-$t: FOUND a problem (exit $rc) after ${runs:-?} executions; ${cov:-no coverage line}"
    grep -E '^==[0-9]+==ERROR|SUMMARY|Test unit written|ALARM|out-of-memory|Fatal error|^ *#[0-9]+ ' "$log" | head -30
  fi
done
exit "$status"
