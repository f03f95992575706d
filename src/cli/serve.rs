//! `potline serve`: options of the command, the banner, and the terminal reporting of the
//! server's events (the library itself never prints).

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;

use clap::Args;

use crate::serve::{self, ServeEvent, ServeOptions, Server};

/// Preview the site while you write: every save shows up in the browser by itself.
///
/// Serves the site from memory (nothing is written to disk), rebuilds it after each change to
/// content, templates, static files or site.yaml, and reloads open pages. When a change breaks
/// the build, the last good version stays up and every page shows the errors until they are
/// fixed. Drafts and future-dated pages are shown (drafts only with --drafts when --bind makes the
/// preview reachable from other machines), and links point to the local address.
#[derive(Debug, Args)]
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
        let mut server = Server::start(self.options(), Arc::new(report))?;
        if self.open {
            open_browser(server.url());
        }
        server.wait_for_signal()?;
        server.stop();
        Ok("potline serve stopped".into())
    }
}

/// Prints one event of the server: the banner, each build's summary or errors, warnings.
fn report(event: &ServeEvent) {
    let time = chrono::Local::now().format("%H:%M:%S");
    match event {
        ServeEvent::Listening {
            url,
            exposed,
            polling,
            drafts,
        } => {
            say(false, &banner(url, *polling, *drafts));
            if *exposed {
                say(true, if *drafts { EXPOSED_DRAFTS } else { EXPOSED });
            }
        }
        ServeEvent::Failed(_) | ServeEvent::Warning(_) => say(true, &format!("[{time}] {event}")),
        _ => say(false, &format!("[{time}] {event}")),
    }
}

const EXPOSED_DRAFTS: &str = "warning: the preview, drafts included, is reachable from other machines on the network (--bind)";
const EXPOSED: &str = "warning: the preview is reachable from other machines on the network (--bind); drafts are left out (add --drafts to show them)";

fn banner(url: &str, polling: bool, drafts: bool) -> String {
    let shown = if drafts {
        "  drafts and future-dated pages are shown; links point to this address"
    } else {
        "  future-dated pages are shown, drafts are not; links point to this address"
    };
    let watching = if polling {
        "polling for changes"
    } else {
        "watching for changes"
    };
    [
        format!("potline serve: previewing the site at {url}"),
        shown.to_string(),
        format!("  {watching} in content/, templates/, static/, themes/ and site.yaml; press Ctrl-C to stop"),
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

/// Opens `url` in the default browser, if there is one; failing is not worth stopping for.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        Command::new("xdg-open")
    };
    let _ = command
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}
