//! Helpers shared by the integration tests: fixture copies, running the binary, parsing HTML.

#![allow(dead_code, reason = "each test module uses a different subset")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};
use tempfile::TempDir;

/// The repository root (holding the sample site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `potline` command, speaking English whatever the locale of the machine running the tests
/// (tests of the Chinese messages set the locale themselves).
pub fn potline() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_potline"));
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    command
}

/// Copies `tests/fixtures/<name>` into a new temporary folder and returns it.
pub fn fixture(name: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&repo_root().join("tests/fixtures").join(name), dir.path());
    dir
}

/// Copies a folder tree (files only), skipping `public/` and `target/`.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0
            || !(name == "public" || name == "target" || name == ".git" || name == "node_modules")
    }) {
        let entry = entry.expect("readable fixture");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("create folder");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy file");
        }
    }
}

/// Runs `potline build --root <root>` plus `args`.
pub fn build(root: &Path, args: &[&str]) -> Output {
    potline()
        .arg("build")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("potline runs")
}

/// Builds and asserts success; returns stdout.
pub fn build_ok(root: &Path, args: &[&str]) -> String {
    succeeded(build(root, args))
}

/// Asserts that a potline command succeeded (showing its output if not); returns stdout.
pub fn succeeded(out: Output) -> String {
    assert!(
        out.status.success(),
        "potline failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Builds and asserts failure with exit code 1; returns stderr.
pub fn build_err(root: &Path, args: &[&str]) -> String {
    let out = build(root, args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected failure, got:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Writes a file below `root`, creating folders.
pub fn write(root: &Path, rel: &str, content: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    std::fs::write(path, content).expect("write");
}

/// Parses an output HTML file.
pub fn html(path: &Path) -> Html {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    Html::parse_document(&text)
}

/// The trimmed text of every element matching `selector`.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("valid selector");
    doc.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The value of `attr` on every element matching `selector`.
pub fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("valid selector");
    doc.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Every file below `dir` with its bytes, for byte-for-byte comparisons.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).expect("readable"))
        })
        .collect()
}

/// Options of a build of the site at `root` into its `public/`, without drafts.
pub fn build_options(root: &Path) -> potline::build::BuildOptions {
    potline::build::BuildOptions::for_root(root)
}

/// Renders with `builder` and returns every output whose path passes `keep`, with its bytes.
pub fn rendered_outputs(
    builder: &mut potline::build::Builder,
    keep: impl Fn(&str) -> bool,
) -> BTreeMap<String, Vec<u8>> {
    builder
        .render()
        .expect("the site builds")
        .outputs
        .into_iter()
        .filter(|o| keep(&o.path))
        .map(|o| {
            let bytes = o.content.read().expect("output readable").into_owned();
            (o.path, bytes)
        })
        .collect()
}
