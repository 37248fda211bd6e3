//! Progress bars: indicatif implementations of the core's observer traits.
//!
//! Bars are drawn only when the printer allows it (stderr is a terminal, no `--quiet`, no
//! `--no-progress`, human output), so scripts and CI logs never see them.

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use promptctl::experiment::runner::{ArmProgress, RunObserver};
use std::sync::Mutex;

use crate::cli::printer::Printer;

/// One bar per experiment arm: done/total, pass rate so far, cost so far, ETA.
pub(crate) struct AbProgress {
    multi: MultiProgress,
    bars: Mutex<Vec<ProgressBar>>,
}

impl AbProgress {
    /// Bars for an `ab run`, or `None` when progress is not to be shown.
    pub(crate) fn new(printer: &Printer) -> Option<AbProgress> {
        printer.progress_allowed().then(|| AbProgress {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr()),
            bars: Mutex::new(Vec::new()),
        })
    }
}

fn message(p: &ArmProgress) -> String {
    #[allow(clippy::cast_precision_loss)] // counts
    let rate = if p.session == 0 {
        0.0
    } else {
        p.passed as f64 / p.session as f64 * 100.0
    };
    let errors = if p.errors > 0 {
        format!("  {} errors", p.errors)
    } else {
        String::new()
    };
    format!("pass {rate:5.1}%  ${:.4}{errors}", p.cost_usd)
}

impl RunObserver for AbProgress {
    fn start(&self, arms: &[ArmProgress]) {
        let width = arms.iter().map(|a| a.id.len()).max().unwrap_or(4);
        let style = ProgressStyle::with_template(&format!(
            "{{prefix:>{width}}} [{{bar:30}}] {{pos}}/{{len}}  {{msg}}  ETA {{eta}}"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        let Ok(mut bars) = self.bars.lock() else {
            return;
        };
        for arm in arms {
            let bar = self.multi.add(ProgressBar::new(arm.total));
            bar.set_style(style.clone());
            bar.set_prefix(arm.id.clone());
            bar.set_position(arm.done);
            bar.set_message(message(arm));
            bars.push(bar);
        }
    }

    fn sample(&self, arm: usize, progress: &ArmProgress) {
        if let Ok(bars) = self.bars.lock()
            && let Some(bar) = bars.get(arm)
        {
            bar.set_position(progress.done);
            bar.set_message(message(progress));
        }
    }

    fn finish(&self) {
        if let Ok(bars) = self.bars.lock() {
            for bar in bars.iter() {
                bar.finish_and_clear();
            }
        }
    }
}
