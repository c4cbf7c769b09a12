//! The provider catalogue, channel definitions and challenges as domain types.
