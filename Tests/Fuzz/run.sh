#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader of outside input, with libFuzzer and AddressSanitizer:
#   FuzzJSON      JSONParser (full, selective, streamed), JSONCursor, CanonicalJSONWriter round trip
#   FuzzPages     ClerkPage decoding (what the live and fixture readers call), then build, write, validate
#   FuzzSnapshot  SnapshotValidator and SnapshotIndexer/IndexedSnapshot, then the read side on what they accept
#   FuzzHeaders   Retry-After and X-RateLimit-* values (ServerHeaderValues, compiled in alone)
# Usage: Tests/Fuzz/run.sh [SECONDS_PER_HARNESS=60] [HARNESS...]
# Harnesses run one at a time. Work goes to .build/fuzz (corpora kept between runs); a crashing input is
# written to .build/fuzz/crashes/ and the script stops with its path. Keep every crash as a regression test
# (Tests/GrantGraphTests/FuzzRegressionTests.swift).
set -euo pipefail

seconds=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(FuzzJSON FuzzPages FuzzSnapshot FuzzHeaders)

root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/Tests/Fuzz"
out="$root/.build/fuzz"
mkdir -p "$out/crashes"

# The library targets are compiled as modules of their own, instrumented for coverage and ASan.
swift_flags=(-parse-as-library -sanitize=fuzzer,address -O -g -swift-version 6 -enable-upcoming-feature ExistentialAny
    -package-name clerk_grants -I "$out")
cat > "$out/module.modulemap" <<MAP
module CSHA256Acceleration {
    header "$root/Sources/CSHA256Acceleration/include/CSHA256Acceleration.h"
    export *
}
MAP
c_module=(-Xcc "-fmodule-map-file=$out/module.modulemap" -Xcc "-I$root/Sources/CSHA256Acceleration/include")

build_module() {
    local name=$1
    swiftc "${swift_flags[@]}" "${c_module[@]}" -wmo -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -c "$root/Sources/$name"/**/*.swift -o "$out/$name.o" 2>&1 | grep -v "^$" || true
    [ -f "$out/$name.o" ] || { echo "building $name failed" >&2; exit 1; }
}

shopt -s globstar nullglob
if [ -n "${FUZZ_REUSE_MODULES:-}" ] && [ -f "$out/AccessReview.o" ]; then
    echo "reusing the instrumented modules in $out"
else
echo "building the instrumented modules..."
rm -f "$out"/*.o
clang -c -O2 -g -fsanitize=address,fuzzer-no-link -I "$root/Sources/CSHA256Acceleration/include" \
    "$root/Sources/CSHA256Acceleration/csha256.c" -o "$out/csha256.o"
build_module CanonicalJSON
build_module ClerkModel
build_module SnapshotFormat
build_module GrantGraph
build_module OutputEscaping
build_module OCSF
build_module AccessReview
fi

seed() {
    local harness=$1 seeds="$out/seeds-$1"
    rm -rf "$seeds"
    mkdir -p "$seeds" "$out/corpus-$harness"
    case $harness in
    FuzzJSON)
        local n=0
        for file in "$root"/fixtures/*/*/*.json; do n=$((n + 1)); cp "$file" "$seeds/page-$n.json"; done
        for file in "$root"/Tests/*/Golden/*.json "$root"/fixtures/snapshots/*.json; do n=$((n + 1)); cp "$file" "$seeds/golden-$n.json"; done
        ;;
    FuzzPages)
        local index=0 folder n=0
        # In ClerkCollection.allCases order: the first byte of a seed picks its collection by that index.
        for folder in users organizations organization_roles organization_permissions organization_memberships \
            role_sets organization_invitations organization_domains enterprise_connections machines; do
            for file in "$root"/fixtures/*/"$folder"/page-*.json; do
                n=$((n + 1))
                { printf "\\x$(printf %02x $index)"; cat "$file"; } > "$seeds/$folder-$n"
            done
            index=$((index + 1))
        done
        ;;
    FuzzHeaders)
        local n=0 value
        for value in 0 1 1.5 .5 60 120 1e17 inf nan -5 99999999999999999999 "Sun, 06 Nov 1994 08:49:37 GMT" \
            "Wed, 21 Oct 2099 07:28:00 GMT" 1795000030 " 7 "; do
            n=$((n + 1)); printf '%s' "$value" > "$seeds/value-$n"
        done
        ;;
    FuzzSnapshot)
        local n=0
        for file in "$root"/fixtures/snapshots/*.snapshot.json "$root"/schemas/examples/*.json; do n=$((n + 1)); cp "$file" "$seeds/snapshot-$n.json"; done
        ;;
    esac
}

for harness in "${harnesses[@]}"; do
    modules=("$out/CanonicalJSON.o" "$out/csha256.o")
    [ "$harness" != FuzzJSON ] && modules+=("$out/ClerkModel.o" "$out/SnapshotFormat.o" "$out/GrantGraph.o")
    [ "$harness" = FuzzSnapshot ] && modules+=("$out/OutputEscaping.o" "$out/OCSF.o" "$out/AccessReview.o")
    # The header parsers stand alone (Foundation only): compiled into the harness, not a module of their own.
    [ "$harness" = FuzzHeaders ] && modules=("$root/Sources/ClerkClient/Live/ServerHeaderValues.swift")
    echo "building $harness..."
    rm -f "$out/$harness"
    swiftc "${swift_flags[@]}" "${c_module[@]}" -module-name "$harness" "$here/$harness.swift" "${modules[@]}" -o "$out/$harness" 2>&1 \
        | grep -v "Cannot export local symbol" || true
    [ -x "$out/$harness" ] || { echo "building $harness failed" >&2; exit 1; }
    seed "$harness"
    echo "running $harness for ${seconds}s..."
    # The Swift crash handler would wait on a found crash; libFuzzer reports it itself.
    SWIFT_BACKTRACE=enable=no "$out/$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
        -print_final_stats=1 -artifact_prefix="$out/crashes/$harness-" "$out/corpus-$harness" "$out/seeds-$harness" \
        2>&1 | tee "$out/$harness.log" | grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)|ERROR|Fatal error|precondition|stat::|SUMMARY|Test unit written" || true
    crashes=("$out/crashes/$harness-"*)
    if [ ${#crashes[@]} -gt 0 ]; then
        echo "$harness found a crash: ${crashes[*]}" >&2
        exit 1
    fi
done
