"""Build the Word documents of the precision corpus (docs/*.docx) from the text below.

The .docx files are committed so the benchmark needs nothing extra to run; this script is how
they were made (python-docx, from the test extra). Run it again after changing the text:
``python benchmarks/precision/build_docx.py``. The judged positions of a Word file are its
paragraph numbers, so keep paragraphs in order when editing.
"""

from __future__ import annotations

from pathlib import Path

import docx

HERE = Path(__file__).parent / "docs"

#: (style, text) pairs: "h1"/"h2" headings, "p" paragraphs, "li" bullets, "table" rows split by |.
CARE_HOME = [
    ("h1", "Visiting in care homes: guidance for care home managers"),
    ("p", "Harrowfield Council Adult Social Care and the Harrowfield Health Protection Team"),
    ("p", "Version 3.1, issued 6 January 2027. This version replaces all previous versions."),
    ("h2", "1. Purpose"),
    ("p", "This guidance is intended to support care home providers in Harrowfield to enable "
          "safe visiting, including during outbreaks of infection, in accordance with the "
          "national guidance published by the Department of Health and Social Care and the "
          "UK Health Security Agency (UKHSA)."),
    ("p", "Visiting is an integral part of care home life and is vital for the health and "
          "wellbeing of residents. Every resident should be able to have at least one visitor "
          "at all times, including during an outbreak, and residents should not be asked to "
          "isolate in their rooms unless this is clinically indicated."),
    ("h2", "2. The care home's visiting policy"),
    ("p", "Each home should have a visiting policy which is reviewed at least annually and "
          "shared with residents, families and staff. The policy should set out:"),
    ("li", "how visits can be arranged, and whether booking is needed"),
    ("li", "the arrangements for visiting during an outbreak"),
    ("li", "how the home will support residents who lack capacity to decide who visits them"),
    ("li", "how concerns or complaints about visiting will be dealt with"),
    ("h2", "3. Outbreaks"),
    ("p", "An outbreak is defined as two or more cases of a similar illness linked by time and "
          "place. Care homes must notify the Health Protection Team (HPT) of any suspected "
          "outbreak of acute respiratory infection or gastroenteritis as soon as possible, and "
          "in any case within 24 hours."),
    ("p", "During an outbreak, visits should continue wherever possible. Visitors should be "
          "advised of the outbreak and the precautions required, which may include wearing a "
          "fluid repellent surgical mask (FRSM) and an apron, and washing hands on arrival and "
          "departure. Visits to residents receiving end of life care must always be supported."),
    ("table", "Situation|Visiting|Who decides"),
    ("table", "No outbreak|Open visiting|Care home manager"),
    ("table", "Outbreak in one unit|At least one named visitor per resident"
              "|Manager, with HPT advice"),
    ("table", "Whole home outbreak|Essential care giver and end of life visits"
              "|Manager, with HPT advice"),
    ("h2", "4. Essential care givers"),
    ("p", "An essential care giver (ECG) is a family member or friend who provides regular "
          "support to a resident, for example with eating or personal care. ECGs should be "
          "able to visit in all circumstances, including when the resident is isolating."),
    ("h2", "5. Contacts"),
    ("p", "For advice on an outbreak, contact the Harrowfield Health Protection Team on "
          "0300 303 8162, Monday to Friday 9am to 5pm. Out of hours, ring the UKHSA duty "
          "officer on the same number."),
]


def build(path: Path, spec: list[tuple[str, str]]) -> None:
    """Write one Word document: headings, paragraphs, bullets and one table, in order."""
    d = docx.Document()
    rows = [text.split("|") for style, text in spec if style == "table"]
    table_done = False
    for style, text in spec:
        if style in ("h1", "h2"):
            d.add_heading(text, level=int(style[1]))
        elif style == "li":
            d.add_paragraph(text, style="List Bullet")
        elif style == "table":
            if not table_done:
                table = d.add_table(rows=len(rows), cols=len(rows[0]))
                for r, cells in enumerate(rows):
                    for c, cell in enumerate(cells):
                        table.cell(r, c).text = cell
                table_done = True
        else:
            d.add_paragraph(text)
    d.save(str(path))


if __name__ == "__main__":
    build(HERE / "care-home-visiting.docx", CARE_HOME)
    print(f"wrote {HERE / 'care-home-visiting.docx'}")
