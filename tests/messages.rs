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

/// Builds the basic site, changed by `change`, in a Chinese locale; returns stderr.
fn chinese_build_errors(change: impl FnOnce(&Path)) -> String {
    let site = fixture("basic");
    change(site.path());
    let out = run_with_locale(site.path(), &[("LANG", "zh_CN.UTF-8")], &["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

fn assert_has(output: &str, expected: &str) {
    assert!(
        output.contains(expected),
        "expected\n{expected}\nin\n{output}"
    );
}

#[test]
fn page_bodies_are_reported_in_chinese() {
    let errors = chinese_build_errors(|root| {
        write(
            root,
            "content/notes.md",
            "---\ntitle: Notes\n---\nFirst.\n\n{% notice(kind=\"info\") %}\nNever closed.\n",
        );
        write(
            root,
            "content/links.md",
            "---\ntitle: Links\n---\nSee [the draft](@/news/draft.md).\n\n<script>alert(1)</script>\n",
        );
    });
    assert_has(
        &errors,
        "content/links.md:4:5: 错误: 内部链接 `@/news/draft.md` 无效：那个页面是草稿或定时发布的页面，现在不会发布\n  提示: 先发布那个页面（去掉 `draft: true`，或等到它的日期），或者在那之前先删掉这个链接\n",
    );
    assert_has(
        &errors,
        "content/links.md:6:1: 警告: 含有脚本、事件处理属性或 `javascript:` 地址的 HTML 代码会原样显示为文字\n  提示: 请删掉它；如果网站信任所有作者，可以在 site.yaml 里设置 `raw_html: trusted`\n",
    );
    assert_has(
        &errors,
        "content/notes.md:6:1: 错误: 短代码 `notice` 没有结束\n  提示: 在它的内容后面加一行 `{% end %}`\n",
    );
}

#[test]
fn paths_that_lead_nowhere_are_reported_in_chinese() {
    let errors = chinese_build_errors(|root| {
        write(
            root,
            "content/links.md",
            "---\ntitle: Links\n---\nSee [a site](www.example.com) and ![]() and ![x](img\\a.png).\n",
        );
    });
    assert_has(
        &errors,
        "content/links.md:4:5: 错误: 链接 `www.example.com` 没有 `https://`，所以它指向本网站内部\n  提示: 指向其他网站的链接以 https:// 开头：`https://www.example.com`\n",
    );
    assert_has(
        &errors,
        "content/links.md:4:35: 错误: 这张图片没有写文件名\n  提示: 在括号里写上图片文件：![图片内容](photo.jpg)\n",
    );
    assert_has(
        &errors,
        "content/links.md:4:45: 错误: 图片 `img\\a.png` 用 `\\` 分隔文件夹，这在网上无法使用\n  提示: 用 `/` 分隔文件夹：`img/a.png`\n",
    );
}

#[test]
fn template_and_menu_mistakes_are_reported_in_chinese() {
    let errors = chinese_build_errors(|root| {
        write(
            root,
            "templates/page.html",
            "{% extends \"base.html\" %}{% block content %}{{ get_env(name=\"HOME\") }}{% endblock content %}\n",
        );
    });
    assert_has(
        &errors,
        "templates/page.html:1:48: 错误: 生成 content/about.md 时模板出错：get_env：模板不能读取环境变量 `HOME`；要允许读取，请在 site.yaml 的 `template_env:` 下列出它\n  提示: 检查模板的这一行；模板里能用什么，请看 docs/templates.md\n",
    );
    let errors = chinese_build_errors(|root| {
        let path = root.join("site.yaml");
        let text = std::fs::read_to_string(&path).expect("site.yaml");
        std::fs::write(path, text.replace("@/about.md", "@/abuot.md")).expect("write");
    });
    assert_eq!(
        errors,
        "site.yaml:11:1: 错误: 菜单项 `About` 指向 `@/abuot.md`，但它不是已发布的页面或栏目\n  提示: 你是不是想写 `@/about.md`？\n发现 1 个错误；没有发布任何内容\n"
    );
}

#[test]
fn a_charts_data_mistake_is_reported_once_in_chinese_at_its_own_line() {
    let errors = chinese_build_errors(|root| {
        write(
            root,
            "data/capacity.yaml",
            "title: Capacity\nsource: \"Source: x\"\npoints:\n  - { label: A, value: 1 }\n  - { label: B, value: \"2 t\" }\n",
        );
        for page in ["one", "two"] {
            write(
                root,
                &format!("content/{page}.md"),
                &format!("---\ntitle: {page}\n---\n{{{{ chart(name=\"capacity\") }}}}\n"),
            );
        }
    });
    assert_eq!(
        errors,
        "data/capacity.yaml:5:17: 错误: 第 2 个数据点（`B`）的值是“2 t”，不是数字\n  提示: 只写数字（写 10.5，不写“10.5 million t”）；单位写在 `unit:` 里，“100 多”这类说法写在 `display:` 里\n发现 1 个错误；没有发布任何内容\n"
    );
}

/// Runs potline in `root` in Chinese (from the system locale).
fn in_chinese(root: &Path, args: &[&str]) -> Output {
    run_with_locale(root, &[("LANG", "zh_CN.UTF-8")], args)
}

#[test]
fn front_matter_mistakes_are_told_in_chinese_with_their_line() {
    let site = fixture("basic");
    std::fs::write(
        site.path().join("content/news/x.md"),
        "---\ntitle: T\ndate: 2021-13-01\nsumary: A line.\ndraft: yes\n---\nText.\n",
    )
    .expect("write page");
    let out = in_chinese(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "content/news/x.md:3:1: 错误: `date`：“2021-13-01”不是有效的日期（应写成 YYYY-MM-DD，后面可以加时间 HH:MM）\n  提示: 日期写成 2021-07-30 或 2021-07-30 15:30\n\
         content/news/x.md:4:1: 警告: news 页面的文件头里有未知字段 `sumary`\n  提示: 你是不是想写 `summary`？\n\
         content/news/x.md:5:1: 错误: `draft` 应该是 true 或 false，这里写的是“yes”\n  提示: 请写 true 或 false：`draft: true`\n\
         发现 2 个错误；没有发布任何内容\n"
    );
}

#[test]
fn a_tab_and_a_full_width_colon_are_told_in_chinese() {
    let site = fixture("basic");
    let page = site.path().join("content/news/x.md");
    std::fs::write(
        &page,
        "---\ntitle: T\ndate: 2021-07-30\ntags:\n\t- brand\n---\nText.\n",
    )
    .expect("write page");
    assert_eq!(
        stderr(&in_chinese(site.path(), &["build"])),
        "content/news/x.md:5:1: 错误: 这一行用了制表符（Tab）缩进\n  提示: YAML 只能用空格缩进，不能用制表符：把制表符换成 2 个空格，比它所属的第 4 行多 2 个\n发现 1 个错误；没有发布任何内容\n"
    );
    std::fs::write(&page, "---\ntitle：T\ndate: 2021-07-30\n---\nText.\n").expect("write page");
    assert_eq!(
        stderr(&in_chinese(site.path(), &["build"])),
        "content/news/x.md:2:6: 错误: `title` 后面是中文全角冒号 `：`\n  提示: 切换到英文（半角）输入法输入冒号：`:` 后面再加一个空格\n发现 1 个错误；没有发布任何内容\n"
    );
}

#[test]
fn site_yaml_mistakes_are_told_in_chinese_with_a_suggestion() {
    let site = fixture("basic");
    let path = site.path().join("site.yaml");
    let text = std::fs::read_to_string(&path).expect("site.yaml");
    let line = text
        .lines()
        .position(|l| l.starts_with("timezone:"))
        .expect("a timezone line")
        + 1;
    std::fs::write(&path, text.replace("Asia/Shanghai", "Asia/Shanghia")).expect("write");
    assert_eq!(
        stderr(&in_chinese(site.path(), &["build"])),
        format!(
            "site.yaml:{line}:1: 错误: 未知时区 `Asia/Shanghia`\n  提示: 你是不是想写 `Asia/Shanghai`？\n发现 1 个错误；没有发布任何内容\n"
        )
    );
}

#[test]
fn check_reports_and_sums_up_in_chinese() {
    let site = fixture("basic");
    let out = in_chinese(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "content/news/bundle-story/index.md:6:1: 警告: 这个页面没有摘要：在列表、订阅源和搜索结果里，它的介绍会是空白的\n  提示: 在文件头里加上 `summary:`，写一两句话；或者让正文以一段文字开头\n\n\
         content/news/future.md:3:1: 警告: 这个页面的日期是 2999-01-01 00:00（Asia/Shanghai），在将来：到那时之前 potline build 不会发布它\n  提示: 如果日期写错了就改正；如果要在这个日期之前发布，构建时加上 --future\n\
         发现 2 个警告，涉及 2 个文件（检查了 8 个页面）\n"
    );
    let english = run_with_locale(site.path(), &[], &["check"]);
    assert!(
        String::from_utf8_lossy(&english.stdout)
            .ends_with("\nfound 2 warnings in 2 files (8 pages checked)\n")
    );
}

#[test]
fn check_json_carries_the_codes_of_content_and_check_findings() {
    let site = fixture("basic");
    std::fs::write(
        site.path().join("content/news/x.md"),
        "---\ntitle: T\ndate: 2021-07-30\ndraft: on\n---\nText.\n",
    )
    .expect("write page");
    let out = in_chinese(site.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check prints JSON");
    let codes: Vec<&str> = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|item| item["code"].as_str())
        .collect();
    assert_eq!(codes, ["page-no-summary", "date-in-future", "field-yes-no"]);
    let item = &report["items"][2];
    assert_eq!(
        item["message"],
        "`draft` 应该是 true 或 false，这里写的是“on”"
    );
    assert_eq!(item["hint"], "请写 true 或 false：`draft: true`");
}
