#!/usr/bin/env bash
# Builds the libFuzzer targets under Tests/Fuzz with swiftc, compiling the
# modules they need straight from Sources/ with coverage and AddressSanitizer,
# and runs each target for a bounded time.
#
# Usage: Tests/Fuzz/run.sh [SECONDS] [TARGET...]
#   SECONDS  run time of each target (default 60)
#   TARGET   targets to run (default: all of TARGETS)
#
# A crash, a sanitizer report or an input that runs longer than the timeout
# stops that target, leaves the input under .build/fuzz/artifacts/TARGET/ and
# makes the script exit with status 1. Reproduce one with
#   .build/fuzz/fuzz-TARGET .build/fuzz/artifacts/TARGET/crash-...
# The corpus grows in .build/fuzz/corpus/TARGET/ across runs.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-60}"
shift || true
timeout_seconds=10
build=.build/fuzz
flags=(-swift-version 6 -O -g -sanitize=fuzzer,address)

TARGETS=(contracts manifests)

# The modules a target links, lowest layer first.
modules_for() {
  case "$1" in
    contracts) echo RampSource RampDiagnostics RampYAML RampKube RampSyntax RampIR RampSema RampLowering ;;
    manifests) echo RampSource RampDiagnostics RampYAML RampKube ;;
    *) echo "unknown fuzz target '$1'" >&2; exit 2 ;;
  esac
}

# The directory of a target's main.swift and libFuzzer dictionary.
directory_for() {
  case "$1" in
    contracts) echo Tests/Fuzz/Contracts ;;
    manifests) echo Tests/Fuzz/Manifests ;;
  esac
}

# Seeds for a target's corpus, copied in before each run.
seeds_for() {
  case "$1" in
    contracts) ls contracts/*.ramp Tests/RampCompilerTests/Diagnostics/*.ramp ;;
    manifests) find generated Tests -name '*.yaml' -o -name '*.json' | grep -v '/Support/' ;;
  esac
}

compile_module() {
  local name="$1"
  if [ -f "$build/objects/$name.o" ] && [ -z "$(find "Sources/$name" -newer "$build/objects/$name.o" -name '*.swift')" ]; then
    return
  fi
  echo "compiling $name"
  # shellcheck disable=SC2046
  swiftc "${flags[@]}" -parse-as-library -wmo -module-name "$name" \
    -emit-module -emit-module-path "$build/modules/$name.swiftmodule" -I "$build/modules" \
    -c $(find "Sources/$name" -name '*.swift' | sort) -o "$build/objects/$name.o"
}

build_target() {
  local target="$1" objects=()
  for module in $(modules_for "$target"); do
    compile_module "$module"
    objects+=("$build/objects/$module.o")
  done
  echo "linking fuzz-$target"
  swiftc "${flags[@]}" -parse-as-library -I "$build/modules" \
    "$(directory_for "$target")/main.swift" "${objects[@]}" -o "$build/fuzz-$target"
}

run_target() {
  local target="$1" corpus="$build/corpus/$1" artifacts="$build/artifacts/$1/"
  local dictionary
  dictionary="$(directory_for "$target")/$target.dict"
  mkdir -p "$corpus" "$artifacts"
  # Seeds from different directories can share a name, so each is named after its path.
  for seed in $(seeds_for "$target"); do
    cp "$seed" "$corpus/seed-${seed//\//-}"
  done
  echo "running fuzz-$target for $seconds s"
  "$build/fuzz-$target" "$corpus" -dict="$dictionary" -max_total_time="$seconds" -timeout="$timeout_seconds" \
    -max_len=16384 -artifact_prefix="$artifacts" -print_final_stats=1
}

mkdir -p "$build/modules" "$build/objects"
selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=("${TARGETS[@]}")
failed=()
for target in "${selected[@]}"; do
  build_target "$target"
  run_target "$target" || failed+=("$target")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "findings in: ${failed[*]} (inputs under $build/artifacts/)" >&2
  exit 1
fi
echo "no findings"
