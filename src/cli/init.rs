//! `potline init`: options of the command and the message listing what was created.

use std::path::PathBuf;
use std::str::FromStr;

use clap::Args;

use crate::scaffold::{self, InitOptions, SiteLanguage};
use crate::{Error, msg, suggest};

/// Create a new site that builds as it is: site.yaml, content folders, a first news item and
/// the archetypes `potline new` starts from. Uses potline's built-in templates (no theme needed).
///
/// With --languages en,zh the site is bilingual: English at the root, Chinese under /zh/, every
/// page with its Chinese twin (about.md and about.zh.md). A folder that is not empty is refused
/// unless --force, and then only the missing files are added: nothing that exists is changed or
/// deleted.
#[derive(Debug, Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct InitArgs {
    /// The folder to create the site in (created if missing).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The site's title, written in site.yaml [default: "My Site", or "我的网站" in Chinese].
    #[arg(long)]
    pub title: Option<String>,
    /// The time zone dates are written and read in (an IANA name).
    #[arg(long, value_name = "ZONE", default_value = "Asia/Shanghai")]
    pub timezone: String,
    /// The site's languages, separated by commas, the one served at the root first: en, zh,
    /// en,zh or zh,en.
    #[arg(
        long,
        value_name = "CODES",
        default_value = "en",
        value_delimiter = ','
    )]
    pub languages: Vec<String>,
    /// Add the missing files to a folder that is not empty (existing files are kept as they are).
    #[arg(long)]
    pub force: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

impl InitArgs {
    /// Creates the site; returns what to print.
    pub fn run(self) -> crate::Result<String> {
        let timezone = timezone(&self.timezone)?;
        let languages = languages(&self.languages)?;
        let report = scaffold::init(&InitOptions {
            dir: self.dir.clone(),
            title: self.title,
            timezone,
            languages,
            force: self.force,
        })?;
        if self.quiet {
            return Ok(String::new());
        }
        let dir = crate::diagnostics::display_path(&self.dir);
        let mut lines = vec![msg!("init-created", dir = &dir).to_string()];
        lines.extend(report.created.iter().map(|f| format!("  + {f}")));
        lines.extend(
            report
                .kept
                .iter()
                .map(|f| format!("  = {}", msg!("init-kept", file = f))),
        );
        let root = if dir == "." {
            String::new()
        } else {
            format!(" --root {dir}")
        };
        lines.push(msg!("init-next", root = root).to_string());
        Ok(lines.join("\n"))
    }
}

/// The time zone named `name`, or an error suggesting the nearest name.
fn timezone(name: &str) -> crate::Result<chrono_tz::Tz> {
    chrono_tz::Tz::from_str(name).map_err(|_| {
        let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
        let best = suggest::closest(name, names).unwrap_or("none");
        Error::message(msg!("init-unknown-timezone", zone = name, best = best))
    })
}

/// The languages of `--languages`, each once.
fn languages(codes: &[String]) -> crate::Result<Vec<SiteLanguage>> {
    let mut languages = Vec::new();
    for code in codes.iter().filter(|c| !c.trim().is_empty()) {
        let lang = SiteLanguage::parse(code)
            .ok_or_else(|| Error::message(msg!("init-unknown-language", lang = code.trim())))?;
        if languages.contains(&lang) {
            return Err(Error::message(msg!(
                "init-language-twice",
                lang = lang.code()
            )));
        }
        languages.push(lang);
    }
    Ok(languages)
}
