//! Entry points for the fuzz targets in `fuzz/` and for the test that replays their corpus under
//! plain `cargo test`: each takes arbitrary bytes, runs one stage that reads untrusted input, and
//! panics only when an invariant of that stage breaks (never on input it rightly refuses).
//! Not a stable API: it exists so that the fuzzers reach internals without making them public.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::config::Config;
use crate::content::page::parse_document;
use crate::content::{Page, frontmatter, schema::Rules};
use crate::markdown::{MarkdownContext, render};
use crate::serve::fuzzing as serve_paths;
use crate::source::{SourceFile, SourceKind};

/// One fuzz target: it takes any bytes and panics only when an invariant breaks.
pub type Target = fn(&[u8]);

/// The targets, by the name of their fuzz target and of their corpus folder.
pub const TARGETS: [(&str, Target); 6] = [
    ("front_matter_split", front_matter_split),
    ("front_matter_page", front_matter_page),
    ("shortcode_parser", shortcode_parser),
    ("slugs_and_urls", slugs_and_urls),
    ("request_path", request_path),
    ("markdown_safe_html", markdown_safe_html),
];

/// The file as an editor saved it: decoded, then cut at its front-matter fences. The parts are
/// pieces of the text, in order, and the line numbers agree with them.
pub fn front_matter_split(data: &[u8]) {
    let Ok(text) = crate::content::decode_text(data) else {
        return;
    };
    assert!(!text.contains('\r'), "line endings are normalised");
    let Ok(split) = frontmatter::split(&text) else {
        return;
    };
    let start = text.len() - split.body.len();
    assert!(
        text.ends_with(split.body),
        "the body is the end of the file"
    );
    assert!(
        split.front_matter.len() <= start,
        "the parts do not overlap"
    );
    let lines_before_body = text[..start].matches('\n').count();
    if !split.body.is_empty() {
        assert_eq!(split.body_line, lines_before_body + 1, "body line");
    }
}

const SITE_YAML: &str = "title: Fuzz
base_url: https://fuzz.example/
timezone: Asia/Shanghai
taxonomies:
  - { name: tags, title: Tags }
types:
  news:
    section: news
    fields:
      title: { type: string, required: true }
      date: { type: datetime, required: true }
      segment: { type: list, values: [alumina, power] }
      cover: { type: image }
      featured: { type: bool }
";

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(
        || match Config::from_text(Path::new("/fuzz"), SITE_YAML, None) {
            Ok(config) => config,
            Err(error) => panic!("the fuzzing site.yaml is valid: {error}"),
        },
    )
}

/// A news item's bytes through decoding, the front-matter limits, YAML and the schema check,
/// then resolved into a page: whatever the input, a located error or a page with a clean slug.
pub fn front_matter_page(data: &[u8]) {
    let config = config();
    let file = SourceFile {
        rel: "news/fuzz.md".into(),
        file: "news/fuzz.md".into(),
        abs: "/fuzz/content/news/fuzz.md".into(),
        kind: SourceKind::Page,
        lang: None,
    };
    let ty = config.type_for_section("news");
    let rules = Rules::Page(ty, &config.taxonomies);
    let (document, problems) = parse_document(&file, data, &rules, config.timezone);
    // Line numbers count lines as editors show them: a lone `\r` (old Mac files) ends one too.
    let lines = crate::content::decode_text(data).map_or_else(
        |_| data.split(|b| *b == b'\n').count(),
        |t| t.lines().count(),
    ) + 1;
    for problem in &problems {
        assert!(problem.line >= 1 && problem.col >= 1, "{problem:?}");
        assert!(
            problem.line <= lines + 1,
            "line {} of {lines}",
            problem.line
        );
    }
    let Some(document) = document else {
        assert!(!problems.is_empty(), "a refused file says why");
        return;
    };
    let page = Page::from_document(Arc::new(document), config, "news", None);
    assert_clean_slug(&page.slug);
}

/// Shortcode calls found in a body: one placeholder per call in the remaining text, each call
/// on a line of the body; or located problems.
pub fn shortcode_parser(data: &[u8]) {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let lines = body.split_inclusive('\n').count().max(1);
    match crate::shortcodes::extract(body) {
        Ok(extracted) => {
            for (index, call) in extracted.calls.iter().enumerate() {
                assert!(
                    call.line >= 1 && call.line <= lines,
                    "call line {}",
                    call.line
                );
                let marker = crate::shortcodes::placeholder(index);
                assert!(extracted.text.contains(&marker), "placeholder {index}");
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for (line, message) in problems {
                assert!(line >= 1 && line <= lines, "problem line {line}: {message}");
            }
        }
    }
}

/// Slugs of titles and file names: lowercase ASCII words joined by single dashes, short enough
/// to share; and the URL of a page with that slug.
pub fn slugs_and_urls(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let slug = crate::slugs::slugify(&text);
    if !slug.is_empty() {
        assert_clean_slug(&slug);
    }
    let name = crate::content::page::slugify_or(&text);
    assert_clean_slug(&name);
    let url = format!("/news/{name}/");
    assert_eq!(
        serve_paths::lookup(&[format!("news/{name}/index.html")], &url),
        "file",
        "the page's own URL finds it"
    );
}

fn assert_clean_slug(slug: &str) {
    assert!(!slug.is_empty(), "an empty slug");
    assert!(slug.len() <= 200, "a slug of {} bytes", slug.len());
    assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'),
        "slug {slug:?}"
    );
    assert!(
        !slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"),
        "slug {slug:?}"
    );
}

/// A raw request path against a small site: found files are files of the site, redirects stay
/// on this server, and nothing outside the site is ever named.
pub fn request_path(data: &[u8]) {
    let Ok(path) = std::str::from_utf8(data) else {
        return;
    };
    let files = [
        "index.html".to_string(),
        "news/foo/index.html".to_string(),
        "css/site.css".to_string(),
        "caf\u{e9}/index.html".to_string(),
        "a b/index.html".to_string(),
    ];
    let found = serve_paths::lookup(&files, path);
    assert!(
        found == "file" || found == "404" || found == "400" || found.starts_with("redirect /"),
        "{found}"
    );
    if let Some(location) = found.strip_prefix("redirect ") {
        assert!(!location.starts_with("//"), "an open redirect: {location}");
        assert!(
            location.bytes().all(|b| b.is_ascii_graphic()),
            "a header-breaking redirect: {location:?}"
        );
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    if decoded.split(['/', '\\']).any(|s| s == "..") || decoded.contains('\0') {
        assert_ne!(found, "file", "{path} escaped");
    }
}

/// Markdown from an untrusted writer becomes HTML in which no script, event handler or code
/// address survives (raw HTML is shown as text when it has one).
pub fn markdown_safe_html(data: &[u8]) {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let resolve = |path: &str| Ok(format!("/{}/", path.trim_end_matches(".md")));
    let ctx = MarkdownContext {
        path: Path::new("content/news/fuzz.md"),
        body_line: 1,
        resolve: &resolve,
        shortcode: None,
        trusted_html: false,
        image: None,
    };
    let (rendered, _) = render(body, &ctx);
    for (what, html) in [
        ("html", rendered.html.as_str()),
        ("summary", rendered.summary.as_str()),
    ] {
        if let Some(found) = crate::html_safety::unsafe_markup(html) {
            panic!("{found} survived in the {what}:\n{html}");
        }
    }
}
