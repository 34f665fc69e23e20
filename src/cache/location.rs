//! Where an account's cache lives: `{data dir}/cache/{account}.sqlite3`, the file name made from
//! the account's name in the config (never from anything the server sent, ecosystem-notes C.2):
//! a plain name as it is, any other hex-encoded, so no name can leave the folder or hide.
use std::path::{Path, PathBuf};

/// The folder of every account's cache under the data dir.
pub fn cache_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("cache")
}

/// The database file of `account`.
pub fn database_path(data_dir: &Path, account: &str) -> PathBuf {
    cache_dir(data_dir).join(format!("{}.sqlite3", file_stem(account)))
}

/// `account` when it is 1 to 64 ASCII letters, digits, `-` and `_`; otherwise `x` and the hex of
/// its UTF-8 bytes (the first 64), which is also never a plain name's.
pub fn file_stem(account: &str) -> String {
    let plain = (1..=64).contains(&account.len())
        && account.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !account.starts_with('x');
    if plain {
        return account.to_owned();
    }
    let hex: String = account.bytes().take(64).map(|b| format!("{b:02x}")).collect();
    format!("x{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_stay_and_others_cannot_leave_the_folder() {
        assert_eq!(file_stem("work"), "work");
        assert_eq!(file_stem("demo_2-a"), "demo_2-a");
        for hostile in ["../../etc/passwd", "/abs", "a/b", "..", ".", "", "con.txt", "ünï", "a\\b", "x1"] {
            let stem = file_stem(hostile);
            assert!(stem.starts_with('x') && stem[1..].bytes().all(|b| b.is_ascii_hexdigit()), "{hostile} -> {stem}");
        }
        assert_ne!(file_stem("x1"), file_stem("1"), "an encoded name never meets a plain one");
        let path = database_path(Path::new("/data"), "../../x");
        assert_eq!(path.parent(), Some(Path::new("/data/cache")));
    }
}
