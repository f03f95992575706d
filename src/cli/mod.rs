//! The command line: one `*Args` struct per subcommand, each with a `run()`. The binary parses,
//! calls `run`, and maps the result to an exit code; nothing here exits the process.

mod build;
mod check;
mod cms;
mod deploy;
mod init;
mod new;
mod serve;

use clap::{Parser, Subcommand};

pub use build::BuildArgs;
pub use check::CheckArgs;
pub use cms::CmsArgs;
pub use deploy::DeployArgs;
pub use init::InitArgs;
pub use new::NewArgs;
pub use serve::ServeArgs;

/// potline: a fast static site generator for bilingual brand websites.
///
/// Write news and profiles in Markdown with YAML front matter under `content/`, describe the
/// site in `site.yaml`, and potline turns them into a static website through a Tera theme.
#[derive(Debug, Parser)]
#[command(name = "potline", version, about, long_about, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
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
    /// Find every mistake in the site, reported at once by file (exit code 1 on errors).
    Check(CheckArgs),
    /// Write the configuration of a git-based CMS (Decap, Sveltia) from the content types.
    Cms(CmsArgs),
    /// Publish the site to object storage or a served folder, sending only what changed.
    Deploy(DeployArgs),
}

impl Cli {
    /// Runs the chosen subcommand; returns what to print on success.
    pub fn run(self) -> crate::Result<String> {
        match self.command {
            Command::Build(args) => args.run(),
            Command::Serve(args) => args.run(),
            Command::Init(args) => args.run(),
            Command::New(args) => args.run(),
            Command::Check(args) => args.run(),
            Command::Cms(args) => args.run(),
            Command::Deploy(args) => args.run(),
        }
    }
}
