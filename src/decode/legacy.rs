//! Pre-Unicode Vietnamese 8-bit encodings: decoding to NFC, encoding (for
//! fixtures) and statistical detection on bytes that are not valid UTF-8.
//!
//! Three encodings are covered:
//! - TCVN3 (TCVN 5712:1993 "VN3", the "ABC" fonts such as `.VnTime`): one byte
//!   per letter, lower-case toned letters only;
//! - VNI-Windows (fonts such as `VNI-Times`): an ASCII base letter followed by
//!   a mark byte, plus a few one-byte letters;
//! - Windows-1258: Microsoft's Vietnamese code page, which stores most tones
//!   as separate combining marks.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{
    canonical_combining_class, compose, decompose_canonical, is_combining_mark,
};

/// A legacy 8-bit Vietnamese encoding that plain text may arrive in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3 ("ABC", `.VnTime` fonts).
    Tcvn3,
    /// VNI-Windows (`VNI-Times` fonts).
    Vni,
    /// Microsoft code page 1258.
    Windows1258,
}

impl Legacy {
    /// Every supported encoding, in a fixed order.
    const ALL: [Legacy; 3] = [Legacy::Tcvn3, Legacy::Vni, Legacy::Windows1258];

    /// A stable lower-case name: "tcvn3", "vni-windows" or "windows-1258".
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "tcvn3",
            Legacy::Vni => "vni-windows",
            Legacy::Windows1258 => "windows-1258",
        }
    }
}

// ---------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------

/// Replacement for bytes that have no mapping.
const NONE: char = '\u{FFFD}';

/// TCVN3 (VN3) bytes 0x80..=0xFF; entry `i` is byte `0x80 + i`, one row of
/// sixteen bytes per line. Bytes below 0x80 are ASCII.
///
/// - 0x80..=0x9F: not part of VN3; the Windows fonts carry the cp1252
///   punctuation there (smart quotes, dashes, ellipsis), so it is decoded so.
/// - 0xA1..=0xA7: the bare capitals Ă Â Ê Ô Ơ Ư Đ; 0xA8..=0xAE: ă â ê ô ơ ư đ.
/// - 0xB0..=0xB4: combining grave, hook, tilde, acute, dot below.
/// - 0xB5..=0xFE: each vowel with grave, hook, tilde, acute, dot below, in the
///   order a ă â e ê i o ô ơ u ư y; a few slots are skipped (used by upper
///   case in the VN1 variant) and decode to U+FFFD here.
#[rustfmt::skip]
const TCVN3_HIGH: [char; 128] = [
    // 0x80
    '€',  NONE, '‚',  'ƒ',  '„',  '…',  '†',  '‡',  'ˆ',  '‰',  'Š',  '‹',  'Œ',  NONE, 'Ž',  NONE,
    // 0x90
    NONE, '‘',  '’',  '“',  '”',  '•',  '–',  '—',  '˜',  '™',  'š',  '›',  'œ',  NONE, 'ž',  'Ÿ',
    // 0xA0
    '\u{A0}', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', NONE,
    // 0xB0
    '\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}',
                                'à',  'ả',  'ã',  'á',  'ạ',  NONE, 'ằ',  'ẳ',  'ẵ',  'ắ',  NONE,
    // 0xC0
    NONE, NONE, NONE, NONE, NONE, NONE, 'ặ',  'ầ',  'ẩ',  'ẫ',  'ấ',  'ậ',  'è',  NONE, 'ẻ',  'ẽ',
    // 0xD0
    'é',  'ẹ',  'ề',  'ể',  'ễ',  'ế',  'ệ',  'ì',  'ỉ',  NONE, NONE, NONE, 'ĩ',  'í',  'ị',  'ò',
    // 0xE0
    NONE, 'ỏ',  'õ',  'ó',  'ọ',  'ồ',  'ổ',  'ỗ',  'ố',  'ộ',  'ờ',  'ở',  'ỡ',  'ớ',  'ợ',  'ù',
    // 0xF0
    NONE, 'ủ',  'ũ',  'ú',  'ụ',  'ừ',  'ử',  'ữ',  'ứ',  'ự',  'ỳ',  'ỷ',  'ỹ',  'ý',  'ỵ',  NONE,
];

/// Windows-1258 bytes 0x80..=0xFF; entry `i` is byte `0x80 + i`, one row of
/// sixteen bytes per line. Like cp1252 except for the Vietnamese letters
/// (Ă Đ Ơ Ư ă đ ơ ư ₫) and the five combining tone marks at 0xCC (grave),
/// 0xD2 (hook), 0xDE (tilde), 0xEC (acute) and 0xF2 (dot below).
#[rustfmt::skip]
const CP1258_HIGH: [char; 128] = [
    // 0x80
    '€',  NONE, '‚',  'ƒ',  '„',  '…',  '†',  '‡',  'ˆ',  '‰',  NONE, '‹',  'Œ',  NONE, NONE, NONE,
    // 0x90
    NONE, '‘',  '’',  '“',  '”',  '•',  '–',  '—',  '˜',  '™',  NONE, '›',  'œ',  NONE, NONE, 'Ÿ',
    // 0xA0
    '\u{A0}', '¡', '¢', '£', '¤', '¥', '¦', '§', '¨', '©', 'ª', '«', '¬', '\u{AD}', '®', '¯',
    // 0xB0
    '°',  '±',  '²',  '³',  '´',  'µ',  '¶',  '·',  '¸',  '¹',  'º',  '»',  '¼',  '½',  '¾',  '¿',
    // 0xC0
    'À',  'Á',  'Â',  'Ă',  'Ä',  'Å',  'Æ',  'Ç',  'È',  'É',  'Ê',  'Ë',  '\u{300}', 'Í', 'Î', 'Ï',
    // 0xD0
    'Đ',  'Ñ',  '\u{309}', 'Ó', 'Ô', 'Ơ', 'Ö', '×', 'Ø', 'Ù', 'Ú', 'Û', 'Ü', 'Ư', '\u{303}', 'ß',
    // 0xE0
    'à',  'á',  'â',  'ă',  'ä',  'å',  'æ',  'ç',  'è',  'é',  'ê',  'ë',  '\u{301}', 'í', 'î', 'ï',
    // 0xF0
    'đ',  'ñ',  '\u{323}', 'ó', 'ô', 'ơ', 'ö', '÷', 'ø', 'ù', 'ú', 'û', 'ü', 'ư', '₫', 'ÿ',
];

/// VNI-Windows bytes 0x80..=0xFF as UTF-8 fragments; entry `i` is byte
/// `0x80 + i`, one row of eight bytes per line.
///
/// Mark bytes (written after an ASCII vowel) decode to combining marks, which
/// NFC then composes onto the vowel: upper-case marks live at 0xC0..=0xDF and
/// the same marks for lower case 0x20 higher. Legend for the lower-case row:
/// 0xE0 circumflex+grave, 0xE1 circumflex+acute, 0xE2 circumflex,
/// 0xE3 circumflex+tilde, 0xE4 circumflex+dot, 0xE5 circumflex+hook,
/// 0xE8 breve+grave, 0xE9 breve+acute, 0xEA breve, 0xEB breve+dot,
/// 0xEF dot, 0xF5 tilde, 0xF8 grave, 0xF9 acute, 0xFA breve+hook, 0xFB hook,
/// 0xFC breve+tilde. One-byte letters: ỉ 0xE6, ì 0xEC, í 0xED, ỵ 0xEE, đ 0xF1,
/// ị 0xF2, ĩ 0xF3, ơ 0xF4, ư 0xF6 (capitals 0x20 lower). 0x80..=0x9F decode as
/// cp1252 punctuation and the remaining slots as Latin-1, as the fonts show them.
#[rustfmt::skip]
const VNI_HIGH: [&str; 128] = [
    // 0x80
    "€", "\u{FFFD}", "‚", "ƒ", "„", "…", "†", "‡",
    "ˆ", "‰", "Š", "‹", "Œ", "\u{FFFD}", "Ž", "\u{FFFD}",
    // 0x90
    "\u{FFFD}", "‘", "’", "“", "”", "•", "–", "—",
    "˜", "™", "š", "›", "œ", "\u{FFFD}", "ž", "Ÿ",
    // 0xA0
    "\u{A0}", "¡", "¢", "£", "¤", "¥", "¦", "§",
    "¨", "©", "ª", "«", "¬", "\u{AD}", "®", "¯",
    // 0xB0
    "°", "±", "²", "³", "´", "µ", "¶", "·",
    "¸", "¹", "º", "»", "¼", "½", "¾", "¿",
    // 0xC0: upper-case marks and letters
    "\u{302}\u{300}", "\u{302}\u{301}", "\u{302}", "\u{302}\u{303}",
    "\u{302}\u{323}", "\u{302}\u{309}", "Ỉ", "Ç",
    "\u{306}\u{300}", "\u{306}\u{301}", "\u{306}", "\u{306}\u{323}",
    "Ì", "Í", "Ỵ", "\u{323}",
    // 0xD0
    "Ð", "Đ", "Ị", "Ĩ", "Ơ", "\u{303}", "Ư", "×",
    "\u{300}", "\u{301}", "\u{306}\u{309}", "\u{309}", "\u{306}\u{303}", "Ý", "Þ", "ß",
    // 0xE0: lower-case marks and letters
    "\u{302}\u{300}", "\u{302}\u{301}", "\u{302}", "\u{302}\u{303}",
    "\u{302}\u{323}", "\u{302}\u{309}", "ỉ", "ç",
    "\u{306}\u{300}", "\u{306}\u{301}", "\u{306}", "\u{306}\u{323}",
    "ì", "í", "ỵ", "\u{323}",
    // 0xF0
    "ð", "đ", "ị", "ĩ", "ơ", "\u{303}", "ư", "÷",
    "\u{300}", "\u{301}", "\u{306}\u{309}", "\u{309}", "\u{306}\u{303}", "ý", "þ", "ÿ",
];

/// Every Vietnamese vowel with every tone. Rows 0..12 are lower case in the
/// order a ă â e ê i o ô ơ u ư y, rows 12..24 the same vowels in upper case.
/// Columns are tones: 0 none, 1 grave (huyền), 2 hook above (hỏi),
/// 3 tilde (ngã), 4 acute (sắc), 5 dot below (nặng).
#[rustfmt::skip]
const VOWELS: [[char; 6]; 24] = [
    ['a', 'à', 'ả', 'ã', 'á', 'ạ'],
    ['ă', 'ằ', 'ẳ', 'ẵ', 'ắ', 'ặ'],
    ['â', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ'],
    ['e', 'è', 'ẻ', 'ẽ', 'é', 'ẹ'],
    ['ê', 'ề', 'ể', 'ễ', 'ế', 'ệ'],
    ['i', 'ì', 'ỉ', 'ĩ', 'í', 'ị'],
    ['o', 'ò', 'ỏ', 'õ', 'ó', 'ọ'],
    ['ô', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ'],
    ['ơ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ'],
    ['u', 'ù', 'ủ', 'ũ', 'ú', 'ụ'],
    ['ư', 'ừ', 'ử', 'ữ', 'ứ', 'ự'],
    ['y', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ'],
    ['A', 'À', 'Ả', 'Ã', 'Á', 'Ạ'],
    ['Ă', 'Ằ', 'Ẳ', 'Ẵ', 'Ắ', 'Ặ'],
    ['Â', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ậ'],
    ['E', 'È', 'Ẻ', 'Ẽ', 'É', 'Ẹ'],
    ['Ê', 'Ề', 'Ể', 'Ễ', 'Ế', 'Ệ'],
    ['I', 'Ì', 'Ỉ', 'Ĩ', 'Í', 'Ị'],
    ['O', 'Ò', 'Ỏ', 'Õ', 'Ó', 'Ọ'],
    ['Ô', 'Ồ', 'Ổ', 'Ỗ', 'Ố', 'Ộ'],
    ['Ơ', 'Ờ', 'Ở', 'Ỡ', 'Ớ', 'Ợ'],
    ['U', 'Ù', 'Ủ', 'Ũ', 'Ú', 'Ụ'],
    ['Ư', 'Ừ', 'Ử', 'Ữ', 'Ứ', 'Ự'],
    ['Y', 'Ỳ', 'Ỷ', 'Ỹ', 'Ý', 'Ỵ'],
];

/// The combining tone marks, indexed like the columns of [`VOWELS`].
const TONE_MARKS: [char; 6] = ['\0', '\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];

/// Tone index of the acute (sắc) and dot-below (nặng) tones: the only tones
/// allowed on syllables closed by c, ch, p or t.
const ACUTE: u8 = 4;
const DOT: u8 = 5;

/// VNI mark bytes for lower case, indexed by tone like the columns of
/// [`VOWELS`]. Row 0: plain vowel (0 = no byte), row 1: with circumflex,
/// row 2: with breve. Upper case uses the same bytes minus 0x20.
#[rustfmt::skip]
const VNI_MARKS: [[u8; 6]; 3] = [
    [0x00, 0xF8, 0xFB, 0xF5, 0xF9, 0xEF],
    [0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4],
    [0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB],
];

/// VNI one-byte lower-case i with each tone (index as [`VOWELS`] columns).
const VNI_I: [u8; 6] = [b'i', 0xEC, 0xE6, 0xF3, 0xED, 0xF2];

/// Vietnamese onsets (initial consonants), longest first; "q" is handled on
/// its own because it is always followed by "u".
#[rustfmt::skip]
const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// Vietnamese rhymes (medial + nucleus + coda) without tone marks, grouped by
/// their first vowel.
#[rustfmt::skip]
const RHYMES: [&str; 159] = [
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay",
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt",
    "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây",
    "e", "ec", "em", "en", "eng", "eo", "ep", "et",
    "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu",
    "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu",
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
    "y", "yêm", "yên", "yêng", "yêt", "yêu",
    "o", "oc", "oi", "om", "on", "ong", "op", "ot", "ooc", "oong",
    "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay",
    "oăc", "oăm", "oăn", "oăng", "oăt", "oe", "oem", "oen", "oeo", "oet",
    "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt",
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt",
    "u", "uc", "ui", "um", "un", "ung", "up", "ut", "ua",
    "uân", "uâng", "uât", "uây", "uê", "uêch", "uênh", "uơ",
    "uôc", "uôi", "uôm", "uôn", "uông", "uôt",
    "uy", "uya", "uych", "uynh", "uyt", "uyu", "uyên", "uyêt",
    "ư", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu", "ưa",
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu",
];

// ---------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------

/// Decodes bytes in the given encoding to NFC Unicode. Never changes the
/// number of '\n' bytes (line numbers must survive). Bytes that have no
/// mapping become U+FFFD.
pub fn decode(bytes: &[u8], encoding: Legacy) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    if decode_into(bytes, encoding, &mut out) {
        out.nfc().collect()
    } else {
        out
    }
}

/// Appends the decoded bytes to `out`, composing combining marks onto the
/// preceding letter as it goes. Returns `true` when some mark could not be
/// composed, in which case `out` still needs a full NFC pass. ASCII (so
/// '\n' and '\r') maps to itself.
fn decode_into(bytes: &[u8], encoding: Legacy, out: &mut String) -> bool {
    let mut composer = Composer {
        out,
        needs_nfc: false,
    };
    for &b in bytes {
        if b.is_ascii() {
            composer.out.push(char::from(b));
            continue;
        }
        let i = usize::from(b & 0x7F);
        match encoding {
            Legacy::Tcvn3 => composer.push(TCVN3_HIGH[i]),
            Legacy::Windows1258 => composer.push(CP1258_HIGH[i]),
            Legacy::Vni => VNI_HIGH[i].chars().for_each(|c| composer.push(c)),
        }
    }
    composer.needs_nfc
}

/// Builds NFC output incrementally for the simple case the tables produce:
/// a letter followed by one or two combining marks.
struct Composer<'a> {
    out: &'a mut String,
    needs_nfc: bool,
}

impl Composer<'_> {
    fn push(&mut self, c: char) {
        if ('\u{300}'..='\u{36F}').contains(&c) && !self.needs_nfc {
            if let Some(composed) = self
                .out
                .chars()
                .next_back()
                .and_then(|prev| compose_mark(prev, c))
            {
                self.out.pop();
                self.out.push(composed);
                return;
            }
            self.needs_nfc = true;
        }
        self.out.push(c);
    }
}

/// The single NFC character equal to `prev` followed by the combining
/// `mark`, if there is one. Handles marks that compose in another order
/// (ê + dot below is ẹ + circumflex).
fn compose_mark(prev: char, mark: char) -> Option<char> {
    if let Some(composed) = compose(prev, mark) {
        return Some(composed);
    }
    let mut parts = ['\0'; 4];
    let mut len = 0;
    let mut fits = true;
    decompose_canonical(prev, |d| match parts.get_mut(len) {
        Some(slot) => {
            *slot = d;
            len += 1;
        }
        None => fits = false,
    });
    let slot = parts.get_mut(len).filter(|_| fits && len > 1)?;
    *slot = mark;
    let (base, marks) = parts.get_mut(..=len)?.split_first_mut()?;
    // Canonical order; the sort is stable, as NFC requires.
    marks.sort_by_key(|&m| canonical_combining_class(m));
    marks.iter().try_fold(*base, |acc, &m| compose(acc, m))
}

// ---------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------

/// Encodes NFC text into the legacy encoding (used by tests to generate
/// fixtures). Returns None if some character cannot be represented.
///
/// Toned capitals (Ấ, Ủ, ...) cannot be represented in TCVN3.
pub fn encode(text: &str, encoding: Legacy) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.nfc() {
        if let Ok(b) = u8::try_from(c)
            && b.is_ascii()
        {
            out.push(b);
            continue;
        }
        match encoding {
            Legacy::Tcvn3 => out.push(reverse_char(&TCVN3_HIGH, c)?),
            Legacy::Windows1258 => encode_cp1258(c, &mut out)?,
            Legacy::Vni => encode_vni(c, &mut out)?,
        }
    }
    Some(out)
}

/// Finds the byte whose table entry is `c` (never for U+FFFD).
fn reverse_char(table: &[char; 128], c: char) -> Option<u8> {
    if c == NONE {
        return None;
    }
    let i = table.iter().position(|&t| t == c)?;
    u8::try_from(i).ok().map(|i| i | 0x80)
}

/// Windows-1258: a precomposed character where the code page has one,
/// otherwise the base letter followed by a combining tone byte.
fn encode_cp1258(c: char, out: &mut Vec<u8>) -> Option<()> {
    if let Some(b) = reverse_char(&CP1258_HIGH, c) {
        out.push(b);
        return Some(());
    }
    let (base, tone) = split_tone(c)?;
    let tone = tone?;
    out.push(ascii_or(base, |c| reverse_char(&CP1258_HIGH, c))?);
    out.push(reverse_char(&CP1258_HIGH, tone)?);
    Some(())
}

/// Splits `c` into its base letter (keeping circumflex, breve and horn) and
/// its tone mark, if it has one.
fn split_tone(c: char) -> Option<(char, Option<char>)> {
    let mut base: Option<char> = None;
    let mut tone: Option<char> = None;
    let mut ok = true;
    decompose_canonical(c, |d| {
        if tone.is_none() && TONE_MARKS[1..].contains(&d) {
            tone = Some(d);
        } else {
            base = match base {
                None => Some(d),
                Some(b) => {
                    let composed = compose(b, d);
                    ok &= composed.is_some();
                    composed
                }
            };
        }
    });
    if ok { base.map(|b| (b, tone)) } else { None }
}

/// The byte for an ASCII character, else what `lookup` says.
fn ascii_or(c: char, lookup: impl Fn(char) -> Option<u8>) -> Option<u8> {
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() => Some(b),
        _ => lookup(c),
    }
}

/// Position of a toned or plain vowel in [`VOWELS`] as (row, tone).
fn vowel_position(c: char) -> Option<(usize, usize)> {
    VOWELS
        .iter()
        .enumerate()
        .find_map(|(row, tones)| tones.iter().position(|&t| t == c).map(|tone| (row, tone)))
}

/// VNI-Windows: base letter plus mark byte, or a one-byte letter.
fn encode_vni(c: char, out: &mut Vec<u8>) -> Option<()> {
    match c {
        'đ' => out.push(0xF1),
        'Đ' => out.push(0xD1),
        _ => {
            if let Some((row, tone)) = vowel_position(c) {
                push_vni_vowel(row, tone, out);
            } else {
                // Punctuation and symbols; never a lone mark or U+FFFD.
                if c == NONE || is_combining_mark(c) {
                    return None;
                }
                let i = VNI_HIGH.iter().position(|s| {
                    let mut chars = s.chars();
                    chars.next() == Some(c) && chars.next().is_none()
                })?;
                out.push(u8::try_from(i).ok()? | 0x80);
            }
        }
    }
    Some(())
}

/// Appends the VNI bytes of the vowel at `VOWELS[row][tone]`.
fn push_vni_vowel(row: usize, tone: usize, out: &mut Vec<u8>) {
    let upper = row >= 12;
    // Upper-case letters and marks sit 0x20 below their lower-case forms.
    let case = |b: u8| if upper { b & !0x20 } else { b };
    let tone = tone.min(5);
    let plain = VNI_MARKS[0][tone];
    let (base, mark) = match row % 12 {
        0 => (b'a', plain),
        1 => (b'a', VNI_MARKS[2][tone]),
        2 => (b'a', VNI_MARKS[1][tone]),
        3 => (b'e', plain),
        4 => (b'e', VNI_MARKS[1][tone]),
        5 => (VNI_I[tone], 0),
        6 => (b'o', plain),
        7 => (b'o', VNI_MARKS[1][tone]),
        8 => (0xF4, plain),
        9 => (b'u', plain),
        10 => (0xF6, plain),
        _ if tone == 5 => (0xEE, 0),
        _ => (b'y', plain),
    };
    out.push(case(base));
    if mark != 0 {
        out.push(case(mark));
    }
}

// ---------------------------------------------------------------------------
// Syllable checking
// ---------------------------------------------------------------------------

/// How a run of letters reads as Vietnamese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordClass {
    /// A well-formed syllable; `marked` when it has a non-ASCII letter.
    Syllable { marked: bool },
    /// Upper-case letters only (UBND, QĐ, II): says nothing either way.
    Acronym,
    /// Anything else.
    Junk,
}

/// A word lower-cased and stripped of its tone, in a stack buffer.
struct Folded {
    buf: [u8; 32],
    len: usize,
    tone: u8,
    /// Index (in chars) of the letter that carries the tone.
    tone_at: usize,
    marked: bool,
}

impl Folded {
    /// Folds `word`; `None` when it holds a character that is not a
    /// Vietnamese letter, two tones, or is too long for a syllable.
    fn new(word: &str) -> Option<Folded> {
        let mut folded = Folded {
            buf: [0; 32],
            len: 0,
            tone: 0,
            tone_at: 0,
            marked: false,
        };
        for (at, c) in word.chars().enumerate() {
            let (base, tone) = if c.is_ascii_alphabetic() {
                (c.to_ascii_lowercase(), 0)
            } else if c == 'đ' || c == 'Đ' {
                ('đ', 0)
            } else {
                let (row, tone) = vowel_position(c)?;
                (VOWELS[row % 12][0], u8::try_from(tone).ok()?)
            };
            folded.marked |= !c.is_ascii();
            if tone != 0 {
                if folded.tone != 0 {
                    return None;
                }
                folded.tone = tone;
                folded.tone_at = at;
            }
            let mut tmp = [0u8; 4];
            let bytes = base.encode_utf8(&mut tmp).as_bytes();
            let end = folded.len + bytes.len();
            folded.buf.get_mut(folded.len..end)?.copy_from_slice(bytes);
            folded.len = end;
        }
        Some(folded)
    }

    fn as_str(&self) -> &str {
        self.buf
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

/// Classifies one run of letters (already NFC).
fn classify_word(word: &str) -> WordClass {
    if let Some(folded) = Folded::new(word)
        && is_syllable(folded.as_str(), folded.tone, folded.tone_at)
    {
        return WordClass::Syllable {
            marked: folded.marked,
        };
    }
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ') {
        WordClass::Acronym
    } else {
        WordClass::Junk
    }
}

/// Whether a lower-case, toneless word is onset + rhyme and the tone (if
/// any, on the letter at char index `tone_at`) fits the rhyme.
fn is_syllable(word: &str, tone: u8, tone_at: usize) -> bool {
    let rhyme_ok = |rhyme: &str, onset_len: usize| {
        let tone_ok = tone == 0
            || tone_at
                .checked_sub(onset_len)
                .is_some_and(|at| tone_position_ok(rhyme, at));
        let stop = rhyme.ends_with(['c', 'p', 't']) || rhyme.ends_with("ch");
        !rhyme.is_empty()
            && RHYMES.contains(&rhyme)
            && tone_ok
            && (!stop || tone == ACUTE || tone == DOT)
    };
    if let Some(rest) = word.strip_prefix('q') {
        // "qu" + rhyme: the u is either the medial of the rhyme or not.
        return rest.starts_with('u')
            && (rhyme_ok(rest, 1) || rest.get(1..).is_some_and(|r| rhyme_ok(r, 2)));
    }
    ONSETS.iter().any(|onset| {
        word.strip_prefix(onset).is_some_and(|rhyme| {
            let front = rhyme.starts_with(['i', 'e', 'ê', 'y']);
            let spelling_ok = match *onset {
                "c" => !front,
                "k" => front,
                "gh" | "ngh" => rhyme.starts_with(['i', 'e', 'ê']),
                _ => true,
            };
            spelling_ok && rhyme_ok(rhyme, onset.chars().count())
        })
    })
}

/// Whether a tone on the vowel at char index `at` of `rhyme` is where
/// Vietnamese spelling puts it: on the last vowel with a circumflex, breve
/// or horn; else on the last vowel before a final consonant; else on the
/// first vowel (either vowel of oa, oe and uy, old and new style; the
/// middle one of three).
fn tone_position_ok(rhyme: &str, at: usize) -> bool {
    const VOWEL_LETTERS: &str = "aăâeêioôơuưy";
    const SHAPED: &str = "ăâêôơư";
    let vowels = rhyme
        .chars()
        .take_while(|&c| VOWEL_LETTERS.contains(c))
        .count();
    if let Some(shaped) = rhyme
        .chars()
        .take(vowels)
        .enumerate()
        .filter(|&(_, c)| SHAPED.contains(c))
        .map(|(i, _)| i)
        .last()
    {
        return at == shaped;
    }
    let closed = rhyme.chars().count() > vowels;
    match vowels {
        1 => at == 0,
        _ if closed => at + 1 == vowels,
        2 if matches!(rhyme, "oa" | "oe" | "uy") => at < 2,
        2 => at == 0,
        _ => at == 1,
    }
}

/// Letters, combining marks and U+FFFD make up words; anything else
/// separates them.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || ('\u{300}'..='\u{36F}').contains(&c) || c == NONE
}

// ---------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------

/// Stop gathering evidence after this many tokens with non-ASCII bytes.
const MAX_MARKED_TOKENS: u64 = 20_000;

/// Tokens longer than this are never words: counted as junk, not decoded.
const MAX_TOKEN_BYTES: usize = 64;

/// Minimum share of non-ASCII tokens that must read as syllables.
const MIN_SYLLABLE_RATIO: f32 = 0.6;

/// Minimum share of all words (ASCII ones too) that must read as syllables.
const MIN_OVERALL_RATIO: f32 = 0.5;

/// Evidence for one candidate encoding.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    encoding: Legacy,
    /// Tokens with non-ASCII bytes that said something (not punctuation or
    /// acronyms only) under this encoding.
    counted: u64,
    /// Of those, the ones that decode to Vietnamese syllables with at least
    /// one non-ASCII letter.
    valid: u64,
    /// Non-ASCII bytes in a context typical of this encoding.
    pattern_hits: u64,
}

impl Candidate {
    fn syllable_ratio(&self) -> f32 {
        if self.counted == 0 {
            0.0
        } else {
            self.valid as f32 / self.counted as f32
        }
    }
}

/// Counts gathered over the input.
struct Evidence {
    candidates: [Candidate; 3],
    /// ASCII-only words that said something, and how many were syllables.
    ascii_counted: u64,
    ascii_valid: u64,
    /// Non-ASCII bytes inside the scanned tokens.
    high_bytes: u64,
}

impl Evidence {
    fn gather(bytes: &[u8]) -> Evidence {
        let mut evidence = Evidence {
            candidates: Legacy::ALL.map(|encoding| Candidate {
                encoding,
                counted: 0,
                valid: 0,
                pattern_hits: 0,
            }),
            ascii_counted: 0,
            ascii_valid: 0,
            high_bytes: 0,
        };
        let mut raw = String::new();
        let mut nfc = String::new();
        let mut marked_tokens = 0;
        let tokens = bytes
            .split(|&b| b.is_ascii() && !b.is_ascii_alphabetic())
            .filter(|t| !t.is_empty());
        for token in tokens {
            if token.is_ascii() {
                let word = std::str::from_utf8(token).unwrap_or("");
                match classify_word(word) {
                    WordClass::Syllable { .. } => {
                        evidence.ascii_counted += 1;
                        evidence.ascii_valid += 1;
                    }
                    WordClass::Acronym => {}
                    WordClass::Junk => evidence.ascii_counted += 1,
                }
                continue;
            }
            marked_tokens += 1;
            if marked_tokens > MAX_MARKED_TOKENS {
                break;
            }
            evidence.count_patterns(token);
            if token.len() > MAX_TOKEN_BYTES {
                for candidate in &mut evidence.candidates {
                    candidate.counted += 1;
                }
                continue;
            }
            for candidate in &mut evidence.candidates {
                raw.clear();
                let decoded = if decode_into(token, candidate.encoding, &mut raw) {
                    nfc.clear();
                    nfc.extend(raw.nfc());
                    &nfc
                } else {
                    &raw
                };
                match classify_token(decoded) {
                    TokenClass::Neutral => {}
                    TokenClass::Valid => {
                        candidate.counted += 1;
                        candidate.valid += 1;
                    }
                    TokenClass::Invalid => candidate.counted += 1,
                }
            }
        }
        evidence
    }

    /// Byte-level signals: which non-ASCII bytes sit where each encoding
    /// would put them.
    fn count_patterns(&mut self, token: &[u8]) {
        let prev = std::iter::once(b' ').chain(token.iter().copied());
        let next = token.iter().copied().skip(1).chain(std::iter::once(b' '));
        for ((p, b), n) in prev.zip(token.iter().copied()).zip(next) {
            if b.is_ascii() {
                continue;
            }
            self.high_bytes += 1;
            for candidate in &mut self.candidates {
                let hit = match candidate.encoding {
                    Legacy::Tcvn3 => tcvn3_pattern(p, b, n),
                    Legacy::Vni => vni_pattern(p, b, n),
                    Legacy::Windows1258 => cp1258_pattern(p, b, n),
                };
                candidate.pattern_hits += u64::from(hit);
            }
        }
    }

    fn score(&self, candidate: &Candidate) -> f32 {
        let pattern = if self.high_bytes == 0 {
            0.0
        } else {
            candidate.pattern_hits as f32 / self.high_bytes as f32
        };
        0.8 * candidate.syllable_ratio() + 0.2 * pattern
    }

    fn verdict(&self) -> Option<(Legacy, f32)> {
        let mut ranked = self.candidates.map(|c| (self.score(&c), c));
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        let [(best_score, best), (second_score, _), _] = ranked;
        let syllables = best.syllable_ratio();
        let words = best.counted + self.ascii_counted;
        let overall = if words == 0 {
            0.0
        } else {
            (best.valid + self.ascii_valid) as f32 / words as f32
        };
        if best.valid == 0 || syllables < MIN_SYLLABLE_RATIO || overall < MIN_OVERALL_RATIO {
            return None;
        }
        let margin = ((best_score - second_score) / best_score).clamp(0.0, 1.0);
        let support = 1.0 - (-(best.valid as f32) / 4.0).exp();
        let confidence = syllables * (0.4 + 0.6 * margin) * (0.4 + 0.6 * support);
        Some((best.encoding, confidence.clamp(0.0, 1.0)))
    }
}

/// How one token with non-ASCII bytes reads under one encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenClass {
    /// Punctuation or acronyms only.
    Neutral,
    /// Every word is a syllable or acronym, and one has a non-ASCII letter.
    Valid,
    /// Anything else.
    Invalid,
}

fn classify_token(decoded: &str) -> TokenClass {
    let mut any_word = false;
    let mut all_ok = true;
    let mut all_acronyms = true;
    let mut marked = false;
    for word in decoded
        .split(|c| !is_word_char(c))
        .filter(|w| !w.is_empty())
    {
        any_word = true;
        match classify_word(word) {
            WordClass::Syllable { marked: m } => {
                all_acronyms = false;
                marked |= m;
            }
            WordClass::Acronym => {}
            WordClass::Junk => {
                all_ok = false;
                all_acronyms = false;
            }
        }
    }
    if !any_word || all_acronyms {
        TokenClass::Neutral
    } else if all_ok && marked {
        TokenClass::Valid
    } else {
        TokenClass::Invalid
    }
}

fn is_ascii_vowel(b: u8) -> bool {
    matches!(
        b.to_ascii_lowercase(),
        b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
    )
}

/// TCVN3: a letter byte that is a symbol in Latin-1 (§ ® « µ ¸ ...) right
/// next to an ASCII letter.
fn tcvn3_pattern(p: u8, b: u8, n: u8) -> bool {
    matches!(b, 0xA1..=0xAE | 0xB5..=0xB9 | 0xBB..=0xBE | 0xD7 | 0xF7)
        && (p.is_ascii_alphabetic() || n.is_ascii_alphabetic())
}

/// VNI: a mark byte after a vowel (ASCII, ơ or ư), đ before a vowel, or ơ/ư
/// next to an ASCII letter.
fn vni_pattern(p: u8, b: u8, n: u8) -> bool {
    let lower = b | 0x20;
    let is_mark =
        b >= 0xC0 && matches!(lower, 0xE0..=0xE5 | 0xE8..=0xEB | 0xEF | 0xF5 | 0xF8..=0xFC);
    let is_horn = |x: u8| x >= 0xC0 && matches!(x | 0x20, 0xF4 | 0xF6);
    (is_mark && (is_ascii_vowel(p) || is_horn(p)))
        || (b >= 0xC0 && lower == 0xF1 && is_ascii_vowel(n))
        || (is_horn(b) && (p.is_ascii_alphabetic() || n.is_ascii_alphabetic()))
}

/// Windows-1258: a combining tone byte after a vowel, đ before a vowel, or
/// ơ/ư/ă after an ASCII consonant.
fn cp1258_pattern(p: u8, b: u8, n: u8) -> bool {
    let is_vowel = |x: u8| {
        is_ascii_vowel(x)
            || matches!(
                x,
                0xC2 | 0xC3 | 0xCA | 0xD4 | 0xD5 | 0xDD | 0xE2 | 0xE3 | 0xEA | 0xF4 | 0xF5 | 0xFD
            )
    };
    let after_consonant = p.is_ascii_alphabetic() && !is_ascii_vowel(p);
    (matches!(b, 0xCC | 0xEC | 0xD2 | 0xDE | 0xF2) && is_vowel(p))
        || (matches!(b, 0xD0 | 0xF0) && is_vowel(n))
        || (matches!(b, 0xC3 | 0xD5 | 0xDD | 0xE3 | 0xF5 | 0xFD) && after_consonant)
}

/// Many control bytes (or any NUL) mean binary data, not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let mut controls = 0usize;
    for &b in bytes {
        match b {
            0 => return true,
            b'\t' | b'\n' | b'\r' | 0x0C | 0x1A => {}
            0x01..=0x1F | 0x7F => controls += 1,
            _ => {}
        }
    }
    controls > bytes.len() / 100
}

/// Scores each candidate on non-UTF-8 bytes and returns the most likely one
/// with a confidence in \[0,1\], or None when the bytes do not look like
/// Vietnamese in any of them (e.g. binary data, plain Latin-1 French).
///
/// Valid UTF-8 (which includes plain ASCII) always gives `None`: the caller
/// should read it as UTF-8. The main signal is the share of words that decode
/// to well-formed Vietnamese syllables under each encoding; the position of
/// characteristic bytes (TCVN3 symbols inside words, VNI marks after vowels,
/// cp1258 tone bytes after vowels) adds a smaller weight.
pub fn detect(bytes: &[u8]) -> Option<(Legacy, f32)> {
    if std::str::from_utf8(bytes).is_ok() || looks_binary(bytes) {
        return None;
    }
    Evidence::gather(bytes).verdict()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Report-style paragraphs written for these tests.
    const PARAGRAPHS: [&str; 11] = [
        "Ủy ban nhân dân tỉnh Ninh Thuận ban hành Quyết định số 02/QĐ-UBND ngày 05/01/2021 về việc phê duyệt Kế hoạch chuyển đổi số giai đoạn 2021-2025. Theo đó, đến hết năm 2025, 100% cơ quan nhà nước cấp tỉnh sử dụng văn bản điện tử có ký số; 80% hồ sơ công việc cấp huyện được xử lý trên môi trường mạng.",
        "Trong năm 2022, Sở Thông tin và Truyền thông đã tham mưu cho Ủy ban nhân dân tỉnh ban hành 27 văn bản chỉ đạo, điều hành, gồm 05 quyết định, 12 kế hoạch và 10 công văn. Tổng số văn bản đi được ký số đạt 45.612 văn bản, tăng 18,5% so với cùng kỳ năm trước.",
        "Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh đã tiếp nhận 126.384 hồ sơ, trong đó giải quyết đúng hạn 124.907 hồ sơ, đạt tỷ lệ 98,8%. Tỷ lệ hồ sơ trực tuyến toàn trình chiếm 41,2% tổng số hồ sơ tiếp nhận.",
        "Về hạ tầng viễn thông, toàn tỉnh hiện có 1.248 trạm thu phát sóng di động, trong đó có 986 trạm 4G; 100% thôn, bản có sóng điện thoại di động. Số thuê bao Internet băng rộng cố định đạt 152.300 thuê bao, bình quân 26,7 thuê bao trên 100 hộ gia đình.",
        "Thực hiện Công văn số 3478/BTTTT-VP ngày 12/9/2022 của Bộ Thông tin và Truyền thông, Sở đã tổ chức 06 lớp tập huấn kỹ năng bảo đảm an toàn thông tin cho 420 lượt cán bộ, công chức. Qua kiểm tra, phát hiện và xử lý 15 điểm yếu, lỗ hổng bảo mật trên các hệ thống.",
        "Hoạt động báo chí, xuất bản tiếp tục được quản lý chặt chẽ. Trên địa bàn tỉnh có 03 cơ quan báo chí, 01 đài phát thanh - truyền hình và 09 đài truyền thanh cấp huyện. Trong 6 tháng đầu năm, đã cấp 14 giấy phép xuất bản bản tin, thu hồi 02 giấy phép do vi phạm quy định.",
        "Nhiệm vụ trọng tâm năm 2023: phấn đấu 100% xã, phường, thị trấn có điểm phục vụ bưu chính; tỷ lệ dân số trưởng thành có điện thoại thông minh đạt trên 85%; hoàn thành việc kết nối, liên thông Trục liên thông văn bản quốc gia với các sở, ban, ngành. Dự kiến tổng kinh phí thực hiện khoảng 58,7 tỷ đồng.",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư và Nghị quyết số 57-NQ/TW của Bộ Chính trị, các đơn vị cần rà soát, cập nhật quy chế nội bộ, báo cáo kết quả về Văn phòng Ủy ban nhân dân tỉnh trước ngày 30 tháng 11 năm 2023 để tổng hợp, trình Chủ tịch xem xét.",
        "Kết quả đánh giá chỉ số chuyển đổi số cấp tỉnh năm 2021 cho thấy tỉnh xếp thứ 24/63 tỉnh, thành phố, tăng 9 bậc so với năm 2020. Tuy nhiên, nguồn nhân lực công nghệ thông tin tại các huyện còn thiếu, một số phần mềm dùng chung chưa đồng bộ, ảnh hưởng đến hiệu quả khai thác dữ liệu.",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 3049/BC-STTTT\nNinh Thuận, ngày 22 tháng 10 năm 2021\nBÁO CÁO\nKết quả công tác thông tin và truyền thông quý I/2023 và nhiệm vụ trọng tâm quý II/2023",
        "Chương trình “Mỗi xã một sản phẩm” – OCOP được đưa lên sàn thương mại điện tử với 312 sản phẩm; doanh thu trực tuyến ước đạt 4,5 tỷ đồng… Ngoài ra, Sở phối hợp với Bưu điện tỉnh hỗ trợ 1.150 hộ sản xuất mở gian hàng, hướng dẫn thanh toán không dùng tiền mặt.",
    ];

    const FRENCH: &str = "Le conseil municipal a décidé, après une longue réunion, de réviser le budget prévu pour l'année prochaine. Les élus ont également évoqué la rénovation de l'école primaire et la création d'un nouveau marché près de la gare. À la fin de la séance, le maire a remercié les habitants présents et a rappelé que la consultation publique se déroulera du 3 au 17 février.";
    const GERMAN: &str = "Die Stadtverwaltung hat beschlossen, die Gebühren für die Müllabfuhr ab dem 1. Januar zu erhöhen. Außerdem wurde über die Sanierung der Grundschule und den Bau eines größeren Spielplatzes gesprochen. Bürgerinnen und Bürger können ihre Einwände bis Ende März schriftlich einreichen.";
    const ENGLISH: &str = "The committee’s “final report” was published on Monday – two weeks later than planned. It’s expected that the board will review the proposal… and vote in the spring; members said the “new timetable” is realistic.";

    /// "Администрация области утвердила план развития на 2023 год, включая строительство дорог и школ." in cp1251.
    const RUSSIAN_CP1251: &[u8] = b"\xC0\xE4\xEC\xE8\xED\xE8\xF1\xF2\xF0\xE0\xF6\xE8\xFF \xEE\xE1\xEB\xE0\xF1\xF2\xE8 \xF3\xF2\xE2\xE5\xF0\xE4\xE8\xEB\xE0 \xEF\xEB\xE0\xED \xF0\xE0\xE7\xE2\xE8\xF2\xE8\xFF \xED\xE0 2023 \xE3\xEE\xE4, \xE2\xEA\xEB\xFE\xF7\xE0\xFF \xF1\xF2\xF0\xEE\xE8\xF2\xE5\xEB\xFC\xF1\xF2\xE2\xEE \xE4\xEE\xF0\xEE\xE3 \xE8 \xF8\xEA\xEE\xEB.";
    /// "今年全省共建成五千个移动通信基站，数字政府建设取得明显成效。" in gbk.
    const CHINESE_GBK: &[u8] = b"\xBD\xF1\xC4\xEA\xC8\xAB\xCA\xA1\xB9\xB2\xBD\xA8\xB3\xC9\xCE\xE5\xC7\xA7\xB8\xF6\xD2\xC6\xB6\xAF\xCD\xA8\xD0\xC5\xBB\xF9\xD5\xBE\xA3\xAC\xCA\xFD\xD7\xD6\xD5\xFE\xB8\xAE\xBD\xA8\xC9\xE8\xC8\xA1\xB5\xC3\xC3\xF7\xCF\xD4\xB3\xC9\xD0\xA7\xA1\xA3";
    /// "今年度は行政手続きのオンライン化が大きく進みました。" in shift_jis.
    const JAPANESE_SJIS: &[u8] = b"\x8D\xA1\x94N\x93x\x82\xCD\x8Ds\x90\xAD\x8E\xE8\x91\xB1\x82\xAB\x82\xCC\x83I\x83\x93\x83\x89\x83C\x83\x93\x89\xBB\x82\xAA\x91\xE5\x82\xAB\x82\xAD\x90i\x82\xDD\x82\xDC\x82\xB5\x82\xBD\x81B";
    /// "Zarząd województwa przyjął sprawozdanie z wykonania budżetu za ubiegły rok." in cp1250.
    const POLISH_CP1250: &[u8] = b"Zarz\xB9d wojew\xF3dztwa przyj\xB9\xB3 sprawozdanie z wykonania bud\xBFetu za ubieg\xB3y rok.";

    /// Latin-1 bytes of a string made only of U+0000..=U+00FF.
    fn latin1(s: &str) -> Vec<u8> {
        s.chars().map(|c| u8::try_from(c).unwrap()).collect()
    }

    /// cp1252 bytes of `s` (Latin-1 plus the 0x80..=0x9F punctuation).
    fn cp1252(s: &str) -> Vec<u8> {
        s.chars()
            .map(|c| match c {
                '’' => 0x92,
                '“' => 0x93,
                '”' => 0x94,
                '–' => 0x96,
                '…' => 0x85,
                _ => u8::try_from(c).unwrap(),
            })
            .collect()
    }

    /// What a TCVN3 document can hold: toned capitals become lower case, as
    /// they did when typed with an all-caps font.
    fn tcvn3_fold(text: &str) -> String {
        text.chars()
            .flat_map(|c| {
                let keep = encode(&c.to_string(), Legacy::Tcvn3).is_some();
                let lower: Vec<char> = if keep {
                    vec![c]
                } else {
                    c.to_lowercase().collect()
                };
                lower
            })
            .collect()
    }

    /// The text a fixture in `encoding` carries, and its bytes.
    fn fixture(text: &str, encoding: Legacy) -> (String, Vec<u8>) {
        let text = match encoding {
            Legacy::Tcvn3 => tcvn3_fold(text),
            _ => text.to_string(),
        };
        let bytes = encode(&text, encoding).unwrap();
        (text, bytes)
    }

    fn all_letters() -> Vec<char> {
        let mut letters: Vec<char> = VOWELS.iter().flatten().copied().collect();
        letters.extend(['đ', 'Đ']);
        letters
    }

    /// Deterministic pseudo-random bytes.
    fn random_bytes(len: usize, seed: u64, keep: impl Fn(u8) -> bool) -> Vec<u8> {
        let mut state = seed;
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let b = (state >> 56) as u8;
            if keep(b) {
                out.push(b);
            }
        }
        out
    }

    #[test]
    fn names() {
        assert_eq!(Legacy::Tcvn3.name(), "tcvn3");
        assert_eq!(Legacy::Vni.name(), "vni-windows");
        assert_eq!(Legacy::Windows1258.name(), "windows-1258");
    }

    #[test]
    fn vowel_grid_is_consistent() {
        for row in VOWELS {
            let base: String = std::iter::once(row[0]).nfd().collect();
            for (tone, &c) in row.iter().enumerate() {
                assert_eq!(std::iter::once(c).nfc().collect::<String>(), c.to_string());
                let expected: String = if tone == 0 {
                    base.clone()
                } else {
                    format!("{base}{}", TONE_MARKS[tone]).nfd().collect()
                };
                let got: String = std::iter::once(c).nfd().collect();
                assert_eq!(got, expected, "{c}");
            }
        }
        for (lower, upper) in VOWELS[..12].iter().zip(&VOWELS[12..]) {
            for (l, u) in lower.iter().zip(upper) {
                assert_eq!(l.to_uppercase().collect::<String>(), u.to_string());
            }
        }
    }

    #[test]
    fn tcvn3_samples() {
        let cases = [
            ("Th«ng tin vµ TruyÒn th«ng", "Thông tin và Truyền thông"),
            ("QuyÕt ®Þnh", "Quyết định"),
            ("Q§-UBND", "QĐ-UBND"),
            ("ñy ban nh©n d©n", "ủy ban nhân dân"),
            ("Bé", "Bộ"),
            ("\u{AD}íc", "ước"),
        ];
        for (legacy, unicode) in cases {
            let bytes = latin1(legacy);
            assert_eq!(decode(&bytes, Legacy::Tcvn3), unicode);
            assert_eq!(encode(unicode, Legacy::Tcvn3).unwrap(), bytes);
        }
    }

    #[test]
    fn vni_samples() {
        let cases = [
            ("Thoâng tin vaø Truyeàn thoâng", "Thông tin và Truyền thông"),
            ("Quyeát ñònh", "Quyết định"),
            ("Vieät Nam", "Việt Nam"),
            (
                "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            ),
            (
                "Ñoäc laäp - Töï do - Haïnh phuùc",
                "Độc lập - Tự do - Hạnh phúc",
            ),
            ("thöôùc kyõ, Ñöôøng", "thước kỹ, Đường"),
        ];
        for (legacy, unicode) in cases {
            let bytes = latin1(legacy);
            assert_eq!(decode(&bytes, Legacy::Vni), unicode);
            assert_eq!(encode(unicode, Legacy::Vni).unwrap(), bytes);
        }
    }

    #[test]
    fn cp1258_samples() {
        // Tones are combining bytes after the (possibly shaped) vowel.
        let bytes = b"Quy\xEA\xECt \xF0i\xF2nh";
        assert_eq!(decode(bytes, Legacy::Windows1258), "Quyết định");
        assert_eq!(encode("Quyết định", Legacy::Windows1258).unwrap(), bytes);
        assert_eq!(decode(b"Quy\xEAt", Legacy::Windows1258), "Quyêt");
        // Precomposed where the code page has the letter, combining otherwise.
        assert_eq!(encode("và", Legacy::Windows1258).unwrap(), b"v\xE0");
        assert_eq!(encode("Việt", Legacy::Windows1258).unwrap(), b"Vi\xEA\xF2t");
        assert_eq!(
            encode("₫ ă Ơ ư", Legacy::Windows1258).unwrap(),
            b"\xFE \xE3 \xD5 \xFD"
        );
        assert_eq!(decode(b"\x93a\x94 \x80", Legacy::Windows1258), "“a” €");
    }

    #[test]
    fn round_trip_every_letter() {
        for c in all_letters() {
            let s = c.to_string();
            for encoding in [Legacy::Vni, Legacy::Windows1258] {
                let bytes = encode(&s, encoding).unwrap();
                assert_eq!(decode(&bytes, encoding), s, "{c} in {}", encoding.name());
            }
            let is_tcvn3 = c.is_lowercase() || "ĂÂÊÔƠƯĐAEIOUY".contains(c);
            match encode(&s, Legacy::Tcvn3) {
                Some(bytes) => {
                    assert!(is_tcvn3, "{c} should not be in TCVN3");
                    assert_eq!(bytes.len(), 1);
                    assert_eq!(decode(&bytes, Legacy::Tcvn3), s);
                }
                None => assert!(!is_tcvn3, "{c} missing from TCVN3"),
            }
        }
        // 67 lower-case letters with diacritics plus 7 bare capitals.
        let tcvn3_high = TCVN3_HIGH[0x20..]
            .iter()
            .filter(|c| c.is_alphabetic())
            .count();
        assert_eq!(tcvn3_high, 67 + 7);
    }

    #[test]
    fn round_trip_words_in_context() {
        // Mark bytes must attach to the right letter even between words.
        let text = "ươu ƯƠU oà hoà Hòa quyển Quýt ỵ Ỵ ĩ Ĩ ặ Ặ ẫ Ẫ ưa Ửa";
        for encoding in [Legacy::Vni, Legacy::Windows1258] {
            let bytes = encode(text, encoding).unwrap();
            assert_eq!(decode(&bytes, encoding), text, "{}", encoding.name());
        }
    }

    #[test]
    fn round_trip_paragraphs() {
        for paragraph in PARAGRAPHS {
            for encoding in Legacy::ALL {
                let (text, bytes) = fixture(paragraph, encoding);
                assert!(std::str::from_utf8(&bytes).is_err());
                assert_eq!(decode(&bytes, encoding), text, "{}", encoding.name());
            }
        }
        // Toned capitals really come back lower case in TCVN3.
        let (text, _) = fixture("Ủy ban Ông Ở", Legacy::Tcvn3);
        assert_eq!(text, "ủy ban Ông ở");
    }

    #[test]
    fn unrepresentable_characters() {
        assert_eq!(encode("Ủy", Legacy::Tcvn3), None);
        assert_eq!(encode("Ω", Legacy::Tcvn3), None);
        assert_eq!(encode("ñ", Legacy::Vni), None);
        assert_eq!(encode("ő", Legacy::Windows1258), None);
        assert_eq!(encode("\u{FFFD}", Legacy::Tcvn3), None);
        assert_eq!(encode("\u{FFFD}", Legacy::Vni), None);
        assert_eq!(encode("\u{FFFD}", Legacy::Windows1258), None);
        assert_eq!(encode("漢", Legacy::Windows1258), None);
    }

    #[test]
    fn unmapped_bytes_become_replacement() {
        assert_eq!(decode(b"a\xAFb", Legacy::Tcvn3), "a\u{FFFD}b");
        assert_eq!(decode(b"\x81", Legacy::Vni), "\u{FFFD}");
        assert_eq!(decode(b"\x8A", Legacy::Windows1258), "\u{FFFD}");
    }

    #[test]
    fn newlines_survive() {
        let mut bytes = random_bytes(50_000, 7, |_| true);
        // Mark bytes right after line breaks and at the very start.
        bytes.extend_from_slice(b"\n\xF9\r\n\xE2\n\xB3\r\xEC\n");
        bytes.insert(0, 0xF9);
        let lf = bytes.iter().filter(|&&b| b == b'\n').count();
        let cr = bytes.iter().filter(|&&b| b == b'\r').count();
        for encoding in Legacy::ALL {
            let text = decode(&bytes, encoding);
            assert_eq!(text.matches('\n').count(), lf, "{}", encoding.name());
            assert_eq!(text.matches('\r').count(), cr, "{}", encoding.name());
        }
    }

    #[test]
    fn incremental_composition_matches_nfc() {
        let mut inputs: Vec<Vec<u8>> = (0..40)
            .map(|seed| random_bytes(2000, seed, |b| b >= 0x20 || b == b'\n'))
            .collect();
        // Dense letter + mark pairs, including orders NFC must fix.
        let marks: Vec<u8> = (0x80..=0xFF).collect();
        for base in b"aAeEoOuUyYiI \n".iter().copied().chain(0xA0..=0xFF) {
            let mut bytes = Vec::new();
            for &m in &marks {
                bytes.extend_from_slice(&[base, m, base, m, m, b' ']);
            }
            inputs.push(bytes);
        }
        for bytes in inputs {
            for encoding in Legacy::ALL {
                let mut raw = String::new();
                for &b in &bytes {
                    let c = b & 0x7F;
                    match encoding {
                        _ if b.is_ascii() => raw.push(char::from(b)),
                        Legacy::Tcvn3 => raw.push(TCVN3_HIGH[usize::from(c)]),
                        Legacy::Windows1258 => raw.push(CP1258_HIGH[usize::from(c)]),
                        Legacy::Vni => raw.push_str(VNI_HIGH[usize::from(c)]),
                    }
                }
                let expected: String = raw.nfc().collect();
                assert_eq!(decode(&bytes, encoding), expected, "{}", encoding.name());
            }
        }
    }

    #[test]
    fn decodes_one_megabyte() {
        let (_, unit) = fixture(PARAGRAPHS[1], Legacy::Vni);
        let mut bytes = Vec::new();
        while bytes.len() < 1 << 20 {
            bytes.extend_from_slice(&unit);
            bytes.push(b'\n');
        }
        let lines = bytes.iter().filter(|&&b| b == b'\n').count();
        for encoding in Legacy::ALL {
            let text = decode(&bytes, encoding);
            assert_eq!(text.lines().count(), lines);
        }
    }

    #[test]
    fn detects_paragraphs_in_every_encoding() {
        for (i, paragraph) in PARAGRAPHS.iter().enumerate() {
            for encoding in Legacy::ALL {
                let (_, bytes) = fixture(paragraph, encoding);
                let (found, confidence) = detect(&bytes)
                    .unwrap_or_else(|| panic!("paragraph {i} in {} not detected", encoding.name()));
                assert_eq!(found, encoding, "paragraph {i}");
                assert!(
                    confidence > 0.6,
                    "paragraph {i} {}: {confidence}",
                    encoding.name()
                );
                assert!(confidence <= 1.0);
            }
        }
    }

    #[test]
    fn detects_whole_document() {
        let document = PARAGRAPHS.join("\n");
        for encoding in Legacy::ALL {
            let (_, bytes) = fixture(&document, encoding);
            let (found, confidence) = detect(&bytes).unwrap();
            assert_eq!(found, encoding);
            assert!(confidence > 0.8, "{}: {confidence}", encoding.name());
        }
    }

    #[test]
    fn detects_short_samples() {
        assert_eq!(
            detect(&latin1("Th«ng tin vµ TruyÒn th«ng")).map(|d| d.0),
            Some(Legacy::Tcvn3)
        );
        assert_eq!(
            detect(&latin1("QuyÕt ®Þnh")).map(|d| d.0),
            Some(Legacy::Tcvn3)
        );
        assert_eq!(
            detect(&latin1("Thoâng tin vaø Truyeàn thoâng")).map(|d| d.0),
            Some(Legacy::Vni)
        );
        assert_eq!(
            detect(&latin1("Quyeát ñònh")).map(|d| d.0),
            Some(Legacy::Vni)
        );
    }

    #[test]
    fn rejects_non_vietnamese() {
        assert_eq!(detect(b""), None);
        assert_eq!(detect(b"Plain ASCII text, 123 lines.\n"), None);
        assert_eq!(detect("Quyết định số 02/QĐ-UBND".as_bytes()), None, "UTF-8");
        assert_eq!(detect(&latin1(FRENCH)), None, "French");
        assert_eq!(detect(&latin1(GERMAN)), None, "German");
        assert_eq!(detect(&cp1252(ENGLISH)), None, "English");
        let mut binary = encode(PARAGRAPHS[0], Legacy::Vni).unwrap();
        binary.extend_from_slice(&[0, 1, 2, 3]);
        assert_eq!(detect(&binary), None, "NUL bytes");
        for (name, bytes) in [
            ("cp1251", RUSSIAN_CP1251),
            ("gbk", CHINESE_GBK),
            ("shift_jis", JAPANESE_SJIS),
            ("cp1250", POLISH_CP1250),
        ] {
            assert_eq!(detect(bytes), None, "{name}");
        }
        // Vietnamese UTF-8 with one stray Latin-1 byte is not a legacy text.
        let mut stray = PARAGRAPHS[0].as_bytes().to_vec();
        stray.extend_from_slice(b" \xA9 2021");
        assert_eq!(detect(&stray), None, "UTF-8 with a stray byte");
        // Degenerate inputs.
        for bytes in [&b"\xFF"[..], b"\x80", b"\xE9\xE9", &[0xE9; 100_000]] {
            assert_eq!(detect(bytes), None);
        }
        for seed in 0..20 {
            assert_eq!(
                detect(&random_bytes(4096, seed, |_| true)),
                None,
                "random {seed}"
            );
            let printable = random_bytes(4096, seed, |b| b >= 0x20 && b != 0x7F);
            assert_eq!(detect(&printable), None, "random printable {seed}");
        }
    }

    #[test]
    fn syllable_checker() {
        for word in [
            "quyết",
            "định",
            "nghiêng",
            "giữa",
            "gì",
            "khuỷu",
            "thuở",
            "huỳnh",
            "ước",
            "Ủy",
            "hoà",
            "hòa",
            "xoong",
            "kỹ",
            "quốc",
            "NGHĨA",
            "đường",
            "ngoằn",
            "khuếch",
        ] {
            assert!(
                matches!(classify_word(word), WordClass::Syllable { .. }),
                "{word}"
            );
        }
        for word in [
            "thủy", "thuỷ", "khoẻ", "khỏe", "ngoài", "người", "quả", "giá", "khuya", "mía", "của",
            "tiến", "tiền", "Toàn",
        ] {
            assert!(
                matches!(classify_word(word), WordClass::Syllable { .. }),
                "{word}"
            );
        }
        for word in [
            "sơì",
            "cuả",
            "ngoaì",
            "nguời",
            "tìên",
            "toàn\u{301}",
            "tóan",
        ] {
            let class = classify_word(word);
            assert!(
                !matches!(class, WordClass::Syllable { .. }),
                "{word}: {class:?}"
            );
        }
        for word in ["thành", "ca", "kinh", "ghi"] {
            assert_eq!(
                classify_word(word),
                WordClass::Syllable {
                    marked: !word.is_ascii()
                }
            );
        }
        for word in [
            "tàt",
            "ka",
            "ci",
            "ce",
            "gha",
            "ât",
            "â",
            "été",
            "Müller",
            "strasse",
            "quá\u{301}",
        ] {
            let class = classify_word(word);
            assert!(
                !matches!(class, WordClass::Syllable { .. }),
                "{word}: {class:?}"
            );
        }
        assert_eq!(classify_word("UBND"), WordClass::Acronym);
        assert_eq!(classify_word("QĐ"), WordClass::Acronym);
    }

    /// Splits the paragraphs into sentences and clauses for a harder test.
    fn fragments() -> Vec<String> {
        PARAGRAPHS
            .iter()
            .flat_map(|p| p.split(['.', ';', '\n', ':']))
            .map(str::trim)
            .filter(|s| !s.is_ascii())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn sentence_level_accuracy() {
        let mut total = 0;
        let mut right = 0;
        let mut wrong = 0;
        let mut min_confidence = 1.0f32;
        for fragment in fragments() {
            for encoding in Legacy::ALL {
                let (_, bytes) = fixture(&fragment, encoding);
                if std::str::from_utf8(&bytes).is_ok() {
                    continue;
                }
                total += 1;
                match detect(&bytes) {
                    Some((found, confidence)) if found == encoding => {
                        right += 1;
                        min_confidence = min_confidence.min(confidence);
                    }
                    Some(_) => wrong += 1,
                    None => {}
                }
            }
        }
        assert_eq!(
            wrong, 0,
            "{right}/{total} right, min confidence {min_confidence}"
        );
        assert!(right * 100 >= total * 95, "{right}/{total}");
    }
}
