//! Links and pictures written as paths of the site (`/news/foo/`, `../bar/`, `photo.jpg`): which
//! addresses are such paths, how a browser resolves one from a page's address, and which
//! shortcode arguments and raw HTML tags name files. The Markdown stage records every such path
//! of a body; the build's last stage before publishing checks each against what it publishes,
//! and `potline check` reads bodies with the same rules.

use crate::shortcodes::Call;

/// A link or picture of a body whose address is a path of the site, with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePath {
    /// The address as written (an empty one for a picture that names no file).
    pub dest: String,
    /// What the address is for.
    pub kind: PathKind,
    /// The build makes resized copies of the picture when it finds its file beside the page or
    /// in `static/` (`![..](..)` and a shortcode's `src`): the page then shows the copies.
    pub resized: bool,
    /// 1-based line and column in the file.
    pub line: usize,
    pub col: usize,
}

/// What a path of the site is for, which decides the words of its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// `[text](dest)`, or a shortcode's `src` that is not a picture or a video.
    Link,
    /// `![alt](src)`, `<img src>`, `{{ figure(src=...) }}`.
    Picture,
    /// A file a shortcode plays or shows that is not described by alt text: a video's `src` or
    /// `poster`.
    File,
}

/// Whether `dest` names a path of the site that must be published: not an `@/` link (checked
/// when it is resolved), not a `#anchor` of the same page, not another site or scheme.
pub fn names_site_path(dest: &str) -> bool {
    let dest = dest.trim();
    !(dest.is_empty() || dest.starts_with('#') || dest.starts_with("@/") || is_external(dest))
}

/// Whether an address of a body is one the build checks: a path of the site, or no address at
/// all where a file is needed (`![photo]()`; an empty link is only a warning of `check`).
pub fn is_checked(dest: &str, kind: PathKind) -> bool {
    names_site_path(dest) || (kind != PathKind::Link && dest.trim().is_empty())
}

/// Links with a scheme (`https:`, `mailto:`) or a host (`//cdn.example`) leave the site.
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let scheme_end = dest.find(':');
    let path_start = dest.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(colon), Some(slash)) => colon < slash && colon > 0,
        (Some(colon), None) => colon > 0,
        _ => false,
    }
}

/// The part of an address that names a file: without `#anchor` and `?query`.
pub fn path_part(dest: &str) -> &str {
    let dest = dest.trim();
    let before_anchor = dest.split('#').next().unwrap_or(dest);
    before_anchor.split('?').next().unwrap_or(before_anchor)
}

/// The output path a link leads to, without a leading `/`: `news/foo/photo.jpg`. `page_url` is
/// the page's address from the site's root, language prefix included and base path left out
/// (`/zh/news/foo/`); a root-relative `dest` may start with the base path (`/sub/about/`).
pub fn resolve(page_url: &str, dest: &str, base_path: &str) -> String {
    let joined = match dest.strip_prefix('/') {
        Some(_) if !base_path.is_empty() && dest.starts_with(&format!("{base_path}/")) => {
            dest[base_path.len()..].to_string()
        }
        Some(_) => dest.to_string(),
        None => format!("{page_url}{dest}"),
    };
    normalize(&percent_decode(&joined))
}

/// Resolves `.` and `..` segments; keeps a trailing `/`.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

/// `%20` and friends decoded, when they make UTF-8; the text as it is otherwise.
pub fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_string(), |decoded| decoded.into_owned())
}

/// `[x](other.md)`: a link to a Markdown file, which works in an editor's preview only.
pub fn is_markdown_file(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// A file a shortcode call names.
pub struct ShortcodeFile<'a> {
    /// The address as written.
    pub dest: &'a str,
    pub kind: PathKind,
    /// The argument is `src`, which the build resizes when it is a picture it finds.
    pub resized: bool,
    /// A `figure`'s alt text (empty when not given); None for files that are not pictures.
    pub alt: Option<&'a str>,
}

/// The files a shortcode call names: `src` (a `figure`'s picture, a `video`'s file) and `poster`.
pub fn shortcode_files(call: &Call) -> Vec<ShortcodeFile<'_>> {
    let figure = call.name == "figure";
    ["src", "poster"]
        .into_iter()
        .filter_map(|key| {
            let dest = call.args.get(key)?.as_str()?;
            let kind = if figure {
                PathKind::Picture
            } else if key == "poster" || call.name == "video" {
                PathKind::File
            } else {
                PathKind::Link
            };
            let alt = figure.then(|| call.args.get("alt").and_then(|v| v.as_str()).unwrap_or(""));
            Some(ShortcodeFile {
                dest,
                kind,
                resized: key == "src",
                alt,
            })
        })
        .collect()
}

/// The column (1-based, in characters) of each call's name on its line of `body` (`{{ figure(`
/// is at 4), found in one pass over the body.
pub fn shortcode_columns(body: &str, calls: &[Call]) -> Vec<usize> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut positions = Positions::new(body);
    // Calls come in order: each name is looked for after the one before it.
    let mut searched_to = 0;
    calls
        .iter()
        .map(|call| {
            let index = call.line.saturating_sub(1);
            let start = line_starts.get(index).copied().unwrap_or(body.len());
            let end = line_starts.get(index + 1).copied().unwrap_or(body.len());
            let from = searched_to.clamp(start, end);
            let found = body
                .get(from..end)
                .and_then(|line| line.find(&format!("{}(", call.name)));
            match found {
                Some(at) => {
                    searched_to = from + at + call.name.len();
                    positions.at(from + at).1
                }
                None => 1,
            }
        })
        .collect()
}

/// Line and column (1-based, in characters) of byte offsets of a text, read in one pass when
/// the offsets come in order: a body with thousands of links is not read again for each.
pub struct Positions<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    col: usize,
}

impl<'a> Positions<'a> {
    /// Positions in `text`.
    pub fn new(text: &'a str) -> Self {
        Positions {
            text,
            offset: 0,
            line: 1,
            col: 1,
        }
    }

    /// The line and column of byte `offset`.
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        if offset < self.offset {
            *self = Positions::new(self.text);
        }
        let Some(passed) = self.text.get(self.offset..offset) else {
            return crate::diagnostics::line_col(self.text, offset);
        };
        for c in passed.chars() {
            if c == '\n' {
                self.line += 1;
                self.col = 1;
            } else {
                self.col += 1;
            }
        }
        self.offset = offset;
        (self.line, self.col)
    }
}

/// What raw HTML holds that matters to links: an `id` an `#anchor` can name, or a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HtmlFound {
    Id(String),
    /// An `<img>`, with its `src` (empty when it has none) and `alt` (None when it has none).
    Image {
        src: String,
        alt: Option<String>,
    },
}

/// Finds `<img>` tags and `id` attributes in raw HTML, skipping comments (which may span many
/// HTML events of one body).
#[derive(Default)]
pub struct HtmlScanner {
    in_comment: bool,
}

impl HtmlScanner {
    /// What `text` holds, each with its byte offset in `text`.
    pub fn scan(&mut self, text: &str) -> Vec<(usize, HtmlFound)> {
        let mut found = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            if self.in_comment {
                match text[pos..].find("-->") {
                    Some(end) => {
                        pos += end + 3;
                        self.in_comment = false;
                    }
                    None => break,
                }
                continue;
            }
            let Some(lt) = text[pos..].find('<').map(|i| pos + i) else {
                break;
            };
            if text[lt..].starts_with("<!--") {
                self.in_comment = true;
                pos = lt + 4;
                continue;
            }
            let end = text[lt..].find('>').map_or(text.len(), |i| lt + i + 1);
            let tag = &text[lt..end];
            if let Some(id) = attribute(tag, "id") {
                found.push((lt, HtmlFound::Id(id)));
            }
            let is_img = tag.len() > 4
                && tag.is_char_boundary(4)
                && tag[1..4].eq_ignore_ascii_case("img")
                && !tag[4..].starts_with(|c: char| c.is_alphanumeric());
            if is_img {
                let src = attribute(tag, "src").unwrap_or_default();
                found.push((
                    lt,
                    HtmlFound::Image {
                        src,
                        alt: attribute(tag, "alt"),
                    },
                ));
            }
            pos = end;
        }
        found
    }
}

/// The value of attribute `name` in an HTML start tag (quoted or not).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name).map(|i| from + i) {
        from = i + name.len();
        let before_ok = lower[..i].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - rest.len() + 1;
        let value = tag[value_start..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
            _ => value
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_string(),
        });
    }
    None
}

/// How many typing mistakes (letters added, dropped, changed or swapped) a name of `len`
/// characters may hold and still be taken for a typo: none in a very short name, where any
/// change makes another word, and more in a long one (`symposium-ecological-aluminium-industry`).
fn typos_allowed(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        8..=15 => 2,
        _ => 2 + len / 16,
    }
}

/// The number of typing mistakes between `written` and `name` (compared without case), when it
/// is few enough for `written` to be a typo of `name`.
fn typos(written: &str, name: &str) -> Option<usize> {
    let (a, b) = (written.to_lowercase(), name.to_lowercase());
    let allowed = typos_allowed(a.chars().count());
    if a.chars().count().abs_diff(b.chars().count()) > allowed {
        return None;
    }
    Some(strsim::damerau_levenshtein(&a, &b)).filter(|d| *d <= allowed)
}

/// A content path as the page it names: lowercase, without `.md` and without a last `index` or
/// `_index` (`news/foo/index.md`, `news/foo.md` and `news/foo/` are all `news/foo`).
fn page_key(path: &str) -> String {
    let lower = path.trim().trim_matches('/').to_lowercase();
    let stem = lower.strip_suffix(".md").unwrap_or(&lower);
    let stem = match stem.rsplit_once('/') {
        Some((folder, "index" | "_index")) => folder,
        None if matches!(stem, "index" | "_index") => "",
        _ => stem,
    };
    stem.to_string()
}

/// A page key's folder and name: `news/foo` is (`news`, `foo`).
fn folder_and_name(key: &str) -> (&str, &str) {
    key.rsplit_once('/').unwrap_or(("", key))
}

fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The file of `content/` a writer probably meant by the `@/` path `written`, which names none:
/// the same page written another way (`@/about` for `about.md`, `@/news/foo/` for
/// `news/foo/index.md`), else the page whose name differs by a few typos, in a folder that
/// does too (`aluminium` for `aluminum`, `nwes/` for `news/`) or, for a name that is not too
/// short to tell, in any folder (a page looked for in the wrong one).
pub fn closest_content_path<'a>(written: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let key = page_key(written);
    if let Some(same) = candidates.iter().find(|c| page_key(c) == key) {
        return Some(same);
    }
    let (folder, name) = folder_and_name(&key);
    let named_enough = name.chars().count() > 3;
    candidates
        .iter()
        .filter_map(|candidate| {
            let theirs = page_key(candidate);
            let (their_folder, their_name) = folder_and_name(&theirs);
            let name_typos = typos(name, their_name)?;
            let rank = match typos(folder, their_folder) {
                Some(folder_typos) => name_typos + folder_typos,
                None if named_enough => usize::MAX / 2 + name_typos,
                None => return None,
            };
            Some((rank, *candidate))
        })
        .min()
        .map(|(_, candidate)| candidate)
}

/// Extensions of pictures, which a writer easily mixes up (`photo.jpeg` for `photo.jpg`).
const PICTURE_EXTENSIONS: [&str; 7] = ["jpg", "jpeg", "png", "webp", "gif", "svg", "avif"];

/// The number of typos between the file names `written` and `name`; a picture written with
/// another picture's extension (`photo.jpeg`, `photo.png`) counts as one.
fn file_name_typos(written: &str, name: &str) -> Option<usize> {
    let split = |n: &str| -> (String, String) {
        let lower = n.to_lowercase();
        match lower.rsplit_once('.') {
            Some((stem, ext)) => (stem.to_string(), ext.to_string()),
            None => (lower, String::new()),
        }
    };
    let ((stem, ext), (their_stem, their_ext)) = (split(written), split(name));
    let pictures = [&ext, &their_ext]
        .iter()
        .all(|e| PICTURE_EXTENSIONS.contains(&e.as_str()));
    if stem == their_stem && pictures {
        return Some(usize::from(ext != their_ext || written != name));
    }
    typos(written, name)
}

/// Among `candidates` (file paths), the one whose file name the writer probably meant by the
/// file name `written`: the same name in other capitals, another picture extension, or a few
/// typos away. Ties go to the first candidate.
pub fn closest_file<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let found = file_name_typos(written, last_segment(candidate));
        if let Some(n) = found.filter(|n| best.is_none_or(|(b, _)| *n < b)) {
            best = Some((n, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The heading or footnote id a writer probably meant by the anchor `written`, which names none.
pub fn closest_id<'a>(written: &str, ids: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    ids.into_iter()
        .filter_map(|id| typos(written, id).map(|n| (n, id)))
        .min()
        .map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_path_meant_is_found_by_its_name_and_folder() {
        let pages = [
            "_index.md",
            "about.md",
            "news/_index.md",
            "news/symposium-ecological-aluminum-industry.md",
            "news/plant-visit/index.md",
            "news/a.md",
            "enterprises/pingguo.md",
        ];
        let meant = |written: &str| closest_content_path(written, &pages);
        assert_eq!(
            meant("news/symposium-ecological-aluminium-industry.md"),
            Some("news/symposium-ecological-aluminum-industry.md")
        );
        assert_eq!(meant("about"), Some("about.md"));
        assert_eq!(meant("About.md"), Some("about.md"));
        assert_eq!(
            meant("news/plant-visit/"),
            Some("news/plant-visit/index.md")
        );
        assert_eq!(
            meant("news/plant-visit.md"),
            Some("news/plant-visit/index.md")
        );
        assert_eq!(meant("news"), Some("news/_index.md"));
        assert_eq!(meant(""), Some("_index.md"));
        assert_eq!(
            meant("nwes/plant-vist.md"),
            Some("news/plant-visit/index.md")
        );
        assert_eq!(meant("news/pingguo.md"), Some("enterprises/pingguo.md"));
        // Too far, or too short to tell.
        assert_eq!(meant("news/quarterly-figures.md"), None);
        assert_eq!(meant("news/b.md"), None);
        assert_eq!(meant("enterprises/a.md"), None);
    }

    #[test]
    fn the_file_meant_allows_another_picture_extension_and_capitals() {
        let files = ["news/x/photo.jpg", "news/x/chart.png", "news/x/index.html"];
        let meant = |written: &str| closest_file(written, files.iter().copied());
        assert_eq!(meant("photo.jpeg"), Some("news/x/photo.jpg"));
        assert_eq!(meant("Photo.JPG"), Some("news/x/photo.jpg"));
        assert_eq!(meant("chart.jpg"), Some("news/x/chart.png"));
        assert_eq!(meant("phot.jpg"), Some("news/x/photo.jpg"));
        assert_eq!(meant("map.svg"), None);
    }

    #[test]
    fn the_id_meant_is_a_few_typos_away() {
        let ids = ["production-details", "team", "fn-1"];
        assert_eq!(
            closest_id("production-detials", ids),
            Some("production-details")
        );
        assert_eq!(closest_id("top", ids), None);
    }

    #[test]
    fn paths_resolve_like_a_browser() {
        assert_eq!(resolve("/news/foo/", "photo.jpg", ""), "news/foo/photo.jpg");
        assert_eq!(resolve("/news/foo/", "../bar/", ""), "news/bar/");
        assert_eq!(
            resolve("/news/foo/", "/images/a%20b.png", ""),
            "images/a b.png"
        );
        assert_eq!(resolve("/news/foo/", "/sub/about/", "/sub"), "about/");
        assert_eq!(resolve("/zh/news/foo/", "../../about/", ""), "zh/about/");
    }

    #[test]
    fn schemes_and_hosts_are_external() {
        for dest in [
            "https://a.example/x",
            "mailto:a@b.example",
            "//cdn.example/x",
            "tel:+86",
        ] {
            assert!(is_external(dest), "{dest}");
            assert!(!names_site_path(dest), "{dest}");
        }
        for dest in ["photo.jpg", "/a:b", "news/x.md#a:b", "../x/"] {
            assert!(!is_external(dest), "{dest}");
            assert!(names_site_path(dest), "{dest}");
        }
        for dest in ["@/news/x.md", "#top", "", "  "] {
            assert!(!names_site_path(dest), "{dest}");
        }
    }

    #[test]
    fn positions_in_order_and_out_of_order_match_line_col() {
        let text = "ab\n百色 x\n\nend";
        let mut positions = Positions::new(text);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &offset in offsets.iter().chain(offsets.iter().rev()) {
            assert_eq!(
                positions.at(offset),
                crate::diagnostics::line_col(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn shortcode_columns_point_at_each_name() {
        let body =
            "x\n{{ figure(src=\"a\") }} {{ figure(src=\"b\") }}\n百 {{ video(src=\"c\") }}\n";
        let calls = crate::shortcodes::extract(body).expect("calls").calls;
        assert_eq!(shortcode_columns(body, &calls), [4, 26, 6]);
    }

    #[test]
    fn html_images_outside_comments() {
        let mut scanner = HtmlScanner::default();
        let mut found = scanner.scan("<!--\n<img src=\"old.png\">");
        found.extend(scanner.scan("-->\n<p><img src='new.png' alt=\"\"><img src=x.png></p>"));
        let images: Vec<(String, Option<String>)> = found
            .into_iter()
            .filter_map(|(_, f)| match f {
                HtmlFound::Image { src, alt } => Some((src, alt)),
                HtmlFound::Id(_) => None,
            })
            .collect();
        assert_eq!(
            images,
            vec![
                ("new.png".to_string(), Some(String::new())),
                ("x.png".to_string(), None)
            ]
        );
    }
}
