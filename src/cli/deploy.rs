//! `potline deploy`: options of the command, the choice of target, and the terminal reporting of
//! progress (the library itself never prints).

use std::path::PathBuf;

use clap::Args;

use super::progress::Progress;
use super::terminal::{self, Stream};
use crate::build::{self, BuildOptions};
use crate::config::{Config, DeployTarget, TargetKind};
use crate::deploy::{self, DeployEvent, DeployOptions, Reason};
use crate::{Error, Result, msg, places};

/// Publish the site to a deploy target declared under `deploy:` in site.yaml.
///
/// Builds the site (unless --no-build), then sends only what changed to the target: an
/// S3-compatible bucket (AWS S3, Alibaba OSS, Tencent COS, Huawei OBS, Cloudflare R2, MinIO) or a
/// folder served by a web server. Files pages need go first, pages next, deletions last, so
/// readers never see a page without its files. Safe to repeat: an interrupted deploy, run again,
/// finishes without sending again what arrived. Access keys come from AWS_ACCESS_KEY_ID and
/// AWS_SECRET_ACCESS_KEY (or the variables the target names) or ~/.aws/credentials.
#[derive(Debug, Args)]
#[command(after_help = DEPLOY_EXIT_CODES)]
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

const DEPLOY_EXIT_CODES: &str = "Exit codes:\n  0  deployed (or, with --dry-run, the plan was printed; with --rollback, rolled back)\n  1  the site has errors, the target is wrong or unreachable, or an upload failed (run the same command again: what arrived is not sent again)\n  2  the command line is wrong";

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
            let options = BuildOptions {
                minify: None,
                preview: false,
                root: self.root.clone(),
                output: output.clone(),
                base_url: self.base_url.clone(),
                drafts: false,
                future: false,
                force: false,
            };
            let report = super::build::build_with_bar(&options)?;
            let color = terminal::colors(Stream::Stdout);
            text.extend(
                report
                    .warnings
                    .iter()
                    .map(|w| terminal::paint_problems(&w.to_string(), color)),
            );
            text.push(report.to_string());
        }
        let options = DeployOptions {
            output_dir: output,
            target,
            dry_run: self.dry_run,
        };
        let progress = Progress::start(msg!("deploy-progress-planning").text());
        let lines = !terminal::progress_allowed();
        let report = deploy::deploy(&options, &|event| show(event, &progress, lines))?;
        progress.finish();
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
    let listed = names.join(", ");
    let message = match (name, names.len()) {
        (_, 0) => msg!("deploy-no-targets"),
        (Some(name), _) => match crate::suggest::closest(name, names.iter().copied()) {
            Some(best) => msg!("deploy-no-target-named", name = name, best = best),
            None => msg!("deploy-no-target-named-list", name = name, names = listed),
        },
        (None, count) => msg!(
            "deploy-choose-target",
            count = count,
            names = listed,
            first = names[0]
        ),
    };
    Err(Error::message(message))
}

/// Shows the deploy's progress on standard error: the plan, then a bar on a terminal, or one
/// line per file elsewhere (CI logs keep them).
fn show(event: &DeployEvent, progress: &Progress, lines: bool) {
    let say = |text: String| progress.say(&text);
    match event {
        DeployEvent::Planned(plan) if plan.is_empty() => say(msg!("deploy-plan-empty").text()),
        DeployEvent::Planned(plan) => {
            say(msg!(
                "deploy-plan",
                uploads = plan.uploads.len(),
                size = deploy::human_bytes(plan.upload_bytes()),
                deletions = plan.deletions.len(),
                unchanged = plan.unchanged
            )
            .text());
            progress.message(msg!("deploy-progress-uploading").text());
        }
        DeployEvent::Uploaded { path, done, total } => {
            progress.count(*done, *total);
            if lines {
                say(msg!(
                    "deploy-uploaded-line",
                    done = *done,
                    total = *total,
                    path = *path
                )
                .text());
            }
        }
        DeployEvent::Deleted { path, done, total } => {
            progress.message(msg!("deploy-progress-deleting").text());
            progress.count(*done, *total);
            if lines {
                say(msg!(
                    "deploy-deleted-line",
                    done = *done,
                    total = *total,
                    path = *path
                )
                .text());
            }
        }
    }
}

/// What a dry run would do, one file a line.
fn dry_run_lines(report: &deploy::DeployReport) -> Vec<String> {
    let label = |message: crate::messages::Message| message.text();
    let (new, changed, delete) = (
        label(msg!("deploy-dry-new")),
        label(msg!("deploy-dry-changed")),
        label(msg!("deploy-dry-delete")),
    );
    report
        .uploaded
        .iter()
        .map(|u| match u.reason {
            Reason::New => format!("  {new:<7} {}", u.path),
            Reason::Changed => format!("  {changed:<7} {}", u.path),
        })
        .chain(report.deleted.iter().map(|p| format!("  {delete:<7} {p}")))
        .collect()
}
