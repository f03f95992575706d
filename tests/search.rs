//! Site search (issue 10): the index `potline build` writes (parsed back and checked), rebuilds
//! that equal fresh builds, sites without a search template, and, in headless Chromium, English
//! and Chinese queries typed with the keyboard into the built search page, with and without
//! JavaScript. The fixture `search-site` is a Chinese site built with the repository's Ingot theme.
//!
//! The browser checks need `tests/browser/node_modules` and Debian's Chromium: skipped locally
//! with a message when missing, a failure under CI (`CI` set).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use potline::build::Builder;
use potline::search::{SearchCache, site_index};
use serde_json::{Value, json};

use crate::common::*;

/// The search fixture in a temporary folder, with the Ingot theme copied beside it.
fn search_site() -> tempfile::TempDir {
    let site = fixture("search-site");
    copy_dir(
        &repo_root().join("themes/ingot"),
        &site.path().join("themes/ingot"),
    );
    site
}

fn read_json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A language's index read back: every term with the (document, weight) pairs of its postings,
/// and the documents' records.
struct ReadIndex {
    terms: BTreeMap<String, Vec<(u64, u64)>>,
    records: Vec<Value>,
}

impl ReadIndex {
    fn load(folder: &Path) -> ReadIndex {
        let manifest = read_json(&folder.join("index.json"));
        assert_eq!(manifest["format"], 1);
        let from: Vec<&str> = manifest["from"]
            .as_array()
            .expect("from")
            .iter()
            .map(|v| v.as_str().expect("term"))
            .collect();
        assert_eq!(
            from.first(),
            Some(&""),
            "the first file starts at the start"
        );
        let mut terms = BTreeMap::new();
        let chunks = manifest["chunks"].as_array().expect("chunks");
        assert_eq!(chunks.len(), from.len());
        for (i, name) in chunks.iter().enumerate() {
            let chunk = read_json(&folder.join(name.as_str().expect("file name")));
            let names = chunk["t"].as_array().expect("terms");
            let lists = chunk["p"].as_array().expect("postings");
            assert_eq!(names.len(), lists.len());
            for (term, list) in names.iter().zip(lists) {
                let term = term.as_str().expect("term").to_string();
                assert!(*from[i] <= *term, "{term} is before its file's first term");
                if let Some(next) = from.get(i + 1) {
                    assert!(term.as_str() < *next, "{term} belongs to a later file");
                }
                let mut doc = 0;
                let postings = list
                    .as_array()
                    .expect("numbers")
                    .iter()
                    .map(|n| {
                        let n = n.as_u64().expect("number");
                        doc += n >> 5;
                        (doc, n & 31)
                    })
                    .collect();
                terms.insert(term, postings);
            }
        }
        let docs = manifest["docs"].as_u64().expect("docs");
        let records = (0..docs)
            .map(|d| read_json(&folder.join(format!("d/{d}.json"))))
            .collect();
        ReadIndex { terms, records }
    }

    /// URLs of the documents holding `term`.
    fn urls_with(&self, term: &str) -> BTreeSet<String> {
        self.terms
            .get(term)
            .into_iter()
            .flatten()
            .map(|(doc, _)| {
                self.records[*doc as usize]["u"]
                    .as_str()
                    .expect("url")
                    .to_string()
            })
            .collect()
    }

    fn weight(&self, term: &str, url: &str) -> Option<u64> {
        let doc = self.records.iter().position(|r| r["u"] == url)? as u64;
        self.terms
            .get(term)?
            .iter()
            .find(|p| p.0 == doc)
            .map(|p| p.1)
    }
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_index_holds_every_published_page_and_nothing_else() {
    let site = search_site();
    let out = build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let index = ReadIndex::load(&public.join("search"));
    let urls: BTreeSet<String> = index
        .records
        .iter()
        .map(|r| r["u"].as_str().expect("url").to_string())
        .collect();
    assert_eq!(
        urls,
        set(&[
            "/about/",
            "/enterprises/lingyun-example/",
            "/enterprises/youjiang-sample/",
            "/news/smelters/",
            "/news/symposium/"
        ]),
        "drafts and pages with `search: false` are left out"
    );
    for absent in ["draftonlyword", "hiddenonlyword", "隐藏", "草稿"] {
        assert!(!index.terms.contains_key(absent), "{absent} is indexed");
    }
    assert!(
        !out.contains("unknown key"),
        "`search` is a known key: {out}"
    );
    assert_eq!(
        index.urls_with("百色"),
        set(&["/about/", "/news/symposium/"])
    );
    assert_eq!(
        index.urls_with("smelter"),
        set(&["/news/smelters/"]),
        "plurals are stemmed"
    );
    // Enterprise fields and taxonomy labels are indexed, and so are the names in either language.
    assert_eq!(
        index.urls_with("示例"),
        set(&["/enterprises/lingyun-example/", "/news/symposium/"])
    );
    assert!(
        index
            .urls_with("lingyun")
            .contains("/enterprises/lingyun-example/")
    );
    assert!(
        index
            .urls_with("氧化")
            .contains("/enterprises/lingyun-example/")
    );
    // Weights: 16 title, 8 metadata, low bits the count in the body.
    assert_eq!(
        index.weight("百色", "/news/symposium/").map(|w| w & 16),
        Some(16)
    );
    assert_eq!(
        index.weight("youjiang", "/enterprises/youjiang-sample/"),
        Some(16 | 8)
    );
    let symposium = &index.records[index
        .records
        .iter()
        .position(|r| r["u"] == "/news/symposium/")
        .expect("symposium record")];
    assert_eq!(symposium["t"], "百色市召开生态铝产业发展座谈会");
    assert_eq!(symposium["s"], "新闻");
    assert_eq!(symposium["d"], "2021-07-30");
    let body = symposium["x"].as_str().expect("text");
    assert!(body.starts_with("7月30日，百色市政府召开"), "{body}");
    assert!(!body.contains('<') && !body.contains(" # "), "{body}");
}

#[test]
fn the_search_page_and_script_are_generated_for_themes_with_a_search_template() {
    let site = search_site();
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let page = html(&public.join("search/index.html"));
    assert_eq!(
        attrs(&page, "[data-potline-search]", "data-index"),
        ["/search/index.json"]
    );
    assert_eq!(attrs(&page, "script[src]", "src"), ["/search/search.js"]);
    assert_eq!(attrs(&page, "form[role=search]", "action"), ["/search/"]);
    assert_eq!(
        texts(&page, "[data-search-nojs]"),
        ["搜索功能需要启用 JavaScript；您也可以浏览新闻和企业名录。"]
    );
    assert_eq!(
        attrs(&page, "[data-search-nojs] a", "href"),
        ["/news/", "/enterprises/"]
    );
    assert!(public.join("search/search.js").is_file());
    // Every other page has the header box, a plain GET form to the search page.
    let home = html(&public.join("index.html"));
    assert_eq!(attrs(&home, "form[role=search]", "action"), ["/search/"]);
    assert_eq!(attrs(&home, "form[role=search] input", "name"), ["q"]);
}

#[test]
fn a_site_whose_theme_has_no_search_template_gets_no_search() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    assert!(!site.path().join("public/search").exists());
}

#[test]
fn a_base_path_prefixes_every_search_url() {
    let site = search_site();
    build_ok(site.path(), &["--base-url", "https://example.org/sub"]);
    let public = site.path().join("public");
    let page = html(&public.join("search/index.html"));
    assert_eq!(
        attrs(&page, "[data-potline-search]", "data-index"),
        ["/sub/search/index.json"]
    );
    let index = ReadIndex::load(&public.join("search"));
    assert!(
        index
            .records
            .iter()
            .all(|r| r["u"].as_str().is_some_and(|u| u.starts_with("/sub/")))
    );
}

fn search_outputs(builder: &mut Builder) -> BTreeMap<String, Vec<u8>> {
    rendered_outputs(builder, |path| path.starts_with("search/"))
}

#[test]
fn a_rebuild_after_edits_writes_the_index_a_fresh_build_writes() {
    let site = search_site();
    let root = site.path();
    let mut builder = Builder::new(build_options(root));
    let before = search_outputs(&mut builder);
    let edits = [
        (
            "content/news/smelters.md",
            "---\ntitle: Three smelters finish their upgrade\ndate: 2022-03-01\n---\nA new word: potroom.\n",
        ),
        (
            "content/news/late.md",
            "---\ntitle: 新的文章\ndate: 2023-01-01\n---\n百色的新消息。\n",
        ),
        (
            "content/enterprises/youjiang-sample.md",
            "---\nname: Youjiang Sample Power Co.\nsearch: false\n---\nHidden now.\n",
        ),
    ];
    for (file, text) in edits {
        write(root, file, text);
        builder.invalidate(&[root.join(file)]);
        let rebuilt = search_outputs(&mut builder);
        let fresh = search_outputs(&mut Builder::new(build_options(root)));
        assert_eq!(
            rebuilt.keys().collect::<Vec<_>>(),
            fresh.keys().collect::<Vec<_>>(),
            "after editing {file}"
        );
        assert!(rebuilt == fresh, "after editing {file}");
    }
    let after = search_outputs(&mut builder);
    assert_ne!(before, after);
    let index_text = String::from_utf8_lossy(&after["search/index.json"]).into_owned();
    assert!(index_text.contains("\"docs\":5"), "{index_text}");
}

// --- In the browser ---------------------------------------------------------------------------

fn browser_tools() -> bool {
    let modules = repo_root().join("tests/browser/node_modules/playwright-core");
    if modules.exists() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "tests/browser/node_modules is missing: run `npm ci --prefix tests/browser` (see .ci/run)"
    );
    eprintln!(
        "skipped: tests/browser/node_modules is missing (run `npm ci --prefix tests/browser`)"
    );
    false
}

/// Runs `search.mjs check` on a built site with these expectations.
fn check_in_browser(public: &Path, spec: &Value) {
    let spec_file = public.with_file_name("search-spec.json");
    std::fs::write(&spec_file, spec.to_string()).expect("write spec");
    let out = Command::new("node")
        .arg(repo_root().join("tests/browser/search.mjs"))
        .arg("check")
        .arg(public)
        .arg(&spec_file)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What potline's tokenizer makes of these texts, for the browser's to be compared with.
fn term_cases(texts: &[&str]) -> Value {
    texts
        .iter()
        .map(|text| json!({ "text": text, "terms": potline::search::tokens::terms(text) }))
        .collect()
}

#[test]
fn chinese_and_english_queries_typed_into_the_search_page_find_their_pages() {
    if !browser_tools() {
        return;
    }
    let site = search_site();
    // Enough pages sharing a word for a second page of results.
    for n in 1..=12 {
        write(
            site.path(),
            &format!("content/enterprises/batch-{n:02}.md"),
            &format!("---\nname: Batch enterprise {n}\n---\nA batchword enterprise.\n"),
        );
    }
    // Enough words for several postings files.
    for n in 0..300 {
        let words: Vec<String> = (0..30).map(|k| format!("w{n}x{k}")).collect();
        write(
            site.path(),
            &format!("content/enterprises/filler-{n:03}.md"),
            &format!("---\nname: Filler {n}\n---\n{}\n", words.join(" ")),
        );
    }
    build_ok(site.path(), &[]);
    // The same site published again with one more word, for the page already open to find.
    let again = site.path().join("public-again");
    write(
        site.path(),
        "content/news/smelters.md",
        "---\ntitle: Two smelters finish their upgrade\ndate: 2022-03-01\n---\nA new word: potroom.\n",
    );
    build_ok(
        site.path(),
        &["--output", again.to_str().expect("utf-8 path")],
    );
    let spec = json!({
        "searches": [
            { "q": "百色", "first": "/news/symposium/", "mark": "百色", "open": true },
            { "q": "symposium", "via": "header", "first": "/news/symposium/", "mark": "symposium" },
            { "q": "示例铝业", "first": "/enterprises/lingyun-example/", "mark": "示例铝业" },
            { "q": "Lingyun Example", "first": "/enterprises/lingyun-example/", "mark": "Lingyun" },
            { "q": "右江样例", "via": "header", "first": "/enterprises/youjiang-sample/", "mark": "右江样例" },
            { "q": "smelter", "first": "/news/smelters/", "mark": "smelters" },
            { "q": "座谈会 Baise", "first": "/news/symposium/", "mark": "座谈会" },
            { "q": "batchword", "first": "/enterprises/batch-12/", "more": 12 },
            { "q": "draftonlyword", "none": true },
            { "q": "hiddenonlyword", "none": true }
        ],
        "terms": term_cases(&[
            "Two Smelters, three companies; the PROCESSES' status",
            "百色Baise铝业 2021年，吉利百矿集团",
            "Ｆｕｌｌ－ｗｉｄｔｈ ＡＢＣ１２３ and Baise's don’t",
            "Ünïcödé naïve café 𠀋𠀌 ｶﾀｶﾅ",
        ]),
        "nojs": [{ "page": "/search/", "text": "搜索功能需要启用 JavaScript" }],
        "axe": true,
        "republish": { "folder": again, "before": "百色", "after": "potroom", "first": "/news/smelters/" },
    });
    check_in_browser(&site.path().join("public"), &spec);
}

#[test]
fn the_sample_site_search_finds_reports_profiles_and_its_chinese_names() {
    if !browser_tools() {
        return;
    }
    let out = tempfile::tempdir().expect("temp");
    let public = out.path().join("public");
    build_ok(
        &repo_root(),
        &["--output", public.to_str().expect("utf-8 path")],
    );
    let spec = json!({
        "searches": [
            { "q": "Peng Bin", "first": "/news/symposium-ecological-aluminum-industry/", "mark": "Peng", "open": true },
            { "q": "Chinalco", "via": "header", "first": "/enterprises/chinalco-guangxi-branch/", "mark": "Chinalco" },
            { "q": "smelts", "first": "/enterprises/chinalco-guangxi-branch/", "mark": "smelt" },
            { "q": "绿铝碳标签", "first": "/news/2022-conference-carbon-label/", "mark": "绿铝碳标签" },
            { "q": "南国铝都", "first": "/news/2024-xinhua-aluminum-capital/", "mark": "南国铝都" },
            { "q": "Xinfa", "first": "/enterprises/guangxi-xinfa-aluminum-power/", "mark": "Xinfa" },
            // The Chinese version of the site has its own index and search page.
            { "q": "工作队", "page": "/zh/search/", "first": "/zh/news/symposium-ecological-aluminum-industry/", "mark": "工作", "open": true },
            { "q": "座谈会 Ge Guoke", "page": "/zh/search/", "first": "/zh/news/symposium-ecological-aluminum-industry/", "mark": "座谈会" },
            { "q": "Chinalco", "via": "header", "home": "/zh/", "first": "/zh/enterprises/chinalco-guangxi-branch/", "mark": "Chinalco" }
        ],
        "nojs": [
            { "page": "/search/", "text": "Search needs JavaScript" },
            { "page": "/zh/search/", "text": "搜索功能需要启用 JavaScript" }
        ],
        "axe": true,
    });
    check_in_browser(&public, &spec);
}

/// Where the search sizes and latencies in docs/search.md come from: `cargo test -- --ignored
/// measure_search` prints them for the sample site (see docs/search.md for the 10,000-page site).
#[test]
#[ignore = "a measurement, not a check"]
fn measure_search_on_the_sample_site() {
    if !browser_tools() {
        return;
    }
    let out = tempfile::tempdir().expect("temp");
    let public: PathBuf = out.path().join("public");
    build_ok(
        &repo_root(),
        &["--output", public.to_str().expect("utf-8 path")],
    );
    let result = Command::new("node")
        .arg(repo_root().join("tests/browser/search.mjs"))
        .args(["measure"])
        .arg(&public)
        .args([
            "symposium",
            "Chinalco",
            "smelt",
            "绿铝碳标签",
            "aluminum industry",
        ])
        .output()
        .expect("node runs");
    println!("{}", String::from_utf8_lossy(&result.stdout));
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

/// The cost of the index in a build: every page tokenized (first build), then again with every
/// entry cached (what a `potline serve` rebuild after an edit does), and the files' sizes.
/// `POTLINE_SEARCH_SITE=/path/to/site cargo test --release -- --ignored measure_search_index`
#[test]
#[ignore = "a measurement, not a check"]
fn measure_search_index_build() {
    let root = std::env::var_os("POTLINE_SEARCH_SITE").map_or_else(repo_root, PathBuf::from);
    let mut builder = Builder::new(build_options(&root));
    let cache = SearchCache::default();
    let analysis = builder.analyze().expect("the site reads");
    // The default language: the one served at `/`.
    let language = &analysis.languages[0];
    let index = || {
        site_index(
            &language.config,
            &language.site,
            &language.page_markdown,
            &cache,
        )
    };
    let (started, cpu) = (std::time::Instant::now(), cpu_ms());
    let first = index();
    let (cold, cold_cpu) = (started.elapsed(), cpu_ms() - cpu);
    let repeat: u32 = std::env::var("POTLINE_SEARCH_REPEAT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let (started, cpu) = (std::time::Instant::now(), cpu_ms());
    let mut again = index();
    for _ in 1..repeat {
        again = index();
    }
    let warm = started.elapsed() / repeat.max(1);
    let warm_cpu = (cpu_ms() - cpu) / u64::from(repeat.max(1));
    assert!(first == again);
    let bytes = |prefix: &str| -> (usize, usize) {
        let chosen: Vec<_> = first
            .files
            .iter()
            .filter(|(n, _)| n.starts_with(prefix))
            .collect();
        (chosen.len(), chosen.iter().map(|(_, b)| b.len()).sum())
    };
    let largest = first
        .files
        .iter()
        .filter(|(n, _)| n.starts_with("t/"))
        .map(|(_, b)| b.len())
        .max()
        .unwrap_or(0);
    println!(
        "{} documents; first build {} ms ({cold_cpu} ms CPU), rebuild {} ms ({warm_cpu} ms CPU); \
         manifest {:?}, postings (files, bytes) {:?} (largest {largest}), records {:?}",
        first.documents,
        cold.as_millis(),
        warm.as_millis(),
        bytes("index.json"),
        bytes("t/"),
        bytes("d/"),
    );
}

/// CPU time used by this process so far (all threads), from `/proc/self/stat`; 0 elsewhere.
fn cpu_ms() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<u64> = after_name
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse().ok())
        .collect();
    // utime and stime, in ticks of 10 ms (USER_HZ is 100 on Linux).
    fields.iter().sum::<u64>() * 10
}
