//! `potline build`: options of the command and their resolution into [`BuildOptions`].

use std::path::PathBuf;

use clap::Args;

use std::sync::Arc;

use super::progress::Progress;
use super::terminal::{self, Stream};
use crate::build::{self, BuildOptions, BuildProgress, BuildStep};
use crate::msg;

/// Build the site into a folder ready for any static host.
///
/// The whole site is rendered in memory first; only when every page succeeded is the output
/// folder replaced, in one step. A failed build leaves the previous output exactly as it was.
#[derive(Debug, Args)]
#[command(after_help = BUILD_EXIT_CODES)]
pub struct BuildArgs {
    /// The site's folder (the one holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: public/ inside the site folder].
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The address the site will be published at, replacing base_url of site.yaml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Also publish pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Also publish pages whose date is in the future.
    #[arg(long)]
    pub future: bool,
    /// Minify HTML, CSS and JS (also set by `minify: true` in site.yaml).
    #[arg(long)]
    pub minify: bool,
    /// Render every page again, even when nothing the site is built from changed since the
    /// last build (which otherwise keeps the published site as it is).
    #[arg(long)]
    pub force: bool,
    /// Also print the time spent in each stage of the build.
    #[arg(long, short)]
    pub verbose: bool,
}

const BUILD_EXIT_CODES: &str = "Exit codes:\n  0  built (warnings may have been printed)\n  1  the site has errors (each is printed with file:line:col and a hint; the output folder was left as it was)\n  2  the command line is wrong";

impl BuildArgs {
    /// The options of the build this command asks for.
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            minify: self.minify.then_some(true),
            preview: false,
            root: self.root.clone(),
            output: self
                .output
                .clone()
                .unwrap_or_else(|| build::default_output(&self.root)),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            future: self.future,
            force: self.force,
        }
    }

    /// Builds, and returns the warnings and the one-line summary.
    pub fn run(self) -> crate::Result<String> {
        let options = self.options();
        let report = build_with_bar(&options).map_err(|e| disk_full(e, &options.output))?;
        let color = terminal::colors(Stream::Stdout);
        let mut text: Vec<String> = report
            .warnings
            .iter()
            .map(|w| terminal::paint_problems(&w.to_string(), color))
            .collect();
        if self.verbose {
            // The time first: stage names in Chinese are twice as wide as they have letters.
            text.extend(report.timings.iter().map(|(stage, time)| {
                let stage = msg!("cli-timing-stage", stage = stage.replace(' ', "-")).text();
                format!("  {:>6} ms  {stage}", time.as_millis())
            }));
        }
        text.push(report.to_string());
        Ok(text.join("\n"))
    }
}

/// Builds as [`build::build`] does, with a progress bar on a terminal when it takes a while:
/// a spinner while pages are made, a bar while pictures are resized.
pub(crate) fn build_with_bar(options: &BuildOptions) -> crate::Result<build::BuildReport> {
    let progress = Arc::new(Progress::start(msg!("cli-progress-building").text()));
    let shown = Arc::clone(&progress);
    let on_step = move |step: BuildStep| match step {
        BuildStep::Images { done, total } => {
            shown.message(msg!("cli-progress-pictures").text());
            shown.count(done, total);
        }
        BuildStep::StageDone("images") => {
            shown.uncounted();
            shown.message(msg!("cli-progress-finishing").text());
        }
        BuildStep::StageDone(_) => {}
    };
    let report = build::build_with_progress(options, BuildProgress::new(on_step));
    progress.finish();
    report
}

/// A write that failed for want of space, said plainly: the disk (or the file size allowed) is
/// full, and the published site was left as it was.
fn disk_full(error: crate::Error, output: &std::path::Path) -> crate::Error {
    use std::io::ErrorKind;
    let crate::Error::Io {
        action,
        path,
        source,
    } = &error
    else {
        return error;
    };
    if !matches!(
        source.kind(),
        ErrorKind::StorageFull | ErrorKind::FileTooLarge | ErrorKind::QuotaExceeded
    ) {
        return error;
    }
    crate::Error::message(msg!(
        "cli-disk-full",
        action = *action,
        path = path,
        reason = source.to_string(),
        output = output
    ))
}
