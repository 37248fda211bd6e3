//! Finding the project and loading its configuration.
//!
//! A project is a directory with a `promptctl.yaml`. It is normally the root of a git repository,
//! but need not be: everything except versioning works in a plain folder.

use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE_NAME, Config};
use crate::yaml;

/// Errors finding or loading a project.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No `promptctl.yaml` in the start directory or any parent.
    #[error("no `{CONFIG_FILE_NAME}` found in `{}` or any parent directory", start.display())]
    NotFound {
        /// Where the search started.
        start: PathBuf,
    },
    /// The configuration file could not be read.
    #[error("cannot read `{}`", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The configuration file is not valid.
    #[error("invalid configuration in `{}`{}: {}", path.display(), source.line.map(|l| format!(":{l}:{}", source.column.unwrap_or(0))).unwrap_or_default(), source.message)]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What the YAML parser said.
        #[source]
        source: yaml::YamlError,
    },
    /// A folder named in the configuration would lead outside the project.
    #[error("invalid configuration in `{}`", path.display())]
    PathEscape {
        /// The file.
        path: PathBuf,
        /// Which setting, and why.
        #[source]
        source: crate::confine::PathEscape,
    },
}

/// A loaded project: its root, configuration and where the prompts live.
#[derive(Debug, Clone)]
pub struct Project {
    /// The directory holding `promptctl.yaml`.
    pub root: PathBuf,
    /// The parsed configuration.
    pub config: Config,
}

impl Project {
    /// Walks up from `start` to the first directory with a `promptctl.yaml` and loads it.
    pub fn discover(start: &Path) -> Result<Project, Error> {
        let mut dir = Some(start);
        while let Some(candidate) = dir {
            if candidate.join(CONFIG_FILE_NAME).is_file() {
                return Project::load(candidate);
            }
            dir = candidate.parent();
        }
        Err(Error::NotFound {
            start: start.to_path_buf(),
        })
    }

    /// Loads the project whose root is `root`.
    pub fn load(root: &Path) -> Result<Project, Error> {
        let path = root.join(CONFIG_FILE_NAME);
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        let config = Config::parse(&text).map_err(|source| Error::Invalid {
            path: path.clone(),
            source,
        })?;
        // The files and folders the configuration names are names too: they stay inside the
        // project.
        for (key, folder) in [
            ("prompts", Some(&config.prompts)),
            ("release.dir", Some(&config.release.dir)),
            ("policies", config.policies.as_ref()),
            ("scan.baseline", config.scan.baseline.as_ref()),
        ] {
            if let Some(folder) = folder.filter(|f| !f.is_empty()) {
                crate::confine::check_name(folder).map_err(|e| Error::PathEscape {
                    path: path.clone(),
                    source: e.from_origin(format!("`{key}`")),
                })?;
            }
        }
        Ok(Project {
            root: root.to_path_buf(),
            config,
        })
    }

    /// The absolute folder holding the prompt files.
    pub fn prompts_dir(&self) -> PathBuf {
        self.root.join(&self.config.prompts)
    }
}

impl Config {
    /// Parses `promptctl.yaml` text; an empty file is the default configuration.
    pub fn parse(text: &str) -> Result<Config, yaml::YamlError> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        yaml::from_str(text).map_err(|error: yaml::YamlError| yaml::YamlError {
            message: crate::config::with_suggestion(error.message),
            ..error
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_default() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn unknown_top_level_key_is_an_error_with_did_you_mean() {
        let error = Config::parse("prompts: p\nenvironments: {}\n").unwrap_err();
        assert!(
            error.message.contains("unknown field `environments`"),
            "{error}"
        );
        assert_eq!(error.line, Some(2), "{error:?}");
        let error = Config::parse("promts: p\n").unwrap_err();
        assert!(
            error.message.ends_with("did you mean `prompts`?"),
            "{error}"
        );
    }

    #[test]
    fn unknown_nested_key_is_an_error_with_did_you_mean() {
        let error = Config::parse("providers:\n  openai: {regions: [us-east-1]}\n").unwrap_err();
        assert!(error.message.contains("unknown field `regions`"), "{error}");
        assert!(error.message.ends_with("did you mean `region`?"), "{error}");
    }

    #[test]
    fn unknown_key_far_from_every_valid_one_gets_no_suggestion() {
        let error = Config::parse("zzzzzzzzzz: 1\n").unwrap_err();
        assert!(!error.message.contains("did you mean"), "{error}");
    }

    #[test]
    fn discover_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE_NAME), "prompts: lib\n").unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        let project = Project::discover(&nested).unwrap();
        assert_eq!(project.root, dir.path());
        assert_eq!(project.prompts_dir(), dir.path().join("lib"));
    }
}
