//! What a person and a validator see of the built sample site: every page is valid HTML (the Nu
//! HTML Checker) and, in headless Chromium at 320 px and 1280 px, has no sideways scrolling, one
//! h1, a skip link first, nothing loaded from another host and no axe-core WCAG 2.1 AA violation.
//!
//! The tools come from `tests/browser/node_modules` (installed by `.ci/run` with `npm ci`) and
//! Debian's `chromium` and Java. Without them the checks are skipped locally with a message; under
//! CI (`CI` set) a missing tool is a failure, so they can never pass by not running.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

fn tool(path: &str) -> Option<PathBuf> {
    let full = repo_root().join(path);
    if full.exists() {
        return Some(full);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{path} is missing: run `npm ci --prefix tests/browser` (see .ci/run)"
    );
    eprintln!("skipped: {path} is missing (run `npm ci --prefix tests/browser`)");
    None
}

fn built_sample(out: &Path) -> PathBuf {
    let target = out.join("public");
    build_ok(
        &repo_root(),
        &["--output", target.to_str().expect("utf-8 path")],
    );
    target
}

fn run(command: &mut Command) {
    let out = command.output().expect("the tool runs");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_page_of_the_sample_site_is_valid_html() {
    let Some(vnu) = tool("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar") else {
        return;
    };
    let out = tempfile::tempdir().expect("temp");
    let public = built_sample(out.path());
    run(Command::new("java")
        .arg("-jar")
        .arg(vnu)
        .args(["--errors-only", "--skip-non-html"])
        .arg(&public));
}

#[test]
fn every_page_of_the_sample_site_reads_well_in_a_browser() {
    let Some(_) = tool("tests/browser/node_modules/playwright-core") else {
        return;
    };
    let out = tempfile::tempdir().expect("temp");
    let public = built_sample(out.path());
    run(Command::new("node")
        .arg(repo_root().join("tests/browser/pages.mjs"))
        .arg(&public));
}
