//! A/B experiments: specs, datasets, assertions, assignment, run records, the journal, the
//! concurrent runner, planning and analysis.
//!
//! The pieces, in the order a run uses them:
//! - [`spec`] reads `experiments/<name>.yaml` and lists every problem with its line and column.
//! - [`dataset`] reads the cases (JSONL, CSV or YAML).
//! - [`assign`] decides, from a seed and a case id alone, which arm a case goes to (split designs)
//!   and which shard of a CI matrix runs it.
//! - [`plan`] expands spec × dataset into work items and estimates calls, cost and duration.
//! - [`runner`] executes work items concurrently through a [`exec::Completer`] (the provider
//!   gateway behind a thin adapter), scores them with [`mod@assert`] and appends
//!   [`record::RunRecord`]s to a [`journal`], whose single writer holds its [`lock`].
//! - [`resume`] makes `--resume` render the prompts a run started with, or refuse.
//! - [`runs`] finds the runs of an experiment in its results folder and orders them by start.
//! - [`analyze`] turns records into per-metric, per-arm comparisons against the control, reading
//!   the standing record of each sample through [`samples`], which spills to temporary files
//!   past a limit so memory stays flat.
//!
//! **Architecture Invariant:** nothing here reads the clock, the environment or the terminal.
//! Time comes in through [`exec::Clock`], progress goes out through [`runner::RunObserver`],
//! and cancellation comes in as a [`runner::Cancel`] handle.

pub mod analyze;
pub mod assert;
pub mod assign;
pub mod batch;
pub mod budget;
pub mod dataset;
pub mod exec;
pub mod journal;
pub mod locate;
pub mod lock;
pub mod plan;
pub mod record;
pub mod resume;
pub mod runner;
pub mod runs;
pub mod samples;
pub mod spec;

use std::fmt;

use crate::finding::Location;

/// One thing wrong with an experiment, its dataset or its variants, and where.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The file, line and column.
    pub location: Location,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl Problem {
    /// A problem at a place.
    pub fn new(location: Location, message: impl Into<String>) -> Problem {
        Problem {
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Every problem that makes an experiment impossible to run, listed at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problems {
    /// The problems, sorted by file and line.
    pub problems: Vec<Problem>,
}

impl Problems {
    /// Wraps a list of problems, sorted for stable output.
    pub fn new(mut problems: Vec<Problem>) -> Problems {
        problems.sort();
        problems.dedup();
        Problems { problems }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [only] => write!(f, "{only}"),
            all => {
                write!(f, "the experiment has {} problems:", all.len())?;
                for p in all {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}
