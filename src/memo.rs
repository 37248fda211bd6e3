//! A bounded, process-wide memo from a text to what is computed from it.
//!
//! Parsing a template shape and compiling a JSON Schema validator are pure functions of a text
//! that a library repeats (one skeleton for many prompts, one input shape for many schemas), and
//! each costs far more than a lookup. [`TextMemo`] keeps the results behind a lock shared by
//! every worker thread: the value is computed outside the lock and handed out as an `Arc`, so a
//! hit never waits for another thread's computation or copy. It holds at most its capacity and
//! starts afresh when full, so a long-lived process keeps a bounded amount. Only successes are
//! kept: a text that fails is computed again, and its error is its own.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Results of one pure function of a text, at most `capacity` of them.
#[derive(Debug)]
pub(crate) struct TextMemo<T> {
    capacity: usize,
    values: Mutex<HashMap<String, Arc<T>>>,
}

impl<T> TextMemo<T> {
    /// An empty memo that keeps at most `capacity` results.
    pub(crate) fn new(capacity: usize) -> TextMemo<T> {
        TextMemo {
            capacity,
            values: Mutex::new(HashMap::new()),
        }
    }

    /// The result for `key`: the one kept, or `compute`'s, kept when it succeeds.
    pub(crate) fn get_or_try_insert<E>(
        &self,
        key: &str,
        compute: impl FnOnce() -> Result<T, E>,
    ) -> Result<Arc<T>, E> {
        let lock = || self.values.lock().unwrap_or_else(PoisonError::into_inner);
        let known = lock().get(key).map(Arc::clone);
        if let Some(value) = known {
            return Ok(value);
        }
        let value = Arc::new(compute()?);
        let mut values = lock();
        if values.len() >= self.capacity {
            values.clear();
        }
        values.insert(key.to_owned(), Arc::clone(&value));
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_computed_once_failures_are_not_kept_and_the_memo_stays_bounded() {
        let memo = TextMemo::new(2);
        let calls = std::cell::Cell::new(0);
        let length = |text: &str| {
            calls.set(calls.get() + 1);
            if text.is_empty() {
                Err("empty")
            } else {
                Ok(text.len())
            }
        };
        assert_eq!(*memo.get_or_try_insert("abc", || length("abc")).unwrap(), 3);
        assert_eq!(*memo.get_or_try_insert("abc", || length("abc")).unwrap(), 3);
        assert_eq!(calls.get(), 1, "a kept result is not computed again");
        assert_eq!(memo.get_or_try_insert("", || length("")), Err("empty"));
        assert_eq!(memo.get_or_try_insert("", || length("")), Err("empty"));
        assert_eq!(calls.get(), 3, "a failure is computed each time");
        memo.get_or_try_insert("de", || length("de")).unwrap();
        memo.get_or_try_insert("f", || length("f")).unwrap();
        let kept = memo.values.lock().unwrap().len();
        assert!(kept <= 2, "{kept} results kept, capacity 2");
    }
}
