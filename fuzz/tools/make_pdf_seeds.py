#!/usr/bin/env python3
"""Small hand-written PDFs with a text layer, from fixture lines: WinAnsi Type1 text
(accents folded) and Type0 fonts with a ToUnicode CMap (full Vietnamese)."""
import os, sys, unicodedata

def build_pdf(objects, info=None):
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if info:
        out += b" /Info %d 0 R" % info
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)

def stream(data):
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

def esc(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).encode("latin-1", "replace").decode("latin-1")

def winansi(lines, title):
    content = b"BT /F1 11 Tf 72 760 Td 14 TL\n"
    for l in lines:
        cells = l.split("\t")
        if len(cells) > 1:
            content += b"[" + b"-2000".join(b"(" + esc(fold(c)).encode("latin-1") + b")" for c in cells) + b"] TJ T*\n"
        else:
            content += b"(" + esc(fold(l)).encode("latin-1") + b") Tj T*\n"
    content += b"ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(content), b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Title (" + esc(fold(title)).encode("latin-1") + b") /Producer (seed) >>"]
    return build_pdf(objs, 6)

def type0(lines):
    chars = sorted({c for l in lines for c in l if c not in "\t"})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    cmap = ["/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Seed def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange"]
    for i in range(0, len(chars), 100):
        chunk = chars[i:i + 100]
        cmap.append("%d beginbfchar" % len(chunk))
        for c in chunk:
            cmap.append("<%04X> <%s>" % (cid[c], c.encode("utf-16-be").hex().upper()))
        cmap.append("endbfchar")
    cmap.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    content = b"BT /F1 11 Tf 72 760 Td 14 TL\n"
    for l in lines:
        parts = [b"<" + "".join("%04X" % cid[c] for c in cell).encode() + b">" for cell in l.split("\t")]
        content += b"[" + b" -2500 ".join(parts) + b"] TJ T*\n"
    content += b"ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(content),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /Seed /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Seed /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>",
            stream("\n".join(cmap).encode())]
    return build_pdf(objs)

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
total = 0
for n, p in enumerate(sorted(sys.argv[2:], key=os.path.getsize)):
    lines = [l for l in open(p, encoding="utf-8").read().split("\n") if l.strip()][:45]
    name = os.path.basename(p).rsplit(".", 1)[0]
    data = (winansi if n % 2 == 0 else lambda ls, t: type0(ls))(lines, name)
    if total + len(data) > 190000 or n >= 40:
        break
    open(os.path.join(out, name + ".pdf"), "wb").write(data)
    total += len(data)
print(n, total)
