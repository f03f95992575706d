//! The fuzz targets' inputs replayed under plain `cargo test` (no nightly): the seeds in
//! `fuzz/seeds/<target>/` and every input a fuzzer once crashed on, kept in
//! `tests/fixtures/fuzz-regressions/<target>/`, go through the same functions the targets call,
//! so the targets stay compiled and every crash found stays fixed.

use std::path::Path;

use crate::common::repo_root;

fn replay(folder: &Path) -> usize {
    let mut count = 0;
    for (target, run) in potline::fuzzing::TARGETS {
        let dir = folder.join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths.iter().filter(|p| p.is_file()) {
            let data = std::fs::read(path).expect("readable input");
            let started = std::time::Instant::now();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{target} fails on {}", path.display());
            assert!(
                started.elapsed() < std::time::Duration::from_secs(2),
                "{target} took {:?} on {}",
                started.elapsed(),
                path.display()
            );
            count += 1;
        }
    }
    count
}

#[test]
fn fuzz_seeds_pass_every_target() {
    let count = replay(&repo_root().join("fuzz/seeds"));
    assert!(count >= 6 * 10, "only {count} seeds found");
}

#[test]
fn fuzz_regressions_stay_fixed() {
    replay(&repo_root().join("tests/fixtures/fuzz-regressions"));
}

#[test]
fn every_target_has_seeds_and_a_fuzz_target() {
    for (target, _) in potline::fuzzing::TARGETS {
        let seeds = repo_root().join("fuzz/seeds").join(target);
        assert!(seeds.is_dir(), "no seeds for {target}");
        let source = repo_root().join(format!("fuzz/fuzz_targets/{target}.rs"));
        let text = std::fs::read_to_string(&source).expect("the fuzz target exists");
        assert!(
            text.contains(&format!("potline::fuzzing::{target}(")),
            "{target}"
        );
    }
}
