//! Files only their owner may read: the data dir is created `0700` and every file coffre writes
//! in it (the store and its `-wal`/`-shm`, the log, the lock files, the exports the TUI writes)
//! is `0600`, since they hold bank data and the saved session.
//!
//! Choices (ours): modes are set explicitly on each file rather than through the process umask
//! (which would also change what other libraries create); a file that already exists with a
//! wider mode (written by an older coffre) is narrowed when coffre opens it; an existing data
//! dir is left as the user made it (it may be one they chose with `--data-dir`). On platforms
//! without Unix modes these are plain creates.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// The mode of every file coffre writes in its data dir.
pub const FILE_MODE: u32 = 0o600;
/// The mode of the data dir when coffre creates it.
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` (and its missing parents), the last one `0700`, if it does not exist.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir)
}

/// Options that create a file `0600` (add `.write`, `.append`, `.truncate` as needed).
pub fn options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    options
}

/// Creates or truncates `path` for writing, `0600` (narrowed if it existed).
pub fn create(path: &Path) -> io::Result<File> {
    let file = options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    narrow(path)?;
    Ok(file)
}

/// Narrows an existing `path` to `0600`; a missing file is not an error.
pub fn narrow(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::metadata(path) {
            Ok(meta) if meta.permissions().mode() & 0o777 != FILE_MODE => {
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(FILE_MODE))
            }
            Ok(_) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_created_dir_is_0700_and_a_created_file_0600() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/data");
        create_dir(&dir).unwrap();
        assert_eq!(mode(&dir), DIR_MODE);
        let file = dir.join("export.csv");
        create(&file).unwrap();
        assert_eq!(mode(&file), FILE_MODE);
    }

    #[test]
    fn a_file_left_readable_by_others_is_narrowed() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("coffre.log");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        narrow(&file).unwrap();
        assert_eq!(mode(&file), FILE_MODE);
    }
}
