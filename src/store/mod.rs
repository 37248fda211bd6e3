//! Git-backed storage: the only module that imports `gix`.
//!
//! Everything else sees plain values (paths, texts, commit ids); git objects stay in here.

pub mod scan_source;
