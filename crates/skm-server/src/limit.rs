//! A per-client limit on submissions, so one device cannot flood the survey; kiosks that many
//! citizens share are exempted by a device key. Client addresses live only in memory.

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

/// The submission limiter.
#[derive(Clone)]
pub struct SubmitLimiter {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    kiosk_keys: Arc<HashSet<String>>,
}

impl std::fmt::Debug for SubmitLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SubmitLimiter({} kiosk keys)", self.kiosk_keys.len())
    }
}

impl SubmitLimiter {
    /// A limiter with the given rate and kiosk device keys.
    pub fn new(limit: RateLimit, kiosk_keys: impl IntoIterator<Item = String>) -> SubmitLimiter {
        let per_minute = NonZeroU32::new(limit.per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(limit.burst.max(1)).unwrap_or(NonZeroU32::MIN);
        SubmitLimiter {
            limiter: Arc::new(RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst))),
            kiosk_keys: Arc::new(kiosk_keys.into_iter().filter(|k| !k.trim().is_empty()).collect()),
        }
    }

    /// `Ok` when the client may submit now; otherwise how long to wait. A known kiosk key
    /// always passes; an unknown client address is limited as one shared client.
    pub fn check(&self, client: Option<IpAddr>, kiosk_key: Option<&str>) -> Result<(), Duration> {
        if kiosk_key.is_some_and(|k| self.kiosk_keys.contains(k)) {
            return Ok(());
        }
        let key = client.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        self.limiter.check_key(&key).map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
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
}
