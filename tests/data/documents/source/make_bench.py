#!/usr/bin/env python3
"""Writes the sources of the benchmark documents (benches/documents.rs): a report of about
200 kB of Swedish text (bench.fodt), a register of 4,000 rows (bench.fods), 60 slides with notes
(bench.fodp) and the same report as Markdown. Convert with LibreOffice:
  soffice --headless --convert-to docx|odt|pdf|rtf|html bench.fodt
  soffice --headless --convert-to xlsx|ods|csv bench.fods
  soffice --headless --convert-to pptx|odp bench.fodp
"""
import random
from xml.sax.saxutils import escape

random.seed(11)
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"')
SUBJECTS = ["Nämnden", "Förvaltningen", "Socialtjänsten", "Skolan", "Biblioteket", "Enheten"]
VERBS = ["beslutar om", "utreder", "följer upp", "planerar", "redovisar", "bereder"]
OBJECTS = ["budgeten för nästa år", "lokalernas underhåll", "öppettiderna under sommaren",
           "samverkan med regionen", "insatser för äldre", "digitaliseringen av ärenden",
           "kostnaderna för skolskjuts", "rekryteringen av personal"]
TAILS = ["enligt plan.", "i samråd med berörda.", "före årets slut.", "med hänsyn till lagen.",
         "och återkommer i frågan.", "efter remiss till kommunstyrelsen."]
FIRST = ["Anna", "Erik", "Leyla", "Johan", "Maria", "Ahmed", "Karin", "Lars"]
LAST = ["Svensson", "Hassan", "Lindqvist", "Nilsson", "Öberg", "Karlsson"]

def sentence():
    return f"{random.choice(SUBJECTS)} {random.choice(VERBS)} {random.choice(OBJECTS)} {random.choice(TAILS)}"

def paragraph():
    return " ".join(sentence() for _ in range(random.randint(3, 7)))

paragraphs = [paragraph() for _ in range(500)]
paragraphs[250] += " Ärendet gäller 850101-2382."
body = "".join(
    (f"<text:h text:outline-level=\"1\">Avsnitt {i // 25 + 1}</text:h>" if i % 25 == 0 else "")
    + f"<text:p>{escape(p)}</text:p>" for i, p in enumerate(paragraphs))
with open("bench.fodt", "w") as f:
    f.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:mimetype="application/vnd.oasis.opendocument.text">'
            '<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:header-style/></style:page-layout></office:automatic-styles>'
            '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p>Kommunens verksamhetsberättelse</text:p></style:header></style:master-page></office:master-styles>'
            f'<office:body><office:text>{body}</office:text></office:body></office:document>\n')
with open("../bench/bench.md", "w") as f:
    for i, p in enumerate(paragraphs):
        if i % 25 == 0:
            f.write(f"## Avsnitt {i // 25 + 1}\n\n")
        f.write(p + "\n\n")

def cell(v, number=False):
    if number:
        return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'

rows = ["<table:table-row>" + "".join(cell(h) for h in ["Nr", "Namn", "Enhet", "Ärende", "Belopp"]) + "</table:table-row>"]
for i in range(4000):
    name = f"{random.choice(FIRST)} {random.choice(LAST)}"
    rows.append("<table:table-row>" + cell(i + 1, True) + cell(name) + cell(random.choice(SUBJECTS))
                + cell(random.choice(OBJECTS)) + cell(random.randint(100, 99999), True) + "</table:table-row>")
with open("bench.fods", "w") as f:
    f.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
            f'<office:body><office:spreadsheet><table:table table:name="Ärenden 2027">{"".join(rows)}</table:table></office:spreadsheet></office:body></office:document>\n')

pages = []
for i in range(60):
    bullets = "".join(f"<text:p>{escape(sentence())}</text:p>" for _ in range(5))
    pages.append(f'<draw:page draw:name="page{i+1}" draw:master-page-name="Default">'
                 f'<draw:frame svg:x="2cm" svg:y="1cm" svg:width="24cm" svg:height="2cm"><draw:text-box><text:p>Bild {i+1}: {escape(random.choice(OBJECTS))}</text:p></draw:text-box></draw:frame>'
                 f'<draw:frame svg:x="2cm" svg:y="4cm" svg:width="24cm" svg:height="10cm"><draw:text-box>{bullets}</draw:text-box></draw:frame>'
                 f'<presentation:notes><draw:frame svg:x="2cm" svg:y="2cm" svg:width="16cm" svg:height="10cm" presentation:class="notes"><draw:text-box><text:p>{escape(paragraph())}</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>')
with open("bench.fodp", "w") as f:
    f.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:mimetype="application/vnd.oasis.opendocument.presentation">'
            '<office:automatic-styles><style:page-layout style:name="PM1"><style:page-layout-properties fo:page-width="28cm" fo:page-height="15.75cm"/></style:page-layout></office:automatic-styles>'
            '<office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1"/></office:master-styles>'
            f'<office:body><office:presentation>{"".join(pages)}</office:presentation></office:body></office:document>\n')
