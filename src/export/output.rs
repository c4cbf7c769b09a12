//! Where `coffre export --output FILE` writes: a file only its owner may read (`0600`), as the
//! exports the TUI writes, since it holds bank data; an existing regular file is narrowed to
//! `0600` too. Something that is not a regular file (`/dev/stdout`, a pipe) is written to as it
//! is, never chmod-ed. An export is written as it is read ([`write_private_with`]): a file this
//! export created is removed again when the export fails half-way, so no half export is left
//! looking whole.

use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path`, created `0600` (an existing regular file is narrowed first).
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_private_with(path, &mut |out| out.write_all(bytes))
}

/// Writes what `write` writes to `path`, created `0600` (an existing regular file is narrowed
/// first), through a buffer; a file created here is removed if `write` fails.
pub fn write_private_with(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let existed = std::fs::symlink_metadata(path).is_ok();
    if std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        crate::store::private::narrow(path)?;
    }
    let file = crate::store::private::options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    let mut out = io::BufWriter::new(file);
    let written = write(&mut out).and_then(|()| out.flush());
    if written.is_err() && !existed {
        let _ = std::fs::remove_file(path);
    }
    written
}
