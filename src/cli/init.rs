//! `potline init`: options of the command and the message listing what was created.

use std::path::PathBuf;
use std::str::FromStr;

use clap::Args;

use crate::scaffold::{self, InitOptions};
use crate::{Error, suggest};

/// Create a new site that builds as it is: site.yaml, content folders, a first news item and
/// the archetypes `potline new` starts from. Uses potline's built-in templates (no theme needed).
///
/// A folder that is not empty is refused unless --force, and then only the missing files are
/// added: nothing that exists is changed or deleted.
#[derive(Debug, Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct InitArgs {
    /// The folder to create the site in (created if missing).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The site's title, written in site.yaml.
    #[arg(long, default_value = "My Site")]
    pub title: String,
    /// The time zone dates are written and read in (an IANA name).
    #[arg(long, value_name = "ZONE", default_value = "Asia/Shanghai")]
    pub timezone: String,
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
        let timezone = chrono_tz::Tz::from_str(&self.timezone).map_err(|_| {
            let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
            let hint = suggest::closest(&self.timezone, names)
                .map_or("use an IANA name such as Asia/Shanghai".to_string(), |b| {
                    format!("did you mean `{b}`?")
                });
            Error::message(format!(
                "unknown time zone `{}`\n  hint: {hint}",
                self.timezone
            ))
        })?;
        let report = scaffold::init(&InitOptions {
            dir: self.dir.clone(),
            title: self.title,
            timezone,
            force: self.force,
        })?;
        if self.quiet {
            return Ok(String::new());
        }
        let dir = crate::diagnostics::display_path(&self.dir);
        let mut lines = vec![format!("created a potline site in {dir}/")];
        lines.extend(report.created.iter().map(|f| format!("  + {f}")));
        lines.extend(
            report
                .kept
                .iter()
                .map(|f| format!("  = {f} (kept as it was)")),
        );
        let root = if dir == "." {
            String::new()
        } else {
            format!(" --root {dir}")
        };
        lines.push(format!(
            "next: `potline serve{root}` to preview it, `potline new news \"Title\"{root}` to write news"
        ));
        Ok(lines.join("\n"))
    }
}
