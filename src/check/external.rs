//! `potline check --external`: every `http(s)://` link of the site, asked over HTTP with a
//! timeout, a few at a time, remembering for a day the ones that answered. A link that is gone
//! (404, 410, no such host, connection refused) is an error; a slow one is only noted ("timed
//! out"), since a slow server is not a dead link.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use super::scan::ScannedFiles;
use super::{Context, Finding, Level};
use crate::config::FieldKind;
use crate::messages::Message;
use crate::site_paths::is_external;
use crate::{Error, Result};

/// How external links are checked.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// How long one link may take, redirects included.
    pub timeout: Duration,
    /// How many links are checked at once.
    pub jobs: usize,
    /// Where answers are remembered (`None`: no cache).
    pub cache: Option<PathBuf>,
    /// How long a link that answered is trusted without asking again.
    pub cache_ttl: Duration,
}

impl ExternalOptions {
    /// The cache file of a site: `.potline/external-links.json` in its root.
    pub fn cache_path(root: &Path) -> PathBuf {
        root.join(".potline").join("external-links.json")
    }
}

/// What a link's server said.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
    /// It answered with a page (after redirects).
    Alive,
    /// It is gone: the reason.
    Dead(Reason),
    /// No server answered at that address (no such host, connection refused): the reason.
    Unreachable(Reason),
    /// It answered with an error that may pass (5xx) or may be a refusal of robots (403).
    Doubtful(Reason),
    /// It said to come back later (429).
    Busy,
    /// It did not answer in time.
    TimedOut,
}

/// Why a link is dead or doubtful.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Reason {
    /// The server's answer: `404 Not Found`.
    Answer(String),
    /// The host name does not exist.
    HostNotFound,
    /// No server answered.
    Unreachable,
    /// The server refused the connection.
    Refused,
    /// The address itself is malformed.
    BadAddress,
    /// Another failure, in the HTTP client's words.
    Failed(String),
}

impl Reason {
    /// `message` with the reason as its arguments: `reason` (the kind, which the catalogue
    /// words) and `detail` (the server's answer or the client's words).
    fn describe(&self, message: Message) -> Message {
        let (kind, detail) = match self {
            Reason::Answer(text) => ("answer", text.as_str()),
            Reason::HostNotFound => ("host-not-found", ""),
            Reason::Unreachable => ("unreachable", ""),
            Reason::Refused => ("refused", ""),
            Reason::BadAddress => ("bad-address", ""),
            Reason::Failed(text) => ("failed", text.as_str()),
        };
        message.arg("reason", kind).arg("detail", detail)
    }
}

/// Where a URL is written.
struct Occurrence<'a> {
    path: &'a Path,
    line: usize,
    col: usize,
}

/// Checks every external link and returns what is wrong with them.
pub(crate) fn check(
    ctx: &Context<'_>,
    scanned: &ScannedFiles<'_>,
    options: &ExternalOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Finding>> {
    let occurrences = collect(ctx, scanned);
    let urls: Vec<&str> = occurrences.keys().map(String::as_str).collect();
    let mut cache = Cache::load(options);
    let to_ask: Vec<&str> = urls
        .iter()
        .copied()
        .filter(|u| !cache.is_fresh(u))
        .collect();
    let answers = ask_all(&to_ask, options, progress);
    if looks_offline(&answers) {
        return Err(Error::message(crate::msg!(
            "external-offline",
            count = answers.len()
        )));
    }
    for (url, status) in &answers {
        if *status == Status::Alive {
            cache.remember(url);
        }
    }
    cache.save();
    let mut findings = Vec::new();
    for (url, status) in answers {
        for at in occurrences.get(url).into_iter().flatten() {
            findings.extend(finding(url, &status, at, options.timeout));
        }
    }
    Ok(findings)
}

/// Every link failed before reaching a server, on at least two hosts: the network is down,
/// rather than every site gone.
fn looks_offline(answers: &[(&str, Status)]) -> bool {
    let host = |url: &str| url.split('/').nth(2).unwrap_or("").to_string();
    let hosts: std::collections::HashSet<String> =
        answers.iter().map(|(url, _)| host(url)).collect();
    hosts.len() >= 2
        && answers
            .iter()
            .all(|(_, s)| matches!(s, Status::Unreachable(_)))
}

/// Every `http(s)://` URL of the bodies and of `url` front-matter fields, with where it is.
fn collect<'a>(
    ctx: &'a Context<'_>,
    scanned: &'a ScannedFiles<'_>,
) -> BTreeMap<String, Vec<Occurrence<'a>>> {
    let mut found: BTreeMap<String, Vec<Occurrence<'a>>> = BTreeMap::new();
    for file in scanned.values() {
        let path = file.source.doc.display_path.as_path();
        for reference in &file.references {
            let dest = reference.dest.trim();
            if is_web(dest) {
                found.entry(dest.to_string()).or_default().push(Occurrence {
                    path,
                    line: reference.line,
                    col: reference.col,
                });
            }
        }
        let Some(page) = file.source.page else {
            continue;
        };
        let ty = ctx.analysis.config.type_for_section(&page.section_dir);
        for (key, spec) in &ty.fields {
            let value = page
                .doc
                .fields
                .get(key)
                .and_then(Value::as_str)
                .map(str::trim);
            if let Some(url) = value.filter(|v| spec.kind == FieldKind::Url && is_web(v)) {
                found.entry(url.to_string()).or_default().push(Occurrence {
                    path,
                    line: page.doc.line_of(key),
                    col: 1,
                });
            }
        }
    }
    found
}

fn is_web(dest: &str) -> bool {
    is_external(dest) && (dest.starts_with("http://") || dest.starts_with("https://"))
}

fn finding(url: &str, status: &Status, at: &Occurrence<'_>, timeout: Duration) -> Option<Finding> {
    let new = |level, message: Message| Finding::new(at.path, at.line, at.col, level, message);
    Some(match status {
        Status::Alive => return None,
        Status::Dead(reason) | Status::Unreachable(reason) => new(
            Level::Error,
            reason.describe(crate::msg!("external-link-dead", url = url)),
        ),
        Status::Doubtful(reason) => new(
            Level::Warning,
            reason.describe(crate::msg!("external-link-doubtful", url = url)),
        ),
        Status::Busy => new(Level::Note, crate::msg!("external-link-busy", url = url)),
        Status::TimedOut => new(
            Level::Note,
            crate::msg!(
                "external-link-timed-out",
                url = url,
                seconds = timeout.as_secs_f64().to_string()
            ),
        ),
    })
}

/// Asks every URL, `options.jobs` at a time.
fn ask_all<'u>(
    urls: &[&'u str],
    options: &ExternalOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<(&'u str, Status)> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .user_agent(concat!(
            "potline/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ))
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let answers = Mutex::new(Vec::with_capacity(urls.len()));
    progress(0, urls.len());
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.clamp(1, 64).min(urls.len()) {
            scope.spawn(|| {
                while let Some(url) = urls.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let status = ask(&agent, url);
                    if let Ok(mut answers) = answers.lock() {
                        answers.push((*url, status));
                    }
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, urls.len());
                }
            });
        }
    });
    let mut answers = answers.into_inner().unwrap_or_default();
    answers.sort_by(|a, b| a.0.cmp(b.0));
    answers
}

/// One URL: HEAD first (cheap), then GET when HEAD was refused (some servers do not do HEAD).
fn ask(agent: &ureq::Agent, url: &str) -> Status {
    let url = request_url(url);
    let head = agent.head(&url).call().map(|r| r.status());
    match head {
        Ok(status) if status.as_u16() < 400 => Status::Alive,
        Err(ureq::Error::Timeout(_)) => Status::TimedOut,
        _ => classify(agent.get(&url).call().map(|r| r.status())),
    }
}

fn classify(answer: Result<ureq::http::StatusCode, ureq::Error>) -> Status {
    match answer {
        Ok(status) => {
            let text = format!(
                "{} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            );
            match status.as_u16() {
                0..=399 => Status::Alive,
                404 | 410 => Status::Dead(Reason::Answer(text.trim_end().to_string())),
                429 => Status::Busy,
                _ => Status::Doubtful(Reason::Answer(text.trim_end().to_string())),
            }
        }
        Err(ureq::Error::Timeout(_)) => Status::TimedOut,
        Err(ureq::Error::Io(e)) if e.kind() == std::io::ErrorKind::TimedOut => Status::TimedOut,
        Err(ureq::Error::HostNotFound) => Status::Unreachable(Reason::HostNotFound),
        Err(ureq::Error::ConnectionFailed) => Status::Unreachable(Reason::Unreachable),
        Err(ureq::Error::Io(e)) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            Status::Unreachable(Reason::Refused)
        }
        Err(ureq::Error::BadUri(_)) => Status::Dead(Reason::BadAddress),
        Err(other) => Status::Doubtful(Reason::Failed(other.to_string())),
    }
}

/// The URL as sent: without its `#fragment`, and with spaces and non-ASCII characters
/// percent-encoded (writers paste addresses as browsers show them).
fn request_url(url: &str) -> String {
    let url = url.split('#').next().unwrap_or(url);
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_graphic() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// URLs that answered, with when (seconds since 1970), kept in a small JSON file.
struct Cache {
    path: Option<PathBuf>,
    ttl: u64,
    now: u64,
    checked: BTreeMap<String, u64>,
}

impl Cache {
    fn load(options: &ExternalOptions) -> Cache {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let checked = options
            .cache
            .as_ref()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
            .and_then(|v| serde_json::from_value(v["alive"].clone()).ok())
            .unwrap_or_default();
        Cache {
            path: options.cache.clone(),
            ttl: options.cache_ttl.as_secs(),
            now,
            checked,
        }
    }

    fn is_fresh(&self, url: &str) -> bool {
        self.checked
            .get(url)
            .is_some_and(|at| self.now.saturating_sub(*at) < self.ttl)
    }

    fn remember(&mut self, url: &str) {
        self.checked.insert(url.to_string(), self.now);
    }

    /// Writes the cache, dropping stale entries. A cache that cannot be written only makes the
    /// next check slower, so failing to write it is not an error.
    fn save(mut self) {
        let Some(path) = self.path.take() else { return };
        let (now, ttl) = (self.now, self.ttl);
        self.checked.retain(|_, at| now.saturating_sub(*at) < ttl);
        let json = serde_json::json!({
            "about": "potline check --external: links that answered, with when (Unix time); safe to delete",
            "alive": self.checked,
        });
        if let Ok(text) = serde_json::to_string_pretty(&json) {
            let _ = crate::fs::write(&path, text.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_urls_are_encoded_without_fragment() {
        assert_eq!(
            request_url("https://a.example/百色 x#top"),
            "https://a.example/%E7%99%BE%E8%89%B2%20x"
        );
    }

    #[test]
    fn statuses_are_classified() {
        let code = |n| classify(Ok(ureq::http::StatusCode::from_u16(n).unwrap()));
        assert_eq!(code(200), Status::Alive);
        assert_eq!(
            code(404),
            Status::Dead(Reason::Answer("404 Not Found".into()))
        );
        assert_eq!(
            code(503),
            Status::Doubtful(Reason::Answer("503 Service Unavailable".into()))
        );
        assert_eq!(code(429), Status::Busy);
    }
}
