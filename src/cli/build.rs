//! `potline build`: options of the command and their resolution into [`BuildOptions`].

use std::path::PathBuf;

use clap::Args;

use crate::build::{self, BuildOptions};
use crate::diagnostics::Diagnostic;

/// Build the site into a folder ready for any static host.
///
/// The whole site is rendered in memory first; only when every page succeeded is the output
/// folder replaced, in one step. A failed build leaves the previous output exactly as it was.
#[derive(Debug, Args)]
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
        let report = build::build(&options).map_err(|e| disk_full(e, &options.output))?;
        let mut text: Vec<String> = report.warnings.iter().map(Diagnostic::to_string).collect();
        if self.verbose {
            text.extend(
                report
                    .timings
                    .iter()
                    .map(|(stage, time)| format!("  {stage:<22} {:>6} ms", time.as_millis())),
            );
        }
        text.push(report.to_string());
        Ok(text.join("\n"))
    }
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
    crate::Error::message(format!(
        "could not {action} `{}`: the disk is full ({source})\n  hint: free some space and build again; `{}` was left exactly as it was",
        path.display(),
        output.display()
    ))
}
