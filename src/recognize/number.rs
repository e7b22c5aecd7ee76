//! Digit numbers as Vietnamese writes them: `.` groups thousands in threes
//! (`1.234.567`), `,` is the decimal mark (`68,5`, `14,372`, `1.159,636`), and
//! small counts take a leading zero (`01`, `09`). Foreign style (`0.8253`,
//! `1,234.56`) is parsed only when unambiguous and flagged.

use crate::token::{TokenKind, Tokens};

/// An exact decimal: `mantissa × 10^exponent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// The digits as an integer.
    pub mantissa: i128,
    /// Power of ten.
    pub exponent: i32,
}

impl Decimal {
    /// An integer.
    pub fn int(n: i128) -> Self {
        Decimal {
            mantissa: n,
            exponent: 0,
        }
    }

    /// Multiplies by `10^power` exactly.
    pub fn scale(self, power: i32) -> Self {
        Decimal {
            mantissa: self.mantissa,
            exponent: self.exponent.saturating_add(power),
        }
    }

    /// The nearest `f64`, computed from the decimal string so `1,31 triệu`
    /// gives exactly 1310000.
    pub fn to_f64(self) -> f64 {
        let digits = self.mantissa.unsigned_abs().to_string();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        format!("{sign}{digits}e{}", self.exponent)
            .parse()
            .unwrap_or(f64::NAN)
    }
}

/// A number literal found in a token list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Literal {
    /// Its value.
    pub value: Decimal,
    /// Token index after the literal.
    pub end: usize,
    /// Written in foreign style (`0.8253`, `1,234.56`): parsed, but flagged.
    pub foreign: bool,
    /// No separators at all (`2021`, `09`).
    pub plain: bool,
    /// Has a fractional part.
    pub fractional: bool,
    /// Number of digits before the decimal mark.
    pub int_digits: usize,
}

impl Literal {
    /// The value as `f64`.
    pub fn f64(&self) -> f64 {
        self.value.to_f64()
    }

    /// A whole number without separators, as an integer.
    pub fn small_int(&self) -> Option<i64> {
        (self.plain && self.value.exponent == 0)
            .then(|| i64::try_from(self.value.mantissa).ok())
            .flatten()
    }
}

/// Longest digit sequence we accept (keeps the mantissa inside `i128`).
const MAX_DIGITS: usize = 30;

/// Parses the literal that starts at token `i` (a number token): digit groups
/// joined by glued `.` or `,`. Returns `None` when the groups do not form a
/// number in any convention (`22.10.2021`, `1.2.3`).
pub fn parse(tokens: &Tokens, i: usize) -> Option<Literal> {
    if !tokens.kind_is(i, TokenKind::Number) {
        return None;
    }
    let mut groups: Vec<&str> = vec![tokens.key(i)];
    let mut seps: Vec<char> = Vec::new();
    let mut j = i + 1;
    while (tokens.is_punct(j, '.') || tokens.is_punct(j, ','))
        && tokens.glued(j)
        && tokens.kind_is(j + 1, TokenKind::Number)
        && tokens.glued(j + 1)
    {
        seps.push(if tokens.is_punct(j, '.') { '.' } else { ',' });
        groups.push(tokens.key(j + 1));
        j += 2;
    }
    let (value, foreign, fractional, int_digits) = interpret(&groups, &seps)?;
    Some(Literal {
        value,
        end: j,
        foreign,
        plain: seps.is_empty(),
        fractional,
        int_digits,
    })
}

/// Interprets digit groups and separators: (value, foreign, fractional, integer digits).
pub fn interpret(groups: &[&str], seps: &[char]) -> Option<(Decimal, bool, bool, usize)> {
    let total: usize = groups.iter().map(|g| g.len()).sum();
    if total > MAX_DIGITS || groups.is_empty() || groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let first = groups[0];
    let rest = &groups[1..];
    let threes = |gs: &[&str]| gs.iter().all(|g| g.len() == 3);
    let commas = seps.iter().filter(|&&c| c == ',').count();
    let dots = seps.len() - commas;
    let make =
        |int_groups: &[&str], frac: &str, foreign: bool| -> Option<(Decimal, bool, bool, usize)> {
            let int: String = int_groups.concat();
            let digits = format!("{int}{frac}");
            let mantissa: i128 = digits.parse().ok()?;
            Some((
                Decimal {
                    mantissa,
                    exponent: -(frac.len() as i32),
                },
                foreign,
                !frac.is_empty(),
                int.len(),
            ))
        };
    match (dots, commas) {
        (0, 0) => make(groups, "", false),
        // 1.234.567 — Vietnamese grouping.
        (_, 0) if first.len() <= 3 && threes(rest) => make(groups, "", false),
        // 0.8253, 98.5 — a foreign decimal point.
        (1, 0) => make(&groups[..1], groups[1], true),
        // 68,5 / 14,372 — Vietnamese decimal comma.
        (0, 1) => make(&groups[..1], groups[1], false),
        // 1.159,636 — grouping then decimal comma.
        (_, 1)
            if seps.last() == Some(&',') && first.len() <= 3 && threes(&rest[..rest.len() - 1]) =>
        {
            make(&groups[..groups.len() - 1], groups[groups.len() - 1], false)
        }
        // 1,234,567 — foreign grouping.
        (0, _) if first.len() <= 3 && threes(rest) => make(groups, "", true),
        // 1,234.56 — foreign grouping then decimal point.
        (1, _)
            if seps.last() == Some(&'.') && first.len() <= 3 && threes(&rest[..rest.len() - 1]) =>
        {
            make(&groups[..groups.len() - 1], groups[groups.len() - 1], true)
        }
        _ => None,
    }
}

/// Writes a decimal the Vietnamese way (`1.234.567,89`): the inverse of [`parse`].
pub fn format_vietnamese(value: Decimal) -> String {
    let digits = value.mantissa.unsigned_abs().to_string();
    let frac_len = (-value.exponent).max(0) as usize;
    let zeros = value.exponent.max(0) as usize;
    let digits = format!("{digits}{}", "0".repeat(zeros));
    let padded = if digits.len() <= frac_len {
        format!("{}{digits}", "0".repeat(frac_len + 1 - digits.len()))
    } else {
        digits
    };
    let (int, frac) = padded.split_at(padded.len() - frac_len);
    let mut grouped = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if value.mantissa < 0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;
    use proptest::prelude::*;

    fn lit(text: &str) -> Option<(f64, bool, usize)> {
        let tokens = Tokens::new(text, Span::new(0, text.len()));
        parse(&tokens, 0).map(|l| (l.f64(), l.foreign, l.end))
    }

    const POSITIVE: &[(&str, f64, bool)] = &[
        ("01", 1.0, false),
        ("09", 9.0, false),
        ("1234", 1234.0, false),
        ("1.234", 1234.0, false),
        ("1.234.567", 1_234_567.0, false),
        ("68,5", 68.5, false),
        ("14,372", 14.372, false),
        ("1.159,636", 1159.636, false),
        ("98.982,30", 98982.3, false),
        ("103,62", 103.62, false),
        ("0,5893", 0.5893, false),
        ("0.8253", 0.8253, true),
        ("98.5", 98.5, true),
        ("1,234.56", 1234.56, true),
        ("1,234,567", 1_234_567.0, true),
        ("4.750", 4750.0, false),
        ("2.152", 2152.0, false),
    ];

    const NEGATIVE: &[&str] = &[
        "22.10.2021",
        "1.2.3",
        "12.34.567",
        "1,2,3",
        "abc",
        "1.23,4.5",
    ];

    #[test]
    fn parses_vietnamese_and_flags_foreign_numbers() {
        for &(text, value, foreign) in POSITIVE {
            let got = lit(text);
            assert_eq!(
                got.map(|g| (g.0, g.1)),
                Some((value, foreign)),
                "input {text:?} gave {got:?}"
            );
        }
        for &text in NEGATIVE {
            assert_eq!(lit(text), None, "input {text:?} should not parse");
        }
    }

    #[test]
    fn stops_before_trailing_punctuation() {
        assert_eq!(lit("68 km."), Some((68.0, false, 1)));
        assert_eq!(lit("1.234."), Some((1234.0, false, 3)));
        assert_eq!(lit("1.234, 5"), Some((1234.0, false, 3)));
        assert_eq!(lit("12 ,5"), Some((12.0, false, 1)));
    }

    #[test]
    fn exact_decimal_scaling() {
        let v = Decimal {
            mantissa: 131,
            exponent: -2,
        }
        .scale(6);
        assert_eq!(v.to_f64(), 1_310_000.0);
        assert_eq!(
            Decimal {
                mantissa: 587,
                exponent: -1
            }
            .scale(9)
            .to_f64(),
            58_700_000_000.0
        );
    }

    #[test]
    fn formats_the_vietnamese_way() {
        assert_eq!(format_vietnamese(Decimal::int(1_234_567)), "1.234.567");
        assert_eq!(
            format_vietnamese(Decimal {
                mantissa: 6850,
                exponent: -2
            }),
            "68,50"
        );
        assert_eq!(
            format_vietnamese(Decimal {
                mantissa: 5,
                exponent: -3
            }),
            "0,005"
        );
        assert_eq!(
            format_vietnamese(Decimal {
                mantissa: 12,
                exponent: 3
            }),
            "12.000"
        );
    }

    proptest! {
        #[test]
        fn vietnamese_format_round_trips(mantissa in 0i128..1_000_000_000_000, frac in 0i32..4) {
            let d = Decimal { mantissa, exponent: -frac };
            let text = format_vietnamese(d);
            let tokens = Tokens::new(&text, Span::new(0, text.len()));
            let parsed = parse(&tokens, 0);
            prop_assert!(parsed.is_some(), "{} did not parse", text);
            let parsed = parsed.map(|l| l.f64()).unwrap_or(f64::NAN);
            prop_assert_eq!(parsed, d.to_f64(), "{}", text);
        }

        #[test]
        fn never_panics_on_digit_soup(s in "[0-9.,]{0,40}") {
            let tokens = Tokens::new(&s, Span::new(0, s.len()));
            for i in 0..tokens.len() {
                let _ = parse(&tokens, i);
            }
        }
    }
}
