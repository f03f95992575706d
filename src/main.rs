//! The `potline` binary: parse the command line, run the library, print the outcome once (with
//! the whole chain of causes on failure) and choose the exit code.

use std::io::Write as _;
use std::process::ExitCode;

/// Builds allocate many small strings and maps in parallel; mimalloc is markedly faster at that
/// than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use potline::cli::Cli;
use potline::cli::terminal::{self, Stream};

fn main() -> ExitCode {
    without_huge_pages();
    let cli = match Cli::from_env() {
        Ok(cli) => cli,
        // Usage errors (2), and --help and --version (0), worded by clap.
        Err(usage) => {
            let _ = usage.print();
            return ExitCode::from(u8::try_from(usage.exit_code()).unwrap_or(2));
        }
    };
    if let Err(usage) = cli.check_lang() {
        let _ = usage.print();
        return ExitCode::from(2);
    }
    match cli.run() {
        Ok(summary) => {
            // Quiet commands have nothing to say on success.
            if !summary.is_empty() {
                let _ = writeln!(std::io::stdout().lock(), "{summary}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            let color = terminal::colors(Stream::Stderr);
            let text = terminal::paint_problems(&error_chain(&error), color);
            let _ = writeln!(std::io::stderr().lock(), "{text}");
            ExitCode::FAILURE
        }
    }
}

/// Asks Linux for ordinary pages only: mimalloc returns freed memory to the system and takes it
/// back many times in a build, and with transparent huge pages each page taken back is zeroed
/// 2 MiB at a time. Without them a 10,000-page build peaks 11% lower and a 100,000-page one
/// builds ~10% faster (BENCHMARKS.md). Best effort: other systems have no such setting.
fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

fn error_chain(error: &potline::Error) -> String {
    let word =
        |code: &str| potline::messages::render(potline::messages::language(), code, None, &[]);
    let mut text = match error {
        potline::Error::Site(_) => error.to_string(),
        _ => format!("{}: {error}", word("label-error")),
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!("\n  {}: {cause}", word("caused-by")));
        source = cause.source();
    }
    text
}
