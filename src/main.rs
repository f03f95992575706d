//! The `potline` binary: parse the command line, run the library, print the outcome once (with
//! the whole chain of causes on failure) and choose the exit code.

use std::process::ExitCode;

/// Builds allocate many small strings and maps in parallel; mimalloc is markedly faster at that
/// than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use potline::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.run() {
        Ok(summary) => {
            // Quiet commands have nothing to say on success.
            if !summary.is_empty() {
                println!("{summary}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}", error_chain(&error));
            ExitCode::FAILURE
        }
    }
}

fn error_chain(error: &potline::Error) -> String {
    let mut text = match error {
        potline::Error::Site(_) => error.to_string(),
        _ => format!("error: {error}"),
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    text
}
