//! Terminal manners, as cargo and ripgrep have them: shell completions, `--color` and
//! `NO_COLOR` (exact escape codes), progress drawn on a terminal only (a pseudo-terminal made by
//! `script`), the site found from a subfolder, `serve --open` without a browser, exit codes in
//! every `--help`; and the summary lines, the preview's banner and its error overlay in Chinese.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::*;

/// The longest any wait for the server may take.
const WAIT: Duration = Duration::from_secs(20);

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `potline` without the variables that change colours and progress, whatever runs the tests.
fn plain_potline() -> Command {
    let mut command = potline();
    for name in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "CI"] {
        command.env_remove(name);
    }
    command.env("TERM", "xterm-256color");
    command
}

/// Runs `potline args` in `dir` on a pseudo-terminal (util-linux `script`), with these
/// variables set, and returns everything it wrote there.
fn on_terminal(dir: &Path, args: &[&str], vars: &[(&str, &str)]) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let line: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_potline"))
        .chain(args.iter().copied())
        .map(quote)
        .collect();
    let mut command = Command::new("script");
    command
        .args(["-qec", &line.join(" "), "/dev/null"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    for name in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "CI"] {
        command.env_remove(name);
    }
    command.env("TERM", "xterm-256color");
    for (name, value) in vars {
        command.env(name, value);
    }
    let out = command.output().expect("script runs (util-linux)");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    stdout(&out).replace("\r\n", "\n")
}

/// A copy of the basic fixture with a page that makes a warning (an unknown key), and its
/// expected warning lines.
fn site_with_a_warning() -> tempfile::TempDir {
    let site = fixture("basic");
    write(
        site.path(),
        "content/odd.md",
        "---\ntitle: Odd\nsumary: x\n---\nText.\n",
    );
    site
}

const WARNING: &str = "content/odd.md:3:1: warning: unknown key `sumary` in page front matter\n  hint: did you mean `summary`?\n";
const COLOURED_WARNING: &str = "\u{1b}[1mcontent/odd.md:3:1:\u{1b}[0m \u{1b}[1m\u{1b}[33mwarning:\u{1b}[0m unknown key `sumary` in page front matter\n  \u{1b}[36mhint:\u{1b}[0m did you mean `summary`?\n";

#[test]
fn completions_for_bash_and_zsh_name_every_command() {
    for (shell, marker) in [
        ("bash", "complete -F _potline"),
        ("zsh", "#compdef potline"),
    ] {
        let out = plain_potline()
            .args(["completions", shell])
            .output()
            .expect("potline runs");
        let script = stdout(&out);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        assert!(script.contains(marker), "{shell}:\n{script}");
        for command in [
            "build",
            "serve",
            "check",
            "deploy",
            "new",
            "init",
            "cms",
            "completions",
        ] {
            assert!(script.contains(command), "{shell} lacks `{command}`");
        }
        assert!(script.contains("--color"), "{shell} lacks --color");
    }
    for shell in ["fish", "powershell", "elvish"] {
        let out = plain_potline()
            .args(["completions", shell])
            .output()
            .expect("potline runs");
        assert!(out.status.success() && !out.stdout.is_empty(), "{shell}");
    }
    let unknown = plain_potline()
        .args(["completions", "tcsh"])
        .output()
        .expect("potline runs");
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn the_color_flag_and_no_color_decide_the_escape_codes() {
    let site = site_with_a_warning();
    let build = |flags: &[&str], vars: &[(&str, &str)]| {
        let mut command = plain_potline();
        command
            .args(flags)
            .arg("build")
            .arg("--root")
            .arg(site.path());
        for (name, value) in vars {
            command.env(name, value);
        }
        let out = command.output().expect("potline runs");
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    // In a pipe, `auto` gives plain text; CLICOLOR_FORCE asks for colour anyway, unless NO_COLOR.
    assert!(build(&[], &[]).starts_with(WARNING));
    assert!(build(&[], &[("CLICOLOR_FORCE", "1")]).starts_with(COLOURED_WARNING));
    let no_color = build(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(no_color.starts_with(WARNING), "{no_color:?}");
    // The flag wins over both.
    let always = build(&["--color", "always"], &[("NO_COLOR", "1")]);
    assert!(always.starts_with(COLOURED_WARNING), "{always:?}");
    let never = build(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]);
    assert!(!never.contains('\u{1b}'), "{never:?}");
    assert!(never.starts_with(WARNING));

    // Errors on standard error, after the command too (the flag is global).
    write(
        site.path(),
        "content/broken.md",
        "---\ntitle: Broken\ndate: 2021-13-01\n---\nText.\n",
    );
    let out = plain_potline()
        .args(["build", "--color", "always", "--root"])
        .arg(site.path())
        .output()
        .expect("potline runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(
            "\u{1b}[1mcontent/broken.md:3:1:\u{1b}[0m \u{1b}[1m\u{1b}[31merror:\u{1b}[0m "
        ),
        "{:?}",
        stderr(&out)
    );
}

#[test]
#[cfg(unix)]
fn on_a_terminal_auto_colours_unless_no_color_is_set() {
    let site = site_with_a_warning();
    let root = site.path().to_str().expect("UTF-8 path");
    let coloured = on_terminal(site.path(), &["build", "--root", root], &[]);
    assert!(coloured.starts_with(COLOURED_WARNING), "{coloured:?}");
    let plain = on_terminal(
        site.path(),
        &["build", "--force", "--root", root],
        &[("NO_COLOR", "1")],
    );
    assert!(plain.starts_with(WARNING), "{plain:?}");
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    let check = on_terminal(
        site.path(),
        &["check", "--color", "never", "--root", root],
        &[],
    );
    assert!(!check.contains('\u{1b}'), "{check:?}");
}

/// A photo of noise (slow to decode, resize and encode, as real photos are).
fn noise_jpeg(width: u32, height: u32, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let image = image::RgbImage::from_fn(width, height, |_, _| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let [r, g, b, _] = state.to_le_bytes();
        image::Rgb([r, g, b])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut bytes, image::ImageFormat::Jpeg)
        .expect("encode");
    bytes.into_inner()
}

/// A site whose news item shows `count` large photos.
fn site_with_photos(count: u32) -> tempfile::TempDir {
    let site = fixture("basic");
    let mut body = String::from("---\ntitle: Photos\ndate: 2021-07-30\n---\n");
    for i in 0..count {
        let name = format!("photo{i}.jpg");
        let path = site.path().join("content/news/photos").join(&name);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
        std::fs::write(&path, noise_jpeg(1200, 800, i + 1)).expect("photo");
        body.push_str(&format!("![Photo {i}]({name})\n\n"));
    }
    write(site.path(), "content/news/photos/index.md", &body);
    site
}

#[test]
#[cfg(unix)]
fn progress_is_drawn_on_a_terminal_only() {
    let site = site_with_photos(3);
    let root = site.path().to_str().expect("UTF-8 path");
    let fresh = || {
        let _ = std::fs::remove_dir_all(site.path().join(".potline"));
    };
    // In a pipe: the same output as ever, however long the photos take.
    let started = Instant::now();
    let out = plain_potline()
        .args(["build", "--root", root])
        .output()
        .expect("potline runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        started.elapsed() > Duration::from_secs(1),
        "the photos must take a while for this test to mean something"
    );
    assert_eq!(stderr(&out), "");
    assert!(
        stdout(&out).starts_with("built ") && !stdout(&out).contains('\r'),
        "{}",
        stdout(&out)
    );
    // On a terminal: a bar while the pictures are processed, cleared at the end.
    fresh();
    let shown = on_terminal(site.path(), &["build", "--force", "--root", root], &[]);
    // The three photos and the fixture's own picture.
    assert!(shown.contains("processing pictures ["), "{shown:?}");
    assert!(shown.contains("] 1/4"), "{shown:?}");
    let last = shown.lines().last().expect("a summary");
    assert!(last.contains("built "), "{shown:?}");
    // Not in CI, nor on a dumb terminal.
    for vars in [[("CI", "true")], [("TERM", "dumb")]] {
        fresh();
        let quiet = on_terminal(site.path(), &["build", "--force", "--root", root], &vars);
        assert!(
            !quiet.contains("processing pictures"),
            "{vars:?}: {quiet:?}"
        );
        assert!(quiet.starts_with("built "), "{vars:?}: {quiet:?}");
    }
}

#[test]
fn the_site_is_found_from_a_subfolder() {
    let site = fixture("basic");
    let news = site.path().join("content/news");
    let run = |dir: &Path, args: &[&str]| {
        plain_potline()
            .args(args)
            .current_dir(dir)
            .output()
            .expect("potline runs")
    };
    let out = run(&news, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("built 6 pages"),
        "{}",
        stdout(&out)
    );
    assert!(site.path().join("public/index.html").is_file());
    assert!(!news.join("public").exists());
    assert_eq!(
        stderr(&out),
        format!("potline: using the site in {}\n", site.path().display())
    );
    // The current folder needs no note; `check` and `new` find the site too.
    let here = run(site.path(), &["build"]);
    assert_eq!(stderr(&here), "");
    assert!(run(&news, &["check", "--quiet"]).status.success());
    let new = run(&news, &["new", "news", "Found from below", "--quiet"]);
    let path = PathBuf::from(stdout(&new).trim());
    assert!(new.status.success(), "{}", stderr(&new));
    assert!(path.starts_with(site.path()) && path.is_file(), "{path:?}");
    // `--root` keeps its meaning: the folder named, even if it is inside a site.
    let out = run(&news, &["build", "--root", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    // The site's language setting is read from the site found.
    let config = site.path().join("site.yaml");
    let mut text = std::fs::read_to_string(&config).expect("site.yaml");
    text.push_str("messages_language: zh\n");
    std::fs::write(&config, text).expect("write");
    let out = run(&news, &["build", "--force"]);
    assert!(stdout(&out).starts_with("构建了 "), "{}", stdout(&out));
    assert!(
        stderr(&out).starts_with("potline：使用 "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_command_lists_its_exit_codes() {
    let help = stdout(&plain_potline().arg("--help").output().expect("runs"));
    assert!(help.contains("Exit codes:"), "{help}");
    let commands: Vec<String> = help
        .split("Commands:\n")
        .nth(1)
        .expect("a list of commands")
        .lines()
        .take_while(|l| !l.trim().is_empty())
        // A name has two spaces before it; descriptions carried over to a new line have more.
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect();
    for expected in ["build", "serve", "check", "deploy", "completions"] {
        assert!(commands.iter().any(|c| c == expected), "{commands:?}");
    }
    for command in &commands {
        let out = plain_potline()
            .args([command, "--help"])
            .output()
            .expect("runs");
        let text = stdout(&out);
        assert!(text.contains("Exit codes:\n  0  "), "{command}:\n{text}");
        assert!(text.contains("\n  2  "), "{command}:\n{text}");
    }
}

#[test]
fn the_build_summary_is_in_chinese() {
    let site = fixture("basic");
    let out = plain_potline()
        .args(["--lang", "zh", "build", "--root"])
        .arg(site.path())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let (before, after) = text.split_once("毫秒").expect("a time");
    assert!(
        before.starts_with("构建了 6 个页面和 3 个栏目，用时 "),
        "{text}"
    );
    assert_eq!(
        after,
        "：写入 31 个文件，0 个未变；跳过 1 篇草稿和 1 个定时发布的页面；图片：处理了 2 张，0 张取自缓存\n"
    );
}

/// `potline serve --port 0` run as its own process; killed when dropped.
struct Serving {
    child: Child,
    url: String,
    banner: Vec<String>,
    errors: mpsc::Receiver<String>,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serving {
    fn start(mut command: Command) -> Serving {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("potline serve starts");
        let (lines, received) = mpsc::channel();
        let out = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        let (errors_in, errors) = mpsc::channel();
        let err = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if errors_in.send(line).is_err() {
                    break;
                }
            }
        });
        let mut banner = Vec::new();
        let deadline = Instant::now() + WAIT;
        while banner.len() < 3 {
            let left = deadline.saturating_duration_since(Instant::now());
            banner.push(received.recv_timeout(left).expect("the banner"));
        }
        let url = banner[0]
            .split("http://")
            .nth(1)
            .map(|rest| format!("http://{rest}"))
            .expect("an address in the banner");
        Serving {
            child,
            url,
            banner,
            errors,
        }
    }

    /// Waits for a line on standard error containing `text`; returns it with what followed.
    fn error_line(&self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.errors.recv_timeout(left) {
                Ok(line) if line.contains(text) => {
                    // Its hint comes on the next line.
                    let next = self
                        .errors
                        .recv_timeout(Duration::from_secs(2))
                        .unwrap_or_default();
                    return format!("{line}\n{next}");
                }
                Ok(line) => seen.push(line),
                Err(_) => panic!("no `{text}` on stderr: {seen:?}"),
            }
        }
    }

    /// `GET path`: the status and the body.
    fn get(&self, path: &str) -> (u16, String) {
        self.request("GET", path)
    }

    /// `method path`: the status and the body.
    fn request(&self, method: &str, path: &str) -> (u16, String) {
        let host = self.url.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = TcpStream::connect(host).expect("connect");
        stream.set_read_timeout(Some(WAIT)).expect("timeout");
        let request =
            format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).expect("send");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").expect("a response");
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status");
        (status, body.to_string())
    }
}

fn serve_command(root: &Path, args: &[&str]) -> Command {
    let mut command = plain_potline();
    command
        .args(args)
        .args(["serve", "--port", "0", "--root"])
        .arg(root);
    command
}

#[test]
#[cfg(unix)]
fn serve_open_says_so_when_no_browser_can_be_opened() {
    let site = fixture("serve-site");
    // No `xdg-open` at all.
    let empty = tempfile::tempdir().expect("folder");
    let mut command = serve_command(site.path(), &[]);
    command.arg("--open").env("PATH", empty.path());
    let serving = Serving::start(command);
    let said = serving.error_line("could not open a browser");
    assert_eq!(
        said.split_once("] ").map(|(_, rest)| rest),
        Some(
            format!(
                "warning: could not open a browser for the preview\n  hint: open {} in your browser yourself",
                serving.url
            )
            .as_str()
        ),
        "{said}"
    );
    drop(serving);
    // An `xdg-open` that finds no browser (no desktop), in Chinese.
    let opener = empty.path().join("xdg-open");
    std::fs::write(&opener, "#!/bin/sh\nexit 3\n").expect("write");
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let mut command = serve_command(site.path(), &["--lang", "zh"]);
    command.arg("--open").env("PATH", empty.path());
    let serving = Serving::start(command);
    let said = serving.error_line("无法打开浏览器");
    assert!(
        said.ends_with(&format!(
            "警告: 无法打开浏览器来显示预览\n  提示: 请自己在浏览器中打开 {}",
            serving.url
        )),
        "{said}"
    );
}

#[test]
fn the_preview_banner_and_error_overlay_are_in_chinese() {
    let site = fixture("serve-site");
    write(
        site.path(),
        "content/news/hello.md",
        "---\ntitle: Hello\ndate: 2024-13-01\n---\nText.\n",
    );
    let serving = Serving::start(serve_command(site.path(), &["--lang", "zh"]));
    assert_eq!(
        serving.banner,
        [
            format!("potline serve：正在预览网站，地址是 {}", serving.url),
            "  显示草稿和定时发布的页面；链接都指向这个地址".to_string(),
            "  正在留意 content/、templates/、static/、themes/ 和 site.yaml 的改动；按 Ctrl-C 停止"
                .to_string(),
        ]
    );
    assert!(
        serving
            .error_line("首次构建：构建失败")
            .contains("content/news/hello.md:3:")
    );
    let (status, body) = serving.get("/");
    assert_eq!(status, 503);
    let page = scraper::Html::parse_document(&body);
    assert_eq!(texts(&page, "title"), ["potline：网站有错误"]);
    assert_eq!(attrs(&page, "html", "lang"), ["zh"]);
    assert_eq!(attrs(&page, "#potline-overlay", "lang"), ["zh"]);
    assert_eq!(
        texts(&page, "#potline-overlay p"),
        ["potline：网站无法构建。问题解决后这个页面会自动刷新。"]
    );
    assert_eq!(texts(&page, "#potline-overlay button"), ["隐藏"]);
    let problems = texts(&page, "#potline-overlay pre");
    assert!(
        problems[0].starts_with("content/news/hello.md:3:") && problems[0].contains(": 错误: "),
        "{problems:?}"
    );
    let (status, body) = serving.request("POST", "/");
    assert_eq!(
        (status, body.as_str()),
        (405, "potline serve 只回答 GET 和 HEAD 请求\n")
    );
}

#[test]
fn deploy_speaks_chinese() {
    let site = fixture("basic");
    let docroot = tempfile::tempdir().expect("folder");
    let www = docroot.path().join("www");
    let config = site.path().join("site.yaml");
    let mut text = std::fs::read_to_string(&config).expect("site.yaml");
    text.push_str(&format!(
        "deploy:\n  - {{ name: docroot, kind: folder, path: \"{}\" }}\n",
        www.display()
    ));
    std::fs::write(&config, text).expect("write");
    let deploy = |args: &[&str]| {
        plain_potline()
            .args(["--lang", "zh", "deploy", "--root"])
            .arg(site.path())
            .args(args)
            .output()
            .expect("runs")
    };
    let out = deploy(&["--target", "docrot"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "错误: site.yaml 没有名为 `docrot` 的部署目标\n  提示: 你是不是想写 `docroot`？\n"
    );
    let out = deploy(&["--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("构建了 6 个页面"), "{text}");
    assert!(text.contains("\n  新增      index.html\n"), "{text}");
    let last = text.lines().last().expect("a summary");
    let expected = format!("试运行 `docroot`（{}）：将上传 ", www.display());
    assert!(last.starts_with(&expected), "{last}");
    assert!(
        last.ends_with("，删除 0 个；0 个未变；没有做任何改动"),
        "{last}"
    );
    let out = deploy(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let last = stdout(&out).lines().last().unwrap_or_default().to_string();
    assert!(
        last.starts_with(&format!("已部署到 `docroot`（{}）：上传 ", www.display())),
        "{last}"
    );
    assert!(last.contains("，当前上线的版本是 000001-"), "{last}");
    assert!(last.ends_with(" 秒"), "{last}");
    let plan = stderr(&out);
    assert!(plan.starts_with("要上传 "), "{plan}");
    assert!(plan.contains("\n上传 [1/"), "{plan}");
}
