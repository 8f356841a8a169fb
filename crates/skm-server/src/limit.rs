//! A per-client limit on submissions, so one device cannot flood the survey; kiosks that many
//! citizens share are exempted by a device key. Client addresses live only in memory.
//!
//! A counter where many citizens share one Wi-Fi (one public address through the office's NAT)
//! needs more than the default: give its tablets a kiosk key (`--kiosk-key`), or raise
//! `--rate-limit` to the submissions a minute the counter really sees (docs/deploy.md).

use std::collections::HashSet;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// The header a kiosk sends its device key in.
pub const KIOSK_KEY_HEADER: &str = "x-skm-kiosk-key";

/// How many submissions a client may make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Submissions per minute, sustained.
    pub per_minute: u32,
    /// Submissions in a burst.
    pub burst: u32,
}

impl Default for RateLimit {
    /// 10 a minute with bursts of 20: far above one person's pace, far below a script's.
    fn default() -> RateLimit {
        RateLimit { per_minute: 10, burst: 20 }
    }
}

/// The submission limiter: one budget for submissions that are well formed (counted whether
/// stored or not), another for refused ones, so that a sender's malformed requests never use up
/// the budget of the citizens who share its address.
#[derive(Clone)]
pub struct SubmitLimiter {
    accepted: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    refused: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    kiosk_keys: Arc<HashSet<String>>,
}

impl std::fmt::Debug for SubmitLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SubmitLimiter({} kiosk keys)", self.kiosk_keys.len())
    }
}

/// How many times the rate of well-formed submissions a client may send refused ones.
const REFUSED_FACTOR: u32 = 6;

fn quota(per_minute: u32, burst: u32) -> Quota {
    let per_minute = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(per_minute).allow_burst(burst)
}

impl SubmitLimiter {
    /// A limiter with the given rate and kiosk device keys.
    pub fn new(limit: RateLimit, kiosk_keys: impl IntoIterator<Item = String>) -> SubmitLimiter {
        let refused =
            quota(limit.per_minute.saturating_mul(REFUSED_FACTOR), limit.burst.saturating_mul(REFUSED_FACTOR));
        SubmitLimiter {
            accepted: Arc::new(RateLimiter::keyed(quota(limit.per_minute, limit.burst))),
            refused: Arc::new(RateLimiter::keyed(refused)),
            kiosk_keys: Arc::new(kiosk_keys.into_iter().filter(|k| !k.trim().is_empty()).collect()),
        }
    }

    /// `Ok` when the client may submit a well-formed response now; otherwise how long to wait.
    /// A known kiosk key always passes; an unknown client address is limited as one shared
    /// client.
    pub fn check(&self, client: Option<IpAddr>, kiosk_key: Option<&str>) -> Result<(), Duration> {
        if kiosk_key.is_some_and(|k| self.is_kiosk(k)) {
            return Ok(());
        }
        let key = client.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        self.accepted.check_key(&key).map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Whether `key` is one of the kiosk tablets' keys.
    pub fn is_kiosk(&self, key: &str) -> bool {
        self.kiosk_keys.contains(key)
    }

    /// Counts a refused request of the client: `Ok` while it is within its (separate, larger)
    /// budget of refusals, so the refusal's reason can be told; otherwise how long to wait.
    pub fn check_refused(&self, client: Option<IpAddr>) -> Result<(), Duration> {
        let key = client.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        self.refused.check_key(&key).map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Forgets clients whose budgets are full again, so memory does not grow with every
    /// address ever seen.
    pub fn forget_idle(&self) {
        for limiter in [&self.accepted, &self.refused] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_client_waits_but_a_kiosk_does_not() {
        let limiter = SubmitLimiter::new(RateLimit { per_minute: 1, burst: 3 }, ["kios-1".to_owned()]);
        let phone = Some(IpAddr::from([10, 0, 0, 7]));
        for _ in 0..3 {
            assert_eq!(limiter.check(phone, None), Ok(()));
        }
        let wait = limiter.check(phone, None).unwrap_err();
        assert!(wait > Duration::from_secs(30), "{wait:?}");
        assert_eq!(limiter.check(Some(IpAddr::from([10, 0, 0, 8])), None), Ok(()), "another client");
        for _ in 0..10 {
            assert_eq!(limiter.check(phone, Some("kios-1")), Ok(()));
        }
        assert!(limiter.check(phone, Some("kios-palsu")).is_err());
    }

    #[test]
    fn refusals_do_not_use_up_the_budget_of_valid_submissions() {
        let limiter = SubmitLimiter::new(RateLimit { per_minute: 1, burst: 2 }, []);
        let office = Some(IpAddr::from([10, 0, 0, 7]));
        // Twelve refusals (the refused budget is six times the burst) …
        for _ in 0..12 {
            assert_eq!(limiter.check_refused(office), Ok(()));
        }
        assert!(limiter.check_refused(office).is_err(), "a flood of bad requests is slowed");
        // … and the two valid submissions of the burst still pass.
        assert_eq!(limiter.check(office, None), Ok(()));
        assert_eq!(limiter.check(office, None), Ok(()));
        assert!(limiter.check(office, None).is_err());
        limiter.forget_idle();
    }
}
