"""A human-readable Markdown summary of a Document (the CLI's ``--format markdown``)."""

from __future__ import annotations

from vndoc.models import Document, Section


def _outline(sections: list[Section], depth: int = 0) -> list[str]:
    lines = []
    for s in sections:
        lines.append(f"{'  ' * depth}- {s.number + '. ' if s.number else ''}{s.title} (p. {s.page})")
        lines += _outline(s.children, depth + 1)
    return lines


def to_markdown(doc: Document) -> str:
    h = doc.header
    title = " — ".join(x for x in (h.doc_type, h.title) if x) or (doc.source.path or "Document")
    out = [f"# {title}", ""]
    facts = [
        ("Number", h.number),
        ("Place", h.place),
        ("Date", h.date.isoformat() if h.date else None),
        ("Issuer", h.issuer),
        (
            "Term",
            h.term
            and " ".join(
                x
                for x in (
                    h.term.ordinal and f"khóa {h.term.ordinal}",
                    h.term.start and f"{h.term.start} - {h.term.end}",
                )
                if x
            ),
        ),
        (
            "Signer",
            h.signer and ", ".join(x for x in (h.signer.capacity, h.signer.title, h.signer.name) if x),
        ),
        ("Source", f"{doc.source.path or '(bytes)'} · {doc.source.media_type} · {doc.source.pages} page(s)"),
        (
            "Part",
            doc.part
            and f"{doc.part.index} of {doc.part.count} documents in the file, "
            f"pages {doc.part.first_page}–{doc.part.last_page}",
        ),
    ]
    out += [f"- **{k}:** {v}" for k, v in facts if v]
    if doc.sections:
        out += ["", "## Sections", "", *_outline(doc.sections)]
    if doc.people:
        out += ["", "## People", ""]
        for p in doc.people:
            roles = "; ".join(f"{pos.raw}{f' ({pos.status})' if pos.status else ''}" for pos in p.positions)
            out.append(f"- {' '.join([*p.honorifics, p.name])}{': ' + roles if roles else ''}")
    if doc.references:
        out += ["", "## References", ""]
        for r in doc.references:
            extra = ", ".join(x for x in (r.date and r.date.isoformat(), r.issuer) if x)
            out.append(f"- {r.raw}{f' ({extra})' if extra else ''} — {len(r.mentions)} mention(s)")
    if doc.counts:
        out += ["", "## Counts", ""]
        for c in doc.counts:
            where = " / ".join(x for x in (c.row, c.column) if x)
            out.append(
                f"- {c.raw} → {c.value} {c.unit}{' (approx.)' if c.approximate else ''}"
                f"{f' [table: {where}]' if where else ''}"
            )
    if doc.tables:
        out += ["", "## Tables", ""]
        for t in doc.tables:
            pages = f"pp. {t.pages[0]}–{t.pages[-1]}" if len(t.pages) > 1 else f"p. {t.page}"
            columns = " | ".join(c for c in t.columns if c)
            out.append(f"- {pages}: {len(t.rows)} row(s){f'; columns: {columns}' if columns else ''}")
    if doc.footnotes:
        out += ["", "## Footnotes", ""]
        out += [f"{n}. [{f.marker}, p. {f.page}] {f.text}" for n, f in enumerate(doc.footnotes, start=1)]
    if doc.awards:
        out += ["", "## Awards", ""]
        for a in doc.awards:
            who = " ← ".join(x for x in (a.recipient, a.giver) if x)
            out.append(
                f"- {a.kind}{' × ' + str(a.times) if a.times and a.times > 1 else ''}"
                f"{': ' + who if who else ''}{' — ' + ', '.join(map(str, a.years)) if a.years else ''}"
            )
    if doc.issues:
        out += ["", "## To check", ""]
        out += [f"- `{i.code}`: {i.message}" for i in doc.issues]
    return "\n".join(out) + "\n"
