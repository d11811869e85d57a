#!/usr/bin/env bash
# Times gplan against what one would use instead, on one corpus:
#   benches/compare.sh DIR        (DIR from `cargo run --release --example gen-corpus -- -n N -o DIR`)
# Needs: a release build (cargo build --release), python3 >= 3.11, and
# optionally `pip install check-jsonschema taplo`. Prints wall-clock seconds
# (median of RUNS, default 3) and peak RSS for each tool, one line each.
set -euo pipefail
dir=${1:?usage: benches/compare.sh CORPUS_DIR}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
gplan="$here/target/release/gplan"
schema=$(mktemp --suffix=.json)
list=$(mktemp)
stats=$(mktemp)
trap 'rm -f "$schema" "$list" "$stats"' EXIT
"$gplan" schema > "$schema"
# Every plan file (the registry is not a plan: the schema would reject it).
find "$dir/plans" -name '*.toml' ! -name registry.toml -print0 | sort -z > "$list"

measure() { # name, command...
    local name=$1; shift
    local times=() peak=0
    for _ in $(seq "$runs"); do
        local out
        /usr/bin/time -f '%e %M' -o "$stats" "$@" > /dev/null 2>&1 || true
        out=$(tail -1 "$stats")
        times+=("${out% *}")
        local rss=${out#* }
        (( rss > peak )) && peak=$rss
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%-28s %8.2f s %8.0f MB\n' "$name" "$median" "$((peak / 1024))"
}

measure "gplan check" "$gplan" --repo "$dir" check
measure "python tomllib (parents)" python3 "$here/benches/parent_ids.py" "$dir"
if command -v taplo > /dev/null; then
    measure "taplo lint --schema" sh -c "xargs -0 taplo lint --schema 'file://$schema' < '$list'"
fi
if command -v check-jsonschema > /dev/null; then
    measure "check-jsonschema" sh -c "xargs -0 check-jsonschema --schemafile '$schema' < '$list'"
fi
