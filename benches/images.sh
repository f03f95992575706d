#!/usr/bin/env bash
# Responsive images, potline against Hugo on the same photos: N generated 4000x3000 JPEGs
# (ImageMagick plasma fractals, noisy like real photos) resized to three widths, each as JPEG
# and as WebP at quality 80 with a Lanczos filter, by both tools from a page bundle.
# Measures a cold build (image caches and output removed), a warm build (cache kept) and the
# bytes of the copies, and writes them into the "Images" section of BENCHMARKS.md (only that
# section: the rest of the file belongs to benches/run.sh).
#
#   benches/images.sh            # 5 photos
#   BENCH_PHOTOS=10 benches/images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
photos=${BENCH_PHOTOS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
potline=$repo/target/release/potline

# ImageMagick (Debian's `imagemagick`); a `convert` earlier on the PATH may be something else.
im=${CONVERT:-$( [ -x /usr/bin/convert ] && echo /usr/bin/convert || command -v convert )}
echo "generating $photos photos of 4000x3000 with $im" >&2
mkdir -p "$work/photos"
for i in $(seq 1 "$photos"); do
    "$im" -seed "$i" -size 4000x3000 plasma:fractal -blur 0x0.6 -quality 92 \
        "$work/photos/photo-$i.jpg"
done

# The same bundle for both: an index.md showing every photo.
bundle() {
    mkdir -p "$1"
    cp "$work"/photos/*.jpg "$1/"
    { printf -- '---\ntitle: Gallery\n---\n'
      for i in $(seq 1 "$photos"); do printf '![Photo %s](photo-%s.jpg)\n\n' "$i" "$i"; done
    } > "$1/index.md"
}

p=$work/potline
bundle "$p/content/gallery"
printf 'title: Bench\nbase_url: https://bench.example/\nimages: { widths: [480, 960, 1600], quality: 80, webp: true }\n' > "$p/site.yaml"
printf -- '---\ntitle: Home\n---\nHome.\n' > "$p/content/_index.md"

h=$work/hugo
bundle "$h/content/gallery"
mkdir -p "$h/layouts/_default"
cat > "$h/config.toml" <<'TOML'
baseURL = "https://bench.example/"
title = "Bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[imaging]
quality = 80
resampleFilter = "lanczos"
TOML
cat > "$h/layouts/_default/single.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><title>{{ .Title }}</title></head><body>
{{ range .Resources.ByType "image" }}{{ $img := . }}<picture>
{{ $webp := slice }}{{ $jpg := slice }}
{{ range slice 480 960 1600 }}
{{ $w := $img.Resize (printf "%dx webp" .) }}{{ $webp = $webp | append (printf "%s %dw" $w.RelPermalink .) }}
{{ $j := $img.Resize (printf "%dx" .) }}{{ $jpg = $jpg | append (printf "%s %dw" $j.RelPermalink .) }}
{{ end }}
<source type="image/webp" srcset="{{ delimit $webp ", " }}"><img srcset="{{ delimit $jpg ", " }}" alt=""></picture>
{{ end }}</body></html>
HTML
printf '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>{{ .Title }}</body></html>\n' > "$h/layouts/_default/list.html"
printf -- '---\ntitle: Home\n---\n' > "$h/content/_index.md"

runs=${BENCH_RUNS:-3}
hyperfine --style basic --runs "$runs" --export-json "$work/cold.json" \
    --prepare "rm -rf $p/.potline $p/public $p/.public.* $h/resources $h/public" \
    -n potline "$potline build --root $p" \
    -n hugo "hugo --quiet -s $h" >&2
hyperfine --style basic --runs "$runs" --warmup 1 --export-json "$work/warm.json" \
    -n potline "$potline build --root $p" \
    -n hugo "hugo --quiet -s $h" >&2

# Bytes of the copies (originals are not counted: potline does not publish them, Hugo does).
size() { find "$1" -type f -iname "$2" ! -name 'photo-[0-9].jpg' ! -name 'photo-[0-9][0-9].jpg' -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
count() { find "$1" -type f -iname "$2" ! -name 'photo-[0-9].jpg' ! -name 'photo-[0-9][0-9].jpg' | wc -l; }
originals=$(du -cb "$work"/photos/*.jpg | tail -1 | cut -f1)

python3 - "$work" "$photos" "$originals" \
    "$(count "$p/public/processed" '*.jpg')" "$(size "$p/public/processed" '*.jpg')" \
    "$(count "$p/public/processed" '*.webp')" "$(size "$p/public/processed" '*.webp')" \
    "$(count "$h/public/gallery" '*.jpg')" "$(size "$h/public/gallery" '*.jpg')" \
    "$(count "$h/public/gallery" '*.webp')" "$(size "$h/public/gallery" '*.webp')" \
    "$(git rev-parse --short HEAD)" "$(hugo version | cut -d' ' -f2)" "$(nproc)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, sys, datetime
(work, photos, originals, pj_n, pj, pw_n, pw, hj_n, hj, hw_n, hw, rev, hugo, cpus, load) = sys.argv[1:]
def times(name):
    data = json.load(open(f"{work}/{name}.json"))["results"]
    return {r["command"]: (r["mean"], r["stddev"] or 0.0) for r in data}
cold, warm = times("cold"), times("warm")
mb = lambda b: f"{int(b) / 1e6:.2f} MB"
t = lambda x: f"{x[0]:.2f} s ± {x[1]:.2f}"
lines = [
    "<!-- images-bench:start -->",
    "## Images: responsive copies against Hugo",
    "",
    f"_Written by `benches/images.sh` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; rerun it to refresh this section only._",
    "",
    f"{photos} photos of 4000×3000 ({mb(originals)} of JPEG at quality 92, generated with ImageMagick) in one page bundle,",
    "each resized by both tools to 480, 960 and 1600 pixels wide, as JPEG and as WebP, quality 80, Lanczos filter.",
    f"potline `{rev}` (release build) against Hugo {hugo}; {cpus} CPUs, load average {load} at the end",
    "(the machine is shared with other builds: compare the two columns, not the absolute times).",
    "Cold: image caches and output removed before each run; warm: a second build with the caches kept.",
    "",
    "| | potline | Hugo |",
    "|---|---|---|",
    f"| cold build (mean of runs) | {t(cold['potline'])} | {t(cold['hugo'])} |",
    f"| warm build | {t(warm['potline'])} | {t(warm['hugo'])} |",
    f"| JPEG copies | {pj_n} files, {mb(pj)} | {hj_n} files, {mb(hj)} |",
    f"| WebP copies | {pw_n} files, {mb(pw)} | {hw_n} files, {mb(hw)} |",
    "",
    "potline encodes JPEG with `jpeg-encoder` (4:2:0) and WebP with libwebp; Hugo uses Go's JPEG",
    "encoder and libwebp. (With the `image` crate's own JPEG encoder, potline's JPEG copies of the same",
    "photos were 2.50 MB, 52% larger than Hugo's: the reason it is not used.)",
    "Hugo also publishes the originals beside the page; potline does not (they are not counted above).",
    "<!-- images-bench:end -->",
]
section = "\n".join(lines) + "\n"
text = open("BENCHMARKS.md").read()
start, end = "<!-- images-bench:start -->", "<!-- images-bench:end -->\n"
if start in text and end in text:
    text = text[: text.index(start)] + section + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + section
open("BENCHMARKS.md", "w").write(text)
print(section)
PY
