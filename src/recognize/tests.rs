//! Table-driven tests for the [`Scanner`]: each case is a sentence, the text
//! of the mention it should produce (or the stretch of text that must carry
//! no value), and what that mention should be. Positive and negative cases
//! sit side by side, grouped by topic; a failure prints the input and every
//! mention the scanner produced.
//!
//! The sentence goes through the real decode and normalisation stage first
//! (so `Ð`, en dashes and odd spaces arrive the way the pipeline sees them),
//! then is tokenised and scanned as one sentence against the built-in
//! catalogue.

use super::*;
use crate::decode::{self, DecodeOptions};
use crate::document::Span;
use crate::read::SourceFile;

use Qualifier::{Approx, AtLeast, AtMost, Over, Under};

/// What the mention covering a case's text should be.
#[derive(Debug, Clone, Copy)]
enum Want {
    /// A digit quantity: value (in the unit's base), unit name (`None` for a
    /// plain count), qualifier. Not foreign, not spelled, not a range.
    Qty(f64, Option<&'static str>, Option<Qualifier>),
    /// A quantity in foreign style (`0.8253`), flagged: value, unit name.
    Foreign(f64, Option<&'static str>),
    /// A spelled-out quantity: value, unit name, qualifier.
    Words(f64, Option<&'static str>, Option<Qualifier>),
    /// A range quantity: lower, upper, unit name, qualifier.
    Range(f64, f64, Option<&'static str>, Option<Qualifier>),
    /// A duration (`03 ngày`): value, upper end of a range.
    Duration(f64, Option<f64>),
    /// A per-100 density: value, base.
    Density(f64, DensityBase),
    /// Part of a total: part, total.
    Ratio(f64, f64),
    /// A rank and its field size.
    Rank(f64, Option<f64>),
    /// A date: year, month, day.
    Day(Option<i32>, u32, u32),
    /// A period.
    Per(Period),
    /// A document reference: number, year, code as written, Party style.
    Ref(&'static str, Option<i32>, &'static str, bool),
    /// A number recorded as not a quantity, for this reason.
    Block(Blocked),
    /// No quantity, ratio, rank, date or period overlaps the text.
    Nothing,
    /// No quantity, ratio or rank overlaps the text (blocked numbers,
    /// references, dates and periods may).
    NoValue,
}

use Want::*;

type Case = (&'static str, &'static str, Want);

const NONE: Option<&str> = None;
const PCT: Option<&str> = Some("percent");
const KM: Option<&str> = Some("km");
const VND: Option<&str> = Some("VND");

/// Numbers: separators, leading zeros, units, foreign style, scale words,
/// spelled-out counts and the words that only look like numbers.
const NUMBERS: &[Case] = &[
    (
        "Có 1.234.567 thuê bao.",
        "1.234.567",
        Qty(1_234_567.0, NONE, None),
    ),
    (
        "Đạt 1.086.417 thuê bao.",
        "1.086.417",
        Qty(1_086_417.0, NONE, None),
    ),
    ("Tỷ lệ đạt 68,5%.", "68,5%", Qty(68.5, PCT, None)),
    (
        "Thu 14,372 nghìn tỉ đồng.",
        "14,372 nghìn tỉ đồng",
        Qty(14.372e12, VND, None),
    ),
    (
        "Giải ngân 1.159,636 tỷ đồng.",
        "1.159,636 tỷ đồng",
        Qty(1_159.636e9, VND, None),
    ),
    (
        "Doanh thu 98.982,30 tỷ đồng.",
        "98.982,30 tỷ đồng",
        Qty(98_982.3e9, VND, None),
    ),
    ("Cấp 01 giấy phép và 09 dự án.", "01", Qty(1.0, NONE, None)),
    ("Cấp 01 giấy phép và 09 dự án.", "09", Qty(9.0, NONE, None)),
    ("Cấp 06 giấy phép.", "06", Qty(6.0, NONE, None)),
    ("Có 1234 trạm.", "1234", Qty(1234.0, NONE, None)),
    ("Có 315482 thuê bao.", "315482", Qty(315_482.0, NONE, None)),
    (
        "Xây dựng 4.750km cáp quang.",
        "4.750km",
        Qty(4750.0, KM, None),
    ),
    ("Chỉnh trang 12,5 km cáp.", "12,5 km", Qty(12.5, KM, None)),
    ("Đạt 12,5km cáp.", "12,5km", Qty(12.5, KM, None)),
    ("Kéo 500 m cáp.", "500 m", Qty(0.5, KM, None)),
    ("Đạt 44 % hộ gia đình.", "44 %", Qty(44.0, PCT, None)),
    (
        "Tốc độ đạt 224 Mbps.",
        "224 Mbps",
        Qty(224.0, Some("Mbps"), None),
    ),
    ("Kinh phí 5.000.000đ.", "5.000.000đ", Qty(5e6, VND, None)),
    ("Chỉ số đạt 0.8253 điểm.", "0.8253", Foreign(0.8253, NONE)),
    (
        "Doanh thu 1,234.56 tỷ đồng.",
        "1,234.56 tỷ đồng",
        Foreign(1_234.56e9, VND),
    ),
    ("Đạt 98.5% kế hoạch.", "98.5%", Foreign(98.5, PCT)),
    (
        "Có 1,234,567 thuê bao.",
        "1,234,567",
        Foreign(1_234_567.0, NONE),
    ),
    ("Chỉ số đạt 0,5893 điểm.", "0,5893", Qty(0.5893, NONE, None)),
    ("Có 1.234 trạm.", "1.234", Qty(1234.0, NONE, None)),
    ("Chỉ số đạt 1,234 điểm.", "1,234", Qty(1.234, NONE, None)),
    (
        "Mã 12.34.567 không hợp lệ.",
        "12.34.567",
        Block(Blocked::Code),
    ),
    ("Mã 1.2.3 không hợp lệ.", "1.2.3", Block(Blocked::Code)),
    // Scale words.
    (
        "Có 1,31 triệu thuê bao.",
        "1,31 triệu",
        Qty(1_310_000.0, NONE, None),
    ),
    (
        "Doanh thu 58,7 tỷ đồng.",
        "58,7 tỷ đồng",
        Qty(58_700_000_000.0, VND, None),
    ),
    (
        "Có 35 nghìn thuê bao.",
        "35 nghìn",
        Qty(35_000.0, NONE, None),
    ),
    ("Có 35 ngàn thuê bao.", "35 ngàn", Qty(35_000.0, NONE, None)),
    (
        "Có 1.385 nghìn thuê bao.",
        "1.385 nghìn",
        Qty(1_385_000.0, NONE, None),
    ),
    (
        "Xuất khẩu 10,6 tỉ USD.",
        "10,6 tỉ USD",
        Qty(10.6e9, Some("USD"), None),
    ),
    (
        "Thu 3 nghìn tỷ đồng.",
        "3 nghìn tỷ đồng",
        Qty(3e12, VND, None),
    ),
    (
        "Thu 2 ngàn tỷ đồng.",
        "2 ngàn tỷ đồng",
        Qty(2e12, VND, None),
    ),
    (
        "Đạt 1,2 triệu tỷ đồng.",
        "1,2 triệu tỷ đồng",
        Qty(1.2e15, VND, None),
    ),
    (
        "Có 0,5 triệu thuê bao.",
        "0,5 triệu",
        Qty(500_000.0, NONE, None),
    ),
    (
        "Có 1 triệu 200 nghìn thuê bao.",
        "1 triệu 200 nghìn",
        Qty(1_200_000.0, NONE, None),
    ),
    (
        "Thu 2 tỷ 500 triệu đồng.",
        "2 tỷ 500 triệu đồng",
        Qty(2.5e9, VND, None),
    ),
    // Spelled-out counts.
    (
        "Có hai mươi lăm trạm.",
        "hai mươi lăm",
        Words(25.0, NONE, None),
    ),
    ("Có mười một bưu cục.", "mười một", Words(11.0, NONE, None)),
    (
        "Có hai mươi mốt xã.",
        "hai mươi mốt",
        Words(21.0, NONE, None),
    ),
    (
        "Có hai mươi tư điểm.",
        "hai mươi tư",
        Words(24.0, NONE, None),
    ),
    (
        "Có một trăm linh năm trạm.",
        "một trăm linh năm",
        Words(105.0, NONE, None),
    ),
    (
        "Có ba nghìn thuê bao.",
        "ba nghìn",
        Words(3000.0, NONE, None),
    ),
    (
        "Có ba mươi lăm nghìn thuê bao.",
        "ba mươi lăm nghìn",
        Words(35_000.0, NONE, None),
    ),
    (
        "Có hai nghìn rưỡi thuê bao.",
        "hai nghìn rưỡi",
        Words(2500.0, NONE, None),
    ),
    (
        "Có một triệu rưỡi thuê bao.",
        "một triệu rưỡi",
        Words(1_500_000.0, NONE, None),
    ),
    ("Có năm mươi trạm.", "năm mươi", Words(50.0, NONE, None)),
    ("Có ba trạm BTS mới.", "ba", Words(3.0, NONE, None)),
    ("Bảy trạm BTS mới.", "Bảy", Words(7.0, NONE, None)),
    (
        "Đạt hai mươi lăm phần trăm.",
        "hai mươi lăm phần trăm",
        Words(25.0, PCT, None),
    ),
    ("Trong năm nay, Sở đã triển khai.", "năm", Nothing),
    ("Trong năm năm qua đã đầu tư.", "năm năm", NoValue),
    (
        "Trong năm 2021 doanh thu tăng.",
        "năm 2021",
        Per(Period::Year(2021)),
    ),
    ("Có một số trạm mới.", "một", NoValue),
    ("Ba Vì có nhiều điểm du lịch.", "Ba", NoValue),
    ("Ba mẹ đưa con đi học.", "Ba", NoValue),
    ("Đơn vị tư vấn đầu tư vào dự án.", "đầu tư", NoValue),
    ("Doanh nghiệp tư nhân phát triển.", "tư", NoValue),
    ("Họp vào thứ tư hàng tuần.", "thứ tư", NoValue),
    ("Đơn vị đứng thứ tư toàn quốc.", "thứ tư", NoValue),
    ("Lần thứ ba tổ chức.", "thứ ba", NoValue),
];

/// Qualifiers, ranges and vague magnitudes.
const QUALIFIERS: &[Case] = &[
    (
        "Có hơn 200 tỷ đồng.",
        "200 tỷ đồng",
        Qty(200e9, VND, Some(Over)),
    ),
    (
        "Có trên 1.750 tỷ đồng.",
        "1.750 tỷ đồng",
        Qty(1750e9, VND, Some(Over)),
    ),
    ("Vượt 15 trạm.", "15", Qty(15.0, NONE, Some(Over))),
    (
        "Có hơn hai mươi trạm.",
        "hai mươi",
        Words(20.0, NONE, Some(Over)),
    ),
    ("Gần 4.750km cáp.", "4.750km", Qty(4750.0, KM, Some(Under))),
    (
        "Gần 2,2 triệu thuê bao.",
        "2,2 triệu",
        Qty(2_200_000.0, NONE, Some(Under)),
    ),
    (
        "Gần ba nghìn thuê bao.",
        "ba nghìn",
        Words(3000.0, NONE, Some(Under)),
    ),
    (
        "Khoảng 14,26% dân số.",
        "14,26%",
        Qty(14.26, PCT, Some(Approx)),
    ),
    (
        "Khoảng 3.000 tỷ đồng.",
        "3.000 tỷ đồng",
        Qty(3000e9, VND, Some(Approx)),
    ),
    (
        "Xấp xỉ 100 thuê bao.",
        "100",
        Qty(100.0, NONE, Some(Approx)),
    ),
    ("Chừng 30 trạm.", "30", Qty(30.0, NONE, Some(Approx))),
    ("Trên dưới 50 trạm.", "50", Qty(50.0, NONE, Some(Approx))),
    ("Bán kính dưới 3 km.", "3 km", Qty(3.0, KM, Some(AtMost))),
    ("Không quá 5 ngày.", "5", Duration(5.0, None)),
    ("Tối đa 10 trạm.", "10", Qty(10.0, NONE, Some(AtMost))),
    ("Ít nhất 20 trạm.", "20", Qty(20.0, NONE, Some(AtLeast))),
    ("Tối thiểu 20 trạm.", "20", Qty(20.0, NONE, Some(AtLeast))),
    ("Đạt từ 60% trở lên.", "60%", Qty(60.0, PCT, Some(AtLeast))),
    ("Từ 02 Bộ trở lên.", "02", Qty(2.0, NONE, Some(AtLeast))),
    ("Tăng 3% - 3,5%.", "3% - 3,5%", Range(3.0, 3.5, PCT, None)),
    (
        "Đạt từ 10% đến 15%.",
        "10% đến 15%",
        Range(10.0, 15.0, PCT, None),
    ),
    (
        "Từ 10 đến 15 trạm.",
        "10 đến 15",
        Range(10.0, 15.0, NONE, None),
    ),
    ("Xử lý 3 - 5 trạm.", "3 - 5", Range(3.0, 5.0, NONE, None)),
    (
        "Tăng 2,8 - 3,4 lần.",
        "2,8 - 3,4",
        Range(2.8, 3.4, NONE, None),
    ),
    (
        "Vốn 1.520 - 1.560 tỷ đồng.",
        "1.520 - 1.560 tỷ đồng",
        Range(1520e9, 1560e9, VND, None),
    ),
    (
        "Khoảng 1.000 - 1.200 thuê bao.",
        "1.000 - 1.200",
        Range(1000.0, 1200.0, NONE, Some(Approx)),
    ),
    (
        "Giải quyết trong 01 - 05 ngày làm việc.",
        "01 - 05",
        Duration(1.0, Some(5.0)),
    ),
    ("Có hàng trăm km cáp.", "hàng trăm km", NoValue),
    ("Có hàng nghìn thuê bao.", "hàng nghìn", NoValue),
    ("Có hàng chục nghìn thuê bao.", "hàng chục nghìn", NoValue),
    ("Có hàng triệu thuê bao.", "hàng triệu", NoValue),
];

/// Percentages.
const PERCENTAGES: &[Case] = &[
    ("Đạt 100%.", "100%", Qty(100.0, PCT, None)),
    ("Đạt 50 phần trăm.", "50 phần trăm", Qty(50.0, PCT, None)),
    (
        "Tỷ lệ hộ có cáp quang đạt 103,62%.",
        "103,62%",
        Qty(103.62, PCT, None),
    ),
    ("Bằng 109% so với cùng kỳ.", "109%", Qty(109.0, PCT, None)),
    ("Đạt 98,5 % kế hoạch.", "98,5 %", Qty(98.5, PCT, None)),
    (
        "Tăng 5,2 điểm phần trăm.",
        "5,2 điểm phần trăm",
        Qty(5.2, Some("percentage_point"), None),
    ),
    ("Trên 90% hộ gia đình.", "90%", Qty(90.0, PCT, Some(Over))),
];

/// Numbers that are not quantities.
const NOT_QUANTITIES: &[Case] = &[
    ("Số ca Covid-19 giảm.", "19", Block(Blocked::Identifier)),
    ("COVID-19 đã được kiểm soát.", "COVID-19", NoValue),
    ("Phủ sóng 4G đạt 98%.", "4G", Block(Blocked::Technology)),
    ("Phủ sóng 4G đạt 98%.", "98%", Qty(98.0, PCT, None)),
    ("Thử nghiệm 5G tại tỉnh.", "5G", Block(Blocked::Technology)),
    ("Mạng 4G/5G phủ sóng.", "4G/5G", NoValue),
    (
        "Công nghệ 3D đã ứng dụng.",
        "3D",
        Block(Blocked::Technology),
    ),
    ("Chuyển đổi sang IPv6 trong năm.", "IPv6", NoValue),
    (
        "Đạt chứng nhận ISO 9001:2015.",
        "9001:2015",
        Block(Blocked::Time),
    ),
    ("Bảng mã TCVN 6909:2001 bắt buộc.", "6909:2001", NoValue),
    (
        "Tuân thủ QCVN 81:2014/BTTTT về chất lượng.",
        "81:2014/BTTTT",
        NoValue,
    ),
    (
        "Triển khai Đề án 06 của Chính phủ.",
        "06",
        Block(Blocked::Identifier),
    ),
    ("Theo Điều 10 của Luật.", "10", Block(Blocked::Identifier)),
    ("Tại khoản 2 Điều 5.", "2", Block(Blocked::Identifier)),
    ("Phụ lục 2 kèm theo.", "2", Block(Blocked::Identifier)),
    ("Số 07 đường Lê Lợi.", "07", Block(Blocked::Identifier)),
    ("Tổng số 1.318 trạm.", "1.318", Qty(1318.0, NONE, None)),
    ("Quốc hội khóa XV đã thông qua.", "khóa XV", Nothing),
    ("Đại hội lần thứ XIII của Đảng.", "XIII", Nothing),
    (
        "Đại hội lần thứ 2 đã diễn ra.",
        "2",
        Block(Blocked::Ordinal),
    ),
    (
        "Trong quý I, doanh thu tăng.",
        "quý I",
        Per(Period::Quarter {
            year: None,
            quarter: 1,
        }),
    ),
    (
        "Cập nhật 20/03/2023 10:56 SA",
        "10:56 SA",
        Block(Blocked::Time),
    ),
    ("Lúc 5:36 CH đã họp.", "5:36 CH", Block(Blocked::Time)),
    (
        "Họp lúc 09 giờ 15 phút.",
        "09 giờ 15 phút",
        Block(Blocked::Time),
    ),
    (
        "Liên hệ số 0918 123 456 để được hỗ trợ.",
        "0918 123 456",
        Block(Blocked::Phone),
    ),
    (
        "Điện thoại: 0259.3822.123",
        "0259.3822.123",
        Block(Blocked::Phone),
    ),
    (
        "Hotline: 0912.345.678 hỗ trợ.",
        "0912.345.678",
        Block(Blocked::Phone),
    ),
    ("Fax: 1900 1234 hỗ trợ.", "1900 1234", Block(Blocked::Phone)),
    (
        "Đường dây nóng 1800.1234 hỗ trợ.",
        "1800.1234",
        Block(Blocked::Phone),
    ),
    ("Quyết định 35/2016/QĐ-UBND ban hành.", "2016", NoValue),
    ("Ngày 22/10/2021 ban hành.", "2021", NoValue),
    (
        "Dịch vụ công trực tuyến mức độ 3, 4.",
        "3",
        Block(Blocked::Level),
    ),
    (
        "Dịch vụ công trực tuyến mức độ 3, 4.",
        "4",
        Block(Blocked::Level),
    ),
    (
        "Dịch vụ công mức độ 3 và 4 đã cung cấp.",
        "4",
        Block(Blocked::Level),
    ),
    (
        "Hệ thống đạt cấp độ 2 về an toàn thông tin.",
        "2",
        Block(Blocked::Level),
    ),
    ("Tăng gấp 2 lần.", "2 lần", Block(Blocked::Multiplier)),
    ("Trực 24/7 hàng ngày.", "24/7", Block(Blocked::Code)),
];

/// x/y forms, decided by context.
const SLASH_FORMS: &[Case] = &[
    ("Hoàn thành 09/09 nhiệm vụ.", "09/09", Ratio(9.0, 9.0)),
    ("Đã hoàn thành 09/09.", "09/09", Ratio(9.0, 9.0)),
    ("Có 47/96 xã đạt chuẩn.", "47/96", Ratio(47.0, 96.0)),
    (
        "Đã xử lý 2.152/2.418 điểm lõm sóng.",
        "2.152/2.418",
        Ratio(2152.0, 2418.0),
    ),
    (
        "Hoàn thành 45/47 nhiệm vụ (đạt 95,7%).",
        "45/47",
        Ratio(45.0, 47.0),
    ),
    ("Đạt 3/4 chỉ tiêu.", "3/4", Ratio(3.0, 4.0)),
    (
        "Tỉnh xếp thứ 21/63 tỉnh, thành phố.",
        "21/63",
        Rank(21.0, Some(63.0)),
    ),
    ("Xếp hạng 25/63 tỉnh.", "25/63", Rank(25.0, Some(63.0))),
    (
        "Xếp thứ 21 trên 63 tỉnh.",
        "21 trên 63",
        Rank(21.0, Some(63.0)),
    ),
    ("Tỉnh đứng thứ 5 toàn quốc.", "5", Rank(5.0, None)),
    (
        "Mật độ đạt 112,4 thuê bao/100 dân.",
        "112,4 thuê bao/100 dân",
        Density(112.4, DensityBase::Inhabitants),
    ),
    (
        "Đạt 73,77 máy/100 dân.",
        "73,77 máy/100 dân",
        Density(73.77, DensityBase::Inhabitants),
    ),
    (
        "Mật độ thuê bao di động: 98,7 TB/100 dân.",
        "98,7 TB/100 dân",
        Density(98.7, DensityBase::Inhabitants),
    ),
    (
        "Đạt 85 thuê bao/100 hộ.",
        "85 thuê bao/100 hộ",
        Density(85.0, DensityBase::Households),
    ),
    ("Ngày 09/09 khai mạc.", "09/09", Day(None, 9, 9)),
    ("Khai mạc (12/8) tại tỉnh.", "12/8", Day(None, 8, 12)),
    ("Đến ngày 20/02 đã hoàn thành.", "20/02", Day(None, 2, 20)),
    (
        "Theo báo cáo 3049/BC-STTTT.",
        "3049/BC-STTTT",
        Ref("3049", None, "BC-STTTT", false),
    ),
    ("Có 12/8 xã hoàn thành.", "12/8", Block(Blocked::BadRatio)),
    (
        "Hoàn thành 10/9 nhiệm vụ.",
        "10/9",
        Block(Blocked::BadRatio),
    ),
];

/// Dates and periods.
const DATES: &[Case] = &[
    (
        "Ngày 22/10/2021 ban hành.",
        "22/10/2021",
        Day(Some(2021), 10, 22),
    ),
    (
        "Ngày 22-10-2021 ban hành.",
        "22-10-2021",
        Day(Some(2021), 10, 22),
    ),
    (
        "Ngày 22.10.2021 ban hành.",
        "22.10.2021",
        Day(Some(2021), 10, 22),
    ),
    (
        "Ban hành 22/10/2021.",
        "22/10/2021",
        Day(Some(2021), 10, 22),
    ),
    ("Ngày 1/1/2022 bắt đầu.", "1/1/2022", Day(Some(2022), 1, 1)),
    (
        "Ngày 29/02/2024 ban hành.",
        "29/02/2024",
        Day(Some(2024), 2, 29),
    ),
    (
        "Đăng ngày 28 - 10 - 2021",
        "28 - 10 - 2021",
        Day(Some(2021), 10, 28),
    ),
    (
        "Ninh Thuận, ngày 22 tháng 10 năm 2021",
        "22 tháng 10 năm 2021",
        Day(Some(2021), 10, 22),
    ),
    (
        "Ngày 01 tháng 02 năm 2023 ký.",
        "01 tháng 02 năm 2023",
        Day(Some(2023), 2, 1),
    ),
    ("Hà Nội, ngày 05 tháng 3", "05 tháng 3", Day(None, 3, 5)),
    (
        "Sáng ngày 04/01/2021 khai mạc.",
        "04/01/2021",
        Day(Some(2021), 1, 4),
    ),
    ("Ngày 8-1 khai mạc.", "8-1", Day(None, 1, 8)),
    ("Chiều 6-1, Sở tổ chức hội nghị.", "6-1", Day(None, 1, 6)),
    ("Hôm 20-11 tổ chức mít tinh.", "20-11", Day(None, 11, 20)),
    ("Sáng 18.6, hội nghị khai mạc.", "18.6", Day(None, 6, 18)),
    ("Tối 2-3 người trực.", "2-3", Range(2.0, 3.0, NONE, None)),
    (
        "Từ sáng 7-8 giờ đã có mặt.",
        "7-8",
        Duration(7.0, Some(8.0)),
    ),
    ("Ngày 18.6 tổ chức.", "18.6", Day(None, 6, 18)),
    (
        "Diễn ra từ 27 đến 29/9/2022 tại tỉnh.",
        "27",
        Day(Some(2022), 9, 27),
    ),
    (
        "Diễn ra từ 27 đến 29/9/2022 tại tỉnh.",
        "29/9/2022",
        Day(Some(2022), 9, 29),
    ),
    ("Ngày 31/02/2021 ban hành.", "31/02/2021", Nothing),
    ("Ngày 29/02/2023 ban hành.", "29/02/2023", Nothing),
    ("Ngày 32/10/2021 ban hành.", "32/10/2021", Nothing),
    ("Ngày 22/13/2021 ban hành.", "22/13/2021", Nothing),
    (
        "Ngày 31 tháng 4 năm 2021 ký.",
        "31 tháng 4 năm 2021",
        Nothing,
    ),
    (
        "Ngày 15 tháng 13 năm 2021 ký.",
        "15 tháng 13 năm 2021",
        Nothing,
    ),
    (
        "Trong năm 2021 doanh thu tăng.",
        "năm 2021",
        Per(Period::Year(2021)),
    ),
    (
        "Trong tháng 02/2023 doanh thu tăng.",
        "tháng 02/2023",
        Per(Period::Month {
            year: Some(2023),
            month: 2,
        }),
    ),
    (
        "Trong tháng 3 năm 2021 doanh thu tăng.",
        "tháng 3 năm 2021",
        Per(Period::Month {
            year: Some(2021),
            month: 3,
        }),
    ),
    (
        "Đến cuối 3.2019 đã hoàn thành.",
        "3.2019",
        Per(Period::Month {
            year: Some(2019),
            month: 3,
        }),
    ),
    (
        "Doanh thu quý I/2023 tăng.",
        "quý I/2023",
        Per(Period::Quarter {
            year: Some(2023),
            quarter: 1,
        }),
    ),
    (
        "Quý III/2021 đã hoàn thành.",
        "Quý III/2021",
        Per(Period::Quarter {
            year: Some(2021),
            quarter: 3,
        }),
    ),
    (
        "Trong 6 tháng đầu năm 2022 doanh thu tăng.",
        "6 tháng đầu năm 2022",
        Per(Period::Half {
            year: Some(2022),
            half: 1,
        }),
    ),
    (
        "Trong 6 tháng cuối năm sẽ triển khai.",
        "6 tháng cuối năm",
        Per(Period::Half {
            year: None,
            half: 2,
        }),
    ),
    (
        "Trong 9 tháng năm 2023 doanh thu tăng.",
        "9 tháng năm 2023",
        Per(Period::Months {
            year: Some(2023),
            months: 9,
        }),
    ),
    (
        "Báo cáo tuần 37/2017 đã gửi.",
        "tuần 37/2017",
        Per(Period::Week {
            year: Some(2017),
            week: 37,
        }),
    ),
    (
        "Kế hoạch giai đoạn 2021-2025.",
        "giai đoạn 2021-2025",
        Per(Period::Years(2021, 2025)),
    ),
    (
        "Kế hoạch giai đoạn 2021 – 2025.",
        "giai đoạn 2021 - 2025",
        Per(Period::Years(2021, 2025)),
    ),
    (
        "Kế hoạch giai đoạn 2015 — 2020.",
        "giai đoạn 2015 - 2020",
        Per(Period::Years(2015, 2020)),
    ),
    (
        "Kế hoạch giai đoạn 2022 -2025.",
        "giai đoạn 2022 -2025",
        Per(Period::Years(2022, 2025)),
    ),
    (
        "Nhiệm kỳ 2021 - 2026 đã bầu.",
        "Nhiệm kỳ 2021 - 2026",
        Per(Period::Years(2021, 2026)),
    ),
    (
        "Mục tiêu đến năm 2025 đạt 80%.",
        "năm 2025",
        Per(Period::Year(2025)),
    ),
    (
        "Mục tiêu đến năm 2025 đạt 80%.",
        "80%",
        Qty(80.0, PCT, None),
    ),
];

/// Document references.
const REFERENCES: &[Case] = &[
    (
        "Quyết định số 02/QĐ-UBND của UBND tỉnh.",
        "02/QĐ-UBND",
        Ref("02", None, "QĐ-UBND", false),
    ),
    (
        "Báo cáo số 3049/BC-STTTT.",
        "3049/BC-STTTT",
        Ref("3049", None, "BC-STTTT", false),
    ),
    (
        "Báo cáo 5917/BC-BKHĐT-KHGDTNMT đã nêu.",
        "5917/BC-BKHĐT-KHGDTNMT",
        Ref("5917", None, "BC-BKHĐT-KHGDTNMT", false),
    ),
    (
        "Công văn 3478/BTTTT-VP hướng dẫn.",
        "3478/BTTTT-VP",
        Ref("3478", None, "BTTTT-VP", false),
    ),
    (
        "Công văn 5261/BTTTT-PTTH&TTĐT hướng dẫn.",
        "5261/BTTTT-PTTH&TTĐT",
        Ref("5261", None, "BTTTT-PTTH&TTĐT", false),
    ),
    (
        "Quyết định 35/2016/QĐ-UBND ban hành.",
        "35/2016/QĐ-UBND",
        Ref("35", Some(2016), "QĐ-UBND", false),
    ),
    (
        "Nghị định 30/2020/NĐ-CP về công tác văn thư.",
        "30/2020/NĐ-CP",
        Ref("30", Some(2020), "NĐ-CP", false),
    ),
    (
        "Thông tư liên tịch 15/2016/TTLT-BTTTT-BXD hướng dẫn.",
        "15/2016/TTLT-BTTTT-BXD",
        Ref("15", Some(2016), "TTLT-BTTTT-BXD", false),
    ),
    (
        "Luật 80/2015/QH13 về ban hành văn bản.",
        "80/2015/QH13",
        Ref("80", Some(2015), "QH13", false),
    ),
    (
        "Luật số 64/2025/QH15 có hiệu lực.",
        "64/2025/QH15",
        Ref("64", Some(2025), "QH15", false),
    ),
    (
        "Nghị quyết 12-NQ/TU của Tỉnh ủy.",
        "12-NQ/TU",
        Ref("12", None, "NQ/TU", true),
    ),
    (
        "Nghị quyết 26 –NQ/TW của Bộ Chính trị.",
        "26 -NQ/TW",
        Ref("26", None, "NQ/TW", true),
    ),
    (
        "Quyết định 71/QĐ- UBND ngày 10/01/2022.",
        "71/QĐ- UBND",
        Ref("71", None, "QĐ-UBND", false),
    ),
    (
        "Quyết định 71/QĐ- UBND ngày 10/01/2022.",
        "10/01/2022",
        Day(Some(2022), 1, 10),
    ),
    (
        "Quyết định số31-QĐ/TW của Bộ Chính trị.",
        "31-QĐ/TW",
        Ref("31", None, "QĐ/TW", true),
    ),
    (
        "Quyết định 1813/QĐ-TTG của Thủ tướng.",
        "1813/QĐ-TTG",
        Ref("1813", None, "QĐ-TTG", false),
    ),
    (
        "Quyết định 1813/QÐ-TTg của Thủ tướng.",
        "1813/QĐ-TTg",
        Ref("1813", None, "QĐ-TTg", false),
    ),
    (
        "Số: 3049/BC-\nSTTTT",
        "3049/BC-\nSTTTT",
        Ref("3049", None, "BC-STTTT", false),
    ),
    ("Số:      /BC-STTTT", "/BC-STTTT", Nothing),
];

/// The text of mention `m`.
fn span_of(a: &SentenceAnalysis, m: &Mention) -> Span {
    let first = &a.tokens.list[m.start];
    let last = &a.tokens.list[m.end.max(m.start + 1) - 1];
    Span::new(first.start, last.end)
}

fn unit_name(unit: QuantityUnit) -> Option<&'static str> {
    match unit {
        QuantityUnit::Unit(u) => Catalogue::builtin().unit(u).map(|u| u.name.as_str()),
        QuantityUnit::None | QuantityUnit::Duration => None,
    }
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// Whether the mention's kind is what the case wants.
fn matches_want(kind: &MentionKind, want: Want) -> bool {
    let quantity = |value: f64,
                    upper: Option<f64>,
                    unit: Option<&str>,
                    qualifier: Option<Qualifier>,
                    spelled: bool,
                    foreign: bool| {
        matches!(kind, MentionKind::Quantity(q)
            if close(q.value, value)
                && q.upper.is_some() == upper.is_some()
                && q.upper.zip(upper).is_none_or(|(a, b)| close(a, b))
                && q.unit != QuantityUnit::Duration
                && unit_name(q.unit) == unit
                && q.qualifier == qualifier
                && q.spelled == spelled
                && q.foreign == foreign
                && q.density.is_none())
    };
    match want {
        Qty(v, unit, qual) => quantity(v, None, unit, qual, false, false),
        Foreign(v, unit) => quantity(v, None, unit, None, false, true),
        Words(v, unit, qual) => quantity(v, None, unit, qual, true, false),
        Range(lo, hi, unit, qual) => quantity(lo, Some(hi), unit, qual, false, false),
        Duration(v, upper) => matches!(kind, MentionKind::Quantity(q)
            if close(q.value, v) && q.unit == QuantityUnit::Duration && q.upper == upper),
        Density(v, base) => matches!(kind, MentionKind::Quantity(q)
            if close(q.value, v) && q.density.map(|d| d.0) == Some(base)),
        Ratio(part, total) => matches!(*kind, MentionKind::Ratio { value, total: t, .. }
            if value == part && t == total),
        Rank(rank, of) => *kind == MentionKind::Rank { rank, of },
        Day(year, month, day) => *kind == MentionKind::Date(date::Date { year, month, day }),
        Per(p) => *kind == MentionKind::Period(p),
        Ref(number, year, code, party) => matches!(kind, MentionKind::Reference(r)
            if r.number == number && r.year == year && r.code == code && r.party == party),
        Block(b) => *kind == MentionKind::Blocked(b),
        Nothing | NoValue => unreachable!("absence cases are checked by overlap"),
    }
}

/// Checks one case; `Err` carries a message naming the input and the mentions produced.
fn check(case: &Case) -> Result<(), String> {
    let &(input, text, want) = case;
    let doc = decode::decode(
        SourceFile::from_text("case.txt", input),
        &DecodeOptions::default(),
    )
    .map_err(|e| format!("input {input:?} did not decode: {e}"))?;
    let tokens = Tokens::new(&doc.text, Span::new(0, doc.text.len()));
    let a = analyse_tokens(&doc.text, tokens, Catalogue::builtin());
    let produced = a
        .mentions
        .iter()
        .map(|m| {
            let s = span_of(&a, m);
            format!("\n    «{}» {:?}", &doc.text[s.start..s.end], m.kind)
        })
        .collect::<String>();
    let fail = |why: &str| {
        Err(format!(
            "input {input:?}\n  expected «{text}» {want:?}: {why}\n  produced:{}",
            if produced.is_empty() {
                " nothing"
            } else {
                &produced
            }
        ))
    };
    let (text_norm, _) = decode::normalize::normalize(text);
    let Some(at) = doc.text.find(&text_norm) else {
        return fail("the case text is not in the input");
    };
    let target = Span::new(at, at + text_norm.len());
    if let Nothing | NoValue = want {
        let offending = a.mentions.iter().find(|m| {
            let s = span_of(&a, m);
            let overlaps = s.start < target.end && target.start < s.end;
            let value = matches!(
                m.kind,
                MentionKind::Quantity(_) | MentionKind::Ratio { .. } | MentionKind::Rank { .. }
            );
            let when = matches!(m.kind, MentionKind::Date(_) | MentionKind::Period(_));
            overlaps && (value || matches!(want, Nothing) && when)
        });
        return match offending {
            Some(_) => fail("something overlaps it"),
            None => Ok(()),
        };
    }
    match a.mentions.iter().find(|m| span_of(&a, m) == target) {
        None => fail("no mention covers exactly that text"),
        Some(m) if !matches_want(&m.kind, want) => fail("the mention differs"),
        Some(_) => Ok(()),
    }
}

fn run(table: &[Case]) {
    let failures: Vec<String> = table.iter().filter_map(|c| check(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}

#[test]
fn numbers() {
    run(NUMBERS);
}

#[test]
fn qualifiers_and_ranges() {
    run(QUALIFIERS);
}

#[test]
fn percentages() {
    run(PERCENTAGES);
}

#[test]
fn numbers_that_are_not_quantities() {
    run(NOT_QUANTITIES);
}

#[test]
fn slash_forms_by_context() {
    run(SLASH_FORMS);
}

#[test]
fn dates_and_periods() {
    run(DATES);
}

#[test]
fn references() {
    run(REFERENCES);
}

#[test]
fn the_checker_reports_mismatches() {
    let wrong: Case = ("Đạt 68,5%.", "68,5%", Qty(68.0, PCT, None));
    let message = check(&wrong).expect_err("a wrong value fails");
    assert!(message.contains("Đạt 68,5%."), "{message}");
    assert!(message.contains("value: 68.5"), "{message}");
    let missing: Case = ("Có hàng trăm trạm.", "hàng trăm", Qty(100.0, NONE, None));
    assert!(check(&missing).is_err());
    let present: Case = ("Có 12 trạm.", "12", Nothing);
    assert!(check(&present).is_err());
}
