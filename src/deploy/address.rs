//! The settings of a bucket target (`endpoint`, `bucket`, `region`, `prefix`, `cache_control`),
//! checked before any of them reaches the HTTP client: `object_store` and `reqwest` panic on some
//! values instead of returning an error (a line break in a header, a port out of range, a host
//! name the URL parser refuses), and a `?` or `#` in a bucket name would silently send requests
//! elsewhere. Every problem becomes a message naming the setting and the target.

use reqwest::Url;

use crate::config::S3Target;
use crate::messages::Message;
use crate::{Error, Result, msg};

/// Where the requests of a bucket target go, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Address {
    /// The endpoint to hand to the client (with the bucket in the host for virtual-hosted
    /// style), or none for AWS S3 of the region.
    pub endpoint: Option<String>,
    /// The endpoint is `http://` (a local MinIO).
    pub allow_http: bool,
}

/// Checks every setting of the target `name` and gives its address; all problems at once.
pub(super) fn check(name: &str, target: &S3Target) -> Result<Address> {
    let mut problems = Vec::new();
    let mut report = |problem: Option<Message>| problems.extend(problem);
    report(bucket_problem(name, &target.bucket));
    report(region_problem(name, &target.region));
    report(prefix_problem(name, &target.prefix));
    for (kind, value) in [
        ("html", &target.cache_control.html),
        ("assets", &target.cache_control.assets),
        ("fingerprinted", &target.cache_control.fingerprinted),
    ] {
        report(cache_control_problem(name, kind, value));
    }
    let endpoint = match target.endpoint.as_deref().map(|e| endpoint(name, e)) {
        Some(Err(problem)) => {
            problems.push(problem);
            None
        }
        Some(Ok(url)) => Some(url),
        None => None,
    };
    match problems.len() {
        0 => {}
        1 => return Err(Error::Message(problems.remove(0))),
        _ => return Err(Error::Messages(problems)),
    }
    let address = Address {
        allow_http: endpoint.as_ref().is_some_and(|e| e.scheme() == "http"),
        endpoint: endpoint
            .map(|url| with_bucket(name, &url, target))
            .transpose()?,
    };
    reachable(name, &address, target)?;
    Ok(address)
}

/// A value shown in a message: control characters written as escapes, never raw.
fn shown(value: &str) -> String {
    value.escape_debug().to_string()
}

/// Bucket names of every S3-compatible service are letters, digits, `.`, `-` (and `_` in some
/// older buckets), beginning and ending with a letter or a digit.
fn bucket_problem(name: &str, bucket: &str) -> Option<Message> {
    let fits = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    let ends_fit = bucket.starts_with(|c: char| c.is_ascii_alphanumeric())
        && bucket.ends_with(|c: char| c.is_ascii_alphanumeric());
    (!(bucket.chars().all(fits) && ends_fit))
        .then(|| msg!("deploy-bucket-name", name = name, value = shown(bucket)))
}

/// Regions are words such as `us-east-1`, `cn-hongkong` or `auto`; they go into a header.
fn region_problem(name: &str, region: &str) -> Option<Message> {
    let fits = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_');
    (region.is_empty() || !region.chars().all(fits))
        .then(|| msg!("deploy-region", name = name, value = shown(region)))
}

/// The prefix is a folder inside the bucket: names separated by `/`, none empty, `.` or `..`,
/// and no control characters.
fn prefix_problem(name: &str, prefix: &str) -> Option<Message> {
    if prefix.is_empty() {
        return None;
    }
    let bad_segment = prefix
        .split('/')
        .any(|s| s.is_empty() || s == "." || s == "..");
    (bad_segment || prefix.contains(char::is_control))
        .then(|| msg!("deploy-prefix", name = name, value = shown(prefix)))
}

/// `Cache-Control` values are sent as they are: one line of plain text.
fn cache_control_problem(name: &str, kind: &str, value: &str) -> Option<Message> {
    let fits = |c: char| c == ' ' || c.is_ascii_graphic();
    (!value.chars().all(fits)).then(|| {
        msg!(
            "deploy-cache-control",
            name = name,
            kind = kind,
            value = shown(value)
        )
    })
}

/// The endpoint as a URL: `http` or `https`, a host name or IP address with an optional port,
/// and nothing else.
fn endpoint(name: &str, endpoint: &str) -> Result<Url, Message> {
    let problem = |why: &str, reason: String| {
        msg!(
            "deploy-endpoint",
            name = name,
            value = shown(endpoint),
            why = why,
            reason = reason
        )
    };
    // The URL parser drops these silently; a value holding them was mistyped or pasted.
    if endpoint.contains(|c: char| c.is_control() || c.is_whitespace()) {
        return Err(problem("space", String::new()));
    }
    let url = Url::parse(endpoint).map_err(|e| problem("not-an-address", e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(problem("scheme", String::new()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(problem("user", String::new()));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(problem("path", String::new()));
    }
    let host_fits = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    match url.host_str() {
        None | Some("") => Err(problem("no-host", String::new())),
        Some(host) if !is_ip_address(host) && !host.chars().all(host_fits) => {
            Err(problem("host-character", String::new()))
        }
        Some(_) => Ok(url),
    }
}

/// `127.0.0.1` or `[::1]`, as a parsed URL gives its host.
fn is_ip_address(host: &str) -> bool {
    host.starts_with('[') || host.parse::<std::net::Ipv4Addr>().is_ok()
}

/// The endpoint to hand to the client: `scheme://host[:port]`, with the bucket in front of the
/// host where the service addresses buckets as `bucket.host`.
fn with_bucket(name: &str, url: &Url, target: &S3Target) -> Result<String> {
    let host = url.host_str().unwrap_or_default();
    let port = url.port().map_or(String::new(), |p| format!(":{p}"));
    if !target.virtual_hosted_style || host.starts_with(&format!("{}.", target.bucket)) {
        return Ok(format!("{}://{host}{port}", url.scheme()));
    }
    if is_ip_address(host) {
        return Err(Error::message(msg!("deploy-virtual-host-ip", name = name)));
    }
    Ok(format!("{}://{}.{host}{port}", url.scheme(), target.bucket))
}

/// The URL of an object as the client forms it parses: the checks above guarantee it, and this
/// one turns any case they missed into a message rather than a panic in the client.
fn reachable(name: &str, address: &Address, target: &S3Target) -> Result<()> {
    let base = match (&address.endpoint, target.virtual_hosted_style) {
        (Some(endpoint), true) => endpoint.clone(),
        (Some(endpoint), false) => format!("{endpoint}/{}", target.bucket),
        (None, true) => format!(
            "https://{}.s3.{}.amazonaws.com",
            target.bucket, target.region
        ),
        (None, false) => format!(
            "https://s3.{}.amazonaws.com/{}",
            target.region, target.bucket
        ),
    };
    let object = format!("{base}/.potline-manifest.json");
    match Url::parse(&object) {
        Ok(url) if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
        _ => Err(Error::message(msg!(
            "deploy-not-an-address",
            name = name,
            value = shown(&base)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{CacheControl, CredentialSource};

    fn target(endpoint: Option<&str>, virtual_hosted_style: bool) -> S3Target {
        S3Target {
            endpoint: endpoint.map(str::to_string),
            bucket: "site".into(),
            prefix: String::new(),
            region: "cn-hongkong".into(),
            virtual_hosted_style,
            credentials: CredentialSource {
                access_key_id_env: "A".into(),
                secret_access_key_env: "B".into(),
                profile: None,
            },
            cache_control: CacheControl::default(),
        }
    }

    fn endpoint_of(target: &S3Target) -> Option<String> {
        check("oss", target).expect("valid").endpoint
    }

    fn problem(target: &S3Target) -> String {
        check("oss", target).expect_err("invalid").to_string()
    }

    #[test]
    fn virtual_hosted_endpoints_carry_the_bucket() {
        let oss = "https://oss-cn-hongkong.aliyuncs.com";
        assert_eq!(
            endpoint_of(&target(Some(oss), true)).as_deref(),
            Some("https://site.oss-cn-hongkong.aliyuncs.com")
        );
        let given = "https://site.oss-cn-hongkong.aliyuncs.com";
        assert_eq!(
            endpoint_of(&target(Some(given), true)).as_deref(),
            Some(given)
        );
        let minio = "http://127.0.0.1:9000";
        let address = check("oss", &target(Some(minio), false)).expect("valid");
        assert_eq!(address.endpoint.as_deref(), Some(minio));
        assert!(address.allow_http);
        assert_eq!(endpoint_of(&target(None, false)), None);
    }

    #[test]
    fn endpoints_the_client_would_panic_on_are_errors() {
        let hint = "\n  hint: write the service's address, e.g. endpoint: https://oss-cn-hongkong.aliyuncs.com";
        assert_eq!(
            problem(&target(Some("http://127.0.0.1:99999"), false)),
            format!(
                "`endpoint` of deploy target `oss` is `http://127.0.0.1:99999`, which is not a web address (invalid port number){hint}"
            )
        );
        assert_eq!(
            problem(&target(Some("http://127.0.0.1:9\u{1}"), false)),
            format!(
                "`endpoint` of deploy target `oss` is `http://127.0.0.1:9\\u{{1}}`, which has a space or a control character in it{hint}"
            )
        );
        for (endpoint, why) in [
            ("http://exa\tmple.com", "has a space or a control character"),
            ("http://exa%41mple.com:x", "is not a web address"),
            (
                "http://exa!mple.com",
                "has a character a host name cannot have",
            ),
            ("http://host?x", "has more than a host and a port"),
            ("https://user:pw@host", "holds a user name or password"),
            ("ftp://host", "does not start with https://"),
        ] {
            let error = problem(&target(Some(endpoint), false));
            assert!(error.contains(why), "{endpoint}: {error}");
        }
        assert_eq!(
            problem(&target(Some("http://127.0.0.1:9"), true)),
            "deploy target `oss` addresses its bucket as `bucket.host` (virtual_hosted_style), which an IP address cannot be\n  hint: use the service's host name in `endpoint`, or set virtual_hosted_style: false"
        );
    }

    #[test]
    fn bucket_region_prefix_and_headers_are_checked_all_at_once() {
        let mut bad = target(Some("https://cos.ap-guangzhou.myqcloud.com"), true);
        bad.bucket = "si#te".into();
        bad.region = "ap-guangzhou\n".into();
        bad.prefix = "www/../x".into();
        bad.cache_control.html = "public\r\nX-Evil: 1".into();
        let error = problem(&bad);
        let firsts: Vec<&str> = error.lines().filter(|l| !l.starts_with(' ')).collect();
        assert_eq!(
            firsts,
            [
                "`bucket` of deploy target `oss` is `si#te`, which is not a bucket name",
                "`region` of deploy target `oss` is `ap-guangzhou\\n`, which is not a region",
                "`prefix` of deploy target `oss` is `www/../x`, which is not a folder inside the bucket",
                "`cache_control.html` of deploy target `oss` is `public\\r\\nX-Evil: 1`, which cannot be sent as a header",
            ]
        );
        let mut good = target(Some("https://cos.ap-guangzhou.myqcloud.com"), true);
        good.bucket = "site-1250000000".into();
        good.prefix = "www/2025 site".into();
        assert_eq!(
            endpoint_of(&good).as_deref(),
            Some("https://site-1250000000.cos.ap-guangzhou.myqcloud.com")
        );
    }
}
