//! Where o365 keeps its files: the config dir (config.toml) and the data dir (token cache).
//!
//! Every lookup takes the environment as a parameter (`EnvLookup`), so tests pass their own
//! variables and never touch the real home directory or mutate the process environment.
use std::ffi::OsString;
use std::path::PathBuf;

/// Reads one environment variable; `std::env::var_os` in production, a map in tests.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<OsString>;

/// Overrides the config dir.
pub const CONFIG_DIR_VAR: &str = "O365_CONFIG_DIR";
/// Overrides the data dir (where tokens live).
pub const DATA_DIR_VAR: &str = "O365_DATA_DIR";

#[derive(Debug, thiserror::Error)]
pub enum PathsError {
    #[error("cannot find a home directory: set ${CONFIG_DIR_VAR} and ${DATA_DIR_VAR}")]
    NoHome,
}

/// The directories o365 uses, resolved once and passed by reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
}

impl Paths {
    /// Explicit directories (tests, `--config-dir` style overrides).
    pub fn new(config_dir: impl Into<PathBuf>, data_dir: impl Into<PathBuf>) -> Self {
        Self { config_dir: config_dir.into(), data_dir: data_dir.into() }
    }

    /// Resolves both directories from the process environment.
    pub fn from_process_env() -> Result<Self, PathsError> {
        Self::from_env(&|name| std::env::var_os(name))
    }

    pub fn from_env(env: EnvLookup<'_>) -> Result<Self, PathsError> {
        Ok(Self { config_dir: config_dir_from(env)?, data_dir: data_dir_from(env)? })
    }

    /// The default config file, `{config_dir}/config.toml`.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    /// One JSON file per account lives here.
    pub fn tokens_dir(&self) -> PathBuf {
        self.data_dir.join("tokens")
    }
}

/// The config dir from the process environment.
pub fn config_dir() -> Result<PathBuf, PathsError> {
    config_dir_from(&|name| std::env::var_os(name))
}

/// The data dir from the process environment.
pub fn data_dir() -> Result<PathBuf, PathsError> {
    data_dir_from(&|name| std::env::var_os(name))
}

/// `$O365_CONFIG_DIR`, else `$XDG_CONFIG_HOME/o365`, else `~/.config/o365` on Linux and macOS
/// (terminal users expect it there rather than in `Library/Application Support`, see
/// ecosystem-notes D.1), else the platform's config dir.
pub fn config_dir_from(env: EnvLookup<'_>) -> Result<PathBuf, PathsError> {
    if let Some(dir) = non_empty(env, CONFIG_DIR_VAR) {
        return Ok(dir);
    }
    if let Some(xdg) = non_empty(env, "XDG_CONFIG_HOME").filter(|p| p.is_absolute()) {
        return Ok(xdg.join("o365"));
    }
    if cfg!(unix) {
        let home = non_empty(env, "HOME").ok_or(PathsError::NoHome)?;
        return Ok(home.join(".config").join("o365"));
    }
    project_dirs().map(|dirs| dirs.config_dir().to_path_buf())
}

/// `$O365_DATA_DIR`, else the platform's local data dir for o365 (`~/.local/share/o365` on Linux).
pub fn data_dir_from(env: EnvLookup<'_>) -> Result<PathBuf, PathsError> {
    if let Some(dir) = non_empty(env, DATA_DIR_VAR) {
        return Ok(dir);
    }
    project_dirs().map(|dirs| dirs.data_local_dir().to_path_buf())
}

fn non_empty(env: EnvLookup<'_>, name: &str) -> Option<PathBuf> {
    env(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

fn project_dirs() -> Result<directories::ProjectDirs, PathsError> {
    directories::ProjectDirs::from("", "", "o365").ok_or(PathsError::NoHome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let map: HashMap<String, OsString> = vars.iter().map(|(k, v)| (k.to_string(), OsString::from(v))).collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn explicit_override_wins() {
        let e = env(&[(CONFIG_DIR_VAR, "/x/cfg"), ("XDG_CONFIG_HOME", "/xdg"), ("HOME", "/home/u")]);
        assert_eq!(config_dir_from(&e).unwrap(), PathBuf::from("/x/cfg"));
    }

    #[test]
    fn xdg_then_home() {
        let e = env(&[("XDG_CONFIG_HOME", "/xdg"), ("HOME", "/home/u")]);
        assert_eq!(config_dir_from(&e).unwrap(), PathBuf::from("/xdg/o365"));
        let e = env(&[("XDG_CONFIG_HOME", ""), ("HOME", "/home/u")]);
        if cfg!(unix) {
            assert_eq!(config_dir_from(&e).unwrap(), PathBuf::from("/home/u/.config/o365"));
        }
    }

    #[test]
    fn relative_xdg_is_ignored() {
        let e = env(&[("XDG_CONFIG_HOME", "rel"), ("HOME", "/home/u")]);
        if cfg!(unix) {
            assert_eq!(config_dir_from(&e).unwrap(), PathBuf::from("/home/u/.config/o365"));
        }
    }

    #[test]
    fn data_dir_override() {
        let e = env(&[(DATA_DIR_VAR, "/d")]);
        let paths = Paths::from_env(&|n| if n == CONFIG_DIR_VAR { Some("/c".into()) } else { e(n) }).unwrap();
        assert_eq!(paths, Paths::new("/c", "/d"));
        assert_eq!(paths.tokens_dir(), PathBuf::from("/d/tokens"));
        assert_eq!(paths.config_file(), PathBuf::from("/c/config.toml"));
    }
}
