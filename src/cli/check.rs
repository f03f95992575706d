//! `potline check`: options of the command, the progress line on a terminal, and the report
//! printed in the chosen format (the counting and wording live in `crate::check`).

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::progress::Progress;
use super::terminal::{self, Stream};
use crate::msg;

use crate::Error;
use crate::check::external::ExternalOptions;
use crate::check::report::{self, Detail};
use crate::check::{self, CheckOptions};
use crate::error::IoAction;

/// Find every mistake before it reaches the public site.
///
/// Runs every check of `potline build` (front matter against the schema, YAML mistakes, files
/// not saved as UTF-8, broken internal links, missing pictures and links to addresses where
/// nothing is published, templates) and more: #anchors, alt text, pages without a summary,
/// duplicate titles, dates that would be read in the wrong time zone, pages dated in the future.
/// Every language, drafts and future-dated pages are checked too. Every problem is reported at
/// once, grouped by file, as file:line:col with a hint.
#[derive(Debug, Args)]
#[command(after_help = CHECK_EXIT_CODES)]
pub struct CheckArgs {
    /// The site's folder (the one holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Treat warnings as errors (exit code 1 when there is any).
    #[arg(long)]
    pub strict: bool,
    /// Also check links to other websites over HTTP (dead ones are errors, slow ones are noted).
    #[arg(long)]
    pub external: bool,
    /// With --external: how long to wait for one website.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = positive_seconds)]
    pub timeout: f64,
    /// With --external: how many websites to ask at once.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
    /// With --external: ask every website again, ignoring what answered in the last day
    /// (remembered in .potline/external-links.json).
    #[arg(long)]
    pub no_cache: bool,
    /// How to print the report: text for people, json for tools.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print only errors, and nothing when there is none.
    #[arg(long, short, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print notes (dates read in the site's time zone, ...).
    #[arg(long, short)]
    pub verbose: bool,
}

const CHECK_EXIT_CODES: &str = "Exit codes:\n  0  no errors (warnings and notes may have been printed)\n  1  errors were found (with --strict, warnings too), or the site could not be read\n  2  the command line is wrong";

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `file:line:col: error: message` lines grouped by file, then a count.
    Text,
    /// One JSON object: the counts and every finding.
    Json,
}

fn positive_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s <= 600.0 => Ok(s),
        _ => Err(msg!("cli-seconds").text()),
    }
}

impl CheckArgs {
    /// Checks the site and prints the report. Returns the closing count, or an error carrying it
    /// when the site has errors (so the exit code is 1).
    pub fn run(self) -> crate::Result<String> {
        let options = CheckOptions {
            root: self.root.clone(),
            strict: self.strict,
            verbose: self.verbose,
            external: self.external.then(|| ExternalOptions {
                timeout: Duration::from_secs_f64(self.timeout),
                jobs: usize::from(self.jobs),
                cache: (!self.no_cache).then(|| ExternalOptions::cache_path(&self.root)),
                cache_ttl: Duration::from_secs(24 * 60 * 60),
            }),
        };
        let progress = if self.quiet {
            Progress::hidden()
        } else {
            Progress::start(msg!("cli-progress-checking").text())
        };
        let result = check::check(&options, &|done, total| {
            progress.message(msg!("cli-progress-external").text());
            progress.count(done, total);
        });
        progress.finish();
        let report = result?;
        let mut out = std::io::stdout().lock();
        let printed = match self.format {
            Format::Json => writeln!(out, "{}", report::json(&report)),
            Format::Text => write!(
                out,
                "{}",
                report::text(&report, self.detail(), terminal::colors(Stream::Stdout))
            ),
        };
        // A reader that stops early (`| head`) is not a failure of the check.
        match printed {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                return Err(Error::io(IoAction::Write, "standard output", e));
            }
            _ => {}
        }
        let summary = report::summary(&report);
        if report.has_errors() {
            return Err(Error::message(crate::messages::Message::plain(summary)));
        }
        let quiet = self.quiet || self.format == Format::Json;
        Ok(if quiet { String::new() } else { summary })
    }

    fn detail(&self) -> Detail {
        if self.quiet {
            Detail::Quiet
        } else {
            Detail::Normal
        }
    }
}
