//! `potline new`: options of the command; prints the path of the file created.

use std::path::PathBuf;

use clap::Args;

use crate::scaffold::{self, NewOptions};

/// Start a new page from its type's archetype: `potline new news "Title"`.
///
/// The file is created in the type's folder (news in content/news/, enterprises in
/// content/enterprises/, pages in content/) with the title, a slug made from it (pinyin for
/// Chinese), the date and time in the site's time zone and `draft: true`. The archetype is
/// archetypes/<type>.md of the site, else of the theme, else potline's own. An existing file is
/// never overwritten. Prints the path of the new file.
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
    /// path (and a reminder unless --quiet).
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
        if self.quiet {
            return Ok(path);
        }
        let mut notes = Vec::new();
        if let Some(original) = &report.translation_of {
            notes.push(format!(
                "  a translation of {}",
                crate::diagnostics::display_path(original)
            ));
        }
        notes.push(format!(
            "  from the archetype {}; it is a draft until you delete the line `draft: true`",
            report.archetype
        ));
        eprintln!("{}", notes.join("\n"));
        Ok(path)
    }
}
