#!/usr/bin/env python3
"""Writes one synthetic news site twice: for potline and for Hugo, with the same content.

    python3 benches/gen_site.py --pages 10000 --seed 1 --out /tmp/bench/10000

writes DIR/potline/ (site.yaml, content/, templates/, static/) and DIR/hugo/ (hugo.toml,
content/, layouts/, static/). The output depends only on --pages and --seed: no clock, no
randomness that is not seeded, so two runs give byte-identical sites.

90% of the pages are news items (600 to 1,000 words of Markdown: ## and ### headings, a bullet
list, a numbered list, a table, emphasis, a link to another news item, an image), 10% are
enterprise profiles. News items carry 1 to 4 tags from a pool of 50 and 1 or 2 segments.

The two sites differ only where the tools' syntax differs: internal links
(`@/news/x.md` against `{{< relref "news/x.md" >}}`), the summary divider (`<!-- more -->`
against `<!--more-->`), the enterprise title key (`name:` against `title:`) and the templates.
Both sets of templates do the same work: base layout, article, enterprise profile, section
lists paginated by 20, tag index, tag pages paginated by 20, home with the latest 10 news,
404, and (built in) one RSS feed of news and a sitemap.

Python 3 standard library only.
"""

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import textwrap

SEGMENTS = [
    "bauxite",
    "alumina",
    "electrolytic-aluminum",
    "processing",
    "recycled-aluminum",
    "power",
    "supporting",
]

TAGS = [
    "alumina-prices", "anodizing", "auto-parts", "bauxite-mining", "battery-foil", "brand",
    "carbon-peak", "casting", "cathode", "cold-rolling", "county-economy", "die-casting",
    "ecology", "electricity", "energy-saving", "exhibition", "export", "extrusion",
    "financing", "foil", "green-power", "grid", "guangxi", "high-purity", "hydropower",
    "industrial-park", "innovation", "investment", "jingxi", "land-reclamation", "logistics",
    "new-materials", "pingguo", "policy", "profiles", "recycling", "red-mud", "research",
    "rail-transit", "safety", "scrap", "smelting", "standards", "symposium", "talent",
    "tiandong", "training", "wastewater", "wheels", "youjiang",
]

COUNTIES = ["Youjiang", "Tianyang", "Tiandong", "Pingguo", "Debao", "Jingxi", "Napo",
            "Lingyun", "Leye", "Tianlin", "Xilin", "Longlin"]

PRODUCTS = ["alumina", "aluminum ingots", "aluminum rods", "extruded profiles", "plate",
            "strip", "foil", "wheels", "die castings", "recycled ingots", "cathode blocks",
            "prebaked anodes", "aluminum fluoride", "building profiles", "rail profiles"]

# Words the text is made of: enough variety that no two pages are alike.
VOCABULARY = textwrap.dedent("""
    aluminum alumina bauxite smelter refinery plant line capacity output tonnes project
    investment county city province region industry chain segment enterprise company group
    market price demand supply export import production processing extrusion rolling casting
    foil plate strip profile wheel rod ingot alloy purity scrap recycling recovery energy power
    grid hydropower electricity carbon emission reduction efficiency technology innovation
    research laboratory standard quality certification brand exhibition symposium forum
    meeting delegation agreement contract partner cooperation policy plan target growth
    revenue profit value cluster park zone logistics railway port road transport worker
    engineer training talent school university safety inspection environment ecology water
    wastewater red mud residue reclamation land forest village farmer income employment
    local national international annual quarterly monthly new modern green clean efficient
    advanced integrated deep high low large small major first second third key leading
    steady rapid significant important strategic sustainable digital intelligent automated
    the of and to in for with on by from at as its their this that these which while after
    before during over under between across through about around into toward within beyond
    builds expands improves reduces supports launches signs completes opens visits reports
    announces reaches increases lowers plans invests produces delivers ships develops tests
    upgrades connects trains hires recycles processes refines casts rolls extrudes smelts
    officials managers engineers workers researchers investors buyers suppliers customers
    visitors experts leaders residents students partners teams committees bureaus
    morning week month year decade season quarter phase stage step milestone record level
    share rate volume scale range cost budget fund loan subsidy tax fee price index
""").split()

HEADINGS = [
    "Background", "Capacity and output", "What changes for enterprises", "Energy and emissions",
    "Investment", "The industry chain", "Next steps", "Market outlook", "Training and talent",
    "Quality and standards", "Recycling", "Logistics", "Safety", "Ecology and land",
    "Research and innovation", "Cooperation", "Figures", "Reactions", "Timeline", "Context",
]

TITLE_WORDS = [
    "Baise", "aluminum", "alumina", "smelter", "park", "project", "capacity", "recycling",
    "foil", "profiles", "wheels", "power", "grid", "green", "brand", "forum", "export",
    "investment", "plant", "line", "county", "chain", "standard", "training", "research",
    "Pingguo", "Tiandong", "Jingxi", "Debao", "Youjiang", "Tianyang", "record", "upgrade",
]

TITLE_VERBS = [
    "opens", "expands", "signs", "completes", "launches", "reaches", "hosts", "plans",
    "upgrades", "reports", "welcomes", "approves", "starts", "celebrates", "tests",
]


def tiny_jpeg():
    """An 8x8 mid-grey baseline JPEG (about 160 bytes), assembled by hand: every coefficient
    is zero, so the entropy-coded data is one DC code `0` and one end-of-block code `0`."""
    def segment(marker, payload):
        return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload

    one_code = bytes([1] + [0] * 15) + bytes([0])  # one code of length 1, for symbol 0
    return b"".join([
        b"\xff\xd8",
        segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
        segment(0xDB, b"\x00" + b"\x01" * 64),
        segment(0xC0, b"\x08\x00\x08\x00\x08\x01\x01\x11\x00"),
        segment(0xC4, b"\x00" + one_code),
        segment(0xC4, b"\x10" + one_code),
        segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
        b"\x3f",  # bits 00, padded with ones
        b"\xff\xd9",
    ])


CSS = """\
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1b1f23; }
header, main, footer { max-width: 46rem; margin: 0 auto; padding: 1rem; }
nav ul, .tags { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
.meta { color: #57606a; }
table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: .25rem .5rem; }
img { max-width: 100%; }
"""


class Text:
    """Sentences and paragraphs drawn from the vocabulary with one seeded generator."""

    def __init__(self, rng):
        self.rng = rng

    def words(self, n):
        return self.rng.choices(VOCABULARY, k=n)

    def sentence(self, lo=8, hi=20):
        words = self.words(self.rng.randint(lo, hi))
        # Emphasis and strong on a word now and then.
        roll = self.rng.random()
        if roll < 0.15:
            i = self.rng.randrange(len(words))
            words[i] = f"*{words[i]}*"
        elif roll < 0.25:
            i = self.rng.randrange(len(words))
            words[i] = f"**{words[i]}**"
        first = words[0].lstrip("*")
        words[0] = words[0][: len(words[0]) - len(first)] + first.capitalize()
        return " ".join(words) + "."

    def paragraph(self, sentences=None):
        n = sentences or self.rng.randint(3, 6)
        return " ".join(self.sentence() for _ in range(n))

    def phrase(self, lo=2, hi=5):
        return " ".join(self.words(self.rng.randint(lo, hi)))


def count_words(text):
    """Words as a reader counts them: tokens with a letter (not `|`, `-`, `##`, `1.`)."""
    return sum(1 for token in text.split() if any(c.isalpha() for c in token))


def news_body(text, rng, link_marker):
    """A news body of 600-1,000 words; `link_marker` stands for the internal link's target,
    replaced per tool afterwards. Returns the body with `{{MORE}}` where the summary ends.

    3 to 5 `##` sections, each opening with a paragraph; the six required pieces (bullet list,
    numbered list, table, image, internal link, `###` subsection) spread over them; then
    paragraphs added to random sections until the body reaches its drawn length."""
    target = rng.randint(600, 940)  # the last paragraph overshoots by up to ~60 words
    intro = text.paragraph(3)
    sections = [[text.paragraph()] for _ in range(rng.randint(3, 5))]
    for kind in ("bullets", "numbers", "table", "image", "link", "h3"):
        sections[rng.randrange(len(sections))].append(block(kind, text, rng, link_marker))
    words = count_words(intro) + sum(count_words(b) for sec in sections for b in sec)
    while words < target:
        paragraph = text.paragraph(rng.randint(2, 4))
        words += count_words(paragraph)
        sec = sections[rng.randrange(len(sections))]
        sec.insert(rng.randint(1, len(sec)), paragraph)
    headings = rng.sample(HEADINGS, len(sections))
    blocks = [intro, "{{MORE}}"]
    for heading, sec in zip(headings, sections):
        blocks.append(f"## {heading}")
        blocks.extend(sec)
    return "\n\n".join(blocks) + "\n"


def block(kind, text, rng, link_marker):
    if kind == "bullets":
        return "\n".join(f"- {text.sentence(4, 10)}" for _ in range(rng.randint(3, 6)))
    if kind == "numbers":
        return "\n".join(f"{i}. {text.sentence(4, 10)}" for i in range(1, rng.randint(4, 6)))
    if kind == "table":
        rows = ["| Segment | Capacity (t) | Change |", "| --- | ---: | ---: |"]
        for seg in rng.sample(SEGMENTS, rng.randint(3, 4)):
            rows.append(f"| {seg} | {rng.randint(10, 3000) * 100:,} | {rng.randint(-20, 40)}% |")
        return "\n".join(rows)
    if kind == "image":
        return f"![{text.phrase(3, 6)}](/img/photo.jpg)\n\n{text.paragraph(2)}"
    if kind == "link":
        return f"{text.sentence()} Read also [{text.phrase(2, 4)}]({link_marker}). {text.sentence()}"
    if kind == "h3":
        return f"### {text.phrase(2, 4).capitalize()}\n\n{text.paragraph()}"
    raise ValueError(kind)


def enterprise_body(text, rng):
    blocks = [text.paragraph(3), "{{MORE}}"]
    for heading in rng.sample(["History", "Products", "Capacity", "Environment", "Plans"], 2):
        blocks.append(f"## {heading}")
        blocks.append(text.paragraph())
    blocks.append("\n".join(f"- {text.sentence(4, 8)}" for _ in range(3)))
    return "\n\n".join(blocks) + "\n"


def yaml_list(items):
    return "[" + ", ".join(items) + "]"


class Plan:
    """Every page of the site, decided before anything is written (links need all names)."""

    def __init__(self, pages, seed):
        rng = random.Random(seed)
        self.n_news = max(1, round(pages * 0.9))
        self.n_ent = max(1, pages - self.n_news)
        start = dt.datetime(2015, 1, 1, 8, 0)
        span_minutes = int((dt.datetime(2024, 12, 31, 18, 0) - start).total_seconds() // 60)
        self.news = []
        for i in range(self.n_news):
            words = rng.sample(TITLE_WORDS, 3)
            title = f"{words[0].capitalize()} {words[1]} {rng.choice(TITLE_VERBS)} {words[2]} #{i + 1}"
            slug = f"{words[0]}-{words[1]}-{words[2]}-{i + 1:06d}".lower()
            when = start + dt.timedelta(minutes=rng.randrange(span_minutes))
            self.news.append({
                "file": f"{slug}.md",
                "title": title,
                "date": when.strftime("%Y-%m-%dT%H:%M:00+08:00"),
                "tags": sorted(rng.sample(TAGS, rng.randint(1, 4))),
                "segment": sorted(rng.sample(SEGMENTS, rng.randint(1, 2)), key=SEGMENTS.index),
                "link": None,
            })
        for i, item in enumerate(self.news):
            j = rng.randrange(self.n_news - 1) if self.n_news > 1 else 0
            item["link"] = self.news[j + 1 if j >= i and self.n_news > 1 else j]["file"]
        self.enterprises = []
        for i in range(self.n_ent):
            a, b = rng.sample(TITLE_WORDS[:25], 2)
            self.enterprises.append({
                "file": f"{a}-{b}-enterprise-{i + 1:05d}.md".lower(),
                "name": f"Baise {a.capitalize()} {b.capitalize()} Aluminum Co., Ltd. {i + 1}",
                "segment": sorted(rng.sample(SEGMENTS, rng.randint(1, 2)), key=SEGMENTS.index),
                "county": rng.choice(COUNTIES),
                "founded": rng.randint(1958, 2022),
                "products": sorted(rng.sample(PRODUCTS, rng.randint(1, 3))),
            })
        self.rng = rng


def write(path, text, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode, encoding=None if "b" in mode else "utf-8", newline=None if "b" in mode else "\n") as f:
        f.write(text)


def write_content(plan, sites):
    """Writes the Markdown of both sites, page by page, from the same generated text."""
    rng = plan.rng
    text = Text(rng)
    intro = text.paragraph(4)
    about = text.paragraph(4)
    for site in sites.values():
        write(f"{site}/content/_index.md", f"---\ntitle: Potline benchmark\n---\n\n{intro}\n")
        write(f"{site}/content/about.md", f"---\ntitle: About this site\n---\n\n{about}\n")
        write(f"{site}/content/news/_index.md",
              "---\ntitle: News\ndescription: News of the synthetic aluminum industry.\n"
              "paginate: 20\n---\n\nEvery news item, newest first.\n")
        write(f"{site}/content/enterprises/_index.md",
              "---\ntitle: Enterprises\ndescription: Enterprise profiles.\npaginate: 20\n---\n\n"
              "The enterprises of the chain.\n")
    links = {
        "potline": lambda f: f"@/news/{f}",
        "hugo": lambda f: '{{< relref "news/' + f + '" >}}',
    }
    more = {"potline": "<!-- more -->", "hugo": "<!--more-->"}
    for item in plan.news:
        body = news_body(text, rng, "{{LINK}}")
        front = (f"title: \"{item['title']}\"\ndate: {item['date']}\n"
                 f"tags: {yaml_list(item['tags'])}\nsegment: {yaml_list(item['segment'])}\n")
        for tool, site in sites.items():
            page = body.replace("{{LINK}}", links[tool](item["link"])).replace("{{MORE}}", more[tool])
            write(f"{site}/content/news/{item['file']}", f"---\n{front}---\n\n{page}")
    for item in plan.enterprises:
        body = enterprise_body(text, rng)
        summary = text.sentence(10, 16)
        rest = (f"summary: \"{summary}\"\nsegment: {yaml_list(item['segment'])}\n"
                f"county: {item['county']}\nfounded: {item['founded']}\n"
                f"website: https://example.com/{item['file'][:-3]}/\n"
                f"products: {yaml_list(item['products'])}\n")
        for tool, site in sites.items():
            key = "name" if tool == "potline" else "title"
            page = body.replace("{{MORE}}", more[tool])
            write(f"{site}/content/enterprises/{item['file']}",
                  f"---\n{key}: \"{item['name']}\"\n{rest}---\n\n{page}")


def write_static(sites):
    jpeg = tiny_jpeg()
    for site in sites.values():
        write(f"{site}/static/img/photo.jpg", jpeg, "wb")
        write(f"{site}/static/css/site.css", CSS)


def write_tool_files(sites, with_lists):
    here = os.path.dirname(os.path.abspath(__file__))
    for tool, site in sites.items():
        src = os.path.join(here, "templates", tool)
        for root, _dirs, files in os.walk(src):
            for name in files:
                rel = os.path.relpath(os.path.join(root, name), src)
                dest = os.path.join(site, rel)
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                shutil.copyfile(os.path.join(root, name), dest)
    if not with_lists:
        # For a potline that does not know `taxonomies:` and `feeds:` yet (an unknown key of
        # site.yaml is an error there): drop that part of the configuration.
        path = os.path.join(sites["potline"], "site.yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        start = text.index("# >>> lists")
        end = text.index("# <<< lists")
        end = text.index("\n", end) + 1
        write(path, text[:start] + text[end:])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, required=True, help="number of pages (90%% news)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", required=True, help="folder to write potline/ and hugo/ into")
    parser.add_argument("--no-lists", action="store_true",
                        help="leave `taxonomies:` and `feeds:` out of potline's site.yaml, for a "
                             "potline that does not support them yet")
    args = parser.parse_args(argv)
    if args.pages < 2:
        parser.error("--pages must be at least 2")
    sites = {tool: os.path.join(args.out, tool) for tool in ("potline", "hugo")}
    for site in sites.values():
        if os.path.exists(site):
            shutil.rmtree(site)
    plan = Plan(args.pages, args.seed)
    write_content(plan, sites)
    write_static(sites)
    write_tool_files(sites, with_lists=not args.no_lists)
    print(f"wrote {plan.n_news} news items and {plan.n_ent} enterprise profiles "
          f"(+ home, about, 2 section indexes) to {sites['potline']} and {sites['hugo']}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
