//! `potline cms`: options of the command, the backend block they describe, and what to print:
//! the files written, how to try the CMS on this computer, and what is left to do.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::json;

use crate::scaffold::cms::{Cms, CmsReport};
use crate::scaffold::{self, CmsOptions};
use crate::{Error, msg};

/// Write the configuration of a git-based CMS (Sveltia CMS or Decap CMS) for staff who prefer a
/// web form to a text editor: static/admin/config.yml, derived from the content types of
/// site.yaml so the form offers exactly what `potline check` accepts, and static/admin/index.html,
/// the page that loads the CMS (at /admin/).
///
/// The CMS speaks the language potline speaks (--lang, messages_language:, the system locale).
/// On a site in several languages, Sveltia CMS (the default there) edits a page and its
/// translation (foo.md, foo.zh.md) as one entry. Until --backend names the git host, the CMS can
/// only be tried on this computer (see "Editing in the browser" in docs/writing.md). Run it again
/// after changing the content types: config.yml is rewritten, keeping its `backend:` block
/// unless --backend is given.
#[derive(Debug, Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct CmsArgs {
    /// The site's folder (the one holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The CMS the page loads [default: sveltia for a site in several languages, else decap].
    #[arg(long, value_enum)]
    pub cms: Option<CmsChoice>,
    /// Where the page loads the CMS script from [default: /admin/sveltia-cms.js or
    /// /admin/decap-cms.js on the site itself; copy the script there].
    #[arg(long, value_name = "URL")]
    pub script_url: Option<String>,
    /// Where the CMS saves: the site's git host [default: the existing config's, else none yet:
    /// the CMS can then only be tried on this computer].
    #[arg(long, value_enum)]
    pub backend: Option<Backend>,
    /// With --backend: the repository, owner/name.
    #[arg(long, value_name = "OWNER/NAME")]
    pub repo: Option<String>,
    /// With --backend gitea (needed) or gitlab: the address of the server, e.g.
    /// https://git.example.org (a Gitea or Forgejo server, or a GitLab of your own).
    #[arg(long, value_name = "URL")]
    pub host: Option<String>,
    /// With --backend gitea or gitlab: the Client ID of the OAuth application made for the CMS
    /// on the git server (writers then sign in with their account there).
    #[arg(long, value_name = "ID")]
    pub app_id: Option<String>,
    /// The branch the CMS commits to.
    #[arg(long, default_value = "main")]
    pub branch: String,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// The CMSs `potline cms` can write the page of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CmsChoice {
    /// Sveltia CMS: a page and its translation are one entry; its interface follows the
    /// browser's language.
    Sveltia,
    /// Decap CMS: its interface in the language potline speaks; translations are entries of
    /// their own.
    Decap,
}

/// The CMS backends potline can write a starting configuration for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    /// A Gitea or Forgejo repository, on a server of your own (or Codeberg).
    Gitea,
    /// A GitHub repository.
    Github,
    /// A GitLab repository (gitlab.com or a server of your own).
    Gitlab,
    /// Netlify Identity and Git Gateway (only for sites hosted on Netlify).
    GitGateway,
}

impl CmsArgs {
    /// Writes the files; returns what to print.
    pub fn run(self) -> crate::Result<String> {
        let backend = self.backend.map(|b| self.backend_block(b)).transpose()?;
        let report = scaffold::write_cms(&CmsOptions {
            root: self.root.clone(),
            script_url: self.script_url.clone(),
            backend,
            cms: self.cms.map(|c| match c {
                CmsChoice::Sveltia => Cms::Sveltia,
                CmsChoice::Decap => Cms::Decap,
            }),
            ui: crate::messages::language(),
        })?;
        if self.quiet {
            return Ok(String::new());
        }
        Ok(self.summary(&report).join("\n"))
    }

    /// The files written, the script to put in place, how to try the CMS on this computer, and
    /// what is still to do.
    fn summary(&self, report: &CmsReport) -> Vec<String> {
        let mut lines: Vec<String> = report
            .written
            .iter()
            .map(|p| {
                let path = crate::diagnostics::display_path(&self.root.join(p));
                let path = path.strip_prefix("./").unwrap_or(&path).to_string();
                msg!("cms-wrote", path = path).to_string()
            })
            .collect();
        lines.push(msg!("cms-script", url = &report.script_url).to_string());
        let admin = format!("http://127.0.0.1:{}/admin/", crate::serve::DEFAULT_PORT);
        lines.push(match report.cms {
            Cms::Sveltia => msg!("cms-try-sveltia", url = admin).to_string(),
            Cms::Decap => msg!("cms-try-decap", url = admin).to_string(),
        });
        if report.placeholder_backend {
            lines.push(msg!("cms-choose-backend").to_string());
        }
        if report.separate_translations {
            lines.push(msg!("cms-decap-translations").to_string());
        }
        lines
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
            .ok_or_else(|| Error::message(msg!("cms-needs-repo", backend = name)))?;
        let mut block = json!({ "name": name, "repo": repo, "branch": self.branch });
        let host = self.host.as_deref().map(|h| h.trim_end_matches('/'));
        match (backend, host) {
            (Backend::Gitea, None) => {
                return Err(Error::message(msg!("cms-needs-host")));
            }
            (Backend::Gitea, Some(host)) => {
                block["base_url"] = json!(host);
                block["api_root"] = json!(format!("{host}/api/v1"));
            }
            (Backend::Gitlab, Some(host)) => {
                block["base_url"] = json!(host);
                block["api_root"] = json!(format!("{host}/api/v4"));
            }
            _ => {}
        }
        if let Some(app_id) = &self.app_id {
            block["app_id"] = json!(app_id);
            if backend == Backend::Gitlab {
                block["auth_type"] = json!("pkce");
            }
        }
        Ok(block)
    }
}
