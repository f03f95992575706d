//! `potline cms`: options of the command; prints the files written and what to do next.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::json;

use crate::Error;
use crate::scaffold::{self, CmsOptions};

/// Write the configuration of a git-based CMS (Decap CMS or Sveltia CMS) for staff who prefer a
/// web form to a text editor: static/admin/config.yml, derived from the content types of
/// site.yaml so the form offers exactly what `potline check` accepts, and static/admin/index.html,
/// the page that loads the CMS.
///
/// Run it again after changing the content types: config.yml is rewritten, keeping its
/// `backend:` block unless --backend is given.
#[derive(Debug, Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct CmsArgs {
    /// The site's folder (the one holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where the page loads the CMS script from [default: /admin/decap-cms.js on the site
    /// itself; copy the script there].
    #[arg(long, value_name = "URL")]
    pub script_url: Option<String>,
    /// Where the CMS saves: the site's git host [default: the existing config's, else
    /// git-gateway].
    #[arg(long, value_enum)]
    pub backend: Option<Backend>,
    /// With --backend github or gitlab: the repository, owner/name.
    #[arg(long, value_name = "OWNER/NAME")]
    pub repo: Option<String>,
    /// The branch the CMS commits to.
    #[arg(long, default_value = "main")]
    pub branch: String,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// The CMS backends potline can write a starting configuration for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    /// Netlify Identity and Git Gateway.
    GitGateway,
    /// A GitHub repository.
    Github,
    /// A GitLab repository.
    Gitlab,
    /// A Gitea or Forgejo repository.
    Gitea,
}

impl CmsArgs {
    /// Writes the files; returns what to print.
    pub fn run(self) -> crate::Result<String> {
        let backend = self.backend.map(|b| self.backend_block(b)).transpose()?;
        let report = scaffold::write_cms(&CmsOptions {
            root: self.root.clone(),
            script_url: self.script_url,
            backend,
        })?;
        if self.quiet {
            return Ok(String::new());
        }
        let mut lines: Vec<String> = report
            .written
            .iter()
            .map(|p| {
                format!(
                    "wrote {}",
                    crate::diagnostics::display_path(&self.root.join(p))
                )
            })
            .collect();
        lines.push(format!("the CMS page loads its script from {}: see \"Editing in the browser\" in docs/writing.md", report.script_url));
        Ok(lines.join("\n"))
    }

    fn backend_block(&self, backend: Backend) -> crate::Result<serde_json::Value> {
        let name = match backend {
            Backend::GitGateway => {
                return Ok(json!({ "name": "git-gateway", "branch": self.branch }));
            }
            Backend::Github => "github",
            Backend::Gitlab => "gitlab",
            Backend::Gitea => "gitea",
        };
        let repo = self
            .repo
            .as_deref()
            .filter(|r| r.contains('/'))
            .ok_or_else(|| {
                Error::message(format!(
                    "--backend {name} needs the repository\n  hint: add --repo owner/name"
                ))
            })?;
        Ok(json!({ "name": name, "repo": repo, "branch": self.branch }))
    }
}
