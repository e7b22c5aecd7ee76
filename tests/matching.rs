//! Behaviour of the matcher on phrasings met in held-out reports: each test
//! names the phrasing and the records (or the absence of one) it must give.

use baocao::record::Status;
use baocao::{Catalogue, DocumentReport, Extractor, Record};

fn extract(text: &str) -> DocumentReport {
    Extractor::new(Catalogue::builtin())
        .extract_text("test.txt", text)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// (metric, value, total) of every record.
fn figures(report: &DocumentReport) -> Vec<(String, f64, Option<f64>)> {
    report
        .records
        .iter()
        .map(|r| (r.metric.clone(), r.value, r.total))
        .collect()
}

/// (metric, value, one more field) of every record.
fn with<'a>(
    report: &'a DocumentReport,
    field: fn(&'a Record) -> Option<&'a str>,
) -> Vec<(&'a str, f64, Option<&'a str>)> {
    report
        .records
        .iter()
        .map(|r| (r.metric.as_str(), r.value, field(r)))
        .collect()
}

fn record<'a>(report: &'a DocumentReport, metric: &str, value: f64) -> &'a Record {
    report
        .records
        .iter()
        .find(|r| r.metric == metric && r.value == value)
        .unwrap_or_else(|| panic!("no {metric} {value} in {:?}", figures(report)))
}

#[test]
fn a_raised_to_rate_continues_the_rate_before_it() {
    let r = extract(
        "Tỷ lệ người trưởng thành sử dụng điện thoại thông minh hiện đạt 81,6%, \
         phấn đấu đến cuối năm 2024 nâng lên 88%.",
    );
    assert_eq!(record(&r, "smartphone_rate", 81.6).status, Status::Actual);
    let target = record(&r, "smartphone_rate", 88.0);
    assert_eq!(target.status, Status::Target);
    assert_eq!(target.subtype, None);
    assert_eq!(r.records.len(), 2);
}

#[test]
fn a_term_after_va_does_not_take_the_rate_before_it() {
    let r = extract(
        "Mục tiêu đến năm 2025, tỷ lệ hộ gia đình sử dụng Internet cáp quang đạt trên 80% \
         và vùng phủ sóng 4G đạt 100% diện tích.",
    );
    assert_eq!(
        record(&r, "household_fibre_rate", 80.0).status,
        Status::Target
    );
    assert_eq!(
        record(&r, "coverage_rate", 100.0).subtype.as_deref(),
        Some("4G")
    );
    assert_eq!(r.records.len(), 2);
}

#[test]
fn dut_diem_is_not_a_legal_point() {
    let r = extract("Phấn đấu khắc phục dứt điểm 18 điểm lõm sóng còn lại.");
    assert_eq!(record(&r, "coverage_gaps", 18.0).status, Status::Target);
}

#[test]
fn target_words_counted_or_compared_against_are_not_plan_cues() {
    let r = extract(
        "So với các chỉ tiêu tại Kế hoạch số 45/KH-UBND ngày 22/02/2024 của UBND tỉnh, năm 2024 \
         có 6/8 chỉ tiêu đạt và vượt kế hoạch; 02 chỉ tiêu chưa đạt.",
    );
    assert!(
        r.records.iter().all(|x| x.status == Status::Actual),
        "{:?}",
        r.records
    );
    assert_eq!(r.records.len(), 2);
}

#[test]
fn a_share_matching_the_ratio_before_it_is_its_stated_rate_not_a_record() {
    for (text, metric, value) in [
        (
            "Toàn tỉnh có 118/125 xã, phường, thị trấn có đài truyền thanh ứng dụng công nghệ \
             thông tin - viễn thông, đạt 94,4%.",
            "commune_radio_stations",
            118.0,
        ),
        (
            "Đến nay, đã có 45/52 hệ thống thông tin của các cơ quan nhà nước trên địa bàn tỉnh \
             được phê duyệt hồ sơ đề xuất cấp độ, đạt 86,5%.",
            "information_systems_certified",
            45.0,
        ),
    ] {
        let r = extract(text);
        record(&r, metric, value);
        assert_eq!(r.records.len(), 1, "{text}: {:?}", figures(&r));
        assert!(r.warnings.iter().all(|w| w.code != "rate_mismatch"));
    }
    // A part's share of its total, after `chiếm`.
    let r = extract(
        "Toàn tỉnh hiện có 108/108 xã có đài truyền thanh cơ sở; trong đó 76 đài ứng dụng \
         CNTT-VT, chiếm 70,4%, và 32 đài FM không dây.",
    );
    assert_eq!(r.records.len(), 3, "{:?}", figures(&r));
    // Far from the ratio, a share that does not match it is a figure of its own.
    let r = extract(
        "Toàn tỉnh có 118/125 xã, phường, thị trấn có đài truyền thanh ứng dụng công nghệ \
         thông tin - viễn thông, đạt 60%.",
    );
    assert_eq!(r.records.len(), 2, "{:?}", figures(&r));
}

#[test]
fn the_operator_named_before_a_figure_wins_over_the_next_one() {
    let r = extract(
        "Các doanh nghiệp đã lắp đặt mới 74 trạm BTS, trong đó Viettel 41 trạm, VNPT 21 trạm \
         và MobiFone 12 trạm.",
    );
    let operators: Vec<Option<&str>> = r.records.iter().map(|x| x.operator.as_deref()).collect();
    assert_eq!(
        operators,
        [None, Some("Viettel"), Some("VNPT"), Some("MobiFone")]
    );
}

#[test]
fn a_hard_wrapped_header_code_and_an_opening_paragraph_after_the_title() {
    let text = "UBND TỈNH QUẢNG NGÃI\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 215/BC-\nSTTTT\n\
                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
                Quảng Ngãi, ngày 08 tháng 10 năm 2024\nBÁO CÁO\n\
                Kết quả 9 tháng đầu năm 2024 lĩnh vực viễn thông và dịch vụ công\n\
                Thực hiện Công văn số 2417/UBND-KTN ngày 12/9/2024 của UBND tỉnh về\n\
                việc báo cáo kết quả 9 tháng, Sở Thông tin và Truyền thông báo cáo như sau:\n\
                Các doanh nghiệp đã lắp đặt mới 74 trạm BTS.\n";
    let r = extract(text);
    assert_eq!(
        r.title.as_deref(),
        Some("Kết quả 9 tháng đầu năm 2024 lĩnh vực viễn thông và dịch vụ công")
    );
    let report = r.report.as_ref().unwrap_or_else(|| panic!("no report id"));
    assert_eq!(
        (report.number.as_str(), report.code.as_str()),
        ("215", "BC-STTTT")
    );
    assert_eq!(r.references.len(), 1);
    assert_eq!(r.references[0].code, "UBND-KTN");
}

#[test]
fn a_portal_name_above_the_headline_is_chrome() {
    let r = extract(
        "Cổng Thông tin điện tử Sở Thông tin và Truyền thông tỉnh Lào Cai\n\
         Giới thiệu | Tin tức | Bưu chính - Viễn thông | Thủ tục hành chính\n\
         Bản tin hạ tầng viễn thông tháng 10/2024\n\
         Đăng ngày 05 - 11 - 2024 | Lượt xem: 158\n\n\
         Trong tháng 10/2024, các doanh nghiệp đã lắp đặt mới 19 trạm BTS 4G.\n",
    );
    assert_eq!(
        r.title.as_deref(),
        Some("Bản tin hạ tầng viễn thông tháng 10/2024")
    );
    assert_eq!(r.period.as_deref(), Some("2024-10"));
    assert_eq!(r.records.len(), 1);
}

#[test]
fn an_amount_restated_in_other_units_is_not_a_second_record() {
    let r = extract(
        "Doanh thu công nghiệp công nghệ thông tin ước đạt 3.126 nghìn tỷ đồng \
         (tương đương khoảng 136 tỷ USD), tăng 2,5% so với cùng kỳ.",
    );
    assert_eq!(figures(&r), [("revenue".to_string(), 3.126e15, None)]);
}

#[test]
fn a_table_of_agencies_under_indicator_columns() {
    let r = extract(
        "Kết quả của một số cơ quan (đơn vị tính: hồ sơ)\n\
         STT\tCơ quan\tTiếp nhận\tĐã giải quyết\tQuá hạn\tTỷ lệ đúng hạn (%)\n\
         1\tSở Tư pháp\t15.208\t15.011\t0\t100\n\
         2\tSở Kế hoạch và Đầu tư\t6.034\t5.987\t5\t99,92\n",
    );
    let got: Vec<(String, f64, Option<String>)> = r
        .records
        .iter()
        .map(|x| (x.metric.clone(), x.value, x.subtype.clone()))
        .collect();
    let row = |agency: &str, values: [f64; 4]| {
        [
            "applications_received",
            "applications_resolved",
            "applications_overdue",
            "applications_on_time_rate",
        ]
        .iter()
        .zip(values)
        .map(|(m, v)| (m.to_string(), v, Some(agency.to_string())))
        .collect::<Vec<_>>()
    };
    let mut want = row("Sở Tư pháp", [15208.0, 15011.0, 0.0, 100.0]);
    want.extend(row("Sở Kế hoạch và Đầu tư", [6034.0, 5987.0, 5.0, 99.92]));
    assert_eq!(got, want);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn a_rate_column_header_is_no_scale_word() {
    let r = extract(
        "STT\tChỉ tiêu\tĐơn vị\tThực hiện\tTỷ lệ đúng hạn\n\
         1\tHồ sơ giải quyết\tHồ sơ\t1.200\t98,5\n",
    );
    assert!(r.records.iter().all(|x| x.value < 1e6), "{:?}", figures(&r));
}

#[test]
fn a_parallel_short_label_continues_the_rate_before_it() {
    let r = extract(
        "Tỷ lệ hồ sơ thủ tục hành chính cấp huyện được tiếp nhận trực tuyến đạt 71,25%, \
         cấp xã đạt 64,8%.",
    );
    let metrics: Vec<&str> = r.records.iter().map(|x| x.metric.as_str()).collect();
    assert_eq!(
        metrics,
        ["online_application_rate", "online_application_rate"]
    );
    // A label of its own is not a continuation.
    let r = extract(
        "Tỷ lệ hồ sơ thủ tục hành chính cấp huyện được tiếp nhận trực tuyến đạt 71,25%, \
         tỷ lệ người dân có tài khoản định danh điện tử đạt 64,8%.",
    );
    assert_ne!(r.records[1].metric, "online_application_rate");
}

#[test]
fn a_unit_in_brackets_after_a_row_label() {
    let r = extract(
        "Các doanh nghiệp tiếp tục đầu tư hạ tầng mạng lưới trên địa bàn tỉnh.\n\
         Nội dung\tNăm 2022\tNăm 2023\n\
         Số trạm BTS (trạm)\t2.964\t3.105\n\
         Tỷ lệ hộ gia đình sử dụng cáp quang (%)\t71,5\t76,2\n\
         Doanh thu bưu chính, viễn thông (tỷ đồng)\t1.046,5\t1.118,2\n\
         Tấn công từ chối dịch vụ (DDoS)\t126\t98\n",
    );
    let got = with(&r, |x| x.period.as_deref());
    assert_eq!(
        got,
        [
            ("bts_stations", 2964.0, Some("2022")),
            ("bts_stations", 3105.0, Some("2023")),
            ("household_fibre_rate", 71.5, Some("2022")),
            ("household_fibre_rate", 76.2, Some("2023")),
            ("revenue", 1_046_500_000_000.0, Some("2022")),
            ("revenue", 1_118_200_000_000.0, Some("2023")),
            ("cyber_attacks", 126.0, Some("2022")),
            ("cyber_attacks", 98.0, Some("2023")),
        ]
    );
}

#[test]
fn a_table_of_districts_under_indicator_names() {
    let r = extract(
        "Hạ tầng viễn thông theo địa phương (tính đến ngày 30/6/2024)\n\
         Địa phương\tSố trạm BTS\tTỷ lệ hộ có cáp quang (%)\tĐiểm lõm sóng còn lại\n\
         Thành phố Hà Tĩnh\t412\t95,6\t0\n\
         Huyện Hương Khê\t286\t61,7\t9\n",
    );
    let got = with(&r, |x| x.subtype.as_deref());
    assert_eq!(
        got,
        [
            ("bts_stations", 412.0, Some("Thành phố Hà Tĩnh")),
            ("household_fibre_rate", 95.6, Some("Thành phố Hà Tĩnh")),
            ("coverage_gaps", 0.0, Some("Thành phố Hà Tĩnh")),
            ("bts_stations", 286.0, Some("Huyện Hương Khê")),
            ("household_fibre_rate", 61.7, Some("Huyện Hương Khê")),
            ("coverage_gaps", 9.0, Some("Huyện Hương Khê")),
        ]
    );
}

#[test]
fn a_document_that_opens_with_a_table() {
    let r = extract(
        "Địa phương\tSố trạm BTS\tTỷ lệ hộ có cáp quang (%)\tĐiểm lõm sóng còn lại\n\
         Thành phố Hà Tĩnh\t412\t95,6\t0\n",
    );
    assert_eq!(r.title, None);
    assert_eq!(r.records.len(), 3, "{:?}", figures(&r));
}

#[test]
fn a_type_line_that_is_also_the_title() {
    let r = extract(
        "UBND TỈNH ĐẮK LẮK\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 35/BT-STTTT\n\
         Đắk Lắk, ngày 26 tháng 8 năm 2024\n\
         BẢN TIN AN TOÀN THÔNG TIN MẠNG TUẦN 34 NĂM 2024\n\
         (Từ ngày 19/8/2024 đến ngày 25/8/2024)\n\n\
         1. Tình hình tấn công mạng\n\
         Trong tuần đã ngăn chặn 2.347 cuộc tấn công mạng; Sở đã đóng các cổng 3389, 445 \
         không sử dụng trên máy chủ công khai.\n",
    );
    assert_eq!(
        r.title.as_deref(),
        Some("BẢN TIN AN TOÀN THÔNG TIN MẠNG TUẦN 34 NĂM 2024")
    );
    let report = r.report.as_ref().unwrap_or_else(|| panic!("no report id"));
    assert_eq!(report.doc_type.as_deref(), Some("Bản tin"));
    // Port numbers are identifiers.
    assert_eq!(figures(&r), [("cyber_attacks".to_string(), 2347.0, None)]);
}

#[test]
fn a_capitals_banner_above_the_menu_is_not_the_headline() {
    let r = extract(
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH HƯNG YÊN\n\
         Trang chủ | Giới thiệu | Tin tức - Sự kiện | Liên hệ\n\
         Hưng Yên: Hoạt động bưu chính 9 tháng năm 2024 tăng trưởng khá\n\
         Đăng ngày 14 - 10 - 2024 | Lượt xem: 236\n\
         Mạng lưới bưu chính trên địa bàn tỉnh hiện có 218 điểm phục vụ bưu chính.\n",
    );
    assert_eq!(
        r.title.as_deref(),
        Some("Hưng Yên: Hoạt động bưu chính 9 tháng năm 2024 tăng trưởng khá")
    );
}

#[test]
fn an_outgoing_documents_term_outweighs_the_issuing_verb() {
    let r = extract("Trong quý, Sở đã ban hành 01 Kế hoạch, 03 Quyết định và 1.234 văn bản đi.");
    let metrics: Vec<&str> = r.records.iter().map(|x| x.metric.as_str()).collect();
    assert_eq!(
        metrics,
        ["documents_issued", "documents_issued", "documents_sent"]
    );
}

#[test]
fn an_index_header_over_the_label_column_makes_scores_index_scores() {
    let r = extract(
        "Chỉ số DTI năm 2023 của tỉnh đạt 0,5123 điểm.\n\
         Chỉ số chính\tĐiểm\tXếp hạng\n\
         Chuyển đổi nhận thức\t0,6820\t15\n\
         Kiến tạo thể chế\t0,5914\t22\n",
    );
    let got: Vec<(&str, f64)> = r
        .records
        .iter()
        .map(|x| (x.metric.as_str(), x.value))
        .collect();
    assert_eq!(
        got,
        [
            ("index_score", 0.5123),
            ("index_score", 0.682),
            ("ranking", 15.0),
            ("index_score", 0.5914),
            ("ranking", 22.0),
        ]
    );
}

#[test]
fn a_commune_table_whose_label_header_names_a_place_kind() {
    let r = extract(
        "Tình hình các xã, thị trấn như sau.\n\
         STT\tXã, thị trấn\tSố điểm BĐ-VHX\tSố tổ công nghệ số cộng đồng\n\
         1\tThị trấn Cù Lao Dung\t-\t1\n\
         2\tXã An Thạnh 1\t1\t2\n",
    );
    let got = with(&r, |x| x.subtype.as_deref());
    assert_eq!(
        got,
        [
            ("community_digital_teams", 1.0, Some("Thị trấn Cù Lao Dung")),
            ("commune_cultural_post_offices", 1.0, Some("Xã An Thạnh 1")),
            ("community_digital_teams", 2.0, Some("Xã An Thạnh 1")),
        ]
    );
}

#[test]
fn a_count_unit_column_does_not_hide_the_metric_named_by_the_label() {
    let r = extract(
        "Kết quả thực hiện các chỉ tiêu.\n\
         STT\tChỉ tiêu\tĐơn vị tính\tThực hiện năm 2023\tKế hoạch năm 2024\n\
         1\tSố thành viên tổ công nghệ số cộng đồng\tNgười\t412\t450\n\
         2\tMật độ thuê bao di động\tThuê bao/100 dân\t101,6\t103\n",
    );
    let got: Vec<(&str, f64)> = r
        .records
        .iter()
        .map(|x| (x.metric.as_str(), x.value))
        .collect();
    assert_eq!(
        got,
        [
            ("community_digital_team_members", 412.0),
            ("community_digital_team_members", 450.0),
            ("subscriber_density", 101.6),
            ("subscriber_density", 103.0),
        ]
    );
}

#[test]
fn bare_counts_named_by_operators_in_a_breakdown() {
    let r = extract(
        "Thuê bao Internet băng rộng cố định có 203.615 thuê bao (Viettel 121.480, VNPT 74.290, \
         FPT 7.845).",
    );
    let got: Vec<(&str, f64, Option<&str>, Option<usize>)> = r
        .records
        .iter()
        .map(|x| (x.metric.as_str(), x.value, x.operator.as_deref(), x.part_of))
        .collect();
    let m = "fixed_broadband_subscribers";
    assert_eq!(
        got,
        [
            (m, 203615.0, None, None),
            (m, 121480.0, Some("Viettel"), Some(0)),
            (m, 74290.0, Some("VNPT"), Some(0)),
            (m, 7845.0, Some("FPT"), Some(0)),
        ]
    );
}

#[test]
fn a_day_of_the_month_is_no_figure() {
    let r = extract("Định kỳ hằng quý báo cáo UBND thành phố trước ngày 20 của tháng cuối quý.");
    assert!(r.records.is_empty(), "{:?}", figures(&r));
}

#[test]
fn a_rank_out_of_a_field_written_in_words() {
    let r = extract("Năm 2023, tỉnh xếp thứ 21 trên tổng số 63 tỉnh, thành phố về Chỉ số DTI.");
    assert_eq!(
        with(&r, |x| x.subtype.as_deref()),
        [("ranking", 21.0, Some("DTI"))]
    );
    assert_eq!(r.records[0].total, Some(63.0));
}

#[test]
fn a_plan_appendix_table_of_later_years_holds_targets() {
    let r = extract(
        "PHỤ LỤC\n\
         CHỈ TIÊU PHÁT TRIỂN HẠ TẦNG SỐ TỈNH TIỀN GIANG\n\
         (Kèm theo Kế hoạch số 312/KH-UBND ngày 25 tháng 12 năm 2023 của UBND tỉnh Tiền Giang)\n\
         TT\tChỉ tiêu\tĐơn vị tính\tNăm 2023\tNăm 2025\n\
         1\tTỷ lệ hộ gia đình sử dụng Internet cáp quang\t%\t72\t85\n",
    );
    let report = r.report.as_ref().unwrap_or_else(|| panic!("no report id"));
    assert_eq!(
        (report.number.as_str(), report.code.as_str()),
        ("312", "KH-UBND")
    );
    let got: Vec<(f64, Status)> = r.records.iter().map(|x| (x.value, x.status)).collect();
    assert_eq!(got, [(72.0, Status::Actual), (85.0, Status::Target)]);
}
