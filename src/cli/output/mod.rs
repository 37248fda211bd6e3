//! Presenters: one module per report, human text and versioned JSON side by side.
//!
//! **Architecture Invariant:** every byte a user or script sees comes from here, through the
//! printer. JSON documents carry `"schema_version": 1` and are built from structs in these
//! modules, never by serializing core types directly.

pub(crate) mod ab;
pub(crate) mod annotation;
pub(crate) mod audit;
pub(crate) mod batch;
pub(crate) mod check;
pub(crate) mod comments;
pub(crate) mod diff;
pub(crate) mod doctor;
pub(crate) mod ingest;
pub(crate) mod init;
pub(crate) mod interop;
pub(crate) mod lint;
pub(crate) mod list;
pub(crate) mod log;
pub(crate) mod new;
pub(crate) mod notify;
pub(crate) mod owners;
pub(crate) mod policy;
pub(crate) mod pr_report;
pub(crate) mod providers;
pub(crate) mod release;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod review;
pub(crate) mod run;
pub(crate) mod scan;
pub(crate) mod search;
pub(crate) mod show;
pub(crate) mod stats;
pub(crate) mod streamed_table;
pub(crate) mod suggest;
pub(crate) mod table;

/// The version stamped on every JSON document promptctl prints.
pub(crate) const SCHEMA_VERSION: u32 = 1;
