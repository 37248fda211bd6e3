//! End-to-end tests of the `promptctl` binary: one test binary, one module per command group.
//!
//! Every test runs the real binary in a hermetic environment (see `support`): an empty
//! environment, a temporary HOME, no user or system git config, no color and a fixed width.
//! Provider tests talk to loopback mock servers (see `mock`). Each module lists the cases it
//! holds at its top.

mod ab;
mod ab_batch;
mod ab_matrix;
mod approvals;
mod batch_mock;
mod budget;
mod check;
mod comments;
mod confinement;
mod conformance;
mod docs;
mod example_library;
mod gateway;
mod git_diff;
mod github_action;
mod hints;
mod improve;
mod ingest;
mod init;
mod integrity;
mod interop;
mod limits;
mod lint;
mod list;
mod merge_driver;
mod mock;
mod notify;
mod owners;
mod pr_report;
mod providers;
mod reference;
mod release;
mod render;
mod report;
mod report_html;
mod run;
mod run_integrity;
mod scan;
mod search;
mod secrets;
mod show;
mod stats;
mod suggest;
mod support;
mod versioning;
