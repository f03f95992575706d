//! `potline serve`: options of the command, the banner, and the terminal reporting of the
//! server's events (the library itself never prints).

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;

use clap::Args;

use super::terminal::{self, Stream};
use crate::msg;
use crate::serve::{self, Reporter, ServeEvent, ServeOptions, Server};

/// Preview the site while you write: every save shows up in the browser by itself.
///
/// Serves the site from memory (nothing is written to disk), rebuilds it after each change to
/// content, templates, static files or site.yaml, and reloads open pages. When a change breaks
/// the build, the last good version stays up and every page shows the errors until they are
/// fixed. Drafts and future-dated pages are shown (drafts only with --drafts when --bind makes the
/// preview reachable from other machines), and links point to the local address.
#[derive(Debug, Args)]
#[command(after_help = SERVE_EXIT_CODES)]
pub struct ServeArgs {
    /// The site's folder (the one holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on; if it is taken, the next free one is used (0: any free port).
    #[arg(long, short, value_name = "N", default_value_t = serve::DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on. Anything but a loopback address makes the preview, drafts
    /// included, reachable from other machines.
    #[arg(long, value_name = "ADDR", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Show drafts also when listening on an address other machines can reach (--bind); on
    /// loopback, the writer's own preview, they are always shown.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the default browser once it is built.
    #[arg(long)]
    pub open: bool,
    /// Watch for changes by polling (for network drives and containers without file events).
    #[arg(long)]
    pub poll: bool,
}

const SERVE_EXIT_CODES: &str = "Exit codes:\n  0  stopped with Ctrl-C\n  1  the preview could not start (no site.yaml, no free port, ...)\n  2  the command line is wrong";

impl ServeArgs {
    /// The options of the server this command asks for.
    pub fn options(&self) -> ServeOptions {
        ServeOptions {
            root: self.root.clone(),
            bind: self.bind,
            port: self.port,
            poll: self.poll,
            drafts: self.drafts || self.bind.is_loopback(),
        }
    }

    /// Serves until Ctrl-C.
    pub fn run(self) -> crate::Result<String> {
        let reporter: Reporter = Arc::new(report);
        let mut server = Server::start(self.options(), Arc::clone(&reporter))?;
        if self.open {
            open_browser(server.url(), reporter);
        }
        server.wait_for_signal()?;
        server.stop();
        Ok(msg!("serve-ended").text())
    }
}

/// Prints one event of the server: the banner, each build's summary or errors, warnings.
fn report(event: &ServeEvent) {
    let time = chrono::Local::now().format("%H:%M:%S");
    let color = terminal::colors(Stream::Stderr);
    match event {
        ServeEvent::Listening {
            url,
            exposed,
            polling,
            drafts,
        } => {
            say(false, &banner(url, *polling, *drafts));
            if *exposed {
                let warning = if *drafts {
                    msg!("serve-exposed-drafts")
                } else {
                    msg!("serve-exposed")
                };
                let label = msg!("label-warning").text();
                let line = format!("{label}: {}", warning.text());
                say(true, &terminal::paint_problems(&line, color));
            }
        }
        ServeEvent::Failed(_) | ServeEvent::Warning(_) | ServeEvent::NoBrowser { .. } => {
            let text = terminal::paint_problems(&event.to_string(), color);
            say(true, &format!("[{time}] {text}"));
        }
        ServeEvent::Built(_) => {
            let color = terminal::colors(Stream::Stdout);
            let text = terminal::paint_problems(&event.to_string(), color);
            say(false, &format!("[{time}] {text}"));
        }
        _ => say(false, &format!("[{time}] {event}")),
    }
}

/// What the preview shows, where, and how to stop it.
fn banner(url: &str, polling: bool, drafts: bool) -> String {
    let shown = if drafts {
        msg!("serve-banner-drafts")
    } else {
        msg!("serve-banner-no-drafts")
    };
    let watching = if polling {
        msg!("serve-banner-polling")
    } else {
        msg!("serve-banner-watching")
    };
    [
        msg!("serve-banner", url = url).text(),
        format!("  {}", shown.text()),
        format!("  {}", watching.text()),
    ]
    .join("\n")
}

/// Writes a line, ignoring a closed terminal or pipe (which must not stop the server).
fn say(to_stderr: bool, text: &str) {
    let _ = if to_stderr {
        writeln!(std::io::stderr().lock(), "{text}")
    } else {
        writeln!(std::io::stdout().lock(), "{text}")
    };
}

/// Opens `url` in the default browser, if there is one; failing is not worth stopping for, but
/// is said (with the address to open by hand): when the opener is missing, at once, and when it
/// runs and finds no browser (`xdg-open` without a desktop), as soon as it gives up.
fn open_browser(url: &str, reporter: Reporter) {
    let mut command = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        Command::new("xdg-open")
    };
    let spawned = command
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let no_browser = ServeEvent::NoBrowser {
        url: url.to_string(),
    };
    match spawned {
        Err(_) => reporter(&no_browser),
        Ok(mut child) => {
            // Some openers wait for the browser to close: wait on a thread of its own.
            let _ = std::thread::Builder::new()
                .name("potline-open".into())
                .spawn(move || {
                    if child.wait().is_ok_and(|status| !status.success()) {
                        reporter(&no_browser);
                    }
                });
        }
    }
}
