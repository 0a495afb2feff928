"""Peer baselines measured in the same run as vndoc: what a user gets without it.

- people: underthesea's own NER (the CRF shipped in its wheel), every PER entity of every sentence;
- references: a plain regex for document symbols (with the year of a "ngày dd/mm/yyyy" right after), the
  one a user would write first;
- counts: a plain regex "number + next word".
Each returns a Document holding only that category, scored by the same rules as vndoc.
"""

from __future__ import annotations

import re

from vndoc.models import Count, Document, Person, Reference, Source

_SOURCE = Source(sha256="0" * 64, media_type="text/plain", pages=1)
_SYMBOL = re.compile(
    r"\b(\d{1,4})(?:/(\d{4}))?[/-]([A-ZĐ]{1,6})[-/]([A-ZĐa-z0-9]{1,8})\b(?:\s+ngày\s+\d{1,2}/\d{1,2}/(\d{4}))?"
)
_COUNT = re.compile(r"\b(\d{1,3}(?:\.\d{3})+|\d+)\s+([^\W\d_]+(?:\s[^\W\d_]+)?)")
_TYPE_BY_CODE = {
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "KL": "Kết luận",
    "BC": "Báo cáo",
}


def underthesea_people(text: str) -> Document:
    from underthesea import ner, sent_tokenize

    names: dict[str, None] = {}
    sentences = [s for line in text.split("\n") if line.strip() for s in sent_tokenize(line)]
    for line in sentences:
        if not line.strip():
            continue
        current: list[str] = []
        for token, _pos, _chunk, tag in [*ner(line), ("", "", "", "O")]:
            if tag == "B-PER" or (tag == "I-PER" and not current):
                if current:
                    names[" ".join(current)] = None
                current = [token]
            elif tag == "I-PER":
                current.append(token)
            else:
                if current:
                    names[" ".join(current)] = None
                current = []
    return Document(source=_SOURCE, people=[Person(name=n) for n in names])


def regex_references(text: str) -> Document:
    refs: dict[tuple, Reference] = {}
    for m in _SYMBOL.finditer(text):
        number, year, code, issuer, date_year = m.groups()
        year = year or date_year
        key = (number, year, code, issuer)
        refs.setdefault(
            key,
            Reference(
                raw=m.group(0),
                doc_type=_TYPE_BY_CODE.get(code, "Công văn"),
                number=number,
                year=int(year) if year else None,
                type_code=code,
                issuer_code=issuer,
            ),
        )
    return Document(source=_SOURCE, references=list(refs.values()))


def regex_counts(text: str) -> Document:
    counts = []
    for m in _COUNT.finditer(text):
        value = int(m.group(1).replace(".", ""))
        counts.append(Count(value=value, unit=m.group(2), raw=m.group(0)))
    return Document(source=_SOURCE, counts=counts)
