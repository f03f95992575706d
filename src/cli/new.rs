//! `potline new`: options of the command; prints the path of the file created.

use std::path::PathBuf;

use clap::Args;

use crate::msg;
use crate::scaffold::{self, NewOptions, NewReport};

/// Start a new page from its type's archetype: `potline new news "Title"`.
///
/// The file is created in the type's folder (news in content/news/, enterprises in
/// content/enterprises/, pages in content/) with the title, a slug made from it (pinyin for
/// Chinese), the date and time in the site's time zone and `draft: true`. A Chinese title on a
/// site with a Chinese language makes the Chinese page (news/<slug>.zh.md, published under
/// /zh/); the global --lang CODE chooses the language instead. The archetype is
/// archetypes/<type>.<lang>.md or archetypes/<type>.md of the site, else of the theme, else
/// potline's own. An existing file is never overwritten. Prints the path of the new file, and
/// its address in the preview (`potline serve`).
#[derive(Debug, Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct NewArgs {
    /// The content type: news, enterprise, page, or another type of site.yaml.
    #[arg(value_name = "TYPE")]
    pub kind: String,
    /// The title (for an enterprise, its name). Quote it: "Baise holds a symposium".
    #[arg(value_name = "TITLE")]
    pub title: String,
    /// The site's folder (the one holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The last part of the web address, instead of one made from the title.
    #[arg(long)]
    pub slug: Option<String>,
    /// Create a folder with index.md, so pictures can be put beside the text.
    #[arg(long)]
    pub bundle: bool,
    /// Print only the path of the new file.
    #[arg(long, short)]
    pub quiet: bool,
}

impl NewArgs {
    /// Creates the file, in the language `lang` (the global `--lang`) when given; returns its
    /// path (and, unless --quiet, prints where to see it and what it was made from).
    pub fn run(self, lang: Option<String>) -> crate::Result<String> {
        let report = scaffold::new_page(&NewOptions {
            root: self.root.clone(),
            kind: self.kind,
            title: self.title,
            lang,
            slug: self.slug,
            bundle: self.bundle,
            now: chrono::Utc::now(),
        })?;
        let path = crate::diagnostics::display_path(&self.root.join(&report.path));
        let path = path.strip_prefix("./").unwrap_or(&path).to_string();
        if !self.quiet {
            eprintln!("{}", notes(&report).join("\n"));
        }
        Ok(path)
    }
}

/// What the writer should know about the new page, one line each: the language chosen from the
/// title, the page it translates, the archetype, and its address in the preview.
fn notes(report: &NewReport) -> Vec<String> {
    let mut notes = Vec::new();
    if report.lang_from_title {
        notes.push(msg!(
            "new-language-from-title",
            lang = &report.lang,
            default = &report.default_lang
        ));
    }
    if let Some(original) = &report.translation_of {
        notes.push(msg!("new-translation-of", path = original));
    }
    notes.push(if report.builtin_archetype {
        msg!("new-from-builtin-archetype", name = &report.archetype)
    } else {
        msg!("new-from-archetype", path = &report.archetype)
    });
    let url = format!(
        "http://127.0.0.1:{}{}",
        crate::serve::DEFAULT_PORT,
        report.url
    );
    notes.push(msg!("new-preview-address", url = url));
    notes.iter().map(|note| format!("  {note}")).collect()
}
