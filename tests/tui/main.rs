//! The TUI test binary.
