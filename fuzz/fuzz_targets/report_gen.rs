//! The `report` target's input language: a program of byte opcodes that builds
//! Vietnamese-report-like text (see `report.rs`). Kept free of other crates so
//! `tools/dump-report` can print what an input builds.

const FRAGMENTS: &[&str] = &[
    // numbers and figures
    "1.234,5", "09/09", "12/2021", "3049/BC-STTTT", "ngày 22 tháng 10 năm 2021", "07", "0", "100%",
    "1.318", "2.630,75", "3,5%", "3% - 3,5%", "1,5", "25", "260", "05/7", "1/3", "2021-2025",
    "năm 2023", "quý I", "quý IV/2022", "6 tháng đầu năm", "9 tháng năm 2023", "tháng 02/2023",
    "02/QĐ-UBND", "35/2016/QĐ-UBND", "15-NQ/TW", "số 12/KH-UBND", "Số: 3049/BC-STTTT",
    "hai mươi lăm", "một trăm", "mười", "bốn nghìn", "nghìn", "triệu", "tỷ", "ba", "mươi", "lẻ", "linh",
    "08h30", "14 giờ", "thứ 15/63", "hạng 5", "xếp thứ", "bậc",
    // nouns, units, metrics
    "trạm BTS 4G", "trạm BTS", "trạm 5G", "thuê bao", "thuê bao di động", "Internet băng rộng cố định",
    "km cáp quang", "km", "tỷ đồng", "triệu đồng", "đồng", "%", "hồ sơ", "dịch vụ công trực tuyến",
    "mức độ 4", "văn bản", "Quyết định", "Kế hoạch", "Báo cáo", "Công văn", "Nghị quyết", "Thông tư",
    "điểm Bưu điện - Văn hóa xã", "cơ quan báo chí", "tin, bài", "cuộc", "lượt", "doanh nghiệp",
    "Viettel", "VNPT", "MobiFone", "Vietnamobile", "máy tính", "camera", "người", "xã", "thôn",
    // cues and qualifiers
    "trong đó", "hơn", "khoảng", "trên", "dưới", "gần", "ít nhất", "tối đa", "đạt", "ước đạt",
    "phấn đấu", "kế hoạch", "đạt 103% kế hoạch", "tăng", "giảm", "so với", "cùng kỳ", "so với năm 2022",
    "tăng 12,5% so với cùng kỳ", "bằng 109%", "lũy kế", "hiện có", "tổng số", "phát triển mới",
    "lắp đặt thêm", "toàn tỉnh", "các doanh nghiệp", "đã", "được", "của UBND tỉnh", "ban hành", "tỷ lệ",
    "mật độ", "/100 dân", "trên 100 dân", "chiếm", "bình quân", "đến nay", "tính đến ngày",
    // headings and structure
    "I. KẾT QUẢ THỰC HIỆN", "II. PHƯƠNG HƯỚNG, NHIỆM VỤ", "1.", "2.", "a)", "b)", "- ", "+ ", "* ",
    "PHẦN I", "Phương hướng", "Nhiệm vụ năm 2024", "BÁO CÁO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc", "Nơi nhận:", "KT. GIÁM ĐỐC", "STT", "Chỉ tiêu", "Đơn vị", "Kết quả",
    "Ghi chú", "TT\tChỉ tiêu\tĐơn vị tính\tKết quả", "1\tTrạm BTS\tTrạm\t1.318",
    // punctuation
    ":", "(", ")", ";", "-", ",", ".", "/", "…", "...", "\"", "'", "“", "”", "–", "—", "±", "~",
    "<", ">", "=", "≥", "x", "×", "+", "*", "[", "]", "!", "?",
    // odd characters
    "\u{a0}", "\u{202f}", "\u{200b}", "\u{feff}", "\u{ad}", "\r", "\r\n", "\u{2028}", "\u{85}",
    "\u{1}", "\0", "\u{fffd}", "ƣ", "Ð", "ð", "Ư", "Đ", "đ", "ﬁ", "１２３", "٣", "Ⅻ", "²",
    "Quye\u{302}\u{301}t đi\u{323}nh", "ho\u{301}a", "hoá", "tỉ", "tỷ", "\u{301}", "\u{323}\u{302}\u{301}",
];

const SEPARATORS: &[&str] = &[
    " ", " ", " ", "\n", "\n\n", "\t", "\u{a0}", "  ", ", ", ". ", ".\n", ";\n", ":\n", "\r\n", " - ", "\n- ",
];

const COMBINING: &[char] = &[
    '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}', '\u{302}', '\u{306}', '\u{31b}', '\u{308}',
    '\u{327}', '\u{20dd}', '\u{34f}', '\u{1ab0}', '\u{fe20}',
];

const TERMS: &str = include_str!("catalogue_terms.txt");

/// Largest text built; long enough for quadratic behaviour to show within the timeout.
const MAX_LEN: usize = 200_000;

struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = self.data.get(self.pos).copied();
        self.pos += 1;
        b
    }
    fn b(&mut self) -> u8 {
        self.byte().unwrap_or(0)
    }
}

fn number(style: u8, c: &mut Cursor, out: &mut String) {
    let n = (c.b() % 24) as usize + 1;
    let digits: String = (0..n).map(|_| char::from(b'0' + c.b() % 10)).collect();
    match style {
        0 => out.push_str(&digits),
        1 | 2 | 3 => {
            // Vietnamese grouping `1.234.567`, optionally with `,5` decimals, or English `1,234.5`.
            let (group, dec) = if style == 3 { (',', '.') } else { ('.', ',') };
            let len = digits.len();
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (len - i) % 3 == 0 {
                    out.push(group);
                }
                out.push(ch);
            }
            if style != 1 {
                out.push(dec);
                out.push_str(&digits[..digits.len().min(2)]);
            }
        }
        4 => {
            out.push_str(&digits);
            out.push_str(if c.b() % 2 == 0 { "%" } else { " %" });
        }
        5 => {
            // `09/09`, `05/7`
            out.push_str(&digits);
            out.push('/');
            out.push_str(&digits[..digits.len().min(2)]);
        }
        6 => {
            // `12/2021`, `22/10/2021`
            out.push_str(&format!("{:02}/{}", c.b() % 40, 1900 + u32::from(c.b()) * 2));
            if c.b() % 2 == 0 {
                out.push_str(&format!("/{}", 2000 + u32::from(c.b() % 40)));
            }
        }
        _ => {
            // a range `3 - 5`, `3,5% - 4%`
            out.push_str(&digits);
            out.push_str([" - ", "-", " đến ", " – ", "÷"][(c.b() % 5) as usize]);
            out.push_str(&digits[..digits.len().min(3)]);
        }
    }
}

fn op(code: u8, c: &mut Cursor, terms: &[&str], out: &mut String) {
    match code {
        0x00..=0xDF => out.push_str(FRAGMENTS[code as usize % FRAGMENTS.len()]),
        0xE0..=0xE7 => number(code - 0xE0, c, out),
        0xE8 => {
            let i = u16::from_le_bytes([c.b(), c.b()]) as usize;
            out.push_str(terms[i % terms.len()]);
        }
        0xE9 => {
            let v = u32::from_le_bytes([c.b(), c.b(), c.b(), 0]) % 0x11_0000;
            if let Some(ch) = char::from_u32(v) {
                out.push(ch);
            }
        }
        0xEA => out.push(COMBINING[c.b() as usize % COMBINING.len()]),
        0xEB => {
            let count = c.b() as usize * 17 + 2;
            let inner = c.b();
            let mut piece = String::new();
            if inner != 0xEB && inner != 0xFF {
                op(inner, c, terms, &mut piece);
            }
            for _ in 0..count {
                if out.len() + piece.len() > MAX_LEN {
                    break;
                }
                out.push_str(&piece);
            }
        }
        0xEC => {
            let n = c.b() as usize;
            let start = c.pos.min(c.data.len());
            let end = (start + n).min(c.data.len());
            out.push_str(&String::from_utf8_lossy(&c.data[start..end]));
            c.pos = start + n;
        }
        0xED => {
            out.push_str(&format!(
                "ngày {} tháng {} năm {}",
                c.b() % 40,
                c.b() % 14,
                1990 + u32::from(c.b() % 60)
            ));
        }
        0xEE => {
            let types = ["QĐ-UBND", "BC-STTTT", "KH-UBND", "NQ/TW", "NĐ-CP", "TT-BTTTT", "CV-VP", "QyĐ"];
            out.push_str(&format!(
                "{}/{}/{}",
                c.b(),
                2000 + u32::from(c.b() % 30),
                types[(c.b() % 8) as usize]
            ));
        }
        0xEF..=0xFE => out.push_str(SEPARATORS[(code - 0xEF) as usize % SEPARATORS.len()]),
        0xFF => {
            let start = c.pos.min(c.data.len());
            out.push_str(&String::from_utf8_lossy(&c.data[start..]));
            c.pos = c.data.len();
        }
    }
}

/// Builds the text an input program describes.
pub fn build(data: &[u8]) -> String {
    let terms: Vec<&str> = TERMS.lines().filter(|l| !l.is_empty()).collect();
    let mut c = Cursor { data, pos: 0 };
    let mut out = String::new();
    while let Some(code) = c.byte() {
        op(code, &mut c, &terms, &mut out);
        if out.len() > MAX_LEN {
            break;
        }
    }
    out
}
