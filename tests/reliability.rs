//! Nothing is ever lost and nothing costs much: a build into a full disk gives a clear error and
//! leaves the published site byte for byte as it was (the next build, with room, succeeds), and
//! each kind of hostile front matter is refused in milliseconds.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::*;

/// Runs `script` in a shell where `$MNT` is a fresh 2 MiB filesystem: a tmpfs in a private mount
/// namespace (no root needed where user namespaces are allowed), so the machine's own disks are
/// never filled. `None` when such a namespace cannot be made here.
fn in_small_filesystem(script: &str, env: &[(&str, &Path)]) -> Option<std::process::Output> {
    let mount_point = tempfile::tempdir().expect("temp");
    let probe = Command::new("unshare")
        .args([
            "-rm",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k tmpfs \"$MNT\"",
        ])
        .env("MNT", mount_point.path())
        .output()
        .ok()?;
    if !probe.status.success() {
        return None;
    }
    let mut command = Command::new("unshare");
    command
        .args(["-rm", "sh", "-ec"])
        .arg(format!(
            "mount -t tmpfs -o size=2m tmpfs \"$MNT\"\n{script}"
        ))
        .env("MNT", mount_point.path())
        .env("POTLINE", env!("CARGO_BIN_EXE_potline"));
    for (name, value) in env {
        command.env(name, value);
    }
    Some(command.output().expect("unshare runs"))
}

/// The same with a file size limit instead (RLIMIT_FSIZE through `prlimit`; the signal it sends
/// is ignored so that writes fail with "file too large"): for machines without namespaces.
fn with_file_size_limit(script: &str, env: &[(&str, &Path)]) -> std::process::Output {
    let mount_point = tempfile::tempdir().expect("temp");
    let mut command = Command::new("sh");
    command
        .args(["-ec"])
        .arg(script.replace(
            "\"$POTLINE\" build",
            "prlimit --fsize=1000000 \"$POTLINE\" build",
        ))
        .env("MNT", mount_point.path())
        .env("POTLINE", env!("CARGO_BIN_EXE_potline"));
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("sh runs")
}

const FULL_DISK_SCRIPT: &str = r#"
trap '' XFSZ
"$POTLINE" build --root "$SITE" --output "$MNT/public" > "$OUT/first.txt" 2>&1
(cd "$MNT/public" && find . -type f -exec sha256sum {} + | sort) > "$OUT/before.txt"
cp "$NEXT/big.bin" "$SITE/static/big.bin"
printf -- '---\ntitle: About us\n---\nChanged.\n' > "$SITE/content/about.md"
set +e
"$POTLINE" build --root "$SITE" --output "$MNT/public" > "$OUT/full.txt" 2>&1
echo $? > "$OUT/full-code.txt"
set -e
(cd "$MNT/public" && find . -type f -exec sha256sum {} + | sort) > "$OUT/after.txt"
rm "$SITE/static/big.bin"
"$POTLINE" build --root "$SITE" --output "$MNT/public" > "$OUT/again.txt" 2>&1
cat "$MNT/public/about/index.html" > "$OUT/about.html"
"#;

#[test]
fn a_full_disk_gives_a_clear_error_and_keeps_the_old_site() {
    let site = fixture("basic");
    let next = tempfile::tempdir().expect("temp");
    let out = tempfile::tempdir().expect("temp");
    // Bigger than the whole filesystem (or the file size limit), in bytes that do not compress.
    let big: Vec<u8> = (0..3_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(next.path().join("big.bin"), big).expect("write");
    let env = [
        ("SITE", site.path()),
        ("NEXT", next.path()),
        ("OUT", out.path()),
    ];
    let ran = match in_small_filesystem(FULL_DISK_SCRIPT, &env) {
        Some(ran) => ran,
        None => {
            eprintln!("no mount namespace here: simulating a full disk with a file size limit");
            with_file_size_limit(FULL_DISK_SCRIPT, &env)
        }
    };
    let read = |name: &str| std::fs::read_to_string(out.path().join(name)).unwrap_or_default();
    assert!(
        ran.status.success(),
        "the script failed: {}\n{}\nfirst: {}\nfull: {}\nagain: {}",
        String::from_utf8_lossy(&ran.stdout),
        String::from_utf8_lossy(&ran.stderr),
        read("first.txt"),
        read("full.txt"),
        read("again.txt")
    );
    assert_eq!(read("full-code.txt").trim(), "1", "{}", read("full.txt"));
    let message = read("full.txt");
    assert!(
        message.contains("the disk is full") && message.contains("was left exactly as it was"),
        "{message}"
    );
    assert!(!read("before.txt").is_empty());
    assert_eq!(
        read("before.txt"),
        read("after.txt"),
        "the published site changed"
    );
    assert!(
        read("about.html").contains("Changed."),
        "{}",
        read("again.txt")
    );
}

/// Front matter that costs a naive parser dearly: each is refused quickly, with a message.
#[test]
fn hostile_front_matter_is_refused_in_milliseconds() {
    let mut laughs = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (x, y) in "bcdefghijklm".chars().zip("abcdefghijkl".chars()) {
        laughs.push_str(&format!(
            "{x}: &{x} [*{y}, *{y}, *{y}, *{y}, *{y}, *{y}, *{y}, *{y}, *{y}]\n"
        ));
    }
    let cases = [
        (
            "billion laughs",
            format!("---\ntitle: T\ndate: 2021-07-30\n{laughs}---\n"),
        ),
        (
            "deep nesting",
            format!("---\ntitle: T\nx: {}\n---\n", "[".repeat(100_000)),
        ),
        (
            "deep maps",
            format!("---\ntitle: T\nx: {}\n---\n", "{a: ".repeat(50_000)),
        ),
        (
            "megabytes",
            format!("---\ntitle: T\nx: \"{}\"\n---\n", "a".repeat(2 << 20)),
        ),
        (
            "many keys",
            format!(
                "---\n{}---\n",
                (0..20_000)
                    .map(|i| format!("k{i}: v\n"))
                    .collect::<String>()
            ),
        ),
        (
            "long line",
            format!("---\ntitle: {}\n---\n", "x".repeat(200_000)),
        ),
        (
            "unclosed quote",
            format!("---\ntitle: \"{}\n---\n", "a\n".repeat(50_000)),
        ),
    ];
    // The first call sets up what every page shares (the site's configuration).
    potline::fuzzing::front_matter_page(b"---\ntitle: T\n---\n");
    for (name, text) in cases {
        let started = Instant::now();
        potline::fuzzing::front_matter_page(text.as_bytes());
        let took = started.elapsed();
        // Unoptimised test builds are several times slower than a release binary, and a shared
        // machine slower still: the bound is loose, yet far below what the quadratic versions
        // took (7 s to minutes).
        assert!(took < Duration::from_secs(2), "{name}: {took:?}");
    }
}

/// Markdown bodies that used to cost quadratic time (one took 211 s): each renders quickly.
#[test]
fn hostile_markdown_is_rendered_in_bounded_time() {
    let cases = [
        ("one heading id 20,000 times", "# x {#a}\n".repeat(20_000)),
        ("20,000 equal headings", "# Same\n".repeat(20_000)),
        (
            "5,000 unclosed shortcodes",
            "{% notice() %}\n".repeat(5_000),
        ),
        ("50,000 brackets", "[".repeat(50_000)),
        ("30,000 link openers", "[a](".repeat(30_000)),
    ];
    for (name, body) in cases {
        let started = Instant::now();
        potline::fuzzing::markdown_safe_html(body.as_bytes());
        potline::fuzzing::shortcode_parser(body.as_bytes());
        let took = started.elapsed();
        assert!(took < Duration::from_secs(2), "{name}: {took:?}");
    }
    let placeholders: String = (0..5_000).map(potline::shortcodes::placeholder).collect();
    let outputs: Vec<String> = (0..5_000).map(|i| format!("<b>{i}</b>")).collect();
    let started = Instant::now();
    let filled = potline::shortcodes::fill_placeholders(&placeholders, &outputs);
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(filled.starts_with("<b>0</b><b>1</b>") && filled.ends_with("<b>4999</b>"));
}
