//! `potline deploy`: options of the command, the choice of target, and the terminal reporting of
//! progress (the library itself never prints).

use std::io::Write as _;
use std::path::PathBuf;

use clap::Args;

use crate::build::{self, BuildOptions};
use crate::config::{Config, DeployTarget, TargetKind};
use crate::deploy::{self, DeployEvent, DeployOptions, Reason};
use crate::diagnostics::Diagnostic;
use crate::{Error, Result, places};

/// Publish the site to a deploy target declared under `deploy:` in site.yaml.
///
/// Builds the site (unless --no-build), then sends only what changed to the target: an
/// S3-compatible bucket (AWS S3, Alibaba OSS, Tencent COS, Huawei OBS, Cloudflare R2, MinIO) or a
/// folder served by a web server. Files pages need go first, pages next, deletions last, so
/// readers never see a page without its files. Safe to repeat: an interrupted deploy, run again,
/// finishes without sending again what arrived. Access keys come from AWS_ACCESS_KEY_ID and
/// AWS_SECRET_ACCESS_KEY (or the variables the target names) or ~/.aws/credentials.
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// The site's folder (the one holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The built site to deploy [default: public/ inside the site folder].
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The target's name in site.yaml (needed when it declares more than one).
    #[arg(long, short, value_name = "NAME")]
    pub target: Option<String>,
    /// List what would be uploaded and deleted, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Deploy the output folder as it is, without building first (`potline build` never
    /// publishes a site with errors, so it holds the last build that passed).
    #[arg(long)]
    pub no_build: bool,
    /// Make the previous release of a folder target live again (nothing is built or uploaded).
    #[arg(long, conflicts_with_all = ["dry_run", "no_build"])]
    pub rollback: bool,
    /// The address the site is published at, replacing base_url of site.yaml (for the build).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

impl DeployArgs {
    /// Builds unless asked not to, deploys, and returns the summary.
    pub fn run(self) -> Result<String> {
        let config = Config::load(&self.root, self.base_url.as_deref())?;
        let target = choose_target(&config, self.target.as_deref())?;
        let output = self
            .output
            .clone()
            .unwrap_or_else(|| build::default_output(&self.root));
        if let TargetKind::Folder(folder) = &target.kind {
            places::check_folder_target(&self.root, &target.name, &folder.path, &output)?;
        }
        if self.rollback {
            return Ok(deploy::rollback(&target)?.to_string());
        }
        let mut text = Vec::new();
        if self.no_build {
            places::check_deployed_folder(&self.root, &output)?;
        } else {
            let report = build::build(&BuildOptions {
                minify: None,
                preview: false,
                root: self.root.clone(),
                output: output.clone(),
                base_url: self.base_url.clone(),
                drafts: false,
                future: false,
                force: false,
            })?;
            text.extend(report.warnings.iter().map(Diagnostic::to_string));
            text.push(report.to_string());
        }
        let options = DeployOptions {
            output_dir: output,
            target,
            dry_run: self.dry_run,
        };
        let report = deploy::deploy(&options, &progress)?;
        if self.dry_run {
            text.extend(dry_run_lines(&report));
        }
        text.push(report.to_string());
        Ok(text.join("\n"))
    }
}

/// The target named on the command line, or the only one declared.
fn choose_target(config: &Config, name: Option<&str>) -> Result<DeployTarget> {
    let names: Vec<&str> = config.deploy.iter().map(|t| t.name.as_str()).collect();
    let found = match name {
        Some(name) => config.deploy.iter().find(|t| t.name == name),
        None if config.deploy.len() == 1 => config.deploy.first(),
        None => None,
    };
    if let Some(target) = found {
        return Ok(target.clone());
    }
    let message = match (name, names.len()) {
        (_, 0) => "site.yaml declares no deploy target\n  hint: add one under `deploy:`, e.g.\n    deploy:\n      - { name: docroot, kind: folder, path: /var/www/my-site }\n  (docs/deploy.md has every kind)".to_string(),
        (Some(name), _) => format!(
            "site.yaml declares no deploy target named `{name}`\n  hint: {}",
            crate::suggest::did_you_mean(name, &names)
        ),
        (None, _) => format!(
            "site.yaml declares {} deploy targets ({}): choose one\n  hint: potline deploy --target {}",
            names.len(),
            names.join(", "),
            names[0]
        ),
    };
    Err(Error::message(message))
}

/// Prints progress on stderr, one line per file.
fn progress(event: &DeployEvent) {
    let line = match event {
        DeployEvent::Planned(plan) if plan.is_empty() => "nothing to upload or delete".to_string(),
        DeployEvent::Planned(plan) => format!(
            "{} to upload ({}), {} to delete, {} unchanged",
            plan.uploads.len(),
            deploy::human_bytes(plan.upload_bytes()),
            plan.deletions.len(),
            plan.unchanged
        ),
        DeployEvent::Uploaded { path, done, total } => format!("upload [{done}/{total}] {path}"),
        DeployEvent::Deleted { path, done, total } => format!("delete [{done}/{total}] {path}"),
    };
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// What a dry run would do, one file a line.
fn dry_run_lines(report: &deploy::DeployReport) -> Vec<String> {
    report
        .uploaded
        .iter()
        .map(|u| match u.reason {
            Reason::New => format!("  new     {}", u.path),
            Reason::Changed => format!("  changed {}", u.path),
        })
        .chain(report.deleted.iter().map(|p| format!("  delete  {p}")))
        .collect()
}
