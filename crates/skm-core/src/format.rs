//! Numbers written the Indonesian way: decimal comma, thousands dot (91,48; 1.250).

/// Formats `value` with `decimals` decimals, a decimal comma and dots between thousands.
pub fn decimal_id(value: f64, decimals: usize) -> String {
    let plain = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = plain.split_once('.').unwrap_or((plain.as_str(), ""));
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 1);
    if value < 0.0 && plain.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

/// Formats an integer count with dots between thousands (12.345).
pub fn integer_id(value: u64) -> String {
    decimal_id(value as f64, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_format() {
        assert_eq!(decimal_id(91.478, 2), "91,48");
        assert_eq!(decimal_id(6.25, 2), "6,25");
        assert_eq!(decimal_id(1250.5, 1), "1.250,5");
        assert_eq!(decimal_id(-0.001, 2), "0,00");
        assert_eq!(decimal_id(-3.5, 1), "-3,5");
        assert_eq!(integer_id(1_234_567), "1.234.567");
        assert_eq!(integer_id(12), "12");
    }
}
