#!/usr/bin/env python3
"""Builds seed corpora from the text fixtures.

usage: make_seeds.py OUT_DIR [--limit-bytes N] [--limit-files N] FIXTURE.txt...

Writes OUT_DIR/{text,html,docx,report}/: each fixture as text, as an HTML page
(paragraphs, headings, tab-separated lines as table rows), as a DOCX package, and
as a `report` program (0xFF then the text), plus a few random `report` programs.
"""
import hashlib, html, io, os, random, sys, zipfile

args = sys.argv[1:]
out = args.pop(0)
limit_bytes, limit_files = 10**12, 10**9
while args and args[0].startswith("--"):
    flag = args.pop(0)
    if flag == "--limit-bytes":
        limit_bytes = int(args.pop(0))
    elif flag == "--limit-files":
        limit_files = int(args.pop(0))
fixtures = sorted(set(args), key=lambda p: (os.path.getsize(p), p))
texts, seen = [], set()
for p in fixtures:
    t = open(p, "rb").read()
    h = hashlib.sha1(t).hexdigest()
    if h not in seen:
        seen.add(h)
        texts.append((os.path.basename(p).rsplit(".", 1)[0], t.decode("utf-8", "replace")))

def to_html(name, text):
    body = []
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        if "\t" in line:
            cells = "".join("<td>%s</td>" % html.escape(c) for c in line.split("\t"))
            body.append("<table><tr>%s</tr></table>" % cells)
        elif s.isupper() or s[:3] in ("I. ", "II.", "III", "IV.", "V. "):
            body.append("<h2>%s</h2>" % html.escape(s))
        else:
            body.append("<p>%s</p>" % html.escape(s))
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title></head><body>\n%s\n</body></html>\n'
            % (html.escape(name), "\n".join(body))).encode("utf-8")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
def to_docx(name, text):
    paras = []
    for line in text.split("\n"):
        if "\t" in line:
            cells = "".join('<w:tc><w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p></w:tc>' % html.escape(c, quote=False)
                            for c in line.split("\t"))
            paras.append("<w:tbl><w:tr>%s</w:tr></w:tbl>" % cells)
        else:
            paras.append('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % html.escape(line, quote=False))
    doc = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (W, "".join(paras))
    core = ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>%s</dc:title></cp:coreProperties>' % html.escape(name))
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in (("_rels/.rels", rels), ("word/document.xml", doc), ("docProps/core.xml", core)):
            zi = zipfile.ZipInfo(n, date_time=(2021, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    return buf.getvalue()

targets = {
    "text": lambda n, t: t.encode("utf-8"),
    "html": to_html,
    "docx": to_docx,
    "report": lambda n, t: b"\xff" + t.encode("utf-8"),
}
for target, make in targets.items():
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    total = files = 0
    extra = []
    if target == "report":
        rng = random.Random(1)
        extra = [("program-%02d" % i, bytes(rng.randrange(256) for _ in range(rng.randrange(16, 200)))) for i in range(8)]
        # the brief's fragments in a row, a long-run program, a date, a document number
        extra.append(("fragments", bytes(range(0, 60)) + b"\xef\xf0" + bytes(range(60, 120))))
        extra.append(("long-run", b"\xeb\xff\x30\xeb\xff\xe1\x05123456\xeb\x80\xf0"))
    for name, data in extra + [(n, make(n, t)) for n, t in texts]:
        if files >= limit_files or total + len(data) > limit_bytes:
            continue
        open(os.path.join(d, name + "." + ("bin" if target in ("report",) else {"text": "txt", "html": "html", "docx": "docx"}[target])), "wb").write(data)
        total += len(data)
        files += 1
    print(target, files, "files", total, "bytes")
