//! The language of potline's messages: chosen from the system locale, the site's
//! `messages_language:` and `--lang`, in that order of strength; JSON diagnostics carry codes.

use std::path::Path;
use std::process::Output;

use crate::common::*;

/// Runs potline in `root` with these locale variables.
fn run_with_locale(root: &Path, locale: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = potline();
    command.args(args).arg("--root").arg(root);
    for (name, value) in locale {
        command.env(name, value);
    }
    command.output().expect("potline runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A site whose `site.yaml` names a language potline does not speak: an error of its own,
/// reported in whatever language was chosen.
fn site_with_setting(value: &str) -> tempfile::TempDir {
    let site = fixture("basic");
    let path = site.path().join("site.yaml");
    let mut text = std::fs::read_to_string(&path).expect("site.yaml");
    text.push_str(&format!("messages_language: {value}\n"));
    std::fs::write(&path, text).expect("write site.yaml");
    site
}

fn setting_line(site: &Path) -> usize {
    let text = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
    text.lines().count()
}

#[test]
fn a_chinese_locale_gets_chinese_messages_with_their_hint_and_summary() {
    let site = site_with_setting("fr");
    let out = run_with_locale(site.path(), &[("LANG", "zh_CN.UTF-8")], &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let line = setting_line(site.path());
    assert_eq!(
        stderr(&out),
        format!(
            "site.yaml:{line}:1: 错误: potline 不支持 `messages_language: fr` 这种语言\n  提示: 中文写 `messages_language: zh`，英文写 `messages_language: en`\n发现 1 个错误；没有发布任何内容\n"
        )
    );
}

#[test]
fn lc_all_wins_over_lang_and_the_command_line_wins_over_both() {
    let site = site_with_setting("fr");
    let line = setting_line(site.path());
    let english = format!(
        "site.yaml:{line}:1: error: `messages_language: fr` is not a language potline speaks\n  hint: write `messages_language: zh` for Chinese or `messages_language: en` for English\n1 error found; nothing was published\n"
    );
    let c_over_zh = run_with_locale(
        site.path(),
        &[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")],
        &["build"],
    );
    assert_eq!(stderr(&c_over_zh), english);
    let flag = run_with_locale(
        site.path(),
        &[("LANG", "zh_CN.UTF-8")],
        &["build", "--lang", "en"],
    );
    assert_eq!(stderr(&flag), english);
    let flag_first = run_with_locale(site.path(), &[], &["--lang", "zh", "build"]);
    assert!(stderr(&flag_first).starts_with(&format!("site.yaml:{line}:1: 错误: ")));
}

#[test]
fn the_sites_setting_chooses_the_language_unless_the_command_line_does() {
    let site = site_with_setting("zh");
    std::fs::write(
        site.path().join("content/news/broken.md"),
        "---\ntitle: Broken\ndate: 2021-07-30\ndate: 2021-07-31\n---\nText.\n",
    )
    .expect("write page");
    let zh = run_with_locale(site.path(), &[], &["build"]);
    assert_eq!(zh.status.code(), Some(1));
    assert!(
        stderr(&zh).ends_with("发现 1 个错误；没有发布任何内容\n"),
        "{}",
        stderr(&zh)
    );
    assert!(stderr(&zh).contains(": 错误: "), "{}", stderr(&zh));
    let en = run_with_locale(site.path(), &[], &["build", "--lang", "en"]);
    assert!(stderr(&en).ends_with("1 error found; nothing was published\n"));
}

#[test]
fn json_diagnostics_carry_their_code_and_the_chosen_language() {
    let site = site_with_setting("fr");
    let out = run_with_locale(
        site.path(),
        &[("LANG", "zh_CN.UTF-8")],
        &["check", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check prints JSON");
    let item = &report["items"][0];
    assert_eq!(item["code"], "config-messages-language");
    assert_eq!(item["severity"], "error");
    assert_eq!(
        item["message"],
        "potline 不支持 `messages_language: fr` 这种语言"
    );
}

#[test]
fn an_unknown_lang_on_the_command_line_is_a_usage_error() {
    let site = fixture("basic");
    let out = run_with_locale(site.path(), &[], &["build", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--lang `fr`: potline speaks en or zh"),
        "{}",
        stderr(&out)
    );
}
