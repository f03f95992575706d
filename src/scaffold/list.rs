//! `potline list`: the site's pages with where each stands — a draft, scheduled (dated in the
//! future), or published — their dates, languages and files, as the build sees them (it runs the
//! build's own analysis, drafts and future pages included).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::Result;
use crate::build::{BuildOptions, Builder};
use crate::content::urls::Lang;
use crate::diagnostics::display_path;
use crate::drafts::Status;

/// Which pages to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Pages with `draft: true`.
    Drafts,
    /// Pages dated in the future (and not drafts): each appears with the first build after its
    /// date.
    Future,
    /// Every page.
    All,
}

impl Which {
    /// Its stable name: `drafts`, `future`, `all`.
    pub fn code(self) -> &'static str {
        match self {
            Which::Drafts => "drafts",
            Which::Future => "future",
            Which::All => "all",
        }
    }

    fn wants(self, status: Status) -> bool {
        match self {
            Which::Drafts => status == Status::Draft,
            Which::Future => status == Status::Scheduled,
            Which::All => true,
        }
    }
}

/// One page of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Where it stands.
    pub status: Status,
    /// Its date, if it has one.
    pub date: Option<DateTime<Utc>>,
    /// Its language code.
    pub language: String,
    /// Its file, from the site root: `content/news/foo.zh.md`.
    pub path: String,
    /// Its title.
    pub title: String,
    /// Its URL within the site (as in the preview): `/zh/news/foo/`.
    pub url: String,
}

/// What `list` found.
#[derive(Debug, Clone)]
pub struct ListReport {
    /// The pages asked for, by date (undated last), then by file.
    pub pages: Vec<Listed>,
    /// The site's time zone, in which dates are shown.
    pub timezone: chrono_tz::Tz,
    /// Files with errors, which may be missing from the list.
    pub files_with_errors: Vec<PathBuf>,
}

/// Lists the pages of the site in `root` that `which` asks for, as they stand at `now`.
pub fn list_pages(root: &Path, which: Which, now: DateTime<Utc>) -> Result<ListReport> {
    let mut builder = Builder::new(BuildOptions {
        drafts: true,
        future: true,
        ..BuildOptions::for_root(root)
    });
    let analysis = builder.analyze()?;
    let mut pages = Vec::new();
    for language in &analysis.languages {
        let lang = Lang::of(&language.config);
        for page in language.site.pages.iter().filter(|p| lang.owns(&p.doc)) {
            let status = Status::of(page, now);
            if which.wants(status) {
                pages.push(Listed {
                    status,
                    date: page.date,
                    language: language.config.language.clone(),
                    path: display_path(&page.doc.display_path),
                    title: page.title.clone(),
                    url: format!("{}{}", lang.prefix(), page.url),
                });
            }
        }
    }
    pages.sort_by(|a, b| {
        (a.date.is_none(), a.date, &a.path).cmp(&(b.date.is_none(), b.date, &b.path))
    });
    let mut files_with_errors: Vec<PathBuf> = analysis
        .diagnostics
        .items()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.path.clone())
        .collect();
    files_with_errors.sort();
    files_with_errors.dedup();
    Ok(ListReport {
        pages,
        timezone: analysis.config.timezone,
        files_with_errors,
    })
}
