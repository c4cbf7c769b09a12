//! `OxlinError` classified once into the failure classes the app explains.
