#!/usr/bin/env bash
# Benchmarks potline against Hugo on generated sites and rewrites BENCHMARKS.md.
#
#   benches/run.sh            # 1,000 and 10,000 pages (a few minutes), then BENCHMARKS.md
#   benches/run.sh --full     # also 100,000 pages (slow: tens of minutes, Hugo needs ~20 GiB)
#   benches/run.sh --no-serve # skip the `serve` edit-to-rebuild figure
#
# Environment: BENCH_FULL=1 (same as --full), BENCH_SIZES=1000,10000 (exact sizes),
# BENCH_WORK=/tmp/potline-bench (where the sites are generated), BENCH_SEED=1,
# POTLINE=path (use this binary instead of building target/release/potline),
# BENCH_REV=HEAD (build that commit, exported with `git archive` into $BENCH_WORK, instead of
# the working tree: for measuring while the tree is being edited).
#
# Installs nothing: it needs hugo, hyperfine and GNU time (/usr/bin/time), and says how to get
# them. Results: benches/results.json (raw), benches/results.svg (chart), BENCHMARKS.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"

invocation="benches/run.sh${*:+ $*}"
for var in BENCH_FULL BENCH_SIZES BENCH_WORK BENCH_SEED BENCH_REV POTLINE; do
    if [ -n "${!var:-}" ]; then invocation="$var=${!var} $invocation"; fi
done
export BENCH_INVOCATION="$invocation"

full="${BENCH_FULL:-0}"
serve_flag=()
for arg in "$@"; do
    case "$arg" in
        --full) full=1 ;;
        --no-serve) serve_flag=(--no-serve) ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
    esac
done

missing=()
command -v hugo >/dev/null || missing+=(hugo)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
    echo "run.sh: missing: ${missing[*]}" >&2
    echo "  install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi

work="${BENCH_WORK:-/tmp/potline-bench}"
rev_flag=()
if [ -n "${POTLINE:-}" ]; then
    potline="$POTLINE"
elif [ -n "${BENCH_REV:-}" ]; then
    commit="$(git -C "$repo" rev-parse --short "$BENCH_REV")"
    src="$work/potline-src-$commit"
    echo "run.sh: building potline $commit (release) in $src" >&2
    rm -rf "$src" && mkdir -p "$src"
    git -C "$repo" archive "$commit" | tar -x -C "$src"
    cargo build --release --quiet --manifest-path "$src/Cargo.toml" --target-dir "$work/target"
    potline="$work/target/release/potline"
    rev_flag=(--rev "$commit")
else
    echo "run.sh: building potline (release)" >&2
    (cd "$repo" && cargo build --release --quiet)
    potline="$repo/target/release/potline"
fi

sizes="${BENCH_SIZES:-1000,10000}"
if [ "$full" = 1 ] && [ -z "${BENCH_SIZES:-}" ]; then
    sizes="1000,10000,100000"
fi

python3 "$here/bench.py" --potline "$potline" --sizes "$sizes" \
    --work "$work" --seed "${BENCH_SEED:-1}" ${serve_flag[@]+"${serve_flag[@]}"} \
    ${rev_flag[@]+"${rev_flag[@]}"}
python3 "$here/report.py"
