"""The document header and signature block, read the way Nghị định 30/2020/NĐ-CP and the Party's
Hướng dẫn 36-HD/VPTW lay them out.

Top of the first page (the *header zone*: every block before the first body paragraph or heading):

    issuer block (left)            national motto (right)
    "Số: 125/BC-LHH"               "Hồng Lĩnh, ngày 26 tháng 01 năm 2024"
                      BÁO CÁO                       <- document kind
          KIỂM ĐIỂM CỦA BCH ... KHOÁ IV, ...        <- title lines, until the body starts

End of the document (the *signature block*): capacity and body ("TM. BAN CHẤP HÀNH", "KT. CHỦ TỊCH",
"T/M ĐẢNG ỦY"), the signer's title ("CHỦ TỊCH"), "(đã ký)", the name; "Nơi nhận:" lists are skipped.

Each block of the zone is classified by what it *is* (motto, number line, place/date line, kind line,
decoration) rather than where it sits, so the same rules read a two-column PDF, a DOCX and a text file
whose header lines come in any order. Drafts with blanks ("Số -NQ/ĐH", "ngày   tháng 9 năm 2025") give
``None`` fields and an issue, never a wrong value.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from vndoc.dates import find_dates
from vndoc.models import Header, Issue, Signer, Span, Term
from vndoc.normalize import match_key
from vndoc.paged_text import PagedText
from vndoc.reflow import Block, Reflowed, in_capitals, starts_with_marker
from vndoc.tables import load_table

NATION_MOTTO = r"CỘNG\s+H(?:OÀ|ÒA|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
"""The national motto's first line, or the Party's name in its place (as a regex)."""
MOTTO_SECOND_LINE = r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc"
_MOTTO = re.compile(rf"^(?:{NATION_MOTTO}|{MOTTO_SECOND_LINE})\b.*$", re.IGNORECASE)
_DECORATION = re.compile(r"^[\s*_\-–—=~.•·]+$")
_NUMBER_LINE = re.compile(r"^Số\s*[:.]?\s*(?P<symbol>.*?)\s*$", re.IGNORECASE)
_SYMBOL_OK = re.compile(r"^\d+\w*(?:\s*[/-]\s*|\s+(?=[A-ZĐ]))[\wĐđ&.]+(?:\s*[/-]\s*[\wĐđ&.]+)*$")
_PLACE_DATE = re.compile(r"^(?P<place>[^\d,;:()]{2,60}?)\s*,\s*(?P<rest>(?:ngày|tháng|năm)\b.*)$", re.IGNORECASE)
_DRAFT = re.compile(r"^\(?\s*dự\s+thảo\b.*\)?$", re.IGNORECASE)
_CAPACITY = re.compile(r"^(?P<cap>TM|T/M|T\.M|KT|K/T|K\.T|TL|T/L|T\.L|TUQ|TƯQ|Q|Q\.)\s*[./]?\s+(?P<rest>.+)$")
_SIGNED = re.compile(r"^\(?\s*(?:đã\s+ký|ký\s+tên|ký,?\s+ghi\s+rõ|ký\s+và|chữ\s+ký|đóng\s+dấu)[^)]*\)?$", re.IGNORECASE)
_RECIPIENTS = re.compile(r"^Nơi\s+nhận\b", re.IGNORECASE)
_ROMAN = r"[IVXLC]{1,7}"
_TERM_ORDINAL_TITLE = re.compile(
    rf"\b(?:khóa|khoá|nhiệm\s+kỳ)\s+(?P<ord>{_ROMAN}|\d{{1,2}})\b(?!\s*[/-])", re.IGNORECASE
)
_TERM_ORDINAL_CONGRESS = re.compile(rf"\b(?:khóa|khoá|lần\s+thứ)\s+(?P<ord>{_ROMAN}|\d{{1,2}})\b", re.IGNORECASE)
_TERM_YEARS = re.compile(
    r"\b(?:nhiệm\s+kỳ|khóa|khoá|giai\s+đoạn)?\s*[(\[]?\s*(?P<start>(?:19|20)\d\d)\s*"
    r"[-–—]\s*(?P<end>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]+|[A-ZĐÀ-Ỹ]{1,7}"


@functools.cache
def _kinds() -> tuple[tuple[str, str], ...]:
    """(match key, canonical name) of document kinds, longest first."""
    rows = load_table("document_kinds")
    return tuple(sorted(((match_key(r["name"]), r["kind"]) for r in rows), key=lambda kv: -len(kv[0])))


def document_kind(line: str) -> tuple[str, str] | None:
    """If ``line`` starts with a document kind in capitals, (canonical kind, the rest of the line)."""
    letters = [c for c in line if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) / len(letters) < 0.9:
        return None
    key = match_key(line)
    for kind_key, name in _kinds():
        if key == kind_key or key.startswith(kind_key + " "):
            words = len(kind_key.split())
            rest = " ".join(line.split()[words:])
            return name, rest
    return None


@dataclass(frozen=True)
class HeaderResult:
    header: Header
    issues: tuple[Issue, ...]
    body_start: int
    """Offset in the text where the body begins (after the header zone)."""
    body_end: int
    """Offset where the signature block begins (or the text's end)."""


def _is_body(text: str, block: Block) -> bool:
    if starts_with_marker(text) and not _DECORATION.match(text):
        return True
    letters = [c for c in text if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return len(text) >= 120 and not upper and not block.centered


def parse_header(doc: Reflowed, paged: PagedText) -> HeaderResult:
    blocks = doc.blocks
    texts = [doc.block_text(b) for b in blocks]
    zone_end = 0
    after_kind = False
    for i, (block, text) in enumerate(zip(blocks, texts, strict=True)):
        # the line right after the document kind is the title's first line, however long
        title_line = after_kind and len(text) <= 400 and not starts_with_marker(text)
        if i >= 30 or (_is_body(text, block) and not title_line):
            break
        after_kind = document_kind(text.strip()) is not None
        zone_end = i + 1

    place = date = number = doc_type = None
    title_parts: list[str] = []
    issuer_lines: list[Block] = []
    issues: list[Issue] = []
    mentions: list[Span] = []
    in_title = False
    title_done = False
    issuer_closed = False  # a rule under the issuer block: what follows is the title, kind line or not
    title_without_kind = False
    for i in range(zone_end):
        block, text = blocks[i], texts[i].strip()
        if _MOTTO.match(text) or _DRAFT.match(text):
            continue
        if _DECORATION.match(text):
            if in_title:
                title_done = True
            elif doc_type is None and issuer_lines and block.column != "right":
                issuer_closed = True
            continue
        m = _NUMBER_LINE.match(text)
        if m and not document_kind(text):
            symbol = re.sub(r"\s*([/-])\s*", r"\1", m["symbol"]).strip(" .:")
            if _SYMBOL_OK.match(symbol):
                number = symbol
                start = block.start + texts[i].index(m["symbol"])
                mentions.append(paged.span(start, start + len(m["symbol"])))
            else:
                issues.append(
                    Issue(
                        code="header.number_blank",
                        message=f"the document number is left blank ({text!r}): a draft?",
                        spans=[paged.span(block.start, block.end)],
                    )
                )
            continue
        m = _PLACE_DATE.match(text)
        if m and place is None:
            place = " ".join(m["place"].split())
            found = find_dates(m["rest"])
            if found:
                date = found[0][2]
            else:
                issues.append(
                    Issue(
                        code="header.date_blank",
                        message=f"the date line has no complete date ({text!r})",
                        spans=[paged.span(block.start, block.end)],
                    )
                )
            mentions.append(paged.span(block.start, block.end))
            continue
        if doc_type is None:
            kind = document_kind(text)
            if kind:
                doc_type, rest = kind
                if title_without_kind:  # lines between the issuer's rule and the kind line ("PHẦN THỨ NHẤT")
                    title_parts, title_done, title_without_kind = [], False, False
                if rest:
                    title_parts.append(rest)
                in_title = True
                mentions.append(paged.span(block.start, block.end))
                continue
        if doc_type is None and _ABSTRACT_LINE.match(text):
            # an official letter has no kind line: its abstract "V/v ..." sits under the number
            doc_type, in_title = "Công văn", True
            title_parts.append(text)
            mentions.append(paged.span(block.start, block.end))
            continue
        if in_title and not title_done and title_parts and _ends_title(text, " ".join(title_parts)):
            title_done = True
        if in_title and not title_done:
            title_parts.append(text)
            continue
        if doc_type is None and block.column != "right":
            if issuer_closed and not title_done and "\t" not in text and (in_capitals(text) or text.startswith("(")):
                # a title block with no kind line ("MỤC TIÊU, NHIỆM VỤ ... NHIỆM KỲ XII") under the issuer's rule
                title_parts.append(text)
                in_title = title_without_kind = True
                continue
            if title_without_kind:
                title_done = True
            if not issuer_closed:
                issuer_lines.append(block)

    title = " ".join(title_parts) or None
    issuer_texts = [texts[blocks.index(b)].strip() for b in issuer_lines]
    issuer, parent = _issuer(issuer_lines, issuer_texts)

    body_end, signer, sig_issuer = _signature(doc, texts, zone_end)
    if issuer is None and sig_issuer:
        issuer = sig_issuer
    term = _term(title, " ".join(issuer_texts), signer.organization if signer else None)
    header = Header(
        place=place,
        date=date,
        doc_type=doc_type,
        number=number,
        title=title,
        issuer=issuer,
        term=term,
        signer=signer,
        parent_issuer=parent,
        mentions=mentions,
    )
    body_start = blocks[zone_end].start if zone_end < len(blocks) else len(doc.text)
    return HeaderResult(header=header, issues=tuple(issues), body_start=body_start, body_end=body_end)


_ABSTRACT_LINE = re.compile(r"^(?:V/v|V/V|Về\s+việc)\s", re.IGNORECASE)
_BODY_OPENER = re.compile(
    r"^(?:Căn\s+cứ|Thực\s+hiện|Xét\s|Theo\s+đề\s+nghị|Kính\s+gửi|Kính\s+thưa|Thưa\s|Chủ\s+đề|Hôm\s+nay|Vào\s+(?:lúc|hồi)|Nhằm)\b",
    re.IGNORECASE,
)


def _ends_title(line: str, title_so_far: str) -> bool:
    """Does ``line`` come after the title rather than continue it?"""
    if _BODY_OPENER.match(line) or re.search(r"\w: ", line):
        return True
    if line.startswith("("):
        return False  # "(Trình Đại hội ...)" under the title belongs to it
    # a sentence-case title ("V/v ...", "Về việc ...") is followed by the upper-case authority line
    return in_capitals(line) and not in_capitals(title_so_far)


def _issuer(lines: list[Block], texts: list[str]) -> tuple[str | None, str | None]:
    texts = [t for t in texts if not _TERM_YEARS.fullmatch(t)]
    if not texts:
        return None, None
    if len(texts) == 1:
        return texts[0], None
    bold = [t for b, t in zip(lines, texts, strict=False) if b.bold]
    if bold and len(bold) < len(texts):
        first_bold = next(i for i, b in enumerate(lines) if b.bold)
        parent = " ".join(texts[:first_bold]) or None
        return " ".join(texts[first_bold:]), parent
    return " ".join(texts[1:]), texts[0]


_TERM_WITH_YEARS = re.compile(
    rf"\b(?:khóa|khoá|lần\s+thứ|nhiệm\s+kỳ)\s+(?P<ord>{_ROMAN}|\d{{1,2}})\b\s*[,(\-–]?\s*(?:nhiệm\s+kỳ\s*)?"
    r"[(\[]?\s*(?P<start>(?:19|20)\d\d)\s*[-–—]\s*(?P<end>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_ABOUT_ANOTHER_DOCUMENT = re.compile(r"\bdự\s+thảo\b", re.IGNORECASE)


def _own_part(title: str | None) -> str | None:
    """The part of a title about the document itself: what follows "dự thảo" names another body's text."""
    if title is None:
        return None
    m = _ABOUT_ANOTHER_DOCUMENT.search(title)
    return title[: m.start()] if m else title


def _term(title: str | None, issuer_text: str, signature_org: str | None) -> Term | None:
    own_title = _own_part(title)
    # an ordinal written with the term's years ("KHOÁ IV, NHIỆM KỲ 2018 - 2023", "LẦN THỨ X, NHIỆM KỲ
    # 2013 - 2018", "NHIỆM KỲ XI (2023 - 2025)") is the document's term
    for source in (own_title, issuer_text, signature_org):
        m = _TERM_WITH_YEARS.search(source or "")
        if m and 0 < int(m["end"]) - int(m["start"]) <= 10:
            return Term(ordinal=m["ord"].upper(), start=int(m["start"]), end=int(m["end"]))
    ordinal = start = end = None
    # else: the title's own term, a congress naming itself as issuer, the last congress the title
    # names, then the committee that signs
    for source, pattern in (
        (own_title, _TERM_ORDINAL_TITLE),
        (issuer_text, _TERM_ORDINAL_CONGRESS),
        (own_title, _TERM_ORDINAL_CONGRESS),
        (signature_org, _TERM_ORDINAL_CONGRESS),
    ):
        if source and ordinal is None:
            found = list(pattern.finditer(source))
            if found:
                ordinal = found[-1]["ord"].upper()
    for source in (title, issuer_text, signature_org):
        if source and start is None:
            for m in _TERM_YEARS.finditer(source):
                s, e = int(m["start"]), int(m["end"])
                if 0 < e - s <= 10:
                    start, end = s, e
                    break
    if ordinal is None and start is None:
        return None
    return Term(ordinal=ordinal, start=start, end=end)


def _is_name(text: str) -> bool:
    words = text.split()
    if _TERM_ORDINAL_CONGRESS.search(text):
        return False
    return (
        2 <= len(words) <= 6 and all(re.fullmatch(_NAME_WORD, w) for w in words) and not any(c.isdigit() for c in text)
    )


def _signature(doc: Reflowed, texts: list[str], zone_end: int) -> tuple[int, Signer | None, str | None]:
    """Find the signature block among the last blocks; returns (start offset, signer, issuer)."""
    blocks = doc.blocks
    tail_start = max(zone_end, len(blocks) - 14)
    table_starts = sorted(t.cells[0][0][0] for t in doc.tables if t.cells)
    capacity = organization = title = name = None
    first: int | None = None
    skipping_recipients = False
    for i in range(tail_start, len(blocks)):
        text = texts[i].strip()
        if _RECIPIENTS.match(text):
            skipping_recipients = True
            continue
        if skipping_recipients and (text.startswith(("-", "+", "•")) or text.endswith((";", "."))):
            continue
        skipping_recipients = False
        m = _CAPACITY.match(text)
        if m and m["rest"].isupper():
            capacity = m["cap"].replace(".", "").replace("/", "")
            capacity = {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ.", "TƯQ": "TUQ.", "Q": "Q."}.get(
                capacity, capacity + "."
            )
            rest = m["rest"].strip()
            if capacity in ("KT.", "TL.", "TUQ.", "Q."):
                title = None
            organization = rest
            first = i if first is None else first
            continue
        if first is None and not (
            i >= len(blocks) - 6
            and text.isupper()
            and len(text) <= 80
            and not starts_with_marker(text)
            and not _table_follows(doc, texts, i, table_starts)
        ):
            continue
        if _SIGNED.match(text):
            continue
        if first is None:
            first, organization = i, text
        elif text.isupper() and capacity is not None and title is None:
            title = text
        elif name is None and (_is_name(text) or (text.isupper() and _is_name(text.title()))):
            name = text
        elif text.isupper() and title is None and name is None and organization:
            organization = f"{organization} {text}"
    if first is None:
        return len(doc.text), None, None
    signer = Signer(capacity=capacity, title=_title_case(title), name=name, organization=organization)
    return blocks[first].start, signer, organization


def _table_follows(doc: Reflowed, texts: list[str], i: int, table_starts: list[int]) -> bool:
    """A table comes right after block ``i`` and the upper-case lines that follow it: these are the
    table's caption, not a signature block."""
    j = i + 1
    while j < len(doc.blocks) and texts[j].strip().isupper():
        j += 1
    end = doc.blocks[j].start if j < len(doc.blocks) else len(doc.text)
    k = bisect.bisect_left(table_starts, doc.blocks[i].end)
    return k < len(table_starts) and table_starts[k] < end


def _title_case(text: str | None) -> str | None:
    if not text:
        return text
    return text[:1] + text[1:].lower() if text.isupper() else text
