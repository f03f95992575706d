//! The command line: one `*Args` struct per subcommand, each with a `run()`. The binary parses,
//! calls `run`, and maps the result to an exit code; nothing here exits the process.

mod build;
mod check;
mod cms;
mod deploy;
mod init;
mod list;
mod new;
mod serve;

use clap::{Parser, Subcommand};

use crate::messages::Lang;

pub use build::BuildArgs;
pub use check::CheckArgs;
pub use cms::CmsArgs;
pub use deploy::DeployArgs;
pub use init::InitArgs;
pub use list::ListArgs;
pub use new::NewArgs;
pub use serve::ServeArgs;

/// potline: a fast static site generator for bilingual brand websites.
///
/// Write news and profiles in Markdown with YAML front matter under `content/`, describe the
/// site in `site.yaml`, and potline turns them into a static website through a Tera theme.
#[derive(Debug, Parser)]
#[command(name = "potline", version, about, long_about, after_help = EXIT_CODES)]
pub struct Cli {
    /// The language potline speaks, en or zh [default: the site's `messages_language:`, else
    /// the system locale (LC_ALL, LC_MESSAGES, LANG)]; for `potline new`, also the language of
    /// the new page (any language of the site).
    #[arg(long, global = true, value_name = "CODE")]
    pub lang: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// A usage error when `--lang` names a language potline's messages do not exist in (only
    /// `potline new` takes any language of the site, for the page it makes).
    pub fn check_lang(&self) -> Result<(), clap::Error> {
        let Some(code) = self.lang.as_deref() else {
            return Ok(());
        };
        if Lang::parse(code).is_some() || matches!(self.command, Command::New(_)) {
            return Ok(());
        }
        use clap::CommandFactory;
        Err(Cli::command().error(
            clap::error::ErrorKind::InvalidValue,
            format!("--lang `{code}`: potline speaks en or zh"),
        ))
    }
}

const EXIT_CODES: &str = "Exit codes:\n  0  success\n  1  the site has errors (each is printed with file:line:col and a hint)\n  2  the command line is wrong";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder ready for any static host (default `public/`).
    Build(BuildArgs),
    /// Preview the site at a local address, rebuilt and reloaded in the browser on every save.
    Serve(ServeArgs),
    /// Create a new site that builds as it is.
    Init(InitArgs),
    /// Start a new page from its archetype: `potline new news "Title"`.
    New(NewArgs),
    /// List the drafts, the scheduled (future-dated) pages, or all pages, with their dates.
    List(ListArgs),
    /// Find every mistake in the site, reported at once by file (exit code 1 on errors).
    Check(CheckArgs),
    /// Write the configuration of a git-based CMS (Decap, Sveltia) from the content types.
    Cms(CmsArgs),
    /// Publish the site to object storage or a served folder, sending only what changed.
    Deploy(DeployArgs),
}

impl Command {
    /// The site folder the command works on, if it works on one that exists already.
    fn site_root(&self) -> Option<&std::path::Path> {
        match self {
            Command::Build(args) => Some(&args.root),
            Command::Serve(args) => Some(&args.root),
            Command::New(args) => Some(&args.root),
            Command::List(args) => Some(&args.root),
            Command::Check(args) => Some(&args.root),
            Command::Cms(args) => Some(&args.root),
            Command::Deploy(args) => Some(&args.root),
            Command::Init(_) => None,
        }
    }
}

impl Cli {
    /// The language of this run's messages: `--lang`, else the site's setting, else the
    /// system locale.
    pub fn messages_language(&self) -> Lang {
        self.lang
            .as_deref()
            .and_then(Lang::parse)
            .or_else(|| {
                self.command
                    .site_root()
                    .and_then(crate::config::messages_language_of)
            })
            .unwrap_or_else(Lang::from_env)
    }

    /// Runs the chosen subcommand; returns what to print on success.
    pub fn run(self) -> crate::Result<String> {
        crate::messages::set_language(self.messages_language());
        match self.command {
            Command::Build(args) => args.run(),
            Command::Serve(args) => args.run(),
            Command::Init(args) => args.run(),
            Command::New(args) => args.run(self.lang),
            Command::List(args) => args.run(),
            Command::Check(args) => args.run(),
            Command::Cms(args) => args.run(),
            Command::Deploy(args) => args.run(),
        }
    }
}
