//! Who is published at which URL, as messages name it ([`Owner`]): two owners of one URL is an
//! error on each file concerned, naming the other and the line that gives it its URL. The site
//! index uses them for pages and sections, and the build's last check for everything rendering
//! makes (taxonomy lists, feeds, static files, redirect pages) in every language together. Also
//! here: `aliases:` read into clean paths, and `_index.md` files hidden inside a page bundle.

use std::path::PathBuf;

use super::page::{Document, Page};
use super::site_path::SitePath;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, display_path};
use crate::messages::Message;
use crate::source::{ContentFiles, SourceKind, parent_dir};

/// The language a site index is for, as URLs and messages show it.
#[derive(Debug, Clone, Copy)]
pub struct Lang<'a> {
    /// Its code: `zh`.
    pub code: &'a str,
    /// Served at the site root: its URLs have no `/<code>` in front.
    pub default: bool,
}

impl<'a> Lang<'a> {
    /// The language `config` is for (see [`Config::for_language`]).
    pub fn of(config: &'a Config) -> Lang<'a> {
        Lang {
            code: &config.language,
            default: config.is_default_language(&config.language),
        }
    }

    /// What its published URLs start with: `` or `/zh`.
    pub fn prefix(&self) -> String {
        if self.default {
            String::new()
        } else {
            format!("/{}", self.code)
        }
    }

    /// Is `doc` written in this language, rather than shown in place of a missing translation?
    pub fn owns(&self, doc: &Document) -> bool {
        doc.lang.as_deref() == (!self.default).then_some(self.code)
    }

    /// How messages name a document seen in this language.
    fn name_of(&self, doc: &Document) -> String {
        let path = display_path(&doc.display_path);
        if self.owns(doc) {
            path
        } else {
            crate::msg!("owner-copy", lang = self.code, path = path).text()
        }
    }

    /// `the home page`, `the zh home page`, followed by ` (file)` when `file` is given.
    fn home(&self, file: Option<&Document>) -> String {
        let message = match (self.default, file) {
            (true, None) => crate::msg!("owner-home"),
            (false, None) => crate::msg!("owner-home-lang", lang = self.code),
            (true, Some(doc)) => crate::msg!("owner-home-file", path = &doc.display_path),
            (false, Some(doc)) => crate::msg!(
                "owner-home-lang-file",
                lang = self.code,
                path = &doc.display_path
            ),
        };
        message.text()
    }
}

/// What an owner of a URL is: it decides the words of its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A page (`news/foo.md`).
    Page,
    /// A section's list (`news/_index.md`, or a folder).
    Section,
    /// An old address of a page (`aliases:`).
    Alias,
    /// A file copied as it is (from `static/`, or beside a page).
    File,
    /// Something the build makes by itself: a taxonomy list, a feed.
    Made,
}

impl Role {
    /// The role as the catalogue's messages select their words by (`$role`).
    fn code(self) -> &'static str {
        match self {
            Role::Page => "page",
            Role::Section => "section",
            Role::Alias => "alias",
            Role::File | Role::Made => "file",
        }
    }
}

/// Something published at a URL, as messages name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// What it is.
    pub role: Role,
    /// The URL as published: `/zh/news/foo/`, `/old.html`.
    pub url: String,
    /// How messages name it: `content/news/first.md`, `the /tags/ taxonomy list`.
    pub name: String,
    /// The file and line an error about it points at: the line that gives it its URL. None
    /// for what the build makes by itself.
    pub at: Option<(PathBuf, usize)>,
    /// Shown in a language in place of a missing translation: the default language reports
    /// its problems.
    pub copy: bool,
    /// For a page, the line of its `slug:`, which sets its URL; 0 when its file name does.
    pub slug_line: usize,
}

impl Owner {
    /// A page of the language `lang`, pointed at by its `slug:` line (else line 1).
    pub fn page(page: &Page, lang: Lang<'_>) -> Owner {
        let slug_line = match page.doc.text("slug") {
            Some(_) => page.doc.line_of("slug"),
            None => 0,
        };
        Owner {
            role: Role::Page,
            url: format!("{}{}", lang.prefix(), page.url),
            name: lang.name_of(&page.doc),
            at: Some((page.doc.display_path.clone(), slug_line.max(1))),
            copy: !lang.owns(&page.doc),
            slug_line,
        }
    }

    /// A section's list (its first page) in the language `lang`: the section of the folder `dir`
    /// (`` for the home page), with its `_index.md` if it has one, at `url`.
    pub fn section(dir: &str, index: Option<&Document>, url: &str, lang: Lang<'_>) -> Owner {
        let (name, at, copy) = match index {
            Some(doc) if dir.is_empty() && lang.owns(doc) => (
                lang.home(Some(doc)),
                Some((doc.display_path.clone(), 1)),
                false,
            ),
            Some(_) if dir.is_empty() => (lang.home(None), None, true),
            Some(doc) => (
                lang.name_of(doc),
                Some((doc.display_path.clone(), 1)),
                !lang.owns(doc),
            ),
            None if dir.is_empty() => (lang.home(None), None, !lang.default),
            None => {
                let folder = PathBuf::from("content").join(dir);
                let list = match lang.default {
                    true => crate::msg!("owner-section-list", folder = &folder),
                    false => {
                        crate::msg!(
                            "owner-section-list-lang",
                            lang = lang.code,
                            folder = &folder
                        )
                    }
                };
                (list.text(), Some((folder, 1)), !lang.default)
            }
        };
        Owner {
            role: Role::Section,
            url: format!("{}{url}", lang.prefix()),
            name,
            at,
            copy,
            slug_line: 0,
        }
    }

    /// An old address `from` of a page, pointed at by its `aliases:` line.
    pub fn alias(from: &SitePath, page: &Page, lang: Lang<'_>) -> Owner {
        Owner {
            role: Role::Alias,
            url: format!("{}{from}", lang.prefix()),
            name: lang.name_of(&page.doc),
            at: Some((page.doc.display_path.clone(), page.doc.line_of("aliases"))),
            copy: !lang.owns(&page.doc),
            slug_line: 0,
        }
    }

    /// A file copied as it is, published at `url` (`file` relative to the site root).
    pub fn file(url: String, file: PathBuf) -> Owner {
        Owner {
            role: Role::File,
            url,
            name: display_path(&file),
            at: Some((file, 1)),
            copy: false,
            slug_line: 0,
        }
    }

    /// Something the build makes by itself, named `name`.
    pub fn made(url: String, name: String) -> Owner {
        Owner {
            role: Role::Made,
            url,
            name,
            at: None,
            copy: false,
            slug_line: 0,
        }
    }

    /// How another owner's message names this one.
    pub fn described(&self) -> String {
        match self.role {
            Role::Alias => crate::msg!("owner-alias-of", name = &self.name).text(),
            _ => self.name.clone(),
        }
    }

    /// The error on this owner, whose URL `other` has too (or, with `folder`, which one of them
    /// needs as a folder where the other is a file); None when it has no file to point at. Two
    /// pages name the line that gives each its URL: a `slug:`, or the file name.
    pub fn collision(&self, other: &Owner, folder: bool) -> Option<Diagnostic> {
        let (file, line) = self.at.clone()?;
        let (url, theirs) = (&self.url, other.described());
        let (role, other_role) = (self.role.code(), other.role.code());
        let message = match self.role {
            _ if folder => crate::msg!(
                "url-collision-folder",
                role = role,
                url = url,
                other = theirs,
                other_role = other_role
            ),
            Role::Alias if other.role == Role::Alias => {
                crate::msg!("alias-also-alias", url = url, other = &other.name)
            }
            Role::Alias => crate::msg!("alias-taken", url = url, other = theirs),
            Role::File | Role::Made => crate::msg!("file-url-taken", url = url, other = theirs),
            Role::Page if other.role == Role::Page => crate::msg!(
                "page-url-taken-by-page",
                url = url,
                slug_line = self.slug_line,
                other = theirs,
                other_slug_line = other.slug_line
            ),
            Role::Page | Role::Section => crate::msg!(
                "url-taken",
                role = role,
                url = url,
                other = theirs,
                other_role = other_role
            ),
        };
        Some(Diagnostic::error(file, line, 1, message))
    }
}

/// The errors of owners sharing one URL: on the aliases among them when there are any (an old
/// address is never the one to keep), else on every file written in the language, each naming
/// the first other owner. Copies shown in place of a missing translation are reported only when
/// `copies` is set and no other owner has a file. Empty when no owner has a file to point at.
/// With `folder`, they do not share a URL: one of them is a file where another needs a folder.
pub fn collisions(owners: &[Owner], copies: bool, folder: bool) -> Vec<Diagnostic> {
    let aliases = owners.iter().any(|o| o.role == Role::Alias);
    let blamed = |o: &Owner, copy: bool| {
        o.at.is_some() && o.copy == copy && (!aliases || o.role == Role::Alias)
    };
    let mut targets: Vec<usize> = (0..owners.len())
        .filter(|&i| blamed(&owners[i], false))
        .collect();
    if targets.is_empty() && copies {
        targets = (0..owners.len())
            .filter(|&i| blamed(&owners[i], true))
            .collect();
    }
    targets
        .into_iter()
        .filter_map(|i| {
            let other = owners
                .iter()
                .enumerate()
                .find(|&(j, _)| j != i)
                .map(|(_, o)| o)?;
            owners[i].collision(other, folder)
        })
        .collect()
}

/// Of errors about one URL on several files, the one on the file modified last: the writer
/// just gave it the URL that is taken. All of them when the times cannot be read or are equal.
/// `root` is the folder the errors' paths are relative to.
pub fn on_newest(found: Vec<Diagnostic>, root: &std::path::Path) -> Vec<Diagnostic> {
    let modified = |d: &Diagnostic| {
        std::fs::metadata(root.join(&d.path))
            .and_then(|m| m.modified())
            .ok()
    };
    let times: Option<Vec<std::time::SystemTime>> = found.iter().map(modified).collect();
    let Some(times) = times.filter(|t| t.len() > 1) else {
        return found;
    };
    let newest = times.iter().max().copied();
    if times.iter().filter(|t| Some(**t) == newest).count() > 1 {
        return found;
    }
    found
        .into_iter()
        .zip(times)
        .filter(|(_, time)| Some(*time) == newest)
        .map(|(d, _)| d)
        .collect()
}

/// The error for owners of one URL none of which has a file to point at (two taxonomies with
/// one URL): on `site.yaml`, which names the taxonomies.
pub fn unlocated(owners: &[Owner]) -> Option<Diagnostic> {
    let [first, second, ..] = owners else {
        return None;
    };
    let message = crate::msg!(
        "url-taken-unlocated",
        first = first.described(),
        second = second.described(),
        url = &first.url
    );
    Some(Diagnostic::error(crate::config::CONFIG_FILE, 1, 1, message))
}

/// An old URL of a page (from its `aliases:`) that redirects to the page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Redirect {
    /// The old URL: `/old/page/`.
    pub from: SitePath,
    /// The page's URL: `/news/new/`.
    pub to: SitePath,
    /// The page, by index into the site's pages.
    pub page: usize,
}

/// Reads every page's `aliases:` into redirects, sorted; an entry that is not a clean path of the
/// site is an error at the `aliases:` line. (Whether its path is free is known only once the
/// whole site is rendered.) The pages must have their URLs.
pub(super) fn read_aliases(pages: &[Page], problems: &mut Vec<Diagnostic>) -> Vec<Redirect> {
    let mut redirects = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        let line = page.doc.line_of("aliases");
        let error = |message: Message| Diagnostic::error(&page.doc.display_path, line, 1, message);
        for alias in &page.aliases {
            let from = match SitePath::from_alias(alias) {
                Ok(from) => from,
                Err(problem) => {
                    let message =
                        problem.describe(crate::msg!("alias-unclean", alias = shown(alias)));
                    problems.push(error(message));
                    continue;
                }
            };
            // Page URLs are made of slugs, which are always clean; checked all the same, since
            // both end up in `_redirects`.
            match SitePath::new(&page.url) {
                Ok(to) => redirects.push(Redirect {
                    from,
                    to,
                    page: index,
                }),
                Err(problem) => {
                    let message = crate::msg!("page-url-unclean", url = shown(&page.url));
                    problems.push(error(problem.describe(message)));
                }
            }
        }
    }
    redirects.sort();
    redirects
}

/// A text as a message shows it: line breaks and other invisible characters escaped.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ' ' => c.to_string(),
            c if c.is_whitespace() || c.is_control() => c.escape_default().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// `_index.md` files inside a folder that `index.md` makes one page with its files (a page
/// bundle): the section cannot exist. An error on both files, each naming the other.
pub(super) fn sections_in_bundles(
    files: &ContentFiles,
    unused: &[std::sync::Arc<Document>],
    problems: &mut Vec<Diagnostic>,
) {
    for index in unused {
        let dir = parent_dir(&index.rel);
        let bundle = std::iter::successors(Some(dir), |d| (!d.is_empty()).then(|| parent_dir(d)))
            .filter(|d| !d.is_empty())
            .find_map(|d| {
                let rel = format!("{d}/index.md");
                files
                    .markdown
                    .iter()
                    .filter(|f| f.kind == SourceKind::Page && f.rel == rel)
                    .min_by_key(|f| f.lang != index.lang)
                    .map(|f| (d, PathBuf::from("content").join(&f.file)))
            });
        let Some((bundle_dir, bundle)) = bundle else {
            continue;
        };
        let (this, that) = (display_path(&index.display_path), display_path(&bundle));
        let (on_index, on_bundle) = if bundle_dir == dir {
            (
                crate::msg!("section-and-bundle-in-folder", other = that),
                crate::msg!("section-and-bundle-in-folder", other = this),
            )
        } else {
            (
                crate::msg!("section-inside-bundle", other = that),
                crate::msg!("bundle-holds-section", other = this),
            )
        };
        problems.push(Diagnostic::error(&index.display_path, 1, 1, on_index));
        problems.push(Diagnostic::error(&bundle, 1, 1, on_bundle));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(role: Role, name: &str, at: Option<&str>, copy: bool) -> Owner {
        Owner {
            role,
            url: "/x/".into(),
            name: name.into(),
            at: at.map(|f| (PathBuf::from(f), 1)),
            copy,
            slug_line: 0,
        }
    }

    fn paths(found: &[Diagnostic]) -> Vec<String> {
        found.iter().map(|d| display_path(&d.path)).collect()
    }

    #[test]
    fn an_alias_is_blamed_rather_than_what_it_would_replace() {
        let page = owner(Role::Page, "content/x.md", Some("content/x.md"), false);
        let alias = owner(Role::Alias, "content/y.md", Some("content/y.md"), false);
        let found = collisions(&[page, alias], true, false);
        assert_eq!(paths(&found), ["content/y.md"]);
        assert_eq!(
            found[0].message.text(),
            "alias /x/ is already the URL of content/x.md"
        );
    }

    #[test]
    fn two_pages_are_both_blamed_each_naming_the_other() {
        let a = owner(Role::Page, "content/a.md", Some("content/a.md"), false);
        let b = owner(Role::Page, "content/b.md", Some("content/b.md"), false);
        let found = collisions(&[a, b], false, false);
        assert_eq!(paths(&found), ["content/a.md", "content/b.md"]);
        assert_eq!(
            found[0].message.text_in(crate::messages::Lang::En),
            "this page's URL /x/ (from its file name) is also the URL of content/b.md (from its file name)"
        );
        assert!(
            found[1].message.text().contains("of content/a.md"),
            "{found:?}"
        );
    }

    #[test]
    fn only_the_file_changed_last_is_blamed_when_that_can_be_told() {
        let root = tempfile::tempdir().expect("temporary folder");
        for name in ["a.md", "b.md"] {
            std::fs::write(root.path().join(name), "x").expect("write");
        }
        let older = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        let file = std::fs::File::options()
            .write(true)
            .open(root.path().join("a.md"))
            .expect("open");
        file.set_modified(older).expect("set time");
        let a = owner(Role::Page, "a.md", Some("a.md"), false);
        let b = owner(Role::Page, "b.md", Some("b.md"), false);
        let found = on_newest(collisions(&[a, b], false, false), root.path());
        assert_eq!(paths(&found), ["b.md"]);
        let unknown = on_newest(
            collisions(
                &[
                    owner(Role::Page, "x.md", Some("x.md"), false),
                    owner(Role::Page, "y.md", Some("y.md"), false),
                ],
                false,
                false,
            ),
            root.path(),
        );
        assert_eq!(paths(&unknown), ["x.md", "y.md"]);
    }

    #[test]
    fn copies_are_blamed_only_when_asked_and_nothing_else_has_a_file() {
        let copy = owner(
            Role::Page,
            "the zh copy of content/a.md",
            Some("content/a.md"),
            true,
        );
        let list = owner(Role::Made, "the /zh/x/ taxonomy list", None, false);
        assert!(collisions(&[copy.clone(), list.clone()], false, false).is_empty());
        assert_eq!(
            paths(&collisions(&[copy, list], true, false)),
            ["content/a.md"]
        );
    }

    #[test]
    fn invisible_characters_are_shown_escaped() {
        assert_eq!(shown("/a\n/* b 301!"), "/a\\n/* b 301!");
        assert_eq!(shown("/新闻/"), "/新闻/");
    }
}
