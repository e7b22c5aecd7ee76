#!/usr/bin/env python3
"""Snapshot the catalogue's phrases into fuzz_targets/catalogue_terms.txt (for the
structure-aware `report` target) and libFuzzer dictionaries under dict/."""
import glob, os, re, sys

main = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
terms = set()
for f in sorted(glob.glob(os.path.join(main, "src/catalogue/*.toml"))):
    for line in open(f, encoding="utf-8"):
        s = line.strip()
        if s.startswith("#") or s.split("=")[0].strip() in ("text", "why", "description", "label_en"):
            continue
        for m in re.findall(r'"([^"\\]*)"', s):
            if 1 <= len(m) <= 40 and "\n" not in m:
                terms.add(m)
terms = sorted(terms)
with open(os.path.join(here, "fuzz_targets/catalogue_terms.txt"), "w", encoding="utf-8") as out:
    out.write("\n".join(terms) + "\n")

def dict_entry(s):
    b = s.encode("utf-8")
    return '"' + "".join(chr(c) if 0x20 <= c < 0x7f and chr(c) not in '"\\' else "\\x%02X" % c for c in b) + '"'

extra = ["1.234,5", "09/09", "12/2021", "3049/BC-STTTT", "ngày 22 tháng 10 năm 2021",
         "trạm BTS 4G", "Quyết định", "tỷ đồng", "%", "trong đó", "hơn", "khoảng",
         "\t", "\n", "\r\n", ":", "(", ")", ";", " - ", "\u00a0", "\u0301", "\u0323",
         "\u0300", "\u0309", "\u0303", "\u0302", "\u0306", "\u031b", "I.", "II.", "1.", "a)", "- ",
         "+ ", "so với", "cùng kỳ", "tăng", "giảm", "đạt", "kế hoạch", "năm 2023", "quý I",
         "6 tháng đầu năm", "9 tháng", "số", "Số:", "ước đạt", "phấn đấu", "lũy kế", "hiện có",
         "\ufeff", "\u200b", "\u2013", "\u201c", "\u201d", "\u01a3", "\u00d0", "..."]
with open(os.path.join(here, "dict/report.dict"), "w", encoding="ascii") as out:
    for t in terms + extra:
        out.write(dict_entry(t) + "\n")
html_extra = ["<html>", "<head>", "<meta charset=\"windows-1258\">", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">",
              "<title>", "</title>", "<body>", "</body>", "<p>", "</p>", "<br>", "<br/>", "<table>", "<tr>", "<td>", "</td>", "</tr>",
              "<th>", "<h1>", "</h1>", "<h2>", "<li>", "<ul>", "<ol>", "<div>", "</div>", "<span>", "<script>", "</script>",
              "<style>", "<pre>", "</pre>", "&nbsp;", "&amp;", "&#7871;", "&#x1EC7;", "&lt;", "<!--", "-->", "<![CDATA[",
              "colspan=\"2\"", "rowspan=\"3\"", "<sup>", "<sub>", "<nav>", "<footer>", "<header>", "<aside>", "<textarea>", "<template>",
              "<noscript>", "<iframe>", "<img alt=\"", "<a href=\"", "<caption>", "<thead>", "<tbody>", "<tfoot>", "<dl>", "<dt>", "<dd>"]
with open(os.path.join(here, "dict/html.dict"), "w", encoding="ascii") as out:
    for t in html_extra + extra + terms[:400]:
        out.write(dict_entry(t) + "\n")
docx_extra = ["PK\x03\x04", "PK\x01\x02", "PK\x05\x06", "word/document.xml", "_rels/.rels", "word/footnotes.xml",
              "word/endnotes.xml", "docProps/core.xml", "<w:p>", "</w:p>", "<w:r>", "<w:t>", "</w:t>", "<w:tab/>", "<w:br/>",
              "<w:tbl>", "<w:tr>", "<w:tc>", "<w:del>", "<w:ins>", "<w:txbxContent>", "<mc:AlternateContent>", "<mc:Fallback>",
              "<dc:title>", "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"",
              "<w:footnote>", "<w:sym", "<w:noBreakHyphen/>", "<w:instrText>", "<w:delText>", "w:type=\"separator\""]
with open(os.path.join(here, "dict/docx.dict"), "w", encoding="ascii") as out:
    for t in docx_extra + extra:
        out.write(dict_entry(t) + "\n")
print(len(terms), "terms")
