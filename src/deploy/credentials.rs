//! The access key of an object-storage target, read only from where keys belong: two environment
//! variables, or a profile of the shared credentials file (`~/.aws/credentials`, the file the
//! AWS, OSS, COS and OBS command-line tools can all use). `site.yaml` names them, never holds them.

use std::fmt;
use std::path::PathBuf;

use crate::config::CredentialSource;
use crate::{Error, Result};

/// An access key. Its `Debug` output hides the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The access key id.
    pub key_id: String,
    /// The secret access key.
    pub secret: String,
    /// A session token, for temporary keys.
    pub token: Option<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

/// Finds the access key of the target `name`: the environment first, then the credentials file.
pub fn find(source: &CredentialSource, name: &str) -> Result<Credentials> {
    find_with(source, name, &|key| std::env::var(key).ok())
}

fn find_with(
    source: &CredentialSource,
    name: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Credentials> {
    let var = |key: &str| env(key).filter(|v| !v.is_empty());
    let id_var = &source.access_key_id_env;
    let secret_var = &source.secret_access_key_env;
    match (var(id_var), var(secret_var)) {
        (Some(key_id), Some(secret)) => {
            // The session token goes with AWS's own variable names only.
            let token = (id_var == "AWS_ACCESS_KEY_ID")
                .then(|| var("AWS_SESSION_TOKEN"))
                .flatten();
            return Ok(Credentials {
                key_id,
                secret,
                token,
            });
        }
        (Some(_), None) | (None, Some(_)) => {
            let (set, unset) = if var(id_var).is_some() {
                (id_var, secret_var)
            } else {
                (secret_var, id_var)
            };
            return Err(Error::Message(format!(
                "deploy target `{name}`: `{set}` is set but `{unset}` is not\n  hint: set both, or neither to use the credentials file"
            )));
        }
        (None, None) => {}
    }
    let profile = source
        .profile
        .clone()
        .or_else(|| var("AWS_PROFILE"))
        .unwrap_or_else(|| "default".into());
    let file = var("AWS_SHARED_CREDENTIALS_FILE")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|home| PathBuf::from(home).join(".aws/credentials")));
    if let Some(file) = &file
        && let Ok(text) = std::fs::read_to_string(file)
        && let Some(credentials) = from_profile(&text, &profile)
    {
        return Ok(credentials);
    }
    let where_ = file.map_or("~/.aws/credentials".into(), |f| f.display().to_string());
    Err(Error::Message(format!(
        "no access key for deploy target `{name}`: `{id_var}` and `{secret_var}` are not set, and `{where_}` has no profile `[{profile}]` with one\n  hint: export {id_var}=... and {secret_var}=... (in CI, from the repository's secrets); keys never go in site.yaml"
    )))
}

/// The key of `[profile]` in a credentials file (INI: `aws_access_key_id = ...`).
fn from_profile(text: &str, profile: &str) -> Option<Credentials> {
    let mut in_profile = false;
    let (mut key_id, mut secret, mut token) = (None, None, None);
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') || line.starts_with(';') || line.is_empty() {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let header = header.trim();
            in_profile = header == profile || header.strip_prefix("profile ") == Some(profile);
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if !in_profile {
            continue;
        }
        let value = Some(value.trim().to_string());
        match key.trim() {
            "aws_access_key_id" => key_id = value,
            "aws_secret_access_key" => secret = value,
            "aws_session_token" => token = value,
            _ => {}
        }
    }
    Some(Credentials {
        key_id: key_id?,
        secret: secret?,
        token,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn source(profile: Option<&str>) -> CredentialSource {
        CredentialSource {
            access_key_id_env: "AWS_ACCESS_KEY_ID".into(),
            secret_access_key_env: "AWS_SECRET_ACCESS_KEY".into(),
            profile: profile.map(str::to_string),
        }
    }

    fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |key| map.get(key).cloned()
    }

    #[test]
    fn the_environment_comes_first() {
        let env = lookup(&[
            ("AWS_ACCESS_KEY_ID", "id"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_SESSION_TOKEN", "token"),
        ]);
        let found = find_with(&source(None), "oss", &env).unwrap();
        assert_eq!(found.key_id, "id");
        assert_eq!(found.token.as_deref(), Some("token"));
        assert!(
            !format!("{found:?}").contains("secret\""),
            "Debug hides the secret"
        );
    }

    #[test]
    fn half_a_key_is_an_error_naming_the_missing_variable() {
        let env = lookup(&[("AWS_ACCESS_KEY_ID", "id")]);
        let error = find_with(&source(None), "oss", &env)
            .unwrap_err()
            .to_string();
        assert!(error.contains("`AWS_SECRET_ACCESS_KEY` is not"), "{error}");
    }

    #[test]
    fn profiles_of_the_credentials_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("credentials");
        std::fs::write(
            &file,
            "[default]\naws_access_key_id = A\naws_secret_access_key = B\n\n# comment\n[profile oss]\naws_access_key_id=C\naws_secret_access_key=D\n",
        )
        .unwrap();
        let path = file.to_string_lossy().into_owned();
        let env = lookup(&[("AWS_SHARED_CREDENTIALS_FILE", &path)]);
        assert_eq!(find_with(&source(None), "x", &env).unwrap().key_id, "A");
        assert_eq!(
            find_with(&source(Some("oss")), "x", &env).unwrap().secret,
            "D"
        );
        let error = find_with(&source(Some("cos")), "x", &env)
            .unwrap_err()
            .to_string();
        assert!(error.contains("no profile `[cos]`"), "{error}");
    }
}
