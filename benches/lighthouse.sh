#!/usr/bin/env bash
# Lighthouse scores of the repository's site (issue 21 asks for 100 in all four categories):
# builds the site for a local address, serves it on 127.0.0.1, and runs Google's `lighthouse`
# (installed from npm into a temporary folder, never into the repository) headless with
# Debian's Chromium on the home page, a news article, an enterprise profile and their Chinese
# twins. Prints one line a page: performance, accessibility, best practices, SEO. Not part of
# `cargo test` (it downloads Lighthouse and takes minutes).
#
#   benches/lighthouse.sh                 # mobile (Lighthouse's default: Moto G, slow 4G)
#   LIGHTHOUSE_PRESET=desktop benches/lighthouse.sh
#   LIGHTHOUSE_VERSION=12 CHROME_PATH=/usr/bin/chromium benches/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
version=${LIGHTHOUSE_VERSION:-12}
preset=${LIGHTHOUSE_PRESET:-}
pages=(
    /
    /news/2025-hongsheng-recycled-aluminum/
    /enterprises/chinalco-guangxi-branch/
    /zh/
    /zh/news/2025-hongsheng-recycled-aluminum/
    /zh/enterprises/chinalco-guangxi-branch/
)

echo "installing lighthouse@$version into $work/lighthouse" >&2
npm install --silent --no-audit --no-fund --prefix "$work/lighthouse" "lighthouse@$version" >&2
lighthouse=$work/lighthouse/node_modules/.bin/lighthouse

# A free port on the loopback interface; the site is built for it, so that its canonical and
# alternate links point where Lighthouse finds them.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
origin="http://127.0.0.1:$port"
cargo run --quiet -- build --root "$repo" --output "$work/public" --base-url "$origin" >&2
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/public" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 50); do
    if curl -fs -o /dev/null "$origin/" 2>/dev/null; then break; fi
    sleep 0.2
done

printf '%-48s %5s %5s %5s %5s\n' page perf a11y best seo
for page in "${pages[@]}"; do
    report="$work/report.json"
    args=(--quiet --output=json --output-path="$report"
        --only-categories=performance,accessibility,best-practices,seo
        --chrome-flags="--headless --no-sandbox")
    if [ -n "$preset" ]; then args+=(--preset="$preset"); fi
    "$lighthouse" "$origin$page" "${args[@]}" >&2
    node -e '
        const r = require(process.argv[1]);
        const s = (k) => Math.round((r.categories[k].score ?? 0) * 100);
        // The audits that count towards a score (weight above zero) and did not pass.
        const failed = Object.values(r.categories)
            .flatMap((c) => c.auditRefs.filter((a) => a.weight > 0).map((a) => a.id))
            .filter((id) => r.audits[id].score !== null && r.audits[id].score < 1);
        console.log(process.argv[2].padEnd(48), ...["performance", "accessibility", "best-practices", "seo"].map((k) => String(s(k)).padStart(5)),
            failed.length ? " not passed: " + failed.join(", ") : "");
    ' "$report" "$page"
done
