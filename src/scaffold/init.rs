//! `potline init`: a new site that builds as it is (built-in templates, no theme to fetch), with
//! a first news item and the archetypes staff can edit. It only ever adds files: nothing that
//! exists is changed or deleted.

use std::path::{Path, PathBuf};

use super::archetype::{self, yaml_text};
use crate::error::IoAction;
use crate::{Error, Result, fs};

/// What to create.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The site folder (created if missing).
    pub dir: PathBuf,
    /// The site's title.
    pub title: String,
    /// The IANA time zone dates are read in.
    pub timezone: chrono_tz::Tz,
    /// Add the missing files to a folder that is not empty.
    pub force: bool,
}

/// What `init` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitReport {
    /// Files written, relative to the site folder.
    pub created: Vec<String>,
    /// Files that already existed and were left as they were.
    pub kept: Vec<String>,
}

/// The relative path of every file a new site has, with its text.
fn files(options: &InitOptions) -> Vec<(&'static str, String)> {
    let title = yaml_text(&options.title);
    let date = chrono::Utc::now()
        .with_timezone(&options.timezone)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let fill = |text: &str| {
        text.replace("{{title}}", &title)
            .replace("{{timezone}}", options.timezone.name())
            .replace("{{date}}", &date)
    };
    let builtin = |name: &str| archetype::builtin(name).unwrap_or_default().to_string();
    vec![
        ("site.yaml", fill(include_str!("site/site.yaml"))),
        ("content/_index.md", fill(include_str!("site/home.md"))),
        (
            "content/news/_index.md",
            include_str!("site/news-index.md").into(),
        ),
        (
            "content/news/the-new-website-is-online.md",
            fill(include_str!("site/first-news.md")),
        ),
        (
            "content/enterprises/_index.md",
            include_str!("site/enterprises-index.md").into(),
        ),
        ("content/about.md", include_str!("site/about.md").into()),
        ("archetypes/news.md", builtin("news.md")),
        ("archetypes/news.zh.md", builtin("news.zh.md")),
        ("archetypes/enterprise.md", builtin("enterprise.md")),
        ("archetypes/enterprise.zh.md", builtin("enterprise.zh.md")),
        ("archetypes/page.md", builtin("page.md")),
        ("archetypes/page.zh.md", builtin("page.zh.md")),
        (".gitignore", include_str!("site/gitignore").into()),
    ]
}

/// Creates a new site in `options.dir`. A folder with anything in it (other than `.git`) is
/// refused unless `force`, and then only the missing files are added.
pub fn init(options: &InitOptions) -> Result<InitReport> {
    let dir = &options.dir;
    if !options.force && !is_empty_dir(dir)? {
        return Err(Error::message(format!(
            "`{}` is not empty, and potline init only creates a site in an empty folder\n  hint: choose a new folder name (`potline init mysite`), or pass --force to add only the missing files (nothing that exists is changed or deleted)",
            dir.display()
        )));
    }
    let mut report = InitReport::default();
    for (rel, text) in files(options) {
        if create_new(&dir.join(rel), text.as_bytes())? {
            report.created.push(rel.to_string());
        } else {
            report.kept.push(rel.to_string());
        }
    }
    fs::create_dir_all(&dir.join("static/images"))?;
    fs::create_dir_all(&dir.join("templates"))?;
    Ok(report)
}

fn is_empty_dir(dir: &Path) -> Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.all(|e| e.is_ok_and(|e| e.file_name() == ".git"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Err(Error::message(format!(
            "`{}` is a file, not a folder",
            dir.display()
        ))),
        Err(e) => Err(Error::io(IoAction::ReadFolder, dir, e)),
    }
}

/// Writes a file that must not exist yet; false (and nothing written) when it does.
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> Result<bool> {
    use std::io::Write as _;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(Error::io(IoAction::Create, path, e)),
    };
    file.write_all(bytes)
        .map_err(|e| Error::io(IoAction::Write, path, e))?;
    Ok(true)
}
