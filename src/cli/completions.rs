//! `potline completions <shell>`: the shell's completion script for every command and option,
//! made by clap_complete from the same definitions the command line parses with.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

/// Print the completion script of a shell, to install once:
///
///   bash:        potline completions bash > ~/.local/share/bash-completion/completions/potline
///   zsh:         potline completions zsh > ~/.zfunc/_potline   (with `fpath+=~/.zfunc` in ~/.zshrc)
///   fish:        potline completions fish > ~/.config/fish/completions/potline.fish
///   PowerShell:  potline completions powershell >> $PROFILE
///   elvish:      potline completions elvish >> ~/.config/elvish/rc.elv
#[derive(Debug, Args)]
#[command(verbatim_doc_comment, after_help = COMPLETIONS_EXIT_CODES)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

const COMPLETIONS_EXIT_CODES: &str =
    "Exit codes:\n  0  the script was printed\n  2  the command line is wrong (an unknown shell)";

impl CompletionsArgs {
    /// The script, to print.
    pub fn run(self) -> crate::Result<String> {
        let mut script = Vec::new();
        clap_complete::generate(
            self.shell,
            &mut super::Cli::command(),
            "potline",
            &mut script,
        );
        let text = String::from_utf8_lossy(&script);
        Ok(text.trim_end().to_string())
    }
}
