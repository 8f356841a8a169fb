//! The admin token that unlocks the responses export: kept only as a SHA-256 hash, compared in
//! constant time.

use sha2::{Digest, Sha256};

/// The admin token, as its hash.
#[derive(Clone, PartialEq, Eq)]
pub struct AdminToken {
    hash: [u8; 32],
}

impl std::fmt::Debug for AdminToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AdminToken(…)")
    }
}

fn sha256(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

impl AdminToken {
    /// The token whose secret is `secret`.
    pub fn from_secret(secret: &str) -> AdminToken {
        AdminToken { hash: sha256(secret) }
    }

    /// The token stored as a hex hash (see [`AdminToken::hash_hex`]).
    pub fn from_hash_hex(hex: &str) -> Option<AdminToken> {
        let hex = hex.trim();
        if hex.len() != 64 {
            return None;
        }
        let mut hash = [0u8; 32];
        for (i, byte) in hash.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(AdminToken { hash })
    }

    /// The hash as hex, for storing.
    pub fn hash_hex(&self) -> String {
        self.hash.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether `given` is the token; takes the same time whatever `given` is.
    pub fn verify(&self, given: &str) -> bool {
        sha256(given).iter().zip(&self.hash).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_and_round_trip_through_their_hash() {
        let t = AdminToken::from_secret("rahasia");
        assert!(t.verify("rahasia"));
        assert!(!t.verify("Rahasia"));
        assert!(!t.verify(""));
        assert_eq!(AdminToken::from_hash_hex(&t.hash_hex()), Some(t));
        assert_eq!(AdminToken::from_hash_hex("zz"), None);
    }
}
