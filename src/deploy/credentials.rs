//! The access key of an object-storage target, read only from where keys belong: two environment
//! variables, or a profile of the shared credentials file (`~/.aws/credentials`, the file the
//! AWS, OSS, COS and OBS command-line tools can all use). `site.yaml` names them, never holds them.
//! Keys are often pasted: whitespace around them is dropped, and any other character no key has
//! (a control character, a space inside) is an error naming where the key came from, never the
//! key itself.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::CredentialSource;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::IoAction;
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
    // A value that is not UTF-8 is taken with replacement characters, which the check of its
    // characters then refuses by name (rather than taking the variable for unset).
    find_with(source, name, &|key| {
        std::env::var_os(key).map(|v| v.to_string_lossy().into_owned())
    })
}

fn find_with(
    source: &CredentialSource,
    name: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Credentials> {
    // Pasted values often end in a line break or a carriage return: surrounding whitespace goes.
    let var = |key: &str| {
        env(key)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let id_var = &source.access_key_id_env;
    let secret_var = &source.secret_access_key_env;
    match (var(id_var), var(secret_var)) {
        (Some(key_id), Some(secret)) => {
            // The session token goes with AWS's own variable names only.
            let token = (id_var == "AWS_ACCESS_KEY_ID")
                .then(|| var("AWS_SESSION_TOKEN"))
                .flatten();
            let checked = |value: String, variable: &str| {
                check_variable(value, variable, name).map_err(Error::message)
            };
            return Ok(Credentials {
                key_id: checked(key_id, id_var)?,
                secret: checked(secret, secret_var)?,
                token: token.map(|t| checked(t, "AWS_SESSION_TOKEN")).transpose()?,
            });
        }
        (Some(_), None) | (None, Some(_)) => {
            let (set, unset) = if var(id_var).is_some() {
                (id_var, secret_var)
            } else {
                (secret_var, id_var)
            };
            return Err(Error::message(crate::msg!(
                "deploy-key-half-set",
                name = name,
                set = set,
                unset = unset
            )));
        }
        (None, None) => {}
    }
    let profile = source
        .profile
        .clone()
        .or_else(|| var("AWS_PROFILE"))
        .unwrap_or_else(|| "default".into());
    let file = env("AWS_SHARED_CREDENTIALS_FILE")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            env("HOME")
                .filter(|v| !v.is_empty())
                .map(|home| PathBuf::from(home).join(".aws/credentials"))
        });
    if let Some(file) = &file
        && let Some(text) = read_credentials_file(file)?
        && let Some(keys) = from_profile(&text, &profile)
    {
        return keys.checked(file, &profile);
    }
    let where_ = file.map_or("~/.aws/credentials".into(), |f| f.display().to_string());
    Err(Error::message(crate::msg!(
        "deploy-no-key",
        name = name,
        id_var = id_var,
        secret_var = secret_var,
        file = where_,
        profile = profile
    )))
}

/// Credentials files are a few lines; anything larger is not one (and is not read whole).
const CREDENTIALS_FILE_LIMIT: u64 = 1 << 20;

/// The text of the credentials file; `None` when there is none.
fn read_credentials_file(file: &Path) -> Result<Option<String>> {
    use std::io::Read as _;
    let opened = match std::fs::File::open(file) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        other => other.map_err(|e| Error::io(IoAction::Read, file, e))?,
    };
    let mut bytes = Vec::new();
    opened
        .take(CREDENTIALS_FILE_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(IoAction::Read, file, e))?;
    if bytes.len() as u64 > CREDENTIALS_FILE_LIMIT {
        return Err(Error::message(crate::msg!(
            "deploy-credentials-too-large",
            path = file
        )));
    }
    String::from_utf8(bytes).map(Some).map_err(|_| {
        let why = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            crate::msg!("deploy-credentials-not-utf8").text(),
        );
        Error::io(IoAction::Read, file, why)
    })
}

/// The first character of a (trimmed) key that no access key, secret or token has: they are
/// printable ASCII without spaces, and they go into HTTP headers, where a control character
/// cannot be sent. Returns its position in characters and a description that never shows the
/// key itself.
fn unfit_character(value: &str) -> Option<(usize, String)> {
    let (position, c) = value
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_graphic())?;
    let code = format!("U+{:04X}", u32::from(c));
    let kind = match c {
        '\n' => "line-break",
        '\r' => "carriage-return",
        '\t' => "tab",
        c if c.is_control() => "control",
        c if c.is_whitespace() => "space",
        _ => "other",
    };
    // Described in words of the run's language, as a part of the message naming the key.
    let what = crate::msg!("deploy-key-character", kind = kind, code = code).text();
    Some((position, what))
}

/// The message for a key in an environment variable that has an unfit character inside.
fn check_variable(
    value: String,
    variable: &str,
    name: &str,
) -> std::result::Result<String, crate::messages::Message> {
    match unfit_character(&value) {
        None => Ok(value),
        Some((_, what)) => Err(crate::msg!(
            "deploy-key-variable-character",
            name = name,
            variable = variable,
            what = what
        )),
    }
}

/// One value of a credentials file, with where it starts (1-based line and column).
#[derive(Debug)]
struct Entry {
    value: String,
    line: usize,
    col: usize,
}

/// The key of one profile of a credentials file, not yet checked.
#[derive(Debug)]
struct ProfileKeys {
    key_id: Entry,
    secret: Entry,
    token: Option<Entry>,
}

impl ProfileKeys {
    /// Checks each value; a problem is reported at its line and column of the file.
    fn checked(self, file: &Path, profile: &str) -> Result<Credentials> {
        let check = |entry: Entry, key: &str| match unfit_character(&entry.value) {
            None => Ok(entry.value),
            Some((position, what)) => {
                let message = crate::msg!(
                    "deploy-key-file-character",
                    key = key,
                    profile = profile,
                    what = what
                );
                let diagnostic = Diagnostic::error(file, entry.line, entry.col + position, message);
                let mut diagnostics = Diagnostics::new();
                diagnostics.push(diagnostic);
                Err(Error::Site(diagnostics))
            }
        };
        Ok(Credentials {
            key_id: check(self.key_id, "aws_access_key_id")?,
            secret: check(self.secret, "aws_secret_access_key")?,
            token: self
                .token
                .map(|t| check(t, "aws_session_token"))
                .transpose()?,
        })
    }
}

/// The key of `[profile]` in a credentials file (INI: `aws_access_key_id = ...`). Lines are
/// split at line feeds only, so that a carriage return inside a value is seen and reported.
fn from_profile(text: &str, profile: &str) -> Option<ProfileKeys> {
    // Editors on Windows may start the file with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut in_profile = false;
    let (mut key_id, mut secret, mut token) = (None, None, None);
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.trim();
        if line.starts_with('#') || line.starts_with(';') || line.is_empty() {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let header = header.trim();
            in_profile = header == profile || header.strip_prefix("profile ") == Some(profile);
            continue;
        }
        let Some((key, value)) = raw.split_once('=') else {
            continue;
        };
        let value_start = key.len() + 1 + (value.len() - value.trim_start().len());
        let entry = Some(Entry {
            value: value.trim().to_string(),
            line: index + 1,
            col: raw[..value_start].chars().count() + 1,
        })
        .filter(|e| !e.value.is_empty() && in_profile);
        match key.trim() {
            "aws_access_key_id" if entry.is_some() => key_id = entry,
            "aws_secret_access_key" if entry.is_some() => secret = entry,
            "aws_session_token" if entry.is_some() => token = entry,
            _ => {}
        }
    }
    Some(ProfileKeys {
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

    #[test]
    fn pasted_keys_lose_their_line_breaks() {
        let env = lookup(&[
            ("AWS_ACCESS_KEY_ID", "id\n"),
            ("AWS_SECRET_ACCESS_KEY", " secret\r\n"),
            ("AWS_SESSION_TOKEN", "\ttoken\u{3000}"),
        ]);
        let found = find_with(&source(None), "oss", &env).unwrap();
        assert_eq!(
            (found.key_id.as_str(), found.secret.as_str()),
            ("id", "secret")
        );
        assert_eq!(found.token.as_deref(), Some("token"));
    }

    #[test]
    fn a_character_inside_a_key_is_an_error_naming_the_variable_not_the_key() {
        for (inside, what) in [
            ("\u{7}", "a control character (U+0007)"),
            ("\r", "a carriage return (U+000D)"),
            (" ", "a space (U+0020)"),
            ("\u{200b}", "the character U+200B, which no key has"),
        ] {
            let secret = format!("wJalrXUtn{inside}FEMI");
            let env = lookup(&[
                ("AWS_ACCESS_KEY_ID", "id"),
                ("AWS_SECRET_ACCESS_KEY", secret.as_str()),
            ]);
            let error = find_with(&source(None), "oss", &env)
                .unwrap_err()
                .to_string();
            assert_eq!(
                error,
                format!(
                    "deploy target `oss`: `AWS_SECRET_ACCESS_KEY` has {what} inside its value\n  hint: copy the key again from the provider's console into `AWS_SECRET_ACCESS_KEY`; spaces and line breaks around it are ignored"
                )
            );
        }
    }

    #[test]
    fn a_character_inside_a_key_of_the_file_is_an_error_at_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("credentials");
        std::fs::write(
            &file,
            "\u{feff}[default]\r\naws_access_key_id = A\r\naws_secret_access_key = wJal\u{b}rXUtn\r\n",
        )
        .unwrap();
        let path = file.to_string_lossy().into_owned();
        let env = lookup(&[("AWS_SHARED_CREDENTIALS_FILE", &path)]);
        let error = find_with(&source(None), "x", &env).unwrap_err().to_string();
        assert_eq!(
            error,
            format!(
                "{path}:3:29: error: `aws_secret_access_key` of profile `[default]` has a control character (U+000B) inside its value\n  hint: copy the key again from the provider's console into this line; spaces and line breaks around it are ignored\n1 error found; nothing was published"
            )
        );
        std::fs::write(
            &file,
            "\u{feff}[default]\r\naws_access_key_id = A \r\naws_secret_access_key = wJalrXUtn\r\n",
        )
        .unwrap();
        let found = find_with(&source(None), "x", &env).unwrap();
        assert_eq!(
            (found.key_id.as_str(), found.secret.as_str()),
            ("A", "wJalrXUtn")
        );
    }
}
