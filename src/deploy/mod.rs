//! `potline deploy`: publishing the built site where readers get it — an S3-compatible bucket
//! ([`s3`]) or a folder a web server serves ([`folder`]) — safely and quickly: only files whose
//! content changed move (known from a manifest kept at the target), files a page needs go before
//! the page, deletions come last, and an interrupted deploy, run again, finishes the job without
//! sending again what already arrived. The library reports progress through a callback and never
//! prints.

mod address;
mod credentials;
mod folder;
pub mod host_files;
pub(crate) mod media;
mod plan;
mod redact;
mod s3;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::config::{DeployTarget, TargetKind};
use crate::{Error, Result};

pub use media::{Phase, is_fingerprinted};
pub use plan::{LocalFile, MANIFEST, Manifest, Plan, Reason, Upload};

/// What to deploy, where.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// The built site.
    pub output_dir: PathBuf,
    /// The target, from `site.yaml`.
    pub target: DeployTarget,
    /// Only work out and report what would change.
    pub dry_run: bool,
}

/// Progress of a deploy, as it happens.
#[derive(Debug)]
pub enum DeployEvent<'a> {
    /// What the deploy is about to do.
    Planned(&'a Plan),
    /// A file is now at the target (`done` of `total`).
    Uploaded {
        /// Its path.
        path: &'a str,
        /// Files uploaded so far.
        done: usize,
        /// Files to upload.
        total: usize,
    },
    /// A file the site no longer has was removed from the target.
    Deleted {
        /// Its path.
        path: &'a str,
        /// Files deleted so far.
        done: usize,
        /// Files to delete.
        total: usize,
    },
}

/// What a deploy did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeployReport {
    /// The target's name.
    pub target: String,
    /// Where that is: `s3://bucket/prefix`, or the folder.
    pub location: String,
    /// Nothing was changed at the target.
    pub dry_run: bool,
    /// Files uploaded (or copied), in publishing order.
    pub uploaded: Vec<Upload>,
    /// Their bytes.
    pub uploaded_bytes: u64,
    /// Files deleted.
    pub deleted: Vec<String>,
    /// Files already at the target as they are.
    pub unchanged: usize,
    /// Files an interrupted deploy had already uploaded, found intact and not sent again.
    pub resumed: usize,
    /// The release live now (folder targets).
    pub release: Option<String>,
    /// Something at the target changed: files were sent or deleted, the manifest was rewritten,
    /// or a new release was made. A deploy of the site the target already has changes nothing.
    pub changed: bool,
    /// Time taken.
    pub elapsed: Duration,
}

impl fmt::Display for DeployReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = if self.dry_run {
            crate::msg!("deploy-summary-dry-run")
        } else if !self.changed {
            crate::msg!("deploy-summary-unchanged")
        } else {
            crate::msg!("deploy-summary")
        };
        let message = message
            .arg("target", self.target.as_str())
            .arg("location", self.location.as_str())
            .arg("uploaded", self.uploaded.len())
            .arg("size", human_bytes(self.uploaded_bytes))
            .arg("deleted", self.deleted.len())
            .arg("unchanged", self.unchanged)
            .arg("resumed", self.resumed)
            .arg("release", self.release.as_deref().unwrap_or(""))
            .arg("live", if self.release.is_some() { "yes" } else { "no" })
            .arg("seconds", format!("{:.2}", self.elapsed.as_secs_f64()));
        f.write_str(&message.text())
    }
}

/// `1.2 MB`, `340 B`.
pub fn human_bytes(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{:.1} kB", b as f64 / 1e3),
        b => format!("{b} B"),
    }
}

/// Publishes the built site to the target.
pub fn deploy(options: &DeployOptions, on_event: &dyn Fn(&DeployEvent)) -> Result<DeployReport> {
    let local = plan::scan(&options.output_dir)?;
    match &options.target.kind {
        TargetKind::S3(target) => s3::deploy(options, target, &local, on_event),
        TargetKind::Folder(target) => folder::deploy(options, target, &local, on_event),
    }
}

/// What a rollback did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollback {
    /// The target's name.
    pub target: String,
    /// The release that was live.
    pub from: String,
    /// The release live now.
    pub to: String,
}

impl fmt::Display for Rollback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = crate::msg!(
            "deploy-rolled-back",
            target = self.target.as_str(),
            from = self.from.as_str(),
            to = self.to.as_str()
        );
        f.write_str(&message.text())
    }
}

/// Makes the release before the live one live again (folder targets).
pub fn rollback(target: &DeployTarget) -> Result<Rollback> {
    match &target.kind {
        TargetKind::Folder(folder) => folder::rollback(&target.name, folder),
        TargetKind::S3(_) => Err(Error::message(crate::msg!(
            "deploy-rollback-bucket",
            name = target.name.as_str()
        ))),
    }
}

/// A message for an error and its causes, on one line.
fn describe(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
