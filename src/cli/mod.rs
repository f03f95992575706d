//! The command line: one `*Args` struct per subcommand, each with a `run()`. The binary parses,
//! calls `run`, and maps the result to an exit code; nothing here exits the process.

mod build;
mod check;
mod cms;
mod completions;
mod deploy;
mod discover;
mod init;
mod list;
mod new;
mod progress;
mod serve;
pub mod terminal;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::messages::Lang;
use terminal::ColorWhen;

pub use build::BuildArgs;
pub use check::CheckArgs;
pub use cms::CmsArgs;
pub use completions::CompletionsArgs;
pub use deploy::DeployArgs;
pub use discover::find_site;
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
    /// When to colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// `--root` was given: the site is that folder. Otherwise it is found as git finds its
    /// repository, from the current folder up (see [`Cli::from_args`]).
    #[arg(skip)]
    pub root_given: bool,
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
        // The language the run would speak without this `--lang`.
        let lang = self.messages_language();
        Err(Cli::command().error(
            clap::error::ErrorKind::InvalidValue,
            crate::msg!("cli-lang-unknown", code = code).text_in(lang),
        ))
    }

    /// Parses the command line of this process (as [`Cli::from_args`]).
    pub fn from_env() -> Result<Cli, clap::Error> {
        Cli::from_args(std::env::args_os())
    }

    /// Parses a command line, noting whether `--root` was given.
    pub fn from_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let matches = Cli::command().try_get_matches_from(args)?;
        let mut cli = Cli::from_arg_matches(&matches)?;
        cli.root_given = matches.subcommand().is_some_and(|(_, sub)| {
            sub.ids().any(|id| id == "root")
                && sub.value_source("root") == Some(ValueSource::CommandLine)
        });
        Ok(cli)
    }
}

/// The exit codes of every command, shown by `--help` (commands with more to say have their own).
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
    /// Print the completion script of a shell (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
}

impl Command {
    /// The site folder the command works on (`--root`), if it works on one that exists already.
    fn site_root(&self) -> Option<&Path> {
        match self {
            Command::Build(args) => Some(&args.root),
            Command::Serve(args) => Some(&args.root),
            Command::New(args) => Some(&args.root),
            Command::List(args) => Some(&args.root),
            Command::Check(args) => Some(&args.root),
            Command::Cms(args) => Some(&args.root),
            Command::Deploy(args) => Some(&args.root),
            Command::Init(_) | Command::Completions(_) => None,
        }
    }

    /// The same, to be replaced by the folder found.
    fn site_root_mut(&mut self) -> Option<&mut PathBuf> {
        match self {
            Command::Build(args) => Some(&mut args.root),
            Command::Serve(args) => Some(&mut args.root),
            Command::New(args) => Some(&mut args.root),
            Command::List(args) => Some(&mut args.root),
            Command::Check(args) => Some(&mut args.root),
            Command::Cms(args) => Some(&mut args.root),
            Command::Deploy(args) => Some(&mut args.root),
            Command::Init(_) | Command::Completions(_) => None,
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
                self.site_folder()
                    .and_then(|root| crate::config::messages_language_of(&root))
            })
            .unwrap_or_else(Lang::from_env)
    }

    /// The site the command works on: `--root` when given, else the nearest folder holding
    /// `site.yaml` from the current folder up (the current folder when there is none, so that
    /// the command says so).
    pub fn site_folder(&self) -> Option<PathBuf> {
        let given = self.command.site_root()?;
        if self.root_given {
            return Some(given.to_path_buf());
        }
        Some(find_site(Path::new(".")).map_or_else(|| given.to_path_buf(), |found| found.root))
    }

    /// Runs the chosen subcommand; returns what to print on success.
    pub fn run(mut self) -> crate::Result<String> {
        terminal::set_color(self.color);
        let found = (!self.root_given)
            .then(|| find_site(Path::new(".")))
            .flatten()
            .filter(|_| self.command.site_root().is_some());
        crate::messages::set_language(self.messages_language());
        if let Some(found) = found {
            if let Some(root) = self.command.site_root_mut() {
                root.clone_from(&found.root);
            }
            if found.above {
                // Said once, as git does not but a writer in `content/news/` wants to know.
                let note = crate::msg!("cli-site-found", path = &found.root).text();
                let _ = writeln!(std::io::stderr().lock(), "{note}");
            }
        }
        match self.command {
            Command::Build(args) => args.run(),
            Command::Serve(args) => args.run(),
            Command::Init(args) => args.run(),
            Command::New(args) => args.run(self.lang),
            Command::List(args) => args.run(),
            Command::Check(args) => args.run(),
            Command::Cms(args) => args.run(),
            Command::Deploy(args) => args.run(),
            Command::Completions(args) => args.run(),
        }
    }
}
