//! The samples behind an analysis, kept in memory that does not grow with the results.
//!
//! Why this is more than a running sum: a paired test needs both arms' values of the same
//! (case, repeat), and a resumed run's retry replaces the failed record it supersedes. Both can
//! lie any distance apart in a results file (concurrent calls finish in any order, and a resume
//! appends at the end), so the record that stands for each (case, repeat) × arm must be known
//! before anything is summed.
//!
//! [`Samples`] therefore keeps a table of the standing record of each (case, repeat) × arm, but
//! only up to a limit of (case, repeat) slots. Past the limit it spills: the table's cells, then
//! every later record as it is read, go to one of [`PARTITIONS`] anonymous temporary files
//! chosen by a hash of (case, repeat). A slot's records all land in one partition, in the order
//! they were read, so "the later record stands" still holds there. [`Samples::finish`] reads the
//! partitions back one at a time, each into a table of its own (partitioned again, by another
//! hash, should one still be over the limit), and folds each table into [`Totals`]: counts,
//! pass counts, and mean-and-variance summaries, which combine exactly across partitions except
//! for the last bits of a float. Memory is one table at the limit plus the write buffers,
//! whatever the number of records.
//!
//! Below the limit nothing is written and the fold runs over the one table, so the figures are
//! those a single pass over every value gives, to the last bit.

use std::collections::HashMap;
use std::fs::File;
use std::hash::BuildHasher;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use std::path::PathBuf;

use crate::stats::ttest::Summary;

/// (case, repeat) slots held in memory before the table spills to temporary files. At the
/// largest spec shapes (a few arms × a few metrics) a slot costs about 200–300 bytes, so the
/// table stays under about 75 MB.
pub const SLOTS_IN_MEMORY: usize = 250_000;

/// Temporary files a spill spreads its records over. Each holds about 1/64th of the slots, so
/// one level of partitioning covers 16 million slots; beyond that a partition is split again.
pub const PARTITIONS: usize = 64;

/// Bytes buffered per partition while spilling (64 partitions: 4 MiB).
const SPILL_BUFFER: usize = 64 << 10;

/// A temporary partition could not be written or read back.
#[derive(Debug, thiserror::Error)]
#[error("cannot use a temporary file in `{}` to hold the analysis's samples", dir.display())]
pub struct SpillError {
    /// The directory the temporary files go to.
    pub dir: PathBuf,
    /// Why.
    #[source]
    pub source: std::io::Error,
}

/// Count, sum and sum of squares of a stream of values: what the sequential test needs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    /// Values seen.
    pub n: f64,
    /// Their sum.
    pub sum: f64,
    /// The sum of their squares.
    pub squares: f64,
}

impl Moments {
    /// Moments of `values`, added in order.
    pub fn of(values: &[f64]) -> Moments {
        let mut m = Moments::default();
        for v in values {
            m.add(*v);
        }
        m
    }

    /// Adds one value.
    pub fn add(&mut self, v: f64) {
        self.n += 1.0;
        self.sum += v;
        self.squares += v * v;
    }

    /// The moments of both streams together.
    fn merge(&mut self, other: &Moments) {
        self.n += other.n;
        self.sum += other.sum;
        self.squares += other.squares;
    }

    /// Mean.
    pub fn mean(self) -> f64 {
        self.sum / self.n
    }

    /// Sample variance (`n - 1`), `None` below two values.
    pub fn variance(self) -> Option<f64> {
        (self.n >= 2.0)
            .then(|| ((self.squares - self.sum * self.sum / self.n) / (self.n - 1.0)).max(0.0))
    }
}

/// One metric of one arm: what its estimate and the split-design tests need.
#[derive(Debug, Clone, Copy)]
pub struct ArmTotals {
    /// Values (records with this metric).
    pub n: u64,
    /// Values of at least 0.5 (passes, for a rate).
    pub passes: u64,
    /// Mean and variance of the values.
    pub summary: Summary,
    /// Sums for the sequential test.
    pub moments: Moments,
}

impl Default for ArmTotals {
    fn default() -> ArmTotals {
        ArmTotals {
            n: 0,
            passes: 0,
            summary: Summary::of(&[]),
            moments: Moments::default(),
        }
    }
}

impl ArmTotals {
    fn of(values: &[f64]) -> ArmTotals {
        ArmTotals {
            n: values.len() as u64,
            passes: values.iter().filter(|v| **v >= 0.5).count() as u64,
            summary: Summary::of(values),
            moments: Moments::of(values),
        }
    }

    fn merge(&mut self, other: &ArmTotals) {
        self.n += other.n;
        self.passes += other.passes;
        self.summary = self.summary.combine(&other.summary);
        self.moments.merge(&other.moments);
    }
}

/// One metric of one arm against the control over the (case, repeat) slots both have: what the
/// paired tests need.
#[derive(Debug, Clone, Copy)]
pub struct PairTotals {
    /// Pairs.
    pub n: u64,
    /// Pairs where both pass.
    pub both: u64,
    /// Pairs where only the arm passes.
    pub arm_only: u64,
    /// Pairs where only the control passes.
    pub control_only: u64,
    /// Pairs where neither passes.
    pub neither: u64,
    /// Mean and variance of the differences (arm − control).
    pub differences: Summary,
    /// Sums of the differences, for the sequential test.
    pub moments: Moments,
}

impl Default for PairTotals {
    fn default() -> PairTotals {
        PairTotals {
            n: 0,
            both: 0,
            arm_only: 0,
            control_only: 0,
            neither: 0,
            differences: Summary::of(&[]),
            moments: Moments::default(),
        }
    }
}

impl PairTotals {
    fn of(arm: &[f64], control: &[f64]) -> PairTotals {
        let mut t = PairTotals {
            n: arm.len() as u64,
            ..PairTotals::default()
        };
        for (a, c) in arm.iter().zip(control) {
            match (*a >= 0.5, *c >= 0.5) {
                (true, true) => t.both += 1,
                (true, false) => t.arm_only += 1,
                (false, true) => t.control_only += 1,
                (false, false) => t.neither += 1,
            }
        }
        let differences = crate::stats::descriptive::paired_differences(arm, control);
        t.differences = Summary::of(&differences);
        t.moments = Moments::of(&differences);
        t
    }

    fn merge(&mut self, other: &PairTotals) {
        self.n += other.n;
        self.both += other.both;
        self.arm_only += other.arm_only;
        self.control_only += other.control_only;
        self.neither += other.neither;
        self.differences = self.differences.combine(&other.differences);
        self.moments.merge(&other.moments);
    }
}

/// Everything the analysis reads from the standing records.
#[derive(Debug, Clone)]
pub struct Totals {
    arm_count: usize,
    /// Per metric × arm.
    arms: Vec<ArmTotals>,
    /// Per metric × arm, against the control (empty for the control itself and in split
    /// designs).
    pairs: Vec<PairTotals>,
    /// Per arm: samples (standing records) and the failed calls among them.
    pub samples: Vec<u64>,
    /// Per arm: standing records that are failed calls.
    pub failed: Vec<u64>,
    /// Per arm: samples of the first repeat, which the sample-ratio check counts.
    pub first_repeat: Vec<u64>,
    /// Records that repeated a sample already recorded successfully (the later one stands).
    pub duplicates: u64,
    /// Records that replaced a failed call of the same sample.
    pub retried: u64,
}

impl Totals {
    fn empty(arm_count: usize, metric_count: usize) -> Totals {
        Totals {
            arm_count,
            arms: vec![ArmTotals::default(); arm_count * metric_count],
            pairs: vec![PairTotals::default(); arm_count * metric_count],
            samples: vec![0; arm_count],
            failed: vec![0; arm_count],
            first_repeat: vec![0; arm_count],
            duplicates: 0,
            retried: 0,
        }
    }

    /// One metric of one arm.
    pub fn arm(&self, arm: usize, metric: usize) -> &ArmTotals {
        &self.arms[metric * self.arm_count + arm]
    }

    /// One metric of one arm against the control (paired designs).
    pub fn pair(&self, arm: usize, metric: usize) -> &PairTotals {
        &self.pairs[metric * self.arm_count + arm]
    }

    fn merge(&mut self, other: &Totals) {
        for (a, b) in self.arms.iter_mut().zip(&other.arms) {
            a.merge(b);
        }
        for (a, b) in self.pairs.iter_mut().zip(&other.pairs) {
            a.merge(b);
        }
        for (mine, theirs) in [
            (&mut self.samples, &other.samples),
            (&mut self.failed, &other.failed),
            (&mut self.first_repeat, &other.first_repeat),
        ] {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
        self.duplicates += other.duplicates;
        self.retried += other.retried;
    }
}

/// The shape of the samples: how many arms and metrics, which arm is the control, and whether
/// arms are paired by case.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// Arms.
    pub arms: usize,
    /// Metrics per record.
    pub metrics: usize,
    /// The control arm.
    pub control: usize,
    /// Whether the design pairs arms by (case, repeat).
    pub paired: bool,
}

/// Where and when the samples spill.
#[derive(Debug, Clone)]
pub struct SpillLimits {
    /// (case, repeat) slots held before spilling.
    pub slots: usize,
    /// The directory for the temporary files.
    pub dir: PathBuf,
}

impl SpillLimits {
    /// [`SLOTS_IN_MEMORY`] slots, temporary files in the system's temporary directory
    /// (`TMPDIR`).
    pub fn standard() -> SpillLimits {
        SpillLimits {
            slots: SLOTS_IN_MEMORY,
            dir: std::env::temp_dir(),
        }
    }
}

/// The standing record of each (case, repeat) × arm, in memory up to a limit and in partitions
/// beyond it.
pub struct Samples {
    shape: Shape,
    limits: SpillLimits,
    /// Partitioning depth: each level hashes with its own seed.
    level: u64,
    /// Case id -> (repeat, slot) pairs; looked up by `&str`, so a hit allocates nothing.
    slots: HashMap<Box<str>, Vec<(u32, u32)>>,
    /// The repeat of each slot.
    slot_repeats: Vec<u32>,
    /// Values per slot × arm × metric (NaN: missing).
    values: Vec<f64>,
    /// Whether each slot × arm has a record.
    present: Vec<bool>,
    /// Whether the record standing for each slot × arm is a failed call.
    failed: Vec<bool>,
    duplicates: u64,
    retried: u64,
    /// Once spilled: one writer per partition.
    spill: Option<Vec<BufWriter<File>>>,
}

impl Samples {
    /// No samples yet.
    pub fn new(shape: Shape, limits: SpillLimits) -> Samples {
        Samples::at_level(shape, limits, 0)
    }

    fn at_level(shape: Shape, limits: SpillLimits, level: u64) -> Samples {
        Samples {
            shape,
            limits,
            level,
            slots: HashMap::new(),
            slot_repeats: Vec::new(),
            values: Vec::new(),
            present: Vec::new(),
            failed: Vec::new(),
            duplicates: 0,
            retried: 0,
            spill: None,
        }
    }

    /// Whether the samples have gone to temporary files.
    pub fn spilled(&self) -> bool {
        self.spill.is_some()
    }

    /// Records one record: `values` holds one value per metric (NaN when missing). A record
    /// for a (case, repeat) × arm already seen replaces it.
    pub fn add(
        &mut self,
        case: &str,
        repeat: u32,
        arm: u16,
        failed: bool,
        values: &[f64],
    ) -> Result<(), SpillError> {
        if let Some(writers) = &mut self.spill {
            let writer = &mut writers[partition(self.level, case, repeat)];
            return write_record(writer, case, repeat, arm, failed, values)
                .map_err(|source| spill_error(&self.limits, source));
        }
        self.keep(case, repeat, arm, failed, values);
        if self.slot_repeats.len() > self.limits.slots {
            self.start_spilling()?;
        }
        Ok(())
    }

    fn keep(&mut self, case: &str, repeat: u32, arm: u16, failed: bool, values: &[f64]) {
        let (arm_count, m) = (self.shape.arms, self.shape.metrics);
        let known = self
            .slots
            .get(case)
            .and_then(|slots| slots.iter().find(|(r, _)| *r == repeat))
            .map(|(_, s)| *s);
        let slot = if let Some(s) = known {
            s
        } else {
            let next = u32::try_from(self.slot_repeats.len()).unwrap_or(u32::MAX);
            self.slots
                .entry(case.into())
                .or_default()
                .push((repeat, next));
            self.slot_repeats.push(repeat);
            self.values
                .extend(std::iter::repeat_n(f64::NAN, arm_count * m));
            self.present.extend(std::iter::repeat_n(false, arm_count));
            self.failed.extend(std::iter::repeat_n(false, arm_count));
            next
        } as usize;
        let cell = slot * arm_count + usize::from(arm);
        if self.present[cell] {
            // The later record stands: a failed call retried by a resume is replaced, not
            // counted twice.
            if self.failed[cell] {
                self.retried += 1;
            } else {
                self.duplicates += 1;
            }
        }
        self.present[cell] = true;
        self.failed[cell] = failed;
        self.values[cell * m..(cell + 1) * m].copy_from_slice(values);
    }

    /// Moves the table's cells to the partitions, slot by slot, and empties the table; every
    /// later record goes straight to its partition.
    fn start_spilling(&mut self) -> Result<(), SpillError> {
        let mut writers = Vec::with_capacity(PARTITIONS);
        for _ in 0..PARTITIONS {
            let file = tempfile::tempfile_in(&self.limits.dir)
                .map_err(|source| spill_error(&self.limits, source))?;
            writers.push(BufWriter::with_capacity(SPILL_BUFFER, file));
        }
        let (arm_count, m) = (self.shape.arms, self.shape.metrics);
        let slots = std::mem::take(&mut self.slots);
        for (case, repeats) in &slots {
            for &(repeat, slot) in repeats {
                let writer = &mut writers[partition(self.level, case, repeat)];
                for arm in 0..arm_count {
                    let cell = slot as usize * arm_count + arm;
                    if !self.present[cell] {
                        continue;
                    }
                    let arm = u16::try_from(arm).unwrap_or(u16::MAX);
                    write_record(
                        writer,
                        case,
                        repeat,
                        arm,
                        self.failed[cell],
                        &self.values[cell * m..(cell + 1) * m],
                    )
                    .map_err(|source| spill_error(&self.limits, source))?;
                }
            }
        }
        self.slot_repeats = Vec::new();
        self.values = Vec::new();
        self.present = Vec::new();
        self.failed = Vec::new();
        self.spill = Some(writers);
        Ok(())
    }

    /// Folds the standing records into totals: from the table, or partition by partition.
    pub fn finish(self) -> Result<Totals, SpillError> {
        let Some(writers) = self.spill else {
            return Ok(self.fold());
        };
        let mut totals = Totals::empty(self.shape.arms, self.shape.metrics);
        totals.duplicates = self.duplicates;
        totals.retried = self.retried;
        let mut values = vec![0.0; self.shape.metrics];
        let mut case = Vec::new();
        for writer in writers {
            let mut file = writer
                .into_inner()
                .map_err(|e| spill_error(&self.limits, e.into_error()))?;
            file.rewind()
                .map_err(|source| spill_error(&self.limits, source))?;
            let mut part = Samples::at_level(self.shape, self.limits.clone(), self.level + 1);
            let mut reader = BufReader::with_capacity(SPILL_BUFFER, file);
            while let Some((repeat, arm, failed)) = read_record(&mut reader, &mut case, &mut values)
                .map_err(|source| spill_error(&self.limits, source))?
            {
                let case = std::str::from_utf8(&case).map_err(|_| {
                    spill_error(
                        &self.limits,
                        std::io::Error::new(
                            std::io::ErrorKind::InvalidData,
                            "a temporary file came back changed",
                        ),
                    )
                })?;
                part.add(case, repeat, arm, failed, &values)?;
            }
            totals.merge(&part.finish()?);
        }
        Ok(totals)
    }

    fn values_of(&self, arm: usize, metric: usize) -> Vec<f64> {
        (0..self.slot_repeats.len())
            .map(|s| self.value(s, arm, metric))
            .filter(|v| !v.is_nan())
            .collect()
    }

    fn value(&self, slot: usize, arm: usize, metric: usize) -> f64 {
        self.values[(slot * self.shape.arms + arm) * self.shape.metrics + metric]
    }

    /// The totals of the table in memory.
    fn fold(&self) -> Totals {
        let Shape {
            arms: arm_count,
            metrics,
            control,
            paired,
        } = self.shape;
        let mut totals = Totals::empty(arm_count, metrics);
        for metric in 0..metrics {
            for arm in 0..arm_count {
                let at = metric * arm_count + arm;
                totals.arms[at] = ArmTotals::of(&self.values_of(arm, metric));
                if paired && arm != control {
                    let (mut x, mut c) = (Vec::new(), Vec::new());
                    for s in 0..self.slot_repeats.len() {
                        let (a, k) = (self.value(s, arm, metric), self.value(s, control, metric));
                        if !a.is_nan() && !k.is_nan() {
                            x.push(a);
                            c.push(k);
                        }
                    }
                    totals.pairs[at] = PairTotals::of(&x, &c);
                }
            }
        }
        for (s, repeat) in self.slot_repeats.iter().enumerate() {
            for arm in 0..arm_count {
                let cell = s * arm_count + arm;
                if self.present[cell] {
                    totals.samples[arm] += 1;
                    totals.failed[arm] += u64::from(self.failed[cell]);
                    totals.first_repeat[arm] += u64::from(*repeat == 0);
                }
            }
        }
        totals.duplicates = self.duplicates;
        totals.retried = self.retried;
        totals
    }
}

/// The partition of a (case, repeat) at a partitioning level: a hash seeded by the level, so a
/// partition split again spreads over all partitions of the next level.
fn partition(level: u64, case: &str, repeat: u32) -> usize {
    let hash = foldhash::fast::FixedState::with_seed(level).hash_one((case, repeat));
    // The high bits of hash × PARTITIONS: an even spread without a division.
    usize::try_from((u128::from(hash) * PARTITIONS as u128) >> 64).unwrap_or(0)
}

fn spill_error(limits: &SpillLimits, source: std::io::Error) -> SpillError {
    SpillError {
        dir: limits.dir.clone(),
        source,
    }
}

/// One record in a partition: case length and bytes, repeat, arm, failed flag, then each
/// metric's value, all little-endian.
fn write_record(
    out: &mut impl Write,
    case: &str,
    repeat: u32,
    arm: u16,
    failed: bool,
    values: &[f64],
) -> std::io::Result<()> {
    let length = u32::try_from(case.len())
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "case id too long"))?;
    out.write_all(&length.to_le_bytes())?;
    out.write_all(case.as_bytes())?;
    out.write_all(&repeat.to_le_bytes())?;
    out.write_all(&arm.to_le_bytes())?;
    out.write_all(&[u8::from(failed)])?;
    for v in values {
        out.write_all(&v.to_le_bytes())?;
    }
    Ok(())
}

/// Reads the next record written by [`write_record`] into `case` and `values`; `None` at the
/// end of the partition.
fn read_record(
    input: &mut impl Read,
    case: &mut Vec<u8>,
    values: &mut [f64],
) -> std::io::Result<Option<(u32, u16, bool)>> {
    let mut length = [0; 4];
    match input.read_exact(&mut length) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    case.resize(u32::from_le_bytes(length) as usize, 0);
    input.read_exact(case)?;
    let mut fixed = [0; 7];
    input.read_exact(&mut fixed)?;
    let repeat = u32::from_le_bytes([fixed[0], fixed[1], fixed[2], fixed[3]]);
    let arm = u16::from_le_bytes([fixed[4], fixed[5]]);
    let failed = fixed[6] != 0;
    let mut number = [0; 8];
    for v in values {
        input.read_exact(&mut number)?;
        *v = f64::from_le_bytes(number);
    }
    Ok(Some((repeat, arm, failed)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHAPE: Shape = Shape {
        arms: 2,
        metrics: 2,
        control: 0,
        paired: true,
    };

    fn limits(slots: usize, dir: &std::path::Path) -> SpillLimits {
        SpillLimits {
            slots,
            dir: dir.to_path_buf(),
        }
    }

    #[test]
    fn the_table_never_holds_more_slots_than_its_limit() {
        let dir = tempfile::tempdir().unwrap();
        let mut samples = Samples::new(SHAPE, limits(100, dir.path()));
        let mut most = 0;
        for i in 0..20_000u32 {
            let case = format!("case-{}", i / 2);
            samples
                .add(&case, 0, u16::try_from(i % 2).unwrap(), false, &[1.0, 2.0])
                .unwrap();
            most = most.max(samples.slot_repeats.len());
        }
        assert!(samples.spilled());
        assert!(most <= 101, "{most}");
        let totals = samples.finish().unwrap();
        assert_eq!(totals.samples, [10_000, 10_000]);
        assert_eq!(totals.pair(1, 0).n, 10_000);
    }

    #[test]
    fn records_come_back_from_a_partition_as_written() {
        let mut bytes = Vec::new();
        write_record(&mut bytes, "ü-case", 7, 3, true, &[0.5, f64::NAN, -1e300]).unwrap();
        write_record(&mut bytes, "", 0, 0, false, &[0.0, 1.0, 2.0]).unwrap();
        let mut input = bytes.as_slice();
        let (mut case, mut values) = (Vec::new(), [0.0; 3]);
        assert_eq!(
            read_record(&mut input, &mut case, &mut values).unwrap(),
            Some((7, 3, true))
        );
        assert_eq!(case, "ü-case".as_bytes());
        assert_eq!(values[0].to_bits(), 0.5f64.to_bits());
        assert!(values[1].is_nan());
        assert_eq!(values[2].to_bits(), (-1e300f64).to_bits());
        assert_eq!(
            read_record(&mut input, &mut case, &mut values).unwrap(),
            Some((0, 0, false))
        );
        assert!(case.is_empty());
        assert_eq!(
            read_record(&mut input, &mut case, &mut values).unwrap(),
            None
        );
        // A partition cut inside a record is an error, not a shorter sample.
        let mut cut = &bytes[..bytes.len() - 3];
        read_record(&mut cut, &mut case, &mut values).unwrap();
        assert!(read_record(&mut cut, &mut case, &mut values).is_err());
    }

    #[test]
    fn partitions_spread_slots_evenly_and_differ_by_level() {
        let mut counts = [0usize; PARTITIONS];
        let mut moved = 0;
        for i in 0..64_000 {
            let case = format!("c{i}");
            let p = partition(0, &case, 0);
            counts[p] += 1;
            moved += usize::from(partition(1, &case, 0) != p);
        }
        assert!(counts.iter().all(|c| (700..1300).contains(c)), "{counts:?}");
        assert!(moved > 60_000, "{moved}");
    }
}
