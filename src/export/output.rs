//! Where `coffre export --output FILE` writes: a file only its owner may read (`0600`), as the
//! exports the TUI writes, since it holds bank data; an existing regular file is narrowed to
//! `0600` too. Something that is not a regular file (`/dev/stdout`, a pipe) is written to as it
//! is, never chmod-ed.

use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path`, created `0600` (an existing regular file is narrowed first).
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        crate::store::private::narrow(path)?;
    }
    let mut file = crate::store::private::options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.flush()
}
