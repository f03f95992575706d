//! Where potline may write. A build replaces the whole output folder (`--output`) and a deploy
//! swaps a folder target's `path` out, so neither may be a folder that holds anything but what
//! potline made: not the site, a folder above it or inside its sources, not the home folder, not
//! a folder of someone else's files. Paths are compared once `..` and every link in them are
//! resolved, so no spelling (`public/..`, `./`, a trailing `/`, a link to `content/`) slips past.
//! A refused folder is left untouched: these checks run before anything is written.

use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use crate::error::IoAction;
use crate::source::SOURCE_DIRS;
use crate::{Error, Result};

/// The site, as the checks see it: its folder and its source folders with links resolved, and
/// the user's home folder.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Site {
    root: PathBuf,
    sources: Vec<(&'static str, PathBuf)>,
    home: Option<PathBuf>,
}

impl Site {
    fn of(root: &Path) -> Result<Site> {
        let root = std::fs::canonicalize(root).map_err(|e| Error::io(IoAction::Open, root, e))?;
        let sources = SOURCE_DIRS
            .iter()
            .map(|name| Ok((*name, resolve(&root.join(name))?)))
            .collect::<Result<_>>()?;
        let home = match std::env::var_os("HOME").filter(|home| !home.is_empty()) {
            Some(home) => Some(resolve(Path::new(&home))?),
            None => None,
        };
        Ok(Site {
            root,
            sources,
            home,
        })
    }
}

/// What is at a path a user named.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// Nothing yet: a build makes the folder.
    Missing,
    /// A folder with nothing in it.
    Empty,
    /// A folder potline published: the manifest of the tree is beside it.
    Published,
    /// A folder holding files potline did not write.
    Foreign,
    /// A file, or anything else that is not a folder, is where a folder should be: the path
    /// itself (None), or this path above it.
    NotAFolder(Option<PathBuf>),
    /// The path is a link to this, which does not exist.
    Dangling(PathBuf),
}

/// A path a user named, as found on disk.
#[derive(Debug)]
struct Found {
    /// As written.
    given: PathBuf,
    /// With `..` and every link resolved (a missing end appended to what exists).
    resolved: PathBuf,
    /// The path itself is a link.
    link: bool,
    kind: Kind,
}

/// Why potline will not write to a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Refusal {
    Dangling(PathBuf),
    NotAFolder(Option<PathBuf>),
    DiskRoot,
    Home,
    /// The site's folder or one above it.
    HoldsSite,
    InSources(&'static str),
    /// A folder above a source folder that is a link out of the site.
    HoldsSources(&'static str),
    Foreign,
    InSite,
    IsOutput,
    InOutput,
    HoldsOutput,
}

impl Refusal {
    /// Why, in a writer's words: the variant of the entry `folder-refusal`, and the path or
    /// folder name it names.
    fn why(&self) -> (&'static str, String) {
        let shown = |path: &Path| path.display().to_string();
        match self {
            Refusal::Dangling(target) => ("dangling", shown(target)),
            Refusal::NotAFolder(None) => ("file", String::new()),
            Refusal::NotAFolder(Some(file)) => ("file-above", shown(file)),
            Refusal::DiskRoot => ("disk-root", String::new()),
            Refusal::Home => ("home", String::new()),
            Refusal::HoldsSite => ("holds-site", String::new()),
            Refusal::InSources(dir) => ("in-sources", dir.to_string()),
            Refusal::HoldsSources(dir) => ("holds-sources", dir.to_string()),
            Refusal::Foreign => ("foreign", String::new()),
            Refusal::InSite => ("in-site", String::new()),
            Refusal::IsOutput => ("is-output", String::new()),
            Refusal::InOutput => ("in-output", String::new()),
            Refusal::HoldsOutput => ("holds-output", String::new()),
        }
    }
}

/// The folder a build into `output` publishes to: `output` itself, or the folder it is a link
/// to (published into the same atomic way, the link kept). Refuses, touching nothing, a folder
/// that is not potline's to replace: a file or a link to nothing; the top of the disk or the
/// home folder; the site or a folder above it; a folder inside the site's sources; a non-empty
/// folder that potline did not publish (no manifest of it beside it).
pub(crate) fn output_folder(root: &Path, output: &Path) -> Result<PathBuf> {
    let site = Site::of(root)?;
    let found = find(output)?;
    match refusal(&found, &site) {
        Some(refusal) => Err(refused_output(&found, &refusal)),
        None => Ok(found.resolved),
    }
}

/// Refuses to deploy a folder as the built site (`potline deploy --no-build`) when it is one
/// that a build would refuse to write for where it is: its files are not a built site.
pub(crate) fn check_deployed_folder(root: &Path, output: &Path) -> Result<()> {
    let site = Site::of(root)?;
    let found = find(output)?;
    match refusal(&found, &site).filter(|r| *r != Refusal::Foreign) {
        Some(refusal) => Err(refused_output(&found, &refusal)),
        None => Ok(()),
    }
}

fn refused_output(found: &Found, refusal: &Refusal) -> Error {
    // `none` chooses the entry's wording for a folder that is not a link.
    let link = if found.link && !matches!(refusal, Refusal::Dangling(_)) {
        found.resolved.display().to_string()
    } else {
        "none".to_string()
    };
    let (why, target) = refusal.why();
    Error::message(crate::msg!(
        "output-folder-refused",
        folder = found.given.display().to_string(),
        link = link,
        why = why,
        target = target,
    ))
}

/// Refuses a deploy folder target (`name`, publishing to `path`) that is inside the site, holds
/// it, is the top of the disk or the home folder, or is, holds or is inside the output folder
/// the site is built into: publishing there would replace files the next build reads or writes.
pub(crate) fn check_folder_target(
    root: &Path,
    name: &str,
    path: &Path,
    output: &Path,
) -> Result<()> {
    let site = Site::of(root)?;
    let output = find(output)?.resolved;
    // The path itself is potline's link to a release: where it is matters, not where it leads.
    let resolved = match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => resolve(parent)?.join(name),
        _ => resolve(path)?,
    };
    match target_refusal(&resolved, &site, &output) {
        Some(refusal) => {
            let (why, target) = refusal.why();
            Err(Error::message(crate::msg!(
                "deploy-path-refused",
                name = name,
                folder = path.display().to_string(),
                why = why,
                target = target,
            )))
        }
        None => Ok(()),
    }
}

/// Why a build may not publish to what was found, if it may not.
fn refusal(found: &Found, site: &Site) -> Option<Refusal> {
    match &found.kind {
        Kind::Dangling(target) => return Some(Refusal::Dangling(target.clone())),
        Kind::NotAFolder(file) => return Some(Refusal::NotAFolder(file.clone())),
        Kind::Missing | Kind::Empty | Kind::Published | Kind::Foreign => {}
    }
    let folder = &found.resolved;
    if let Some(refusal) = above_or_home(folder, site) {
        return Some(refusal);
    }
    for (name, source) in &site.sources {
        if folder.starts_with(source) {
            return Some(Refusal::InSources(name));
        }
        if source.starts_with(folder) {
            return Some(Refusal::HoldsSources(name));
        }
    }
    (found.kind == Kind::Foreign).then_some(Refusal::Foreign)
}

/// The top of the disk, the home folder, the site and the folders above it.
fn above_or_home(folder: &Path, site: &Site) -> Option<Refusal> {
    if folder.parent().is_none() {
        Some(Refusal::DiskRoot)
    } else if site.home.as_deref() == Some(folder) {
        Some(Refusal::Home)
    } else if site.root.starts_with(folder) {
        Some(Refusal::HoldsSite)
    } else {
        None
    }
}

/// Why a deploy may not publish to `folder` (resolved), if it may not.
fn target_refusal(folder: &Path, site: &Site, output: &Path) -> Option<Refusal> {
    if let Some(refusal) = above_or_home(folder, site) {
        return Some(refusal);
    }
    if folder.starts_with(&site.root) {
        Some(Refusal::InSite)
    } else if folder == output {
        Some(Refusal::IsOutput)
    } else if folder.starts_with(output) {
        Some(Refusal::InOutput)
    } else if output.starts_with(folder) {
        Some(Refusal::HoldsOutput)
    } else {
        None
    }
}

/// Looks at what `path` names.
fn find(path: &Path) -> Result<Found> {
    // Rebuilt from its parts: without a trailing `/`, which would make the system follow a
    // link at the end of the path.
    let plain: PathBuf = path.components().collect();
    let given = path.to_path_buf();
    let meta = match std::fs::symlink_metadata(&plain) {
        Ok(meta) => meta,
        // Not there, or a file where a folder above it should be.
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
            let resolved = resolve(&plain)?;
            let kind = match resolved.ancestors().skip(1).find(|a| a.exists()) {
                Some(file) if !file.is_dir() => Kind::NotAFolder(Some(file.to_path_buf())),
                _ => Kind::Missing,
            };
            return Ok(Found {
                given,
                resolved,
                link: false,
                kind,
            });
        }
        Err(e) => return Err(Error::io(IoAction::Read, path, e)),
    };
    let link = meta.file_type().is_symlink();
    let (resolved, kind) = match std::fs::canonicalize(&plain) {
        Ok(resolved) if resolved.is_dir() => {
            let kind = folder_kind(&resolved)?;
            (resolved, kind)
        }
        Ok(resolved) => (resolved, Kind::NotAFolder(None)),
        Err(_) if link => {
            let target =
                std::fs::read_link(&plain).map_err(|e| Error::io(IoAction::Read, path, e))?;
            (resolve(&plain)?, Kind::Dangling(target))
        }
        Err(e) => return Err(Error::io(IoAction::Open, path, e)),
    };
    Ok(Found {
        given,
        resolved,
        link,
        kind,
    })
}

fn folder_kind(folder: &Path) -> Result<Kind> {
    let mut entries =
        std::fs::read_dir(folder).map_err(|e| Error::io(IoAction::Read, folder, e))?;
    Ok(if entries.next().is_none() {
        Kind::Empty
    } else if crate::output::is_published_tree(folder) {
        Kind::Published
    } else {
        Kind::Foreign
    })
}

/// `path` made absolute with `..`, `.` and every link resolved, as far as it exists; the part
/// that does not exist yet is appended as written (`..` in it taken away by name).
fn resolve(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path).map_err(|e| Error::io(IoAction::Open, path, e))?;
    for existing in absolute.ancestors() {
        if let Ok(found) = std::fs::canonicalize(existing) {
            let rest = absolute.strip_prefix(existing).unwrap_or(Path::new(""));
            return Ok(append(found, rest));
        }
    }
    Ok(append(PathBuf::from("/"), &absolute))
}

/// `base` followed by `rest`, whose `..` remove the part before them.
fn append(mut base: PathBuf, rest: &Path) -> PathBuf {
    for part in rest.components() {
        match part {
            Component::ParentDir => {
                base.pop();
            }
            Component::Normal(name) => base.push(name),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site {
            root: "/home/li/site".into(),
            sources: SOURCE_DIRS
                .iter()
                .map(|name| (*name, Path::new("/home/li/site").join(name)))
                .chain([("static", PathBuf::from("/srv/shared/static"))])
                .collect(),
            home: Some("/home/li".into()),
        }
    }

    fn found(resolved: &str, kind: Kind) -> Found {
        Found {
            given: resolved.into(),
            resolved: resolved.into(),
            link: false,
            kind,
        }
    }

    #[test]
    fn an_output_folder_is_refused_where_it_would_replace_the_users_files() {
        let cases = [
            ("/", Kind::Published, Some(Refusal::DiskRoot)),
            ("/home/li", Kind::Empty, Some(Refusal::Home)),
            ("/home", Kind::Missing, Some(Refusal::HoldsSite)),
            ("/home/li/site", Kind::Published, Some(Refusal::HoldsSite)),
            (
                "/home/li/site/content/out",
                Kind::Missing,
                Some(Refusal::InSources("content")),
            ),
            (
                "/home/li/site/themes",
                Kind::Published,
                Some(Refusal::InSources("themes")),
            ),
            (
                "/srv/shared",
                Kind::Published,
                Some(Refusal::HoldsSources("static")),
            ),
            ("/srv/www", Kind::Foreign, Some(Refusal::Foreign)),
            (
                "/home/li/site/public",
                Kind::Foreign,
                Some(Refusal::Foreign),
            ),
            ("/home/li/site/public", Kind::Published, None),
            ("/home/li/site/public", Kind::Missing, None),
            ("/home/li/site/contents", Kind::Empty, None),
            ("/home/li/out", Kind::Empty, None),
            ("/srv/www", Kind::Published, None),
        ];
        for (path, kind, expected) in cases {
            assert_eq!(refusal(&found(path, kind), &site()), expected, "{path}");
        }
        let dangling = Kind::Dangling("/gone".into());
        assert_eq!(
            refusal(&found("/srv/www", dangling), &site()),
            Some(Refusal::Dangling("/gone".into()))
        );
        let file = Kind::NotAFolder(Some("/srv".into()));
        assert_eq!(
            refusal(&found("/srv/www", file), &site()),
            Some(Refusal::NotAFolder(Some("/srv".into())))
        );
    }

    #[test]
    fn a_deploy_folder_is_refused_inside_the_site_or_around_the_output() {
        let output = Path::new("/srv/build/public");
        let cases = [
            ("/home/li/site/www", Some(Refusal::InSite)),
            ("/home/li/site", Some(Refusal::HoldsSite)),
            ("/home/li", Some(Refusal::Home)),
            ("/", Some(Refusal::DiskRoot)),
            ("/srv/build/public", Some(Refusal::IsOutput)),
            ("/srv/build/public/www", Some(Refusal::InOutput)),
            ("/srv/build", Some(Refusal::HoldsOutput)),
            ("/srv/www/site", None),
            ("/srv/build/public-www", None),
        ];
        for (path, expected) in cases {
            assert_eq!(
                target_refusal(Path::new(path), &site(), output),
                expected,
                "{path}"
            );
        }
    }

    /// Each refusal has its own words in both languages (none falls through to the entry's
    /// default), and the messages read as whole sentences.
    #[test]
    fn refusals_are_worded_in_both_languages() {
        use crate::messages::Lang;
        let all = [
            Refusal::Dangling("/gone".into()),
            Refusal::NotAFolder(None),
            Refusal::NotAFolder(Some("/srv".into())),
            Refusal::DiskRoot,
            Refusal::Home,
            Refusal::HoldsSite,
            Refusal::InSources("content"),
            Refusal::HoldsSources("static"),
            Refusal::Foreign,
            Refusal::InSite,
            Refusal::IsOutput,
            Refusal::InOutput,
            Refusal::HoldsOutput,
        ];
        for lang in Lang::ALL {
            let texts: std::collections::HashSet<String> = all
                .iter()
                .map(|refusal| {
                    let (why, target) = refusal.why();
                    crate::msg!("folder-refusal", why = why, target = target).text_in(lang)
                })
                .collect();
            assert_eq!(texts.len(), all.len(), "{lang:?}: {texts:?}");
        }
        let (why, target) = Refusal::InSources("static").why();
        let output = crate::msg!(
            "output-folder-refused",
            folder = "static/out",
            link = "none",
            why = why,
            target = target
        );
        assert_eq!(
            output.text_in(Lang::En),
            "refusing to use `static/out` as the output folder: it is inside the site's `static/` folder, which the build reads"
        );
        let (why, target) = Refusal::HoldsOutput.why();
        let deploy = crate::msg!(
            "deploy-path-refused",
            name = "docroot",
            folder = "/srv",
            why = why,
            target = target
        );
        assert_eq!(
            deploy.text_in(Lang::Zh),
            "部署目标 `docroot` 不能发布到 `/srv`：它装着网站构建到的文件夹"
        );
        assert_eq!(
            deploy.hint_in(Lang::Zh).as_deref(),
            Some(
                "在 site.yaml 里把这个目标的 `path` 改成网站以外的文件夹，例如 `path: /var/www/my-site`"
            )
        );
    }

    #[test]
    fn paths_are_compared_with_dots_and_links_resolved() {
        let dir = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(base.join("site/content")).unwrap();
        std::os::unix::fs::symlink(base.join("site/content"), base.join("link")).unwrap();
        for (written, expected) in [
            ("site/content/../content/", "site/content"),
            ("site/./public/", "site/public"),
            ("link/new/../newer", "site/content/newer"),
            ("site/missing/../public", "site/public"),
        ] {
            assert_eq!(
                resolve(&base.join(written)).unwrap(),
                base.join(expected),
                "{written}"
            );
        }
    }
}
