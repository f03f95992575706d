#!/usr/bin/env bash
# Runs every fuzz target (or those named after SECONDS) for SECONDS (default 60) each, one after
# the other, starting from the checked-in seeds. Needs nightly and cargo-fuzz
# (`cargo install cargo-fuzz`). A crash leaves its input in fuzz/artifacts/<target>/ and the
# other targets still run: copy the input to tests/fixtures/fuzz-regressions/<target>/ so that
# `cargo test` replays it, then fix the bug.
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front_matter_split front_matter_page shortcode_parser slugs_and_urls request_path markdown_safe_html)
failed=()
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "== $target (${seconds}s)"
  if ! cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1; then
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "== crashed: ${failed[*]} (inputs in fuzz/artifacts/)"
  exit 1
fi
echo "== no crash"
