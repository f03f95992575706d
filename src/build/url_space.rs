//! The last check of a build: the published site's URL space has one owner per path. Once every
//! language is rendered, no two outputs share a path, and an old address (`aliases:`) takes no
//! other output's path (compared ignoring case, as Windows and macOS compare file names), no
//! file that web hosts read as settings, nothing in the folder of processed pictures and nothing
//! inside another language's `/<code>/`. Rendering streams pages into the spare tree before this
//! runs, but nothing is published until it passes: an error leaves the published site as it was.
//!
//! Two outputs on one path were the cause of builds that differed from run to run: pages render
//! in parallel and are written as soon as they are made, so whichever thread wrote last won.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::LanguageSite;
use crate::content::site::Redirect;
use crate::content::site_path::HOST_SETTINGS;
use crate::content::urls::{self, Lang, Owner};
use crate::diagnostics::Diagnostic;
use crate::output::Output;

/// What the build read its outputs from: every language's index and the static files.
pub(super) struct Sources<'a> {
    /// Every language, the default one first.
    pub languages: &'a [LanguageSite],
    /// Static files by output path.
    pub static_files: &'a BTreeMap<String, PathBuf>,
    /// The site root, which messages name files from.
    pub root: &'a Path,
}

/// Every problem of the URL space of a rendered site whose outputs (of every language) are
/// `outputs`.
pub(super) fn check(sources: &Sources<'_>, outputs: &[Output]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut placed = Vec::new();
    let mut refused = BTreeSet::new();
    for (lang, redirect, site) in redirects(sources.languages) {
        let path = format!("{}{}", output_prefix(lang), redirect.from.output_file());
        match misplaced(sources.languages, lang, redirect, site) {
            Some(problem) => {
                problems.push(problem);
                refused.insert(path.to_ascii_lowercase());
            }
            None => placed.push(path),
        }
    }
    let mut crowds = crowds(outputs, &placed);
    crowds.retain(|_, crowd| crowd.paths.is_disjoint(&refused));
    if crowds.is_empty() {
        return problems;
    }
    let involved: BTreeSet<String> = crowds.values().flat_map(|c| c.paths.clone()).collect();
    let counts = counts(outputs, &involved);
    let mut owners = owners_of(&involved, sources);
    for crowd in crowds.values() {
        let mut found = Vec::new();
        for path in &crowd.paths {
            let mut of_path = owners.remove(path).unwrap_or_default();
            while of_path.len() < counts.get(path).copied().unwrap_or(0) {
                of_path.push(Owner::made(url_of(path), made_name(path)));
            }
            found.extend(of_path);
        }
        let reported = urls::collisions(&found, true, crowd.folder);
        if reported.is_empty() {
            problems.extend(urls::unlocated(&found));
        }
        problems.extend(reported);
    }
    problems
}

/// Every language's redirects, with the language and its index.
fn redirects(
    languages: &[LanguageSite],
) -> impl Iterator<Item = (Lang<'_>, &Redirect, &crate::content::Site)> {
    languages.iter().flat_map(|language| {
        let lang = Lang::of(&language.config);
        let site = &*language.site;
        site.redirects.iter().map(move |r| (lang, r, site))
    })
}

/// `` for the default language, `zh/` for another: what its output paths start with.
fn output_prefix(lang: Lang<'_>) -> String {
    if lang.default {
        String::new()
    } else {
        format!("{}/", lang.code)
    }
}

/// The error on an alias at a path that only other things may ever have, whether or not this
/// build makes them: the hosts' settings, the processed pictures, another language's folder.
fn misplaced(
    languages: &[LanguageSite],
    lang: Lang<'_>,
    redirect: &Redirect,
    site: &crate::content::Site,
) -> Option<Diagnostic> {
    if !lang.default {
        return None;
    }
    let owner = Owner::alias(&redirect.from, &site.pages[redirect.page], lang);
    let url = &owner.url;
    let file = redirect.from.output_file();
    // `/_redirects` is the folder `/_redirects/`: as much in the way of the hosts' file.
    let first = file.split('/').next().unwrap_or_default();
    let other_language = languages
        .iter()
        .skip(1)
        .find(|l| first.eq_ignore_ascii_case(&l.config.language));
    let message = if let Some(host) = HOST_SETTINGS.iter().find(|h| first.eq_ignore_ascii_case(h)) {
        crate::msg!("alias-host-file", url = url, host = *host)
    } else if first.eq_ignore_ascii_case(crate::images::OUTPUT_DIR) && file.contains('/') {
        crate::msg!(
            "alias-in-pictures-folder",
            url = url,
            folder = crate::images::OUTPUT_DIR
        )
    } else if let Some(other) = other_language {
        let code = &other.config.language;
        let there = &url[code.len() + 1..];
        match other.site.owner_at(Lang::of(&other.config), there) {
            Some(theirs) => crate::msg!(
                "alias-taken-in-language",
                url = url,
                owner = theirs.name,
                code = code
            ),
            None => crate::msg!("alias-in-language-folder", url = url, code = code),
        }
    } else {
        return None;
    };
    let (path, line) = owner.at?;
    Some(Diagnostic::error(path, line, 1, message))
}

/// A path compared as Windows and macOS compare file names: ASCII letters in either case.
#[derive(Clone, Copy)]
struct Folded<'a>(&'a str);

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Folded<'_> {}

impl Hash for Folded<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for byte in self.0.bytes() {
            state.write_u8(byte.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

/// Outputs that cannot all be published, where they meet.
#[derive(Debug, Default, PartialEq, Eq)]
struct Crowd {
    /// The output paths concerned, lowercase.
    paths: BTreeSet<String>,
    /// One of them is a file where another needs a folder (`rss.xml`, `rss.xml/index.html`).
    folder: bool,
}

/// The outputs that cannot all be published, by the path (lowercase) where they meet: paths
/// written more than once, a file where another output needs a folder, and the paths of
/// `aliases` that another output has in any case.
fn crowds(outputs: &[Output], aliases: &[String]) -> BTreeMap<String, Crowd> {
    let mut crowds: BTreeMap<String, Crowd> = BTreeMap::new();
    let mut add = |at: &str, path: &str, folder: bool| {
        let crowd = crowds.entry(at.to_ascii_lowercase()).or_default();
        crowd.paths.insert(path.to_ascii_lowercase());
        crowd.folder |= folder;
    };
    let mut seen = HashSet::with_capacity(outputs.len());
    for output in outputs {
        if !seen.insert(output.path.as_str()) {
            add(&output.path, &output.path, false);
        }
    }
    for output in outputs {
        let path = output.path.as_str();
        for (end, _) in path.match_indices('/') {
            let folder = &path[..end];
            if seen.contains(folder) {
                add(folder, folder, true);
                add(folder, path, true);
            }
        }
    }
    if !aliases.is_empty() {
        let mut counts: HashMap<Folded<'_>, usize> = HashMap::with_capacity(outputs.len());
        for output in outputs {
            *counts.entry(Folded(&output.path)).or_default() += 1;
        }
        for path in aliases {
            if counts.get(&Folded(path)).is_some_and(|&n| n > 1) {
                add(path, path, false);
            }
        }
    }
    crowds
}

/// How many outputs each of `paths` (lowercase) has, in any case.
fn counts(outputs: &[Output], paths: &BTreeSet<String>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for output in outputs {
        let key = output.path.to_ascii_lowercase();
        if paths.contains(&key) {
            *counts.entry(key).or_default() += 1;
        }
    }
    counts
}

/// Who publishes each of `trouble` (lowercase output paths), as far as the index knows: pages,
/// sections and their numbered pages, taxonomy lists, aliases, copied files. (What the build
/// makes by itself, such as feeds, is named from its path.)
fn owners_of(trouble: &BTreeSet<String>, sources: &Sources<'_>) -> BTreeMap<String, Vec<Owner>> {
    let mut found = Found {
        trouble,
        numbered: numbered_pages(trouble),
        owners: BTreeMap::new(),
    };
    for language in sources.languages {
        let lang = Lang::of(&language.config);
        let prefix = output_prefix(lang);
        let site = &*language.site;
        let at = |url: &str| format!("{prefix}{}index.html", url.trim_start_matches('/'));
        for section in site.sections.values() {
            found.list(at(&section.url), || section.owner(lang));
        }
        for page in &site.pages {
            found.add(at(&page.url), || Owner::page(page, lang));
        }
        for redirect in &site.redirects {
            let path = format!("{prefix}{}", redirect.from.output_file());
            found.add(path, || {
                Owner::alias(&redirect.from, &site.pages[redirect.page], lang)
            });
        }
        for taxonomy in &site.taxonomies {
            let url = format!("{}{}", lang.prefix(), taxonomy.url);
            found.list(at(&taxonomy.url), || {
                Owner::made(
                    url.clone(),
                    made_text(crate::msg!("made-taxonomy-list", url = &url)),
                )
            });
            for term in &taxonomy.terms {
                let url = format!("{}{}", lang.prefix(), term.url);
                found.list(at(&term.url), || {
                    Owner::made(
                        url.clone(),
                        made_text(crate::msg!("made-term-list", url = &url)),
                    )
                });
            }
        }
        for asset in &site.assets {
            let path = format!("{prefix}{}", asset.output);
            let file = relative(&asset.source, sources.root);
            found.add(path.clone(), || Owner::file(format!("/{path}"), file));
        }
    }
    for (path, source) in sources.static_files {
        let file = relative(source, sources.root);
        found.add(path.clone(), || Owner::file(format!("/{path}"), file));
    }
    found.owners
}

/// Owners found for the paths in trouble.
struct Found<'a> {
    trouble: &'a BTreeSet<String>,
    /// Paths in trouble that are numbered pages of a list (`news/page/2/index.html`), by the
    /// path of the list's first page: (path, number).
    numbered: BTreeMap<String, Vec<(String, usize)>>,
    owners: BTreeMap<String, Vec<Owner>>,
}

impl Found<'_> {
    fn add(&mut self, path: String, owner: impl FnOnce() -> Owner) {
        let key = path.to_ascii_lowercase();
        if self.trouble.contains(&key) {
            self.owners.entry(key).or_default().push(owner());
        }
    }

    /// A list, whose numbered pages may be in trouble too.
    fn list(&mut self, path: String, owner: impl Fn() -> Owner) {
        let key = path.to_ascii_lowercase();
        if let Some(pages) = self.numbered.get(&key) {
            for (page, number) in pages {
                let first = owner();
                let numbered = Owner {
                    url: url_of(page),
                    name: format!("page {number} of {}", first.name),
                    ..first
                };
                self.owners.entry(page.clone()).or_default().push(numbered);
            }
        }
        self.add(path, owner);
    }
}

/// `news/page/2/index.html` -> (`news/index.html`, 2), for each path of `trouble` that is one.
fn numbered_pages(trouble: &BTreeSet<String>) -> BTreeMap<String, Vec<(String, usize)>> {
    let mut numbered: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    for path in trouble {
        let Some(folder) = path.strip_suffix("/index.html") else {
            continue;
        };
        let (rest, number) = folder.rsplit_once('/').unwrap_or(("", folder));
        let Some(list) = rest.strip_suffix("page") else {
            continue;
        };
        let number = number.parse::<usize>().ok().filter(|&n| n > 1);
        if let Some(number) = number.filter(|_| list.is_empty() || list.ends_with('/')) {
            numbered
                .entry(format!("{list}index.html"))
                .or_default()
                .push((path.clone(), number));
        }
    }
    numbered
}

/// The URL of an output path: `/news/` for `news/index.html`, `/rss.xml` for `rss.xml`.
fn url_of(path: &str) -> String {
    let folder = match path.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => path,
    };
    format!("/{folder}")
}

/// How messages name a file the build makes by itself, from its path.
fn made_name(path: &str) -> String {
    let url = url_of(path);
    let name = match path.rsplit('/').next().unwrap_or(path) {
        "rss.xml" | "atom.xml" => crate::msg!("made-feed", url = url),
        name if name.starts_with("sitemap") && name.ends_with(".xml") => {
            crate::msg!("made-sitemap", url = url)
        }
        "404.html" => crate::msg!("made-not-found-page", url = url),
        _ => crate::msg!("made-file", url = url),
    };
    made_text(name)
}

/// The words for something the build makes, in the run's language: owners are named in text
/// (`Owner::name`), which other messages show as it is.
fn made_text(name: crate::messages::Message) -> String {
    name.text()
}

fn relative(source: &Path, root: &Path) -> PathBuf {
    source.strip_prefix(root).unwrap_or(source).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(path: &str) -> Output {
        Output {
            path: path.into(),
            content: crate::output::Content::from(String::new()),
        }
    }

    #[test]
    fn paths_written_twice_files_in_the_way_of_folders_and_aliases_differing_in_case_crowd() {
        let outputs = [
            output("index.html"),
            output("a/index.html"),
            output("a/index.html"),
            output("Old/index.html"),
            output("old/index.html"),
            output("B.html"),
            output("b.html"),
            output("rss.xml"),
            output("rss.xml/index.html"),
        ];
        let aliases = ["old/index.html".to_string()];
        let crowd = |at: &str, paths: &[&str], folder: bool| {
            let paths = paths.iter().map(|p| p.to_string()).collect();
            (at.to_string(), Crowd { paths, folder })
        };
        assert_eq!(
            crowds(&outputs, &aliases).into_iter().collect::<Vec<_>>(),
            [
                crowd("a/index.html", &["a/index.html"], false),
                crowd("old/index.html", &["old/index.html"], false),
                crowd("rss.xml", &["rss.xml", "rss.xml/index.html"], true),
            ]
        );
    }

    #[test]
    fn numbered_pages_of_lists_are_found_from_their_paths() {
        let trouble: BTreeSet<String> = [
            "news/page/2/index.html",
            "page/3/index.html",
            "a/b/index.html",
        ]
        .map(String::from)
        .into();
        let numbered = numbered_pages(&trouble);
        assert_eq!(
            numbered.get("news/index.html"),
            Some(&vec![("news/page/2/index.html".to_string(), 2)])
        );
        assert_eq!(
            numbered.get("index.html"),
            Some(&vec![("page/3/index.html".to_string(), 3)])
        );
        assert_eq!(numbered.len(), 2);
    }

    #[test]
    fn made_files_are_named_from_their_paths() {
        assert_eq!(made_name("rss.xml"), "the feed /rss.xml");
        assert_eq!(made_name("zh/sitemap.xml"), "the sitemap /zh/sitemap.xml");
        assert_eq!(
            made_name("search/index.json"),
            "the file /search/index.json that the build makes"
        );
        assert_eq!(url_of("news/index.html"), "/news/");
        assert_eq!(url_of("index.html"), "/");
        assert_eq!(url_of("old/xindex.html"), "/old/xindex.html");
    }
}
