#!/usr/bin/env bash
# Load figure of the preview server on loopback, with wrk (Debian's `wrk` package), bounded in
# time: requests per second, 99th percentile latency and errors on one page, then the same
# while that page is edited and rebuilt (EDITS saves, one every PAUSE seconds). Every response
# is checked by a wrk Lua script: the page carries its edit number twice, at the top and at the
# end, and a response whose two numbers differ would mix two builds.
#
#   benches/serve_load.sh [path/to/potline]     (default: target/release/potline, built if missing)
#   DURATION=10 CONNECTIONS=64 EDITS=20 PAUSE=0.4 benches/serve_load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/release/potline}"
[ -x "$bin" ] || cargo build --release --quiet
duration="${DURATION:-10}"; connections="${CONNECTIONS:-64}"; edits="${EDITS:-20}"; pause="${PAUSE:-0.4}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/site"
cp -r site.yaml content data static themes archetypes "$work/site/" 2>/dev/null || true
page="$work/site/content/about.md"
write_page() { # $1: edit number
  printf -- '---\ntitle: "Edit %s"\n---\nA page edited while it is served.\n\n%s\n\nend-of-edit-%s\n' \
    "$1" "$(yes 'Baise aluminum, from bauxite to finished products.' | head -n 40 | tr '\n' ' ')" "$1" > "$page"
}
write_page 0

"$bin" serve --root "$work/site" --bind 127.0.0.1 --port 0 > "$work/serve.log" 2>&1 &
server=$!
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.log" | head -n1 || true)"
  [ -n "$url" ] && curl -fs "${url}about/" | grep -q 'end-of-edit-0' && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/serve.log" >&2; exit 1; }
echo "serving $url (potline $("$bin" --version 2>/dev/null || echo '?'))"

cat > "$work/check.lua" <<'LUA'
mixed, checked = 0, 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init() mixed = 0; checked = 0 end
response = function(status, headers, body)
  if status == 200 then
    local top = body:match("Edit (%d+)")
    local tail = body:match("end%-of%-edit%-(%d+)")
    checked = checked + 1
    if top ~= tail then mixed = mixed + 1 end
  end
end
function done(summary, latency, requests)
  local m, c = 0, 0
  for _, t in ipairs(threads) do m = m + t:get("mixed"); c = c + t:get("checked") end
  io.write(string.format("checked %d responses: %d mixed two builds\n", c, m))
  io.write(string.format("p99 %.2f ms, %d errors (connect %d, read %d, write %d, timeout %d, non-2xx %d)\n",
    latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.errors.status))
end
LUA

run_wrk() {
  timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/check.lua" "${url}about/"
}

echo "== steady, without reading bodies: wrk -t2 -c$connections -d${duration}s --latency ${url}about/"
timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" --latency "${url}about/" \
  | grep -E 'Requests/sec|Latency|99%|Non-2xx|Socket errors'
echo "== steady, every body checked"
run_wrk | grep -E 'Requests/sec|Latency|99%|checked|p99|Non-2xx|Socket errors'

echo "== while the page is saved $edits times, every ${pause}s"
( for i in $(seq 1 "$edits"); do sleep "$pause"; write_page "$i"; done ) &
editor=$!
run_wrk | grep -E 'Requests/sec|Latency|99%|checked|p99|Non-2xx|Socket errors'
wait "$editor"
builds="$(curl -fs "${url}__potline/status" | grep -o '"builds":[0-9]*' || true)"
echo "server status after the edits: $builds"
