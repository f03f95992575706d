//! Theme strings in every language: `themes/<theme>/i18n/<lang>.yaml`, overridden key by key by
//! the site's `i18n/<lang>.yaml`, looked up by the `t(key="...")` template function. A key that
//! one language has and another lacks is a build error naming the key and the file.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::{Error, Result, fs, yaml};

/// Strings of one language by key.
pub type LanguageStrings = Arc<BTreeMap<String, String>>;

/// Strings of every language of the site.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    by_language: HashMap<String, LanguageStrings>,
}

/// Where strings files are looked for: the theme's `i18n/`, then the site's.
pub fn strings_folders(config: &Config) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    if let Some(theme) = config.theme_dir() {
        folders.push(theme.join("i18n"));
    }
    folders.push(config.root.join("i18n"));
    folders
}

impl Strings {
    /// Reads every language's strings and checks that all languages have the same keys.
    pub fn load(config: &Config) -> Result<Strings> {
        let mut strings = Strings::default();
        let mut problems = Diagnostics::new();
        let mut files: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
        for folder in strings_folders(config) {
            for language in &config.languages {
                let path = folder.join(format!("{}.yaml", language.code));
                // A link out of the folder is not read (the build reports it).
                if path.is_file() && crate::source::stays_inside(&folder, &path) {
                    files.entry(language.code.clone()).or_default().push(path);
                }
            }
        }
        if files.is_empty() {
            return Ok(strings);
        }
        for language in &config.languages {
            let mut merged = BTreeMap::new();
            for path in files.get(&language.code).into_iter().flatten() {
                let shown = path
                    .strip_prefix(&config.root)
                    .unwrap_or(path)
                    .to_path_buf();
                let text = crate::content::decode_text(&fs::read(path)?).unwrap_or_default();
                match yaml::to_json(&text) {
                    Ok(serde_json::Value::Object(map)) => {
                        for (key, value) in map {
                            let value = value
                                .as_str()
                                .map_or_else(|| value.to_string(), str::to_string);
                            merged.insert(key, value);
                        }
                    }
                    Ok(_) => problems.push(Diagnostic::error(
                        &shown,
                        1,
                        1,
                        crate::msg!("strings-not-a-map"),
                    )),
                    Err(e) => problems.push(
                        Diagnostic::error(&shown, e.line, e.col, e.message)
                            .with_optional_hint(e.hint),
                    ),
                }
            }
            strings
                .by_language
                .insert(language.code.clone(), Arc::new(merged));
        }
        strings.check_same_keys(config, &files, &mut problems);
        if problems.has_errors() {
            return Err(Error::Site(problems));
        }
        Ok(strings)
    }

    fn check_same_keys(
        &self,
        config: &Config,
        files: &BTreeMap<String, Vec<PathBuf>>,
        problems: &mut Diagnostics,
    ) {
        let all: std::collections::BTreeSet<&String> =
            self.by_language.values().flat_map(|s| s.keys()).collect();
        for language in &config.languages {
            let Some(own) = self.by_language.get(&language.code) else {
                continue;
            };
            let file = files
                .get(&language.code)
                .and_then(|f| f.first())
                .map_or_else(
                    || PathBuf::from(format!("i18n/{}.yaml", language.code)),
                    |p| p.strip_prefix(&config.root).unwrap_or(p).to_path_buf(),
                );
            for key in all.iter().filter(|k| !own.contains_key(k.as_str())) {
                problems.push(Diagnostic::error(
                    &file,
                    1,
                    1,
                    crate::msg!("string-missing", key = *key, language = &language.code),
                ));
            }
        }
    }

    /// The strings of one language, if the site has any.
    pub fn get(&self, language: &str) -> Option<LanguageStrings> {
        self.by_language.get(language).cloned()
    }
}
