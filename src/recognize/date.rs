//! Dates and reporting periods.
//!
//! Dates: `22/10/2021`, `22-10-2021`, `22.10.2021`, `ngày 22 tháng 10 năm
//! 2021`, day-month without a year (`ngày 20/02`, `(12/8)`, resolved against
//! the document's year later). Invalid calendar dates are rejected.
//!
//! Periods: `năm 2021`, `tháng 02/2023`, `quý I/2023`, `6 tháng đầu năm
//! 2022`, `9 tháng năm 2023`, `giai đoạn 2021-2025`, `tuần 37/2017`.

use serde::Serialize;

use super::number;
use crate::token::{TokenKind, Tokens};

/// A calendar date; `year` is `None` when the text leaves it implied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    /// Year, when written.
    pub year: Option<i32>,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
}

impl Date {
    /// A checked date.
    pub fn new(year: Option<i32>, month: u32, day: u32) -> Option<Date> {
        let max = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 => match year {
                Some(y) if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
                Some(_) => 28,
                None => 29,
            },
            _ => return None,
        };
        if day == 0 || day > max || year.is_some_and(|y| !(1900..=2100).contains(&y)) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// ISO form (`2021-10-22`), using `default_year` when the year is implied.
    pub fn iso(&self, default_year: Option<i32>) -> Option<String> {
        let year = self.year.or(default_year)?;
        Some(format!("{year:04}-{:02}-{:02}", self.month, self.day))
    }
}

/// A reporting period or reference time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Period {
    /// A calendar year.
    Year(i32),
    /// A month.
    Month {
        /// Year, when written.
        year: Option<i32>,
        /// 1–12.
        month: u32,
    },
    /// A quarter.
    Quarter {
        /// Year, when written.
        year: Option<i32>,
        /// 1–4.
        quarter: u32,
    },
    /// A half year.
    Half {
        /// Year, when written.
        year: Option<i32>,
        /// 1 or 2.
        half: u32,
    },
    /// January through month `months` (`9 tháng năm 2023`).
    Months {
        /// Year, when written.
        year: Option<i32>,
        /// Number of months from January.
        months: u32,
    },
    /// A span of years (`giai đoạn 2021-2025`).
    Years(i32, i32),
    /// A week of a year.
    Week {
        /// Year, when written.
        year: Option<i32>,
        /// Week number.
        week: u32,
    },
    /// A single day (`tính đến ngày 30/6/2023`).
    Day(Date),
}

impl Period {
    /// The canonical text (`2021`, `2023-02`, `2023-Q1`, `2022-H1`,
    /// `2023-01/2023-09`, `2021/2025`, `2017-W37`, `2023-06-30`); `None`
    /// when the year is implied and unknown.
    pub fn canonical(&self, default_year: Option<i32>) -> Option<String> {
        let y = |year: Option<i32>| year.or(default_year);
        Some(match *self {
            Period::Year(year) => format!("{year:04}"),
            Period::Month { year, month } => format!("{:04}-{month:02}", y(year)?),
            Period::Quarter { year, quarter } => format!("{:04}-Q{quarter}", y(year)?),
            Period::Half { year, half } => format!("{:04}-H{half}", y(year)?),
            Period::Months { year, months } => {
                let year = y(year)?;
                if months == 12 {
                    format!("{year:04}")
                } else {
                    format!("{year:04}-01/{year:04}-{months:02}")
                }
            }
            Period::Years(a, b) => format!("{a:04}/{b:04}"),
            Period::Week { year, week } => format!("{:04}-W{week:02}", y(year)?),
            Period::Day(d) => d.iso(default_year)?,
        })
    }

    /// The year the period starts in, when written.
    pub fn year(&self) -> Option<i32> {
        match *self {
            Period::Year(y) => Some(y),
            Period::Years(a, _) => Some(a),
            Period::Month { year, .. }
            | Period::Quarter { year, .. }
            | Period::Half { year, .. }
            | Period::Months { year, .. }
            | Period::Week { year, .. } => year,
            Period::Day(d) => d.year,
        }
    }

    /// The first day of the period (for checks against a document date).
    pub fn start(&self, default_year: Option<i32>) -> Option<(i32, u32, u32)> {
        let y = |year: Option<i32>| year.or(default_year);
        Some(match *self {
            Period::Year(year) | Period::Years(year, _) => (year, 1, 1),
            Period::Month { year, month } => (y(year)?, month, 1),
            Period::Quarter { year, quarter } => (y(year)?, (quarter - 1) * 3 + 1, 1),
            Period::Half { year, half } => (y(year)?, if half == 1 { 1 } else { 7 }, 1),
            Period::Months { year, .. } => (y(year)?, 1, 1),
            Period::Week { year, .. } => (y(year)?, 1, 1),
            Period::Day(d) => (y(d.year)?, d.month, d.day),
        })
    }
}

/// A plausible four-digit year.
pub fn year_value(tokens: &Tokens, i: usize) -> Option<i32> {
    if !tokens.kind_is(i, TokenKind::Number) || tokens.key(i).len() != 4 {
        return None;
    }
    let y: i32 = tokens.key(i).parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

fn small(tokens: &Tokens, i: usize, max: u32) -> Option<u32> {
    if !tokens.kind_is(i, TokenKind::Number) || tokens.key(i).len() > 2 {
        return None;
    }
    let v: u32 = tokens.key(i).parse().ok()?;
    (1..=max).contains(&v).then_some(v)
}

fn word_is(tokens: &Tokens, i: usize, word: &str) -> bool {
    tokens.word_is(i, word)
}

/// `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy` at `i` (glued, or spaced hyphens when
/// `loose`): (date, end).
pub fn numeric_date(tokens: &Tokens, i: usize, loose: bool) -> Option<(Date, usize)> {
    let day = small(tokens, i, 31)?;
    for sep in ['/', '-', '.'] {
        let joined = |j: usize| tokens.is_punct(j, sep) && (loose && sep == '-' || tokens.glued(j));
        let attached = |j: usize| loose && sep == '-' || tokens.glued(j);
        if joined(i + 1) && attached(i + 2) {
            let Some(month) = small(tokens, i + 2, 12) else {
                continue;
            };
            if joined(i + 3) && attached(i + 4) {
                if let Some(year) = year_value(tokens, i + 4) {
                    return Date::new(Some(year), month, day).map(|d| (d, i + 5));
                }
                continue;
            }
            if loose {
                return Date::new(None, month, day).map(|d| (d, i + 3));
            }
        }
    }
    None
}

/// `ngày 22 tháng 10 năm 2021` (the word `ngày` already consumed: `i` is the day).
pub fn spelled_date(tokens: &Tokens, i: usize) -> Option<(Date, usize)> {
    let day = small(tokens, i, 31)?;
    if !word_is(tokens, i + 1, "tháng") {
        return None;
    }
    let month = small(tokens, i + 2, 12)?;
    if word_is(tokens, i + 3, "năm")
        && let Some(year) = year_value(tokens, i + 4)
    {
        return Date::new(Some(year), month, day).map(|d| (d, i + 5));
    }
    Date::new(None, month, day).map(|d| (d, i + 3))
}

/// The end of the shape `D tháng M [năm YYYY]` at `i` whatever the values, so
/// an impossible date (`ngày 31 tháng 4 năm 2021`) is refused as a whole.
pub fn spelled_date_shape(tokens: &Tokens, i: usize) -> Option<usize> {
    let short = |j: usize| tokens.kind_is(j, TokenKind::Number) && tokens.key(j).len() <= 2;
    if !(short(i) && word_is(tokens, i + 1, "tháng") && short(i + 2)) {
        return None;
    }
    if word_is(tokens, i + 3, "năm")
        && tokens.kind_is(i + 4, TokenKind::Number)
        && tokens.key(i + 4).len() == 4
    {
        return Some(i + 5);
    }
    Some(i + 3)
}

fn roman(key: &str) -> Option<u32> {
    Some(match key {
        "i" => 1,
        "ii" => 2,
        "iii" => 3,
        "iv" => 4,
        _ => return None,
    })
}

/// `/yyyy` or `năm yyyy` right after `i`: (year, end).
fn year_suffix(tokens: &Tokens, i: usize) -> Option<(i32, usize)> {
    if tokens.is_punct(i, '/') || tokens.is_punct(i, '-') {
        return year_value(tokens, i + 1).map(|y| (y, i + 2));
    }
    if word_is(tokens, i, "năm") {
        return year_value(tokens, i + 1).map(|y| (y, i + 2));
    }
    None
}

/// A period that starts with a word at `i` (`năm`, `tháng`, `quý`,
/// `giai đoạn`, `nhiệm kỳ`, `tuần`): (period, end).
pub fn word_period(tokens: &Tokens, i: usize) -> Option<(Period, usize)> {
    if word_is(tokens, i, "năm") {
        let y = year_value(tokens, i + 1)?;
        return Some(years_or_year(tokens, y, i + 2));
    }
    if word_is(tokens, i, "tháng") {
        let month = small(tokens, i + 1, 12)?;
        return Some(match year_suffix(tokens, i + 2) {
            Some((year, end)) => (
                Period::Month {
                    year: Some(year),
                    month,
                },
                end,
            ),
            None => (Period::Month { year: None, month }, i + 2),
        });
    }
    if word_is(tokens, i, "quý") {
        let quarter = if tokens.kind_is(i + 1, TokenKind::Word) {
            roman(tokens.key(i + 1))?
        } else {
            small(tokens, i + 1, 4)?
        };
        return Some(match year_suffix(tokens, i + 2) {
            Some((year, end)) => (
                Period::Quarter {
                    year: Some(year),
                    quarter,
                },
                end,
            ),
            None => (
                Period::Quarter {
                    year: None,
                    quarter,
                },
                i + 2,
            ),
        });
    }
    if word_is(tokens, i, "tuần") {
        let week = small(tokens, i + 1, 53)?;
        return Some(match year_suffix(tokens, i + 2) {
            Some((year, end)) => (
                Period::Week {
                    year: Some(year),
                    week,
                },
                end,
            ),
            None => (Period::Week { year: None, week }, i + 2),
        });
    }
    let lead = if word_is(tokens, i, "giai") && word_is(tokens, i + 1, "đoạn")
        || word_is(tokens, i, "nhiệm") && word_is(tokens, i + 1, "kỳ")
        || word_is(tokens, i, "thời") && word_is(tokens, i + 1, "kỳ")
    {
        2
    } else {
        return None;
    };
    let y = year_value(tokens, i + lead)?;
    let (p, end) = years_or_year(tokens, y, i + lead + 1);
    matches!(p, Period::Years(..)).then_some((p, end))
}

/// `yyyy` or `yyyy - yyyy` (any dash, spaced or not) starting at year `y`, the token after it at `i`.
fn years_or_year(tokens: &Tokens, y: i32, i: usize) -> (Period, usize) {
    if tokens.is_punct(i, '-')
        && let Some(b) = year_value(tokens, i + 1)
        && b > y
        && b - y <= 30
    {
        return (Period::Years(y, b), i + 2);
    }
    (Period::Year(y), i)
}

/// A period that starts with a count at `i`: `6 tháng đầu năm 2022`,
/// `9 tháng năm 2023`, `6 tháng cuối năm`, or a bare `2021 - 2025`.
pub fn count_period(tokens: &Tokens, i: usize) -> Option<(Period, usize)> {
    if let Some(y) = year_value(tokens, i) {
        let (p, end) = years_or_year(tokens, y, i + 1);
        return matches!(p, Period::Years(..)).then_some((p, end));
    }
    let months = small(tokens, i, 12)?;
    if !word_is(tokens, i + 1, "tháng") {
        return None;
    }
    let mut j = i + 2;
    let mut half = None;
    if word_is(tokens, j, "đầu") {
        j += 1;
        half = Some(1);
    } else if word_is(tokens, j, "cuối") {
        j += 1;
        half = Some(2);
    }
    if !word_is(tokens, j, "năm") {
        return None;
    }
    let (year, end) = match year_value(tokens, j + 1) {
        Some(y) => (Some(y), j + 2),
        None => (None, j + 1),
    };
    let period = match (months, half) {
        (6, Some(h)) => Period::Half { year, half: h },
        (_, Some(2)) => return None,
        _ => Period::Months { year, months },
    };
    Some((period, end))
}

/// `mm/yyyy` or `mm.yyyy` (the press: `cuối 3.2019`) at `i` (glued): a month period.
pub fn month_year(tokens: &Tokens, i: usize) -> Option<(Period, usize)> {
    let month = small(tokens, i, 12)?;
    let sep = tokens.is_punct(i + 1, '/') || tokens.is_punct(i + 1, '.');
    // `3.2019.5` is no month.
    let more = (tokens.is_punct(i + 3, '.') || tokens.is_punct(i + 3, ','))
        && tokens.glued(i + 3)
        && tokens.kind_is(i + 4, TokenKind::Number)
        && tokens.glued(i + 4);
    if sep && tokens.glued(i + 1) && tokens.glued(i + 2) && !more {
        let year = year_value(tokens, i + 2)?;
        return Some((
            Period::Month {
                year: Some(year),
                month,
            },
            i + 3,
        ));
    }
    None
}

/// Whether the literal at `i` is a bare year (four digits, 1900–2100, no separators).
pub fn is_bare_year(tokens: &Tokens, i: usize) -> bool {
    year_value(tokens, i).is_some() && number::parse(tokens, i).is_some_and(|l| l.plain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;

    fn toks(text: &str) -> Tokens {
        Tokens::new(text, Span::new(0, text.len()))
    }

    #[test]
    fn numeric_dates() {
        let ok: &[(&str, bool, Option<i32>, u32, u32)] = &[
            ("22/10/2021", false, Some(2021), 10, 22),
            ("22-10-2021", false, Some(2021), 10, 22),
            ("22.10.2021", false, Some(2021), 10, 22),
            ("05/01/2021", false, Some(2021), 1, 5),
            ("7/10/2020", false, Some(2020), 10, 7),
            ("28 - 10 - 2021", true, Some(2021), 10, 28),
            ("20/02", true, None, 2, 20),
            ("29/02/2024", false, Some(2024), 2, 29),
        ];
        for &(text, loose, year, month, day) in ok {
            let got = numeric_date(&toks(text), 0, loose).map(|(d, _)| d);
            assert_eq!(got, Some(Date { year, month, day }), "{text}");
        }
        for bad in [
            "31/02/2021",
            "29/02/2023",
            "32/10/2021",
            "22/13/2021",
            "09/09",
            "3049/BC",
            "1.234.567",
        ] {
            assert_eq!(
                numeric_date(&toks(bad), 0, false).map(|(d, _)| d),
                None,
                "{bad}"
            );
        }
    }

    #[test]
    fn spelled_dates() {
        let t = toks("22 tháng 10 năm 2021");
        assert_eq!(
            spelled_date(&t, 0).map(|(d, e)| (d.iso(None), e)),
            Some((Some("2021-10-22".into()), 5))
        );
        let t = toks("05 tháng 3");
        assert_eq!(
            spelled_date(&t, 0).map(|(d, _)| d.iso(Some(2020))),
            Some(Some("2020-03-05".into()))
        );
        assert_eq!(spelled_date(&toks("31 tháng 4 năm 2021"), 0), None);
        assert_eq!(spelled_date_shape(&toks("31 tháng 4 năm 2021"), 0), Some(5));
        assert_eq!(spelled_date_shape(&toks("31 tháng 13"), 0), Some(3));
        assert_eq!(spelled_date_shape(&toks("31 tháng"), 0), None);
    }

    #[test]
    fn periods() {
        let cases: &[(&str, &str)] = &[
            ("năm 2021", "2021"),
            ("tháng 02/2023", "2023-02"),
            ("tháng 3 năm 2021", "2021-03"),
            ("quý I/2023", "2023-Q1"),
            ("Quý III/2021", "2021-Q3"),
            ("quý IV năm 2014", "2014-Q4"),
            ("giai đoạn 2021-2025", "2021/2025"),
            ("giai đoạn 2021 - 2025", "2021/2025"),
            ("nhiệm kỳ 2021 - 2026", "2021/2026"),
            ("tuần 37/2017", "2017-W37"),
            ("năm 2021 - 2025", "2021/2025"),
        ];
        for &(text, want) in cases {
            let got = word_period(&toks(text), 0).and_then(|(p, _)| p.canonical(None));
            assert_eq!(got.as_deref(), Some(want), "{text}");
        }
        let counted: &[(&str, &str)] = &[
            ("6 tháng đầu năm 2022", "2022-H1"),
            ("6 tháng cuối năm 2022", "2022-H2"),
            ("9 tháng năm 2023", "2023-01/2023-09"),
            ("9 tháng đầu năm 2023", "2023-01/2023-09"),
            ("2021 - 2025", "2021/2025"),
        ];
        for &(text, want) in counted {
            let got = count_period(&toks(text), 0).and_then(|(p, _)| p.canonical(None));
            assert_eq!(got.as_deref(), Some(want), "{text}");
        }
        assert_eq!(
            count_period(&toks("6 tháng đầu năm"), 0)
                .and_then(|(p, _)| p.canonical(Some(2022)))
                .as_deref(),
            Some("2022-H1")
        );
        assert_eq!(count_period(&toks("03 tháng"), 0), None);
        assert_eq!(word_period(&toks("năm nay"), 0), None);
        assert_eq!(word_period(&toks("giai đoạn tới"), 0), None);
        assert_eq!(
            month_year(&toks("02/2023"), 0)
                .and_then(|(p, _)| p.canonical(None))
                .as_deref(),
            Some("2023-02")
        );
        assert_eq!(
            month_year(&toks("3.2019"), 0)
                .and_then(|(p, _)| p.canonical(None))
                .as_deref(),
            Some("2019-03")
        );
        assert_eq!(month_year(&toks("3.2019.5"), 0), None);
        assert_eq!(month_year(&toks("3.201"), 0), None);
    }
}
