//! Measures what a one-page edit costs the preview server's builder on a site: builds once, then
//! appends a line to one page N times, rebuilding after each, and prints each stage's time.
//!
//! `cargo run --release --example rebuild -- <site folder> <content file> [times]`

use std::path::PathBuf;

use potline::build::{BuildOptions, Builder};

// The allocator of the potline binary, so that the figures are those of `potline serve`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .ok_or("usage: rebuild <site folder> <content file> [times]")?,
    );
    let file = root.join(
        args.next()
            .ok_or("usage: rebuild <site folder> <content file> [times]")?,
    );
    let times: usize = args.next().map_or(Ok(5), |t| t.parse())?;
    let options = BuildOptions {
        drafts: true,
        future: true,
        preview: true,
        ..BuildOptions::for_root(&root)
    };
    let mut builder = Builder::new(options);
    // As under `potline serve`, whose watcher reports every change.
    builder.trust_reported_changes();
    let first = builder.render()?;
    println!("first build: {} ms", first.report.elapsed.as_millis());
    for round in 1..=times {
        let mut text = std::fs::read_to_string(&file)?;
        text.push_str(&format!("\nEdit number {round}.\n"));
        std::fs::write(&file, text)?;
        builder.invalidate(std::slice::from_ref(&file));
        let rendered = builder.render()?;
        let stages: Vec<String> = rendered
            .report
            .timings
            .iter()
            .map(|(s, t)| format!("{s} {}", t.as_millis()))
            .collect();
        println!(
            "edit {round}: {} ms ({})",
            rendered.report.elapsed.as_millis(),
            stages.join(", ")
        );
    }
    Ok(())
}
