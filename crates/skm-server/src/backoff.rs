//! Back-off after repeated failures (wrong admin tokens), per key (a client address): a few
//! mistakes are free, then each further one doubles the wait before the next try is heard, up to
//! a ceiling. A success clears the key. Kept in memory only, and bounded.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How failures are answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackoffPolicy {
    /// Failures allowed before any wait.
    pub free: u32,
    /// The first wait; each further failure doubles it.
    pub first_wait: Duration,
    /// The longest wait.
    pub longest_wait: Duration,
    /// A key whose last failure is older than this is forgotten.
    pub forget_after: Duration,
}

impl Default for BackoffPolicy {
    /// Five free tries, then 1 s, 2 s, 4 s … up to 15 minutes; forgotten after an hour.
    fn default() -> BackoffPolicy {
        BackoffPolicy {
            free: 5,
            first_wait: Duration::from_secs(1),
            longest_wait: Duration::from_secs(15 * 60),
            forget_after: Duration::from_secs(60 * 60),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    last: Instant,
    until: Option<Instant>,
}

/// Failures per key and the waits they earned.
#[derive(Debug, Clone)]
pub struct Backoff<K> {
    policy: BackoffPolicy,
    entries: Arc<Mutex<HashMap<K, Entry>>>,
}

/// The most keys remembered; beyond it the forgotten ones are swept out first.
const MAX_KEYS: usize = 100_000;

impl<K: Hash + Eq + Clone> Backoff<K> {
    /// An empty record with this policy.
    pub fn new(policy: BackoffPolicy) -> Backoff<K> {
        Backoff { policy, entries: Arc::new(Mutex::new(HashMap::new())) }
    }

    /// `Ok` when `key` may try now; otherwise how long it must still wait.
    pub fn check(&self, key: &K) -> Result<(), Duration> {
        let now = Instant::now();
        let Ok(entries) = self.entries.lock() else { return Ok(()) };
        match entries.get(key).and_then(|e| e.until) {
            Some(until) if until > now => Err(until - now),
            _ => Ok(()),
        }
    }

    /// Records a failure of `key`; returns how many it has made, and the wait it now has.
    pub fn failed(&self, key: &K) -> (u32, Option<Duration>) {
        let now = Instant::now();
        let Ok(mut entries) = self.entries.lock() else { return (0, None) };
        if entries.len() >= MAX_KEYS {
            let forget = self.policy.forget_after;
            entries.retain(|_, e| now.duration_since(e.last) < forget);
            if entries.len() >= MAX_KEYS {
                // Still full: the oldest half goes (an attacker with many addresses gains
                // nothing; each of them starts again from the free tries).
                let mut lasts: Vec<Instant> = entries.values().map(|e| e.last).collect();
                lasts.sort();
                let cut = lasts[lasts.len() / 2];
                entries.retain(|_, e| e.last > cut);
            }
        }
        let entry = entries.entry(key.clone()).or_insert(Entry { failures: 0, last: now, until: None });
        if now.duration_since(entry.last) >= self.policy.forget_after {
            *entry = Entry { failures: 0, last: now, until: None };
        }
        entry.failures = entry.failures.saturating_add(1);
        entry.last = now;
        let wait = entry.failures.checked_sub(self.policy.free).filter(|over| *over > 0).map(|over| {
            let doubled = self.policy.first_wait.saturating_mul(1u32 << (over - 1).min(20));
            doubled.min(self.policy.longest_wait)
        });
        entry.until = wait.map(|w| now + w);
        (entry.failures, wait)
    }

    /// Forgets `key`'s failures.
    pub fn succeeded(&self, key: &K) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_tries_then_doubling_waits_then_a_success_clears() {
        let policy = BackoffPolicy {
            free: 2,
            first_wait: Duration::from_secs(10),
            longest_wait: Duration::from_secs(25),
            forget_after: Duration::from_secs(3600),
        };
        let b = Backoff::new(policy);
        assert_eq!(b.failed(&"a"), (1, None));
        assert_eq!(b.failed(&"a"), (2, None));
        assert!(b.check(&"a").is_ok());
        assert_eq!(b.failed(&"a"), (3, Some(Duration::from_secs(10))));
        assert!(b.check(&"a").unwrap_err() > Duration::from_secs(9));
        assert!(b.check(&"b").is_ok(), "another key is not held back");
        assert_eq!(b.failed(&"a"), (4, Some(Duration::from_secs(20))));
        assert_eq!(b.failed(&"a"), (5, Some(Duration::from_secs(25))), "capped");
        b.succeeded(&"a");
        assert!(b.check(&"a").is_ok());
        assert_eq!(b.failed(&"a"), (1, None));
    }
}
