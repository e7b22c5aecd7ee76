//! Generates a seeded, deterministic corpus of realistic report text for
//! benchmarks, by recombining the sentences of the bundled fixtures.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --mb 100 --out /tmp/corpus          # many 2–20 KB files
//! cargo run --release --example gen_corpus -- --mb 100 --out /tmp/one --single    # one DIR/corpus.txt
//! ```
//!
//! Many files (the default): `DIR/doc-0000000.txt` …, each one document of
//! 2–20 KB (uniform), formal reports and news pages. `--single`: one formal
//! report of N MB in `DIR/corpus.txt`, with many parts (`I.` … `CXX.`) of
//! numbered sections — one long document rather than concatenated pages,
//! because the extractor rightly stops reading a page at its related-news
//! list (`Tin liên quan`) or its closing block (`Nơi nhận`).
//!
//! Options: `--mb N` (megabytes of 1 000 000 bytes; fractions allowed),
//! `--out DIR`, `--seed S` (default 1), `--single`.
//!
//! Every document gets a formal header (agency, `Số: 123/BC-STTTT`, a
//! place-date line) or a news-page frame (menu, `Đăng ngày`, `Lượt xem`,
//! `Chia sẻ`, `Tin liên quan`), a title, headings (`I.`, `1.`, `a)`), body
//! paragraphs and bullet lists built from fixture sentences whose numbers are
//! replaced by fresh numbers in the same Vietnamese shape (dot thousands,
//! comma decimals, leading zeros, dates, x/y ratios, years shifted together),
//! occasional tables, and a results part followed by a plan part.
//!
//! The same seed and the same `fixtures/*.txt` give the same bytes. Memory
//! stays flat: each document (at most ~20 KB), or each ~64 KB piece of the
//! single document, is written as soon as it is built.
//!
//! The generator is also included by `benches/pipeline.rs` (`corpus` module).

use std::io::Write;
use std::path::PathBuf;

/// The generator proper, shared with the benchmarks.
pub mod corpus {
    use std::fmt::Write as _;
    use std::path::Path;

    /// SplitMix64: small, fast, good enough for test data, no dependency.
    #[derive(Debug, Clone)]
    pub struct Rng(u64);

    impl Rng {
        /// A generator from a seed.
        pub fn new(seed: u64) -> Self {
            Rng(seed ^ 0x5851_f42d_4c95_7f2d)
        }

        /// The next 64 random bits.
        pub fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }

        /// Uniform in `lo..=hi`.
        pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
            lo + self.next_u64() % (hi - lo + 1)
        }

        /// True with probability `p`.
        pub fn chance(&mut self, p: f64) -> bool {
            ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
        }

        /// One element of a non-empty slice.
        pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.next_u64() as usize % items.len()]
        }
    }

    const PROVINCES: &[&str] = &[
        "Ninh Thuận",
        "Ninh Bình",
        "Bắc Kạn",
        "Bắc Ninh",
        "Bình Định",
        "Cà Mau",
        "Đắk Lắk",
        "Đắk Nông",
        "Gia Lai",
        "Hà Tĩnh",
        "Hậu Giang",
        "Hưng Yên",
        "Khánh Hòa",
        "Lâm Đồng",
        "Lào Cai",
        "Nam Định",
        "Phú Yên",
        "Quảng Nam",
        "Quảng Ngãi",
        "Quảng Trị",
        "Sóc Trăng",
        "Sơn La",
        "Tây Ninh",
        "Thái Bình",
        "Thái Nguyên",
        "Tuyên Quang",
        "Vĩnh Long",
        "Bà Rịa - Vũng Tàu",
    ];

    const MENUS: &[&str] = &[
        "Trang chủ | Giới thiệu | Tin tức - Sự kiện | Văn bản | Thủ tục hành chính | Liên hệ",
        "Trang chủ > Tin tức > Hoạt động của Sở",
        "Giới thiệu  Tin tức  Chuyển đổi số  Dịch vụ công  Hỏi đáp",
        "Cỡ chữ: A A A | In trang | Gửi email",
        "Bưu chính - Viễn thông | Công nghệ thông tin | Báo chí - Xuất bản",
    ];

    const CHROME: &[&str] = &[
        "Chia sẻ",
        "Chia sẻ: Facebook Zalo Twitter",
        "In bài viết",
        "Quay lại",
        "Bình luận",
        "Đánh giá bài viết",
        "Xem thêm",
        "Thông tin cần biết",
    ];

    const PAGE_ENDS: &[&str] = &["Chia sẻ", "In bài viết", "Quay lại"];

    const AUTHORS: &[&str] = &[
        "Minh Châu",
        "Bảo Ngọc",
        "Châu Thị Từ Nghĩa",
        "Văn phòng Sở",
        "Thanh Hương",
        "Nguyễn Văn Hùng",
        "Phòng Bưu chính - Viễn thông",
    ];

    const SIGNERS: &[&str] = &[
        "Lò Văn Thành",
        "Nguyễn Thị Hoa",
        "Trần Minh Đức",
        "Phạm Quốc Bảo",
        "Lê Thị Thu Hà",
    ];

    const FIELDS: &[&str] = &[
        "Công tác chỉ đạo, điều hành và tham mưu",
        "Lĩnh vực bưu chính, viễn thông",
        "Lĩnh vực công nghệ thông tin, chuyển đổi số",
        "Lĩnh vực an toàn thông tin",
        "Lĩnh vực báo chí, xuất bản, thông tin cơ sở",
        "Công tác thanh tra, kiểm tra",
        "Công tác cải cách hành chính",
        "Hạ tầng viễn thông",
        "Dịch vụ công trực tuyến",
    ];

    const LETTERS: &[&str] = &["a", "b", "c", "d", "đ", "e"];

    /// Sentences, headings and tables taken from the fixtures.
    #[derive(Debug, Default, Clone)]
    pub struct Pools {
        /// Body sentences about results.
        pub results: Vec<String>,
        /// Body sentences about plans and targets.
        pub plans: Vec<String>,
        /// Heading texts without their numbering.
        pub headings: Vec<String>,
        /// Tables: consecutive tab-separated lines.
        pub tables: Vec<Vec<String>>,
        /// Related-news titles.
        pub related: Vec<String>,
    }

    fn is_plan(s: &str) -> bool {
        let lower = s.to_lowercase();
        [
            "phấn đấu",
            "chỉ tiêu",
            "mục tiêu",
            "dự kiến",
            "kế hoạch năm",
            "đến năm",
            "tiếp tục",
            " sẽ ",
            "trong thời gian tới",
        ]
        .iter()
        .any(|k| lower.contains(k))
    }

    /// Strips `I. `, `1. `, `1.2. `, `a) ` numbering (true) or a `- `/`+ `
    /// bullet (false); returns (rest, whether heading numbering was found).
    fn strip_numbering(line: &str) -> (&str, bool) {
        let t = line.trim();
        for bullet in ["- ", "+ ", "• ", "* "] {
            if let Some(rest) = t.strip_prefix(bullet) {
                return (rest.trim(), false);
            }
        }
        let end = t
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || "IVX".contains(c)))
            .map(|(i, _)| i)
            .unwrap_or(t.len());
        if end > 0 && t[..end].ends_with('.') && t[end..].starts_with(' ') {
            return (t[end..].trim(), true);
        }
        let mut chars = t.char_indices();
        if let (Some((_, c)), Some((i, ')'))) = (chars.next(), chars.next())
            && c.is_lowercase()
            && t[i + 1..].starts_with(' ')
        {
            return (t[i + 1..].trim(), true);
        }
        (t, false)
    }

    /// Splits a paragraph into sentences at `. ` / `! ` / `? ` before a capital.
    fn sentences(par: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = par.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
                let next = par[i + 1..].trim_start().chars().next();
                if next.is_some_and(|c| c.is_uppercase()) {
                    let s = par[start..=i].trim();
                    if !s.is_empty() {
                        out.push(s);
                    }
                    start = i + 1;
                }
            }
        }
        let s = par[start..].trim();
        if !s.is_empty() {
            out.push(s);
        }
        out
    }

    fn is_numeric_cell(cell: &str) -> bool {
        let c = cell.trim();
        !c.is_empty()
            && c.chars().any(|ch| ch.is_ascii_digit())
            && c.chars()
                .all(|ch| ch.is_ascii_digit() || ".,%/ -".contains(ch))
    }

    impl Pools {
        /// Reads every `*.txt` in `dir`, in name order.
        pub fn from_dir(dir: &Path) -> std::io::Result<Pools> {
            let mut paths: Vec<_> = std::fs::read_dir(dir)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            paths.sort();
            let mut pools = Pools::default();
            for path in paths {
                let text = std::fs::read_to_string(&path)?;
                pools.add_text(&text);
            }
            pools.results.sort();
            pools.results.dedup();
            pools.plans.sort();
            pools.plans.dedup();
            pools.headings.sort();
            pools.headings.dedup();
            pools.related.sort();
            pools.related.dedup();
            if pools.results.is_empty() {
                return Err(std::io::Error::other(format!(
                    "{}: no usable sentences in *.txt",
                    dir.display()
                )));
            }
            if pools.plans.is_empty() {
                pools.plans = pools.results.clone();
            }
            if pools.headings.is_empty() {
                pools.headings = FIELDS.iter().map(|s| s.to_string()).collect();
            }
            Ok(pools)
        }

        /// Adds one fixture's text.
        pub fn add_text(&mut self, text: &str) {
            let mut table: Vec<String> = Vec::new();
            let mut numeric_rows = 0;
            let mut flush = |table: &mut Vec<String>, numeric_rows: &mut usize| {
                if *numeric_rows >= 2 {
                    self.tables.push(std::mem::take(table));
                }
                table.clear();
                *numeric_rows = 0;
            };
            for raw in text.lines() {
                let line = raw.trim_end();
                if line.contains('\t') {
                    if line.split('\t').any(is_numeric_cell) {
                        numeric_rows += 1;
                    }
                    table.push(line.to_string());
                    continue;
                }
                flush(&mut table, &mut numeric_rows);
                let t = line.trim();
                if t.chars().count() < 25 {
                    continue; // chrome, signatures, short labels: generated instead
                }
                // Header and closing-block lines (some fixtures align them with
                // spaces, not tabs) would end or restart a document mid-body.
                let layout = [
                    "Nơi nhận",
                    "Độc lập - Tự do",
                    "CỘNG HÒA XÃ HỘI",
                    "Kính gửi",
                    "đã ký",
                    "Đã ký",
                    "GIÁM ĐỐC",
                    "     ",
                ];
                if layout.iter().any(|k| t.contains(k)) {
                    continue;
                }
                if t.ends_with("SA)") || t.ends_with("CH)") {
                    self.related.push(t.to_string());
                    continue;
                }
                let (rest, numbered) = strip_numbering(t);
                let short = rest.chars().count() <= 90;
                if numbered && short && !rest.ends_with('.') && !rest.contains(". ") {
                    let upper = rest
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(|c| c.is_uppercase());
                    if !upper && rest.chars().next().is_some_and(|c| c.is_uppercase()) {
                        self.headings.push(rest.trim_end_matches(':').to_string());
                    }
                    continue;
                }
                if rest
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| c.is_uppercase())
                {
                    continue; // upper-case titles and headings: generated instead
                }
                for s in sentences(rest) {
                    if s.chars().count() < 20 {
                        continue;
                    }
                    if is_plan(s) {
                        self.plans.push(s.to_string());
                    } else {
                        self.results.push(s.to_string());
                    }
                }
            }
            flush(&mut table, &mut numeric_rows);
        }
    }

    /// Builds documents.
    #[derive(Debug, Clone)]
    pub struct Generator {
        pools: Pools,
        rng: Rng,
    }

    /// Per-document settings numbers are varied with.
    struct Ctx {
        /// Added to every year, so ranges and comparisons stay ordered.
        shift: i64,
    }

    /// `len` random digits; `leading_zero` keeps the `05` style (zeros, then one non-zero digit).
    fn digits(rng: &mut Rng, len: usize, leading_zero: bool) -> String {
        if leading_zero {
            if len <= 1 {
                return "0".into();
            }
            let mut s = "0".repeat(len - 1);
            s.push(char::from(b'0' + rng.range(1, 9) as u8));
            return s;
        }
        let mut s = String::with_capacity(len);
        for i in 0..len {
            let d = if i == 0 {
                rng.range(1, 9)
            } else {
                rng.range(0, 9)
            };
            s.push(char::from(b'0' + d as u8));
        }
        s
    }

    /// `1234567` → `1.234.567`.
    pub fn thousands(v: u64) -> String {
        let raw = v.to_string();
        let mut out = String::with_capacity(raw.len() + raw.len() / 3);
        for (i, c) in raw.chars().enumerate() {
            if i > 0 && (raw.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        out
    }

    fn pad(v: u64, width: usize, zero: bool) -> String {
        if zero {
            format!("{v:0width$}")
        } else {
            v.to_string()
        }
    }

    fn year_like(g: &str) -> Option<i64> {
        let v: i64 = g.parse().ok()?;
        (g.len() == 4 && (1990..=2040).contains(&v)).then_some(v)
    }

    impl Generator {
        /// A generator over `pools` with `seed`.
        pub fn new(pools: Pools, seed: u64) -> Self {
            Generator {
                pools,
                rng: Rng::new(seed),
            }
        }

        /// A generator over the crate's `fixtures/` directory.
        pub fn from_fixtures(seed: u64) -> std::io::Result<Self> {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
            Ok(Generator::new(Pools::from_dir(&dir)?, seed))
        }

        /// The random source (for sizes and names).
        pub fn rng(&mut self) -> &mut Rng {
            &mut self.rng
        }

        fn replace_chunk(
            &mut self,
            groups: &[&str],
            seps: &[u8],
            percent: bool,
            prev_word: &str,
            next_word: &str,
            ctx: &Ctx,
        ) -> String {
            let rng = &mut self.rng;
            let lead0 = |g: &str| g.len() > 1 && g.starts_with('0');
            let year = |g: &str, rng: &mut Rng| match year_like(g) {
                Some(y) => (y + ctx.shift).to_string(),
                None => digits(rng, g.len(), lead0(g)),
            };
            if seps.is_empty() {
                let g = groups[0];
                if year_like(g).is_some() && !percent {
                    return year(g, rng);
                }
                let zero = g.len() == 2 && g.starts_with('0');
                if next_word == "giờ" && g.len() <= 2 {
                    return pad(rng.range(7, 17), g.len(), zero);
                }
                match prev_word {
                    "giờ" if g.len() <= 2 => return pad(rng.range(0, 59), 2, true),
                    "ngày" if g.len() <= 2 => return pad(rng.range(1, 28), g.len(), zero),
                    "tháng" if g.len() <= 2 => return pad(rng.range(1, 12), g.len(), zero),
                    "quý" | "lần" | "mức" | "độ" | "cấp" | "khóa" | "điều" | "khoản" | "số" =>
                    {
                        return digits(rng, g.len(), lead0(g));
                    }
                    _ => {}
                }
                if percent {
                    return match g.len() {
                        1 => rng.range(1, 9).to_string(),
                        2 if lead0(g) => pad(rng.range(1, 9), 2, true),
                        2 => rng.range(10, 99).to_string(),
                        _ => "100".into(),
                    };
                }
                if lead0(g) || g == "0" {
                    return digits(rng, g.len(), true);
                }
                if g.len() <= 3 {
                    let len = match rng.range(0, 5) {
                        0 => g.len().saturating_sub(1).max(1),
                        1 => g.len() + 1,
                        _ => g.len(),
                    };
                    let lo = if len == 1 {
                        1
                    } else {
                        10u64.pow(len as u32 - 1)
                    };
                    return thousands(rng.range(lo, 10u64.pow(len as u32) - 1));
                }
                return digits(rng, g.len(), false);
            }
            if seps == [b':'] {
                // A clock time, or a standard's year (`QCVN 90:2011`).
                let (h, m) = (groups[0], groups[1]);
                if year_like(m).is_some() {
                    return format!("{}:{}", digits(rng, h.len(), lead0(h)), year(m, rng));
                }
                return format!(
                    "{}:{}",
                    pad(rng.range(7, 17), h.len(), h.len() == 2),
                    pad(rng.range(0, 59), m.len(), true)
                );
            }
            if seps.iter().all(|&s| s == b'/') {
                let day = |g: &str, rng: &mut Rng| pad(rng.range(1, 28), g.len(), g.len() == 2);
                let month = |g: &str, rng: &mut Rng| pad(rng.range(1, 12), g.len(), g.len() == 2);
                match groups {
                    [d, m, y] => {
                        return format!("{}/{}/{}", day(d, rng), month(m, rng), year(y, rng));
                    }
                    [a, y] if year_like(y).is_some() => {
                        let first = match a.parse::<u64>() {
                            Ok(v) if a.len() <= 2 && (1..=12).contains(&v) => month(a, rng),
                            _ => digits(rng, a.len(), lead0(a)),
                        };
                        return format!("{first}/{}", year(y, rng));
                    }
                    [d, m] if matches!(prev_word, "ngày" | "đến" | "từ" | "hết") => {
                        return format!("{}/{}", day(d, rng), month(m, rng));
                    }
                    [x, y] => {
                        let total = if *y == "63" {
                            63
                        } else {
                            let lo = if y.len() == 1 {
                                1
                            } else {
                                10u64.pow(y.len() as u32 - 1)
                            };
                            rng.range(lo, 10u64.pow(y.len() as u32) - 1)
                        };
                        let part = if rng.chance(0.4) {
                            total
                        } else {
                            rng.range(0, total)
                        };
                        let zero = lead0(x) || lead0(y);
                        return format!(
                            "{}/{}",
                            pad(part, x.len(), zero),
                            pad(total, y.len(), zero)
                        );
                    }
                    _ => {}
                }
            }
            // Dot thousands, comma decimals, or anything else: same shape, new digits.
            let int_groups = seps.iter().take_while(|&&s| s != b',').count() + 1;
            let mut out = if percent {
                // A percentage keeps at most two integer digits ("1.234,5%" is not one).
                match groups[0] {
                    g if int_groups == 1 && g.len() < 3 => digits(rng, g.len(), lead0(g)),
                    _ => rng.range(1, 99).to_string(),
                }
            } else {
                let mut out = digits(rng, groups[0].len(), lead0(groups[0]) || groups[0] == "0");
                for i in 1..int_groups {
                    out.push(char::from(seps[i - 1]));
                    out.push_str(&digits(rng, groups[i].len(), false));
                }
                out
            };
            for i in int_groups..groups.len() {
                out.push(char::from(seps[i - 1]));
                let d = (0..groups[i].len())
                    .map(|_| char::from(b'0' + rng.range(0, 9) as u8))
                    .collect::<String>();
                out.push_str(&d);
            }
            out
        }

        /// `s` with every free-standing number replaced by a new one of the same shape.
        fn vary(&mut self, s: &str, ctx: &Ctx) -> String {
            let b = s.as_bytes();
            let mut out = String::with_capacity(s.len() + 8);
            let (mut i, mut last) = (0, 0);
            while i < b.len() {
                if !b[i].is_ascii_digit() {
                    i += 1;
                    continue;
                }
                let start = i;
                let mut groups = Vec::new();
                let mut seps = Vec::new();
                loop {
                    let g = i;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    groups.push(&s[g..i]);
                    if i + 1 < b.len()
                        && matches!(b[i], b'.' | b',' | b'/' | b':')
                        && b[i + 1].is_ascii_digit()
                    {
                        seps.push(b[i]);
                        i += 1;
                    } else {
                        break;
                    }
                }
                let before = &s[..start];
                let mut back = before.chars().rev();
                let glued_before = match back.next() {
                    Some(c) if c.is_alphanumeric() => true,
                    Some('-') => back.next().is_some_and(|c| c.is_alphabetic()),
                    _ => false,
                };
                let glued_after = s[i..].chars().next().is_some_and(|c| c.is_alphabetic());
                if glued_before || glued_after {
                    continue; // 4G, IPv6, Covid-19, H1: names, not figures
                }
                let percent = s[i..].trim_start_matches(' ').starts_with('%');
                let prev_word = before
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                let next_word = s[i..].trim_start().split(' ').next().unwrap_or("");
                out.push_str(&s[last..start]);
                let new = self.replace_chunk(&groups, &seps, percent, &prev_word, next_word, ctx);
                out.push_str(&new);
                last = i;
            }
            out.push_str(&s[last..]);
            out
        }

        fn sentence(&mut self, plan: bool, ctx: &Ctx) -> String {
            let pool = if plan {
                &self.pools.plans
            } else {
                &self.pools.results
            };
            let s = self.rng.pick(pool).clone();
            self.vary(&s, ctx)
        }

        fn paragraph(&mut self, out: &mut String, plan: bool, ctx: &Ctx) {
            if self.rng.chance(0.35) {
                let bullet = if self.rng.chance(0.8) { "- " } else { "+ " };
                for _ in 0..self.rng.range(2, 6) {
                    let s = self.sentence(plan, ctx);
                    out.push_str(bullet);
                    out.push_str(&s);
                    out.push('\n');
                }
            } else {
                for k in 0..self.rng.range(1, 5) {
                    if k > 0 {
                        out.push(' ');
                    }
                    let s = self.sentence(plan, ctx);
                    out.push_str(&s);
                }
                out.push('\n');
            }
            if self.rng.chance(0.5) {
                out.push('\n');
            }
        }

        fn table(&mut self, out: &mut String, ctx: &Ctx) {
            if self.pools.tables.is_empty() {
                return;
            }
            let table = self.rng.pick(&self.pools.tables).clone();
            for row in table {
                let row = self.vary(&row, ctx);
                out.push_str(&row);
                out.push('\n');
            }
            out.push('\n');
        }

        fn chrome(&mut self, out: &mut String) {
            let line = *self.rng.pick(CHROME);
            out.push_str(line);
            out.push('\n');
        }

        /// Sections of paragraphs under numbered headings until `out` reaches `until` bytes.
        fn sections(&mut self, out: &mut String, until: usize, plan: bool, ctx: &Ctx) {
            let mut number = 1;
            while out.len() < until {
                let heading = if !plan && self.rng.chance(0.3) {
                    self.rng.pick(FIELDS).to_string()
                } else {
                    let h = self.rng.pick(&self.pools.headings).clone();
                    self.vary(&h, ctx)
                };
                let _ = writeln!(out, "{number}. {heading}");
                number += 1;
                let subs = if self.rng.chance(0.3) {
                    self.rng.range(2, 3)
                } else {
                    0
                };
                for k in 0..subs.max(1) {
                    if subs > 0 {
                        let h = self.rng.pick(&self.pools.headings).clone();
                        let h = self.vary(&h, ctx);
                        let _ = writeln!(out, "{}) {h}", LETTERS[k as usize]);
                    }
                    for _ in 0..self.rng.range(1, 3) {
                        self.paragraph(out, plan, ctx);
                    }
                    if !plan && self.rng.chance(0.08) {
                        self.table(out, ctx);
                    }
                    if self.rng.chance(0.04) {
                        self.chrome(out);
                    }
                }
                if out.len() >= until {
                    break;
                }
            }
        }

        fn date(&mut self, year: i64) -> (u64, u64, i64) {
            (self.rng.range(1, 28), self.rng.range(1, 12), year)
        }

        /// Writes a header (formal or a news page) and returns what the rest needs.
        fn begin(&mut self, out: &mut String, formal: bool) -> Frame {
            let year = self.rng.range(2019, 2025) as i64;
            let ctx = Ctx {
                shift: year - 2022 + self.rng.range(0, 2) as i64 - 1,
            };
            let province = *self.rng.pick(PROVINCES);
            let number = self.rng.range(1, 4200);
            let plan_doc = self.rng.chance(0.15);
            let code = if plan_doc { "KH-STTTT" } else { "BC-STTTT" };
            let (period, next, period_up) = match self.rng.range(0, 4) {
                0 => (
                    format!("năm {year}"),
                    format!("năm {}", year + 1),
                    format!("NĂM {year}"),
                ),
                1 => (
                    format!("6 tháng đầu năm {year}"),
                    format!("6 tháng cuối năm {year}"),
                    format!("6 THÁNG ĐẦU NĂM {year}"),
                ),
                2 => (
                    format!("9 tháng năm {year}"),
                    format!("3 tháng cuối năm {year}"),
                    format!("9 THÁNG NĂM {year}"),
                ),
                3 => {
                    let q = self.rng.range(1, 3) as usize;
                    (
                        format!("quý {}/{year}", roman(q)),
                        format!("quý {}/{year}", roman(q + 1)),
                        format!("QUÝ {}/{year}", roman(q)),
                    )
                }
                _ => {
                    let m = self.rng.range(1, 11);
                    (
                        format!("tháng {m:02}/{year}"),
                        format!("tháng {:02}/{year}", m + 1),
                        format!("THÁNG {m:02}/{year}"),
                    )
                }
            };
            let title = if plan_doc {
                format!("Kế hoạch chuyển đổi số và phát triển hạ tầng số {next}")
            } else {
                format!("Kết quả thực hiện nhiệm vụ {period} và phương hướng, nhiệm vụ {next}")
            };
            let (d, m, y) = self.date(year);
            if formal {
                let upper = province.to_uppercase();
                if self.rng.chance(0.5) {
                    let _ = writeln!(out, "UBND TỈNH {upper}\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
                    let _ = writeln!(
                        out,
                        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG\tĐộc lập - Tự do - Hạnh phúc"
                    );
                    let _ = writeln!(
                        out,
                        "Số: {number}/{code}\t{province}, ngày {d:02} tháng {m} năm {y}"
                    );
                } else {
                    let _ = writeln!(out, "ỦY BAN NHÂN DÂN TỈNH {upper}");
                    let _ = writeln!(out, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG");
                    let _ = writeln!(out, "Số: {number}/{code}");
                    let _ = writeln!(out, "{province}, ngày {d} tháng {m} năm {y}");
                }
                out.push('\n');
                out.push_str(if plan_doc {
                    "KẾ HOẠCH\n"
                } else {
                    "BÁO CÁO\n"
                });
                let _ = writeln!(out, "{title}\n");
                let (d2, m2, _) = self.date(year);
                let _ = writeln!(
                    out,
                    "Thực hiện Công văn số {}/UBND-VX ngày {d2:02}/{m2:02}/{year} của UBND tỉnh, Sở Thông tin và Truyền thông báo cáo như sau:\n",
                    self.rng.range(100, 4999)
                );
            } else {
                let menu = *self.rng.pick(MENUS);
                let _ = writeln!(out, "{menu}\n");
                let _ = writeln!(out, "{title}\n");
                let _ = writeln!(out, "Đăng ngày {d:02} - {m:02} - {y}");
                let _ = writeln!(out, "Lượt xem: {}", self.rng.range(20, 2000));
                out.push_str("100%\n\n");
                let _ = writeln!(
                    out,
                    "Ngày {d}/{m}/{y}, Sở Thông tin và Truyền thông tỉnh {province} đã ban hành báo cáo số {number}/{code} về kết quả thực hiện nhiệm vụ {period}.\n"
                );
            }
            Frame {
                ctx,
                next,
                period_up,
            }
        }

        fn signature(&mut self, out: &mut String) {
            out.push_str("\nNơi nhận:\tGIÁM ĐỐC\n- UBND tỉnh (b/c);\t(đã ký)\n");
            let _ = writeln!(out, "- Lưu: VT, BCVT.\t{}", self.rng.pick(SIGNERS));
        }

        /// Appends one document of about `target` bytes (at least the header) to `out`:
        /// a formal report (60%) or a news page (40%).
        pub fn document(&mut self, target: usize, out: &mut String) {
            let start = out.len();
            let formal = self.rng.chance(0.6);
            let frame = self.begin(out, formal);
            let ctx = &frame.ctx;
            let body = target.saturating_sub(out.len() - start);
            let results_until = out.len() + body * 7 / 10;
            let plans_until = out.len() + body;
            if formal {
                let _ = writeln!(out, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ {}", frame.period_up);
                self.sections(out, results_until, false, ctx);
                let next = frame.next.to_uppercase();
                if self.rng.chance(0.3) {
                    out.push_str("II. TỒN TẠI, HẠN CHẾ\n");
                    self.paragraph(out, false, ctx);
                    let _ = writeln!(out, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ {next}");
                } else {
                    let _ = writeln!(out, "II. PHƯƠNG HƯỚNG, NHIỆM VỤ {next}");
                }
                self.sections(out, plans_until, true, ctx);
                self.signature(out);
            } else {
                while out.len() < results_until {
                    self.paragraph(out, false, ctx);
                    if self.rng.chance(0.05) {
                        self.chrome(out);
                    }
                }
                out.push_str("\nPhương hướng nhiệm vụ thời gian tới:\n");
                while out.len() < plans_until {
                    self.paragraph(out, true, ctx);
                }
                out.push('\n');
                let _ = writeln!(out, "{}\n", self.rng.pick(AUTHORS));
                let end = *self.rng.pick(PAGE_ENDS);
                out.push_str(end);
                out.push_str("\nTin liên quan\n\n");
                if !self.pools.related.is_empty() {
                    for _ in 0..self.rng.range(2, 4) {
                        let r = self.rng.pick(&self.pools.related).clone();
                        let r = self.vary(&r, ctx);
                        let _ = writeln!(out, "{r}\n");
                    }
                }
                let _ = writeln!(out, "Đang truy cập: {}", self.rng.range(5, 200));
            }
        }

        /// Writes one long formal report of about `target` bytes through `write`,
        /// in pieces of at most ~64 KB: many parts (`I.`, `II.` …) of numbered
        /// sections, results first (70%), then plans, then the signature block.
        /// (Concatenated pages would not do: the extractor rightly stops reading
        /// a page at its related-news list or its closing block.)
        pub fn long_document(
            &mut self,
            target: u64,
            write: &mut dyn FnMut(&str) -> std::io::Result<()>,
        ) -> std::io::Result<u64> {
            let mut out = String::with_capacity(128 * 1024);
            let frame = self.begin(&mut out, true);
            let mut written = 0u64;
            let results_until = target * 7 / 10;
            let mut part = 1;
            while written + (out.len() as u64) < target {
                let plan = written + out.len() as u64 >= results_until;
                let title = if plan {
                    match self.rng.range(0, 2) {
                        0 => format!("PHƯƠNG HƯỚNG, NHIỆM VỤ {}", frame.next.to_uppercase()),
                        1 => "NHIỆM VỤ, GIẢI PHÁP".to_string(),
                        _ => "MỤC TIÊU, CHỈ TIÊU".to_string(),
                    }
                } else {
                    match self.rng.range(0, 3) {
                        0 => format!("KẾT QUẢ THỰC HIỆN NHIỆM VỤ {}", frame.period_up),
                        1 => "KẾT QUẢ TRÊN TỪNG LĨNH VỰC".to_string(),
                        2 => "TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU".to_string(),
                        _ => "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH".to_string(),
                    }
                };
                let _ = writeln!(out, "{}. {title}", roman(part));
                part += 1;
                let size = self.rng.range(8_000, 40_000) as usize;
                let until = out.len() + size;
                self.sections(&mut out, until, plan, &frame.ctx);
                if out.len() >= 64 * 1024 {
                    write(&out)?;
                    written += out.len() as u64;
                    out.clear();
                }
            }
            self.signature(&mut out);
            write(&out)?;
            Ok(written + out.len() as u64)
        }
    }

    /// What the parts after the header need.
    struct Frame {
        ctx: Ctx,
        next: String,
        period_up: String,
    }

    /// `n` in Roman numerals (1 ≤ n < 4000).
    pub fn roman(mut n: usize) -> String {
        const TABLE: &[(usize, &str)] = &[
            (1000, "M"),
            (900, "CM"),
            (500, "D"),
            (400, "CD"),
            (100, "C"),
            (90, "XC"),
            (50, "L"),
            (40, "XL"),
            (10, "X"),
            (9, "IX"),
            (5, "V"),
            (4, "IV"),
            (1, "I"),
        ];
        let mut out = String::new();
        for &(value, digits) in TABLE {
            while n >= value {
                out.push_str(digits);
                n -= value;
            }
        }
        out
    }
}

struct Args {
    mb: f64,
    out: PathBuf,
    seed: u64,
    single: bool,
}

const USAGE: &str = "usage: gen_corpus --mb N --out DIR [--seed S] [--single]";

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let (mut mb, mut out, mut seed, mut single) = (None, None, 1u64, false);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--mb" => {
                let v = value("--mb")?;
                mb = Some(v.parse::<f64>().map_err(|e| format!("--mb {v}: {e}"))?);
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--seed" => {
                let v = value("--seed")?;
                seed = v.parse().map_err(|e| format!("--seed {v}: {e}"))?;
            }
            "--single" => single = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    let mb = mb
        .filter(|m| *m > 0.0)
        .ok_or(format!("--mb N (> 0) is required\n{USAGE}"))?;
    let out = out.ok_or(format!("--out DIR is required\n{USAGE}"))?;
    Ok(Args {
        mb,
        out,
        seed,
        single,
    })
}

fn run(args: &Args) -> std::io::Result<(usize, u64)> {
    let mut generator = corpus::Generator::from_fixtures(args.seed)?;
    std::fs::create_dir_all(&args.out)?;
    let total = (args.mb * 1_000_000.0) as u64;
    if args.single {
        let file = std::fs::File::create(args.out.join("corpus.txt"))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        let written = generator.long_document(total, &mut |s| w.write_all(s.as_bytes()))?;
        w.flush()?;
        return Ok((1, written));
    }
    let mut written = 0u64;
    let mut docs = 0usize;
    let mut buf = String::with_capacity(32 * 1024);
    while written < total {
        buf.clear();
        let target = generator.rng().range(2_000, 20_000) as usize;
        let target = target.min((total - written) as usize).max(1_000);
        generator.document(target, &mut buf);
        std::fs::write(args.out.join(format!("doc-{docs:07}.txt")), buf.as_bytes())?;
        written += buf.len() as u64;
        docs += 1;
    }
    Ok((docs, written))
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    match run(&args) {
        Ok((docs, bytes)) => eprintln!(
            "gen_corpus: {docs} documents, {bytes} bytes ({:.1} MB) in {}{}",
            bytes as f64 / 1e6,
            args.out.display(),
            if args.single { "/corpus.txt" } else { "" }
        ),
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            std::process::exit(1);
        }
    }
}
