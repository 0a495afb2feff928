"""People, positions and organisations: one table row per construction of the genre."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from tests.conftest import shared_path
from vndoc.normalize import match_key
from vndoc.paged_text import PagedText
from vndoc.people import _tokenize, find_organizations, find_people

Expected = list[tuple[str, list[tuple[str, str | None]]]]


def people(text: str) -> Expected:
    return [(p.name, [(q.raw, q.status) for q in p.positions]) for p in find_people(PagedText.single_page(text))]


CASES: list[tuple[str, str, Expected]] = [
    (
        "appositive",
        "Dự hội nghị có đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND huyện.",
        [("Nguyễn Văn Hùng", [("Phó Chủ tịch UBND huyện", None)])],
    ),
    (
        "appositive chain",
        "Dự có đồng chí Tô Văn Khải, Ủy viên BTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh, lãnh đạo các sở.",
        [("Tô Văn Khải", [("Ủy viên BTV Tỉnh ủy", None), ("Phó Chủ tịch UBND tỉnh", None)])],
    ),
    (
        "dash separated titles",
        "Ông Trần Minh Đức - Bí thư Đảng ủy - Chủ tịch HĐND xã An Phú phát biểu.",
        [("Trần Minh Đức", [("Bí thư Đảng ủy", None), ("Chủ tịch HĐND xã An Phú", None)])],
    ),
    (
        "glued dash and colon",
        "Ông Lê Hải Nam- Phó Bí thư đảng ủy - Chủ tịch UBND xã\nÔng Võ Văn Tín: Chủ tịch UBMTTQ xã và các đồng chí.",
        [
            ("Lê Hải Nam", [("Phó Bí thư đảng ủy", None), ("Chủ tịch UBND xã", None)]),
            ("Võ Văn Tín", [("Chủ tịch UBMTTQ xã", None)]),
        ],
    ),
    (
        "bracketed update",
        "đồng chí Hoàng Thị Lan, Phó Giám đốc Sở Y tế (nay là Giám đốc Sở Y tế) được bầu làm Chủ tịch Hội.",
        [
            (
                "Hoàng Thị Lan",
                [
                    ("Phó Giám đốc Sở Y tế", "former"),
                    ("Giám đốc Sở Y tế", "current"),
                    ("Chủ tịch Hội", "elected"),
                ],
            )
        ],
    ),
    (
        "bracketed update with two positions",
        "đồng chí Hà Văn Tú, Trưởng phòng Nội vụ (nay là UV BTV, Trưởng Ban tổ chức Huyện ủy) làm Chủ tịch Hội;",
        [
            (
                "Hà Văn Tú",
                [
                    ("Trưởng phòng Nội vụ", "former"),
                    ("UV BTV", "current"),
                    ("Trưởng Ban tổ chức Huyện ủy", "current"),
                    ("Chủ tịch Hội", "elected"),
                ],
            )
        ],
    ),
    (
        "bracketed position",
        "đồng chí Lê Thị Thu (Chủ tịch Hội Phụ nữ huyện) phát biểu.",
        [("Lê Thị Thu", [("Chủ tịch Hội Phụ nữ huyện", None)])],
    ),
    (
        "bracketed aside stepped over",
        "Ông Nguyễn Văn Khải (sinh năm 1968) được bầu làm Chủ tịch Hội Người cao tuổi xã.",
        [("Nguyễn Văn Khải", [("Chủ tịch Hội Người cao tuổi xã", "elected")])],
    ),
    (
        "elected",
        "Ông Đỗ Văn Nam được bầu làm Chủ tịch Hội Cựu chiến binh xã nhiệm kỳ mới.",
        [("Đỗ Văn Nam", [("Chủ tịch Hội Cựu chiến binh xã", "elected")])],
    ),
    (
        "re-elected",
        "Bà Lý Thị Mai tái đắc cử Chủ tịch Hội Phụ nữ huyện.",
        [("Lý Thị Mai", [("Chủ tịch Hội Phụ nữ huyện", "elected")])],
    ),
    (
        "takes office",
        "Đồng chí Vũ Đức Long, Phó Chủ tịch UBND thị xã đảm nhận chức vụ Chủ tịch Liên hiệp hội.",
        [("Vũ Đức Long", [("Phó Chủ tịch UBND thị xã", None), ("Chủ tịch Liên hiệp hội", "elected")])],
    ),
    (
        "appositive then làm",
        "đồng chí Nguyễn Trọng An, Trưởng phòng GD-ĐT làm Phó Chủ tịch Liên hiệp hội;",
        [("Nguyễn Trọng An", [("Trưởng phòng GD-ĐT", None), ("Phó Chủ tịch Liên hiệp hội", "elected")])],
    ),
    (
        "kiêm joins one position",
        "ông Nguyễn Đình Lực tiếp tục được bầu làm Phó Chủ tịch kiêm Tổng Thư ký.",
        [("Nguyễn Đình Lực", [("Phó Chủ tịch kiêm Tổng Thư ký", "elected")])],
    ),
    (
        "comma before the predicate",
        "Đại hội bầu đồng chí Lê Bá Tú, tái đắc cử giữ chức Thư ký Chi hội; Hà Đức Lâm-Phó Thư ký Chi hội.",
        [("Lê Bá Tú", [("Thư ký Chi hội", "elected")]), ("Hà Đức Lâm", [("Phó Thư ký Chi hội", None)])],
    ),
    (
        "departure after election",
        "Đồng chí Bùi Văn Tâm được bầu làm Chủ tịch Hội năm 2019; năm 2021, đồng chí Bùi Văn Tâm chuyển công tác.",
        [("Bùi Văn Tâm", [("Chủ tịch Hội", "left")])],
    ),
    (
        "departure keeps current positions",
        "đồng chí Lê Văn Sáu, Phó Chủ tịch UBND huyện (nay là Bí thư Huyện ủy) được bầu làm Chủ tịch Hội; "
        "(đồng chí Lê Văn Sáu, chuyển công tác).",
        [
            (
                "Lê Văn Sáu",
                [
                    ("Phó Chủ tịch UBND huyện", "former"),
                    ("Bí thư Huyện ủy", "current"),
                    ("Chủ tịch Hội", "left"),
                ],
            )
        ],
    ),
    (
        "title before name",
        "Đến dự có Giám đốc Sở Tư pháp Lê Minh Quân.",
        [("Lê Minh Quân", [("Giám đốc Sở Tư pháp", None)])],
    ),
    (
        "two titles before name",
        "Đến dự có Phó Chủ tịch Hội Nông dân Việt Nam Phạm Văn Dũng; Bí "
        "thư Tỉnh ủy, Chủ tịch HĐND tỉnh Nguyễn Hữu Quang.",
        [
            ("Phạm Văn Dũng", [("Phó Chủ tịch Hội Nông dân Việt Nam", None)]),
            ("Nguyễn Hữu Quang", [("Bí thư Tỉnh ủy", None), ("Chủ tịch HĐND tỉnh", None)]),
        ],
    ),
    (
        "title before a two-word name after tỉnh",
        "Trước đó, Chủ tịch Hội VHNT tỉnh Mai Văn Hùng và Phó Chủ tịch Hội VHNT tỉnh Nguyễn Tuấn đã nghỉ chế độ.",
        [
            ("Mai Văn Hùng", [("Chủ tịch Hội VHNT tỉnh", "left")]),
            ("Nguyễn Tuấn", [("Phó Chủ tịch Hội VHNT tỉnh", "left")]),
        ],
    ),
    (
        "title and colon before honorific",
        "BCH gồm 11 thành viên, Chủ tịch Hội: đ/c Phạm Văn Lợi.",
        [("Phạm Văn Lợi", [("Chủ tịch Hội", None)])],
    ),
    (
        "title and comma before honorific",
        "Tham dự có Phó Chủ tịch UBND tỉnh, ông Võ Văn Lợi.",
        [("Võ Văn Lợi", [("Phó Chủ tịch UBND tỉnh", None)])],
    ),
    (
        "list with positions",
        "Dự có các đồng chí: Trương Thị Hoa-nguyên Chủ tịch Hội Phụ nữ "
        "tỉnh; Đặng Văn Bình-Phó Chủ tịch Hội Nông dân tỉnh.",
        [
            ("Trương Thị Hoa", [("nguyên Chủ tịch Hội Phụ nữ tỉnh", "former")]),
            ("Đặng Văn Bình", [("Phó Chủ tịch Hội Nông dân tỉnh", None)]),
        ],
    ),
    (
        "list of names",
        "Khen thưởng các đồng chí Nguyễn Văn An, Trần Thị Bích và Lê Quốc Việt.",
        [("Nguyễn Văn An", []), ("Trần Thị Bích", []), ("Lê Quốc Việt", [])],
    ),
    (
        "member rows",
        "1. Ông Nguyễn Văn A – Chủ tịch\n2. Bà Trần Thị B – Phó Chủ tịch\n3. Ông Lê Văn C – Ủy viên",
        [
            ("Nguyễn Văn A", [("Chủ tịch", None)]),
            ("Trần Thị B", [("Phó Chủ tịch", None)]),
            ("Lê Văn C", [("Ủy viên", None)]),
        ],
    ),
    (
        "shared predicate",
        "Đại hội bầu ông Lê Văn Tám - Chủ tịch Hội khóa II và bà Vũ Thị Hạnh - Phó Chủ tịch Hội khóa II "
        "tiếp tục giữ chức vụ Chủ tịch và Phó Chủ tịch khóa III.",
        [
            ("Lê Văn Tám", [("Chủ tịch Hội khóa II", None), ("Chủ tịch", "elected")]),
            ("Vũ Thị Hạnh", [("Phó Chủ tịch Hội khóa II", None), ("Phó Chủ tịch", "elected")]),
        ],
    ),
    (
        "own predicates",
        "ông Hồ Văn Ba được bầu làm Chủ tịch và ông Mạc Văn Tư được bầu làm Phó Chủ tịch.",
        [("Hồ Văn Ba", [("Chủ tịch", "elected")]), ("Mạc Văn Tư", [("Phó Chủ tịch", "elected")])],
    ),
    (
        "body name with và",
        "Ông Đinh Văn Tiến - Chủ tịch Hội Sinh vật cảnh và Làm vườn tỉnh chủ trì hội nghị.",
        [("Đinh Văn Tiến", [("Chủ tịch Hội Sinh vật cảnh và Làm vườn tỉnh", None)])],
    ),
    (
        "name at clause start with a predicate",
        "Nguyễn Thanh Bình được bầu làm Chủ tịch Hội Doanh nhân trẻ tỉnh.",
        [("Nguyễn Thanh Bình", [("Chủ tịch Hội Doanh nhân trẻ tỉnh", "elected")])],
    ),
    (
        "misspelt title",
        "đồng chí Nguyễn Văn Hòa, Pho Chu tich UBND huyện, phát biểu.",
        [("Nguyễn Văn Hòa", [("Pho Chu tich UBND huyện", None)])],
    ),
    (
        "Central Highlands names",
        "Có đồng chí Y Ngọc, Phó Bí thư Tỉnh ủy; bà H'Hen Niê, Chủ tịch Hội Liên hiệp Phụ nữ tỉnh; "
        "ông Ksor Phước, Phó Chủ tịch HĐND tỉnh.",
        [
            ("Y Ngọc", [("Phó Bí thư Tỉnh ủy", None)]),
            ("H'Hen Niê", [("Chủ tịch Hội Liên hiệp Phụ nữ tỉnh", None)]),
            ("Ksor Phước", [("Phó Chủ tịch HĐND tỉnh", None)]),
        ],
    ),
    (
        "signature block",
        "Tăng cường công tác phối hợp.\nTM. BAN CHẤP HÀNH\nCHỦ TỊCH\n\n(Đã ký)\n\nNGUYỄN VĂN HẢI",
        [("NGUYỄN VĂN HẢI", [("CHỦ TỊCH", "current")])],
    ),
    (
        "signature block with authority line",
        "ỦY BAN NHÂN DÂN TỈNH X\nQUYẾT ĐỊNH\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nĐiều 1. Nay quyết định.\n"
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Văn Nam",
        [("Trần Văn Nam", [("PHÓ CHỦ TỊCH", "current")])],
    ),
    (
        "signers side by side: title lines, then name lines in the same order",
        "1. Ông Lê Văn Tài, Phó Chủ tịch Hội - Trưởng ban\n2. Bà Ngô Thị Thắm, cán bộ Văn phòng Hội - thư ký\n"
        "Biên bản kết thúc.\nTHƯ KÝ\nTRƯỞNG BAN KIỂM PHIẾU\nNgô Thị Thắm\nLê Văn Tài\nCÁC THÀNH VIÊN\nTrịnh Văn Hưng",
        [
            ("Lê Văn Tài", [("Phó Chủ tịch Hội", None), ("Trưởng ban", None), ("TRƯỞNG BAN KIỂM PHIẾU", "current")]),
            ("Ngô Thị Thắm", [("cán bộ Văn phòng Hội", None), ("thư ký", None), ("THƯ KÝ", "current")]),
        ],
    ),
    (
        "signer's name after honorifics",
        "Kết luận.\nTM. BAN CHẤP HÀNH\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH KIÊM TỔNG THƯ KÝ\n(Đã ký)\nThS. Trần Văn Bảo",
        [("Trần Văn Bảo", [("PHÓ CHỦ TỊCH KIÊM TỔNG THƯ KÝ", "current")])],
    ),
    (
        "a capacity line over its signer's title is one signer",
        "Kết luận.\nTHƯ KÝ\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn An\nTrần Văn Bình",
        [("Lê Văn An", [("THƯ KÝ", "current")]), ("Trần Văn Bình", [("PHÓ CHỦ TỊCH", "current")])],
    ),
    (
        "the chair and the secretary of a meeting, in its roles and its signatures",
        "Chủ tọa: Ông Nguyễn Văn An - Chủ tịch Hội\nThư ký: Bà Lê Thị Bình - Ủy viên BCH\nTHƯ KÝ\nCHỦ TỌA\n"
        "Lê Thị Bình\nNguyễn Văn An",
        [
            ("Nguyễn Văn An", [("Chủ tọa", None), ("Chủ tịch Hội", None), ("CHỦ TỌA", "current")]),
            ("Lê Thị Bình", [("Thư ký", None), ("Ủy viên BCH", None), ("THƯ KÝ", "current")]),
        ],
    ),
    (
        "merged mentions",
        "đồng chí Trịnh Văn Quyết, Chủ tịch Hội phát biểu. Kết luận, đồng chí Quyết đề nghị; "
        "Đồng chí Trịnh Văn Quyết, Chủ tịch Hội, Bí thư Chi bộ.",
        [("Trịnh Văn Quyết", [("Chủ tịch Hội", None), ("Bí thư Chi bộ", None)])],
    ),
    (
        "same given name, different people",
        "đồng chí Lê Văn Bình, Chủ tịch Hội. đồng chí Phan Công Bình, Phó Chủ tịch Hội. Ý kiến của đồng chí Bình.",
        [("Lê Văn Bình", [("Chủ tịch Hội", None)]), ("Phan Công Bình", [("Phó Chủ tịch Hội", None)])],
    ),
    (
        "comma-joined names share a predicate",
        "bầu đồng chí Phạm Văn Hòa giữ chức Chủ tịch, các đồng chí Đỗ Thị Lan, Vũ Minh Tuấn giữ chức Phó Chủ tịch Hội.",
        [
            ("Phạm Văn Hòa", [("Chủ tịch", "elected")]),
            ("Đỗ Thị Lan", [("Phó Chủ tịch Hội", "elected")]),
            ("Vũ Minh Tuấn", [("Phó Chủ tịch Hội", "elected")]),
        ],
    ),
    (
        "age aside",
        "Ông Nguyễn Văn Nam, 55 tuổi, Chủ tịch Hội Người cao tuổi xã.",
        [("Nguyễn Văn Nam", [("Chủ tịch Hội Người cao tuổi xã", None)])],
    ),
    (
        "bare given name after a weak honorific",
        "Anh Vũ Hồng Quân làm Chủ tịch Hội. Anh Quân cho biết hội sẽ đổi mới.",
        [("Vũ Hồng Quân", [("Chủ tịch Hội", "elected")])],
    ),
    (
        "title right after the name",
        "đồng chí Nguyễn Văn An Chủ tịch Hội Nông dân xã phát biểu.",
        [("Nguyễn Văn An", [("Chủ tịch Hội Nông dân xã", None)])],
    ),
    (
        "a name does not run into an abbreviation",
        "đồng chí Nguyễn Văn An UBND tỉnh phát biểu.",
        [("Nguyễn Văn An", [])],
    ),
    (
        "positions merged across abbreviations",
        "đồng chí Lê Văn Tư, UVBTV Tỉnh ủy phát biểu. Đồng chí Lê Văn Tư, Ủy viên Ban Thường vụ Tỉnh ủy kết luận.",
        [("Lê Văn Tư", [("UVBTV Tỉnh ủy", None)])],
    ),
    (
        "table rows whose columns lost their separators",
        "TT Họ và tên Năm sinh Chức vụ Dự kiến\n"
        "1 Sùng A Lử 1962 Phó Giám đốc Sở Nông nghiệp và PTNT Ủy viên Thường vụ\n"
        "2 Cầm Văn Đôi 1967 Chủ tịch Hội Kiến trúc sư tỉnh Ủy viên",
        [
            ("Sùng A Lử", [("Phó Giám đốc Sở Nông nghiệp và PTNT", None), ("Ủy viên Thường vụ", None)]),
            ("Cầm Văn Đôi", [("Chủ tịch Hội Kiến trúc sư tỉnh", None), ("Ủy viên", None)]),
        ],
    ),
    (
        "table row: a comma inside a cell, a note after the cells",
        "3 Thào Thị Mai 1970 Trưởng phòng Dân tộc, Ban Dân tộc tỉnh Ủy viên (Có lý lịch trích ngang kèm theo)",
        [("Thào Thị Mai", [("Trưởng phòng Dân tộc, Ban Dân tộc tỉnh", None), ("Ủy viên", None)])],
    ),
    (
        "table row: a title inside a body's name opens no cell",
        "4 Vàng Thị Dua 1975 Thành viên Ban Giám đốc Trung tâm Y tế huyện Ủy viên",
        [("Vàng Thị Dua", [("Thành viên Ban Giám đốc Trung tâm Y tế huyện", None), ("Ủy viên", None)])],
    ),
    (
        "table row: short columns before the first title",
        "1 Đinh Văn Hùng 1970 x Mường Đại học Trưởng ban Tổ chức - Kiểm tra\n"
        "2. Bà Lê Thị Hoa, sinh năm 1975, dân tộc Kinh, Phó Chủ tịch Hội Nông dân huyện.",
        [
            ("Đinh Văn Hùng", [("Trưởng ban Tổ chức - Kiểm tra", None)]),
            ("Lê Thị Hoa", [("Phó Chủ tịch Hội Nông dân huyện", None)]),
        ],
    ),
    (
        "table row without a number column",
        "Điêu Chính Tơi 1958 Chi cục trưởng Chi cục Kiểm lâm Phó Chủ tịch",
        [("Điêu Chính Tơi", [("Chi cục trưởng Chi cục Kiểm lâm", None), ("Phó Chủ tịch", None)])],
    ),
    (
        "names opening list rows",
        "1. Lê Thị Hoa: 129 phiếu, đạt 100%\n2. Quàng Văn Sơn: 128 phiếu\n- Trần Văn Hậu\n"
        "a) Đinh Thị Lụa (xã Thanh Lâm)",
        [("Lê Thị Hoa", []), ("Quàng Văn Sơn", []), ("Trần Văn Hậu", []), ("Đinh Thị Lụa", [])],
    ),
    (
        "a one-letter name after a strong honorific",
        "Nhà báo A Rin, Tổng Biên tập Báo tỉnh được bầu làm Chủ tịch Hội.",
        [("A Rin", [("Tổng Biên tập Báo tỉnh", None), ("Chủ tịch Hội", "elected")])],
    ),
    (
        "negative: list rows that open with no name",
        "1. Hà Nội: 12 đơn vị\n2. Tình hình chung\n2 Hội Nông dân 2019 Chủ tịch",
        [],
    ),
    (
        "dash inside a body's name",
        "Bà Đặng Thị Lan, Trưởng ban Tổ chức - Kiểm tra Hội LHPN huyện; Ông Hà Văn Đông (nguyên Phó Giám "
        "đốc Sở Lao động - Thương binh và Xã hội) được bầu làm Phó Chủ tịch Hội.",
        [
            ("Đặng Thị Lan", [("Trưởng ban Tổ chức - Kiểm tra Hội LHPN huyện", None)]),
            (
                "Hà Văn Đông",
                [
                    ("Phó Giám đốc Sở Lao động - Thương binh và Xã hội", "former"),
                    ("Phó Chủ tịch Hội", "elected"),
                ],
            ),
        ],
    ),
    (
        "dash between positions, people and a capitalised former cue",
        "đồng chí Lê Văn Hải, Bí thư Chi bộ - Trưởng thôn phát biểu; đồng chí Trần Văn Sang, Chủ tịch Hội - "
        "Nguyên Phó Chủ tịch UBND xã; ông Phan Văn Ích, Chủ tịch UBND huyện - Lê Văn Hạnh, Phó Chủ tịch.",
        [
            ("Lê Văn Hải", [("Bí thư Chi bộ", None), ("Trưởng thôn", None)]),
            ("Trần Văn Sang", [("Chủ tịch Hội", None), ("Nguyên Phó Chủ tịch UBND xã", "former")]),
            ("Phan Văn Ích", [("Chủ tịch UBND huyện", None)]),
            ("Lê Văn Hạnh", [("Phó Chủ tịch", None)]),
        ],
    ),
    (
        "appositives joined by và share 'được bầu giữ chức'",
        "Thượng tá Đỗ Văn Ninh, Chánh Văn phòng và ông Lý Văn Sâm, nguyên Phó Chỉ huy trưởng Bộ Chỉ huy "
        "Quân sự tỉnh được bầu giữ chức Phó Chủ tịch.",
        [
            ("Đỗ Văn Ninh", [("Chánh Văn phòng", None), ("Phó Chủ tịch", "elected")]),
            (
                "Lý Văn Sâm",
                [("nguyên Phó Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", "former"), ("Phó Chủ tịch", "elected")],
            ),
        ],
    ),
    (
        "one person elected to two positions keeps both whole",
        "đồng chí Lê Văn Hùng, chuyên viên Phòng Kinh tế - Hạ tầng được bầu làm Ủy viên Thường vụ, Chánh "
        "Văn phòng Liên hiệp hội.",
        [
            (
                "Lê Văn Hùng",
                [
                    ("chuyên viên Phòng Kinh tế - Hạ tầng", None),
                    ("Ủy viên Thường vụ", "elected"),
                    ("Chánh Văn phòng Liên hiệp hội", "elected"),
                ],
            )
        ],
    ),
    (
        "a duty after the positions ends them; one after kiêm is part of them",
        "ThS. Trần Văn Bảo, Phó Chủ tịch kiêm Tổng Thư ký phụ trách thêm mảng đào tạo; ông Vũ Văn Thuần, "
        "Thư ký kiêm phụ trách Văn phòng Hội.",
        [
            ("Trần Văn Bảo", [("Phó Chủ tịch kiêm Tổng Thư ký", None)]),
            ("Vũ Văn Thuần", [("Thư ký kiêm phụ trách Văn phòng Hội", None)]),
        ],
    ),
    (
        "an office away from its seat, and 'tại' ending a position elsewhere",
        "ông Lê Văn Lâm, Trưởng Văn phòng đại diện Báo Tuổi Trẻ tại Đà Nẵng và bà Lê Thị Hà, Phó Trưởng "
        "phòng Nội vụ được bầu làm Phó Chủ tịch. Bà Lê Thị Hà, Phó Trưởng phòng Nội vụ tại Hà Nội phát biểu.",
        [
            (
                "Lê Văn Lâm",
                [("Trưởng Văn phòng đại diện Báo Tuổi Trẻ tại Đà Nẵng", None), ("Phó Chủ tịch", "elected")],
            ),
            ("Lê Thị Hà", [("Phó Trưởng phòng Nội vụ", None), ("Phó Chủ tịch", "elected")]),
        ],
    ),
    (
        "plural honorifics joined by a comma open a list",
        "các anh, chị: Nguyễn Hoàng Lâm, Lê Thị Kim Hoa và Trương Công Đạt được bầu làm Phó Chủ tịch Hội.",
        [
            ("Nguyễn Hoàng Lâm", [("Phó Chủ tịch Hội", "elected")]),
            ("Lê Thị Kim Hoa", [("Phó Chủ tịch Hội", "elected")]),
            ("Trương Công Đạt", [("Phó Chủ tịch Hội", "elected")]),
        ],
    ),
    (
        "a list goes on after a bracketed aside; a school is not a title",
        "Tiêu biểu có các bạn Hoàng Đình Khải (Trường Đại học Y khoa Huế) và Trần Thị Mỹ Lan (Trường Đại "
        "học Sư phạm Huế).",
        [("Hoàng Đình Khải", []), ("Trần Thị Mỹ Lan", [])],
    ),
    (
        "stacked academic honorifics, a position over several terms",
        "TTND.GS.TS Hoàng Văn Tiến, nguyên Chủ tịch Hội khóa IV, khóa V; ông Lê Văn Ba, Chủ tịch Hội khóa "
        "II, Ủy viên BCH.",
        [
            ("Hoàng Văn Tiến", [("nguyên Chủ tịch Hội khóa IV, khóa V", "former")]),
            ("Lê Văn Ba", [("Chủ tịch Hội khóa II", None), ("Ủy viên BCH", None)]),
        ],
    ),
    (
        "a unit's position names the body above it; a committee of members is not one",
        "ông Lê Văn Hà, Trưởng phòng Quy hoạch - Kiến trúc, Sở Xây dựng thay thế; bà Vũ Thị Thoa, Trưởng "
        "phòng Nội vụ, Ban Chấp hành Hội đã tặng quà.",
        [
            ("Lê Văn Hà", [("Trưởng phòng Quy hoạch - Kiến trúc, Sở Xây dựng", None)]),
            ("Vũ Thị Thoa", [("Trưởng phòng Nội vụ", None)]),
        ],
    ),
    (
        "the position held now, stated later in the clause",
        "Tháng 6/2010, đồng chí Nguyễn Đình Lực được Ban Thường vụ Huyện ủy điều động, nay là Phó Chủ tịch "
        "Ủy ban MTTQ huyện; Đồng chí Hồ Văn Hùng, Ủy viên BCH chuyển công tác ra Hà Nội (nay là Phó Vụ "
        "trưởng Vụ Văn hóa - Văn nghệ, Ban Tuyên giáo Trung ương).",
        [
            ("Nguyễn Đình Lực", [("Phó Chủ tịch Ủy ban MTTQ huyện", "current")]),
            (
                "Hồ Văn Hùng",
                [
                    ("Ủy viên BCH", "left"),
                    ("Phó Vụ trưởng Vụ Văn hóa - Văn nghệ, Ban Tuyên giáo Trung ương", "current"),
                ],
            ),
        ],
    ),
    (
        "a term qualified in words",
        "Ông Vi Văn Oanh, Chủ tịch Hội khóa trước tiếp tục được tín nhiệm bầu giữ chức Chủ tịch Hội khóa mới.",
        [("Vi Văn Oanh", [("Chủ tịch Hội khóa trước", None), ("Chủ tịch Hội khóa mới", "elected")])],
    ),
    (
        "a departure that names the position left",
        "ông Hồ Văn Giang thôi giữ chức Chủ tịch Hội do nghỉ hưu; bà Lò Thị Ánh miễn nhiệm chức vụ Phó Chủ tịch.",
        [("Hồ Văn Giang", [("Chủ tịch Hội", "left")]), ("Lò Thị Ánh", [("Phó Chủ tịch", "left")])],
    ),
    (
        "upper-case names opening list rows",
        "1. NGUYỄN VĂN HẢI - Chủ tịch Hội\n2. TRẦN THỊ KIM, Phó Chủ tịch Hội\n4. LÊ VĂN TÁM 1960 Ủy viên",
        [
            ("NGUYỄN VĂN HẢI", [("Chủ tịch Hội", None)]),
            ("TRẦN THỊ KIM", [("Phó Chủ tịch Hội", None)]),
            ("LÊ VĂN TÁM", [("Ủy viên", None)]),
        ],
    ),
    (
        "the last name of a list before its verb",
        "Các đồng chí Lý Văn Long, Mạc Thị Mơ được bầu vào Ban Thường vụ.",
        [("Lý Văn Long", []), ("Mạc Thị Mơ", [])],
    ),
    (
        "negative: an upper-case heading and an address open like list rows",
        "3. PHẠM VI ÁP DỤNG\n15 Trần Phú, Hà Nội\n2. LÊ VĂN TÁM: danh sách",
        [],
    ),
    (
        "a verb right after a unit's title ends it; a unit named by a verb does not",
        "ông Lê Văn An, Trưởng phòng đọc báo cáo. bà Lê Thị Bông, Trưởng ban phát biểu. ông Trần Văn Cừ, "
        "Phó Chủ tịch kiêm nhiệm đọc diễn văn. ông Hà Văn Tú, Trưởng Ban tổ chức Huyện ủy chủ trì.",
        [
            ("Lê Văn An", [("Trưởng phòng", None)]),
            ("Lê Thị Bông", [("Trưởng ban", None)]),
            ("Trần Văn Cừ", [("Phó Chủ tịch", None)]),
            ("Hà Văn Tú", [("Trưởng Ban tổ chức Huyện ủy", None)]),
        ],
    ),
    (
        "abbreviated titles",
        "Đ/c Nguyễn Thị Hương Lan - HUV, Bí thư Đảng ủy thị trấn. Ông Lê Văn Bảy – UV.BTV Tỉnh ủy, PCT UBND "
        "tỉnh. đ/c Trần Văn Chín - PBT Đảng ủy xã. ông Tạ Văn Ba, TUV, PGĐ Sở Nội vụ; ông Tạ Văn Ba, Tỉnh ủy viên.",
        [
            ("Nguyễn Thị Hương Lan", [("HUV", None), ("Bí thư Đảng ủy thị trấn", None)]),
            ("Lê Văn Bảy", [("UV.BTV Tỉnh ủy", None), ("PCT UBND tỉnh", None)]),
            ("Trần Văn Chín", [("PBT Đảng ủy xã", None)]),
            ("Tạ Văn Ba", [("TUV", None), ("PGĐ Sở Nội vụ", None)]),
        ],
    ),
    (
        "a passive predicate names who elects",
        "Đồng chí Nguyễn Văn An được Đại hội tín nhiệm bầu làm Chủ tịch Hội. Bà Lê Thị Bé được Ban Chấp hành "
        "bầu giữ chức Phó Chủ tịch.",
        [("Nguyễn Văn An", [("Chủ tịch Hội", "elected")]), ("Lê Thị Bé", [("Phó Chủ tịch", "elected")])],
    ),
    (
        "a plural title before a list gives each person the title",
        "Các Ủy viên: đ/c Cao Văn Em - Trưởng Công an xã; đ/c Lý Thị Gấm - Chủ tịch Hội LHPN xã\n"
        "Trưởng ban: đ/c Hồ Văn Dũng; đ/c Lê Văn Sơn phát biểu",
        [
            ("Cao Văn Em", [("Ủy viên", None), ("Trưởng Công an xã", None)]),
            ("Lý Thị Gấm", [("Ủy viên", None), ("Chủ tịch Hội LHPN xã", None)]),
            ("Hồ Văn Dũng", [("Trưởng ban", None)]),
            ("Lê Văn Sơn", []),
        ],
    ),
    (
        "a cooperative is not a commune; a speech verb ends the position",
        "Bà Nguyễn Thị Thủy - Giám đốc Hợp tác xã Nông nghiệp Đồng Tiến chia sẻ kinh nghiệm. Thư ký Đại hội: "
        "đồng chí Đậu Thị Hương.",
        [
            ("Nguyễn Thị Thủy", [("Giám đốc Hợp tác xã Nông nghiệp Đồng Tiến", None)]),
            ("Đậu Thị Hương", [("Thư ký Đại hội", None)]),
        ],
    ),
    (
        "fields of a body's name enumerated with commas",
        "Bà Trương Thị Lan, Phó Giám đốc Sở Văn hóa, Thông tin, Thể thao và Du lịch phát biểu. Ông Lê Văn "
        "Hai, Chủ tịch Hội, Trưởng ban Dân vận và bà Lê Thị Ba dự.",
        [
            ("Trương Thị Lan", [("Phó Giám đốc Sở Văn hóa, Thông tin, Thể thao và Du lịch", None)]),
            ("Lê Văn Hai", [("Chủ tịch Hội", None), ("Trưởng ban Dân vận", None)]),
            ("Lê Thị Ba", []),
        ],
    ),
    (
        "elected by consultation",
        "ông Kim Văn Sơn được hiệp thương cử giữ chức Chủ tịch Ủy ban MTTQ xã.",
        [("Kim Văn Sơn", [("Chủ tịch Ủy ban MTTQ xã", "elected")])],
    ),
    (
        "a title before a colon belongs to each name joined after it",
        "Thư ký Đại hội: đồng chí Đậu Thị Hương và đồng chí Lê Thị Nga. Trưởng ban: đ/c Hồ Văn Dũng; đ/c Lê "
        "Văn Sơn phát biểu.",
        [
            ("Đậu Thị Hương", [("Thư ký Đại hội", None)]),
            ("Lê Thị Nga", [("Thư ký Đại hội", None)]),
            ("Hồ Văn Dũng", [("Trưởng ban", None)]),
            ("Lê Văn Sơn", []),
        ],
    ),
    (
        "the same title in two terms is two positions",
        "Đồng chí Trần Văn Hòa, Tỉnh ủy viên, Bí thư Huyện ủy khóa XI tái đắc cử Bí thư Huyện ủy khóa XII.",
        [
            (
                "Trần Văn Hòa",
                [("Tỉnh ủy viên", None), ("Bí thư Huyện ủy khóa XI", None), ("Bí thư Huyện ủy khóa XII", "elected")],
            )
        ],
    ),
    # Negatives: places, bodies, headings, honorific words followed by common nouns.
    (
        "negative: body names",
        ("Liên hiệp các hội KH&KT thị xã Hồng Lĩnh tổ chức Đại hội; Hội KH&KT phường."),
        [],
    ),
    ("negative: Hội KH&KT", "Hội KH&KT Trung tâm Y tế và Hội KH&KT Công an thị xã.", []),
    ("negative: upper-case heading", "BAN CHẤP HÀNH LIÊN HIỆP HỘI KHOÁ IV\nNHỮNG KẾT QUẢ ĐẠT ĐƯỢC", []),
    (
        "negative: place after a title",
        "Phó Chủ tịch UBND tỉnh Lâm Đồng phát biểu. Chủ tịch UBND huyện "
        "Lương Sơn chỉ đạo. Chủ tịch UBND xã Mai Lâm dự.",
        [],
    ),
    ("negative: place names", "Hà Tĩnh, ngày 5 tháng 3 năm 2020. Hà Nội - Thủ đô; phường Trung Lương.", []),
    (
        "negative: places named after people, and a two-word place after a Party committee",
        "Đại hội Hội Nông dân phường Lê Đại Hành lần thứ V; Chủ tịch Hội Nông dân phường Lê Đại Hành phát "
        "biểu. Bí thư Huyện ủy Sơn Hòa dự.",
        [],
    ),
    (
        "a person after a level of administration when the text never makes the name a place",
        "Chủ tịch UBND huyện Nguyễn Văn Hùng phát biểu.",
        [("Nguyễn Văn Hùng", [("Chủ tịch UBND huyện", None)])],
    ),
    ("negative: street", "Trụ sở đặt tại số 5 đường Trần Phú, Chủ tịch Hội chủ trì.", []),
    (
        "negative: common nouns",
        ("các đồng chí ủy viên ban chấp hành và bà con nhân dân tham gia; 03 đồng chí."),
        [],
    ),
    (
        "negative: title without a name",
        ("Ủy quyền để Chủ tịch Ủy ban nhân dân huyện cho phép; Giám đốc Sở Nội vụ."),
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_people_and_positions(text: str, expected: Expected) -> None:
    assert people(text) == expected


HONORIFIC_CASES = [
    ("đồng chí Nguyễn Trí Anh, Trưởng phòng", ["đồng chí"]),
    ("Đ/c Nguyễn Trí Anh phát biểu", ["Đ/c"]),
    ("Ông Bà Nguyễn Thị Vững – Phó Bí thư", ["Ông", "Bà"]),
    ("ông Ông Nguyễn Xuân Lâm phát biểu", ["ông"]),
    ("GS.TSKH Đặng Vũ Minh phát biểu", ["GS.TSKH"]),
    ("PGS.TS. Nguyễn Văn Tài, Hiệu trưởng", ["PGS.TS"]),
    ("TS. Lê Thị Hồng phát biểu", ["TS"]),
    ("BS.CKII Nguyễn Văn Sơn phát biểu", ["BS.CKII"]),
    ("NGƯT Phạm Văn Tư phát biểu", ["NGƯT"]),
    ("TM. BAN CHẤP HÀNH\nCHỦ TỊCH\nKTS. Phạm Văn Tư", ["KTS"]),
    ("TTND.GS.TS Phạm Văn Tư phát biểu", ["TTND.GS.TS"]),
    ("các anh, chị: Phạm Văn Tư, Lê Văn Hòa", ["anh", "chị"]),
    ("Đại tá Hồ Văn Khánh phát biểu", ["Đại tá"]),
    ("Thượng tá Hồ Văn Khánh phát biểu", ["Thượng tá"]),
    ("Trung tá Hồ Văn Khánh phát biểu", ["Trung tá"]),
    ("Thiếu tướng Hồ Văn Khánh phát biểu", ["Thiếu tướng"]),
    ("Nhà thơ Đinh Công Thủy được bầu", ["Nhà thơ"]),
    ("có các đồng chí: Trần Liễm, Lê Văn Tám", ["đồng chí"]),
]


@pytest.mark.parametrize(("text", "honorifics"), HONORIFIC_CASES)
def test_honorifics_are_stripped_from_the_name(text: str, honorifics: list[str]) -> None:
    found = find_people(PagedText.single_page(text))
    assert found[0].honorifics == honorifics
    assert not any(match_key(h) in match_key(found[0].name) for h in honorifics)


TITLE_CASES = [
    ("đồng chí Lê Văn Bình, Phó Chủ tịch UBND Thị xã.", "Phó Chủ tịch", "UBND Thị xã"),
    ("đồng chí Lê Văn Bình, UV BTV.", "Ủy viên Ban Thường vụ", None),
    ("đồng chí Lê Văn Bình, UVBTV Liên hiệp hội.", "Ủy viên Ban Thường vụ", "Liên hiệp hội"),
    ("đồng chí Lê Văn Bình, Trưởng Ban tổ chức Thị ủy.", "Trưởng ban", "Ban tổ chức Thị ủy"),
    ("đồng chí Lê Văn Bình, Trưởng phòng GD-ĐT.", "Trưởng phòng", "phòng GD-ĐT"),
    ("đồng chí Lê Văn Bình, Phó Bí Thư thường trực Đảng ủy xã.", "Phó Bí thư Thường trực", "Đảng ủy xã"),
    ("đồng chí Lê Văn Bình, Chánh Văn phòng UBND tỉnh.", "Chánh Văn phòng", "Văn phòng UBND tỉnh"),
    ("đồng chí Lê Văn Bình, Tỉnh ủy viên.", "Tỉnh ủy viên", None),
]


@pytest.mark.parametrize(("text", "title", "organization"), TITLE_CASES)
def test_position_title_and_organization(text: str, title: str, organization: str | None) -> None:
    (person,) = find_people(PagedText.single_page(text))
    (position,) = person.positions
    assert (position.title, position.organization) == (title, organization)


def test_bare_given_name_joins_its_person() -> None:
    (person,) = find_people(PagedText.single_page("Anh Vũ Hồng Quân làm Chủ tịch Hội. Anh Quân cho biết."))
    assert [m.text for m in person.mentions] == ["Vũ Hồng Quân", "Quân"]


def test_mentions_index_the_text_and_pages() -> None:
    text = "Trang một.\nđồng chí Lê Văn Bình, Chủ tịch Hội.\nTrang hai: đồng chí Lê Văn Bình phát biểu."
    second_page = text.index("Trang hai")
    (person,) = find_people(PagedText(text, (0, second_page)))
    assert [(m.page, m.text) for m in person.mentions] == [(1, "Lê Văn Bình"), (2, "Lê Văn Bình")]
    assert all(text[m.start : m.end] == m.text for m in person.mentions)


ORG_CASES = [
    (
        "bracketed short form",
        "Đại hội Liên hiệp các hội KH&KT thị xã Hồng Lĩnh (Liên hiệp hội thị xã) lần thứ IV. "
        "Liên hiệp hội thị xã đã phối hợp.",
        [("Liên hiệp các hội KH&KT thị xã Hồng Lĩnh", "association", 3)],
    ),
    (
        "acronym short form",
        "bầu 17 đồng chí vào Ban Chấp hành (BCH) lần này; BCH đã họp.",
        [("Ban Chấp hành", "committee", 3)],
    ),
    (
        "bodies with levels",
        "Phó Chủ tịch UBND tỉnh và Bí thư Tỉnh Đoàn Gia Lai dự Đại hội Hội Nông dân huyện.",
        [
            ("UBND tỉnh", "state", 1),
            ("Tỉnh Đoàn Gia Lai", "front", 1),
            ("Hội Nông dân huyện", "association", 1),
        ],
    ),
    (
        "dash and và inside bodies' names",
        "Sở Lao động - Thương binh và Xã hội tỉnh phối hợp với Đài Phát thanh - Truyền hình tỉnh.",
        [("Sở Lao động - Thương binh và Xã hội tỉnh", "state", 1), ("Đài Phát thanh - Truyền hình tỉnh", "unit", 1)],
    ),
    (
        "not bodies",
        "Hội nghị tổng kết; Đại hội lần thứ V; các Hội thành viên; Hội luôn quan tâm; CỘNG HÒA XÃ HỘI CHỦ NGHĨA.",
        [],
    ),
    (
        "a table cell ends a body's name",
        "1\tHội LHPN xã Kim Lan\tĐẩy mạnh phong trào thi đua\n2\tUBND thành phố Hà Nội\t04\t04",
        [("Hội LHPN xã Kim Lan", "association", 1), ("UBND thành phố Hà Nội", "state", 1)],
    ),
    (
        "person name is not part of a body",
        "Đến dự có Chủ tịch HĐND tỉnh Nguyễn Ngọc Quang.",
        [("HĐND tỉnh", "state", 1)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ORG_CASES], ids=[c[0] for c in ORG_CASES])
def test_organizations(text: str, expected: list[tuple[str, str, int]]) -> None:
    found = find_organizations(PagedText.single_page(text))
    assert [(o.name, o.kind, len(o.mentions)) for o in found] == expected


@pytest.mark.parametrize(
    "text",
    [c[1] for c in ORG_CASES]
    + [
        "Ban Chấp hành Hội Nông dân tỉnh đồng chí Lê Văn Ba, Chủ tịch Hội Nông dân tỉnh, và Sở Y tế.",
        "Hội Nông dân xã An Phú do ông Nguyễn Văn Tám làm Chủ tịch.\nTM. BAN CHẤP HÀNH\nCHỦ TỊCH\nLê Văn Hòa",
    ],
)
def test_organizations_are_the_same_with_the_people_given(text: str) -> None:
    paged = PagedText.single_page(text)
    assert find_organizations(paged) == find_organizations(paged, find_people(paged))


def test_each_signer_gets_the_authority_line_of_its_own_title() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH X\nQUYẾT ĐỊNH\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nĐiều 1. Nay quyết định.\n"
        "CHỦ TỊCH\n(Đã ký)\nTrần Văn Nam\n"
        "SỞ Y TẾ TỈNH X\nQUYẾT ĐỊNH\nGIÁM ĐỐC SỞ Y TẾ\nĐiều 1. Nay quyết định.\nGIÁM ĐỐC\n(Đã ký)\nLê Thị Hoa"
    )
    assert people(text) == [
        ("Trần Văn Nam", [("CHỦ TỊCH", "current"), ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "current")]),
        ("Lê Thị Hoa", [("GIÁM ĐỐC", "current"), ("GIÁM ĐỐC SỞ Y TẾ", "current")]),
    ]


TOKEN_CASES = [
    ("Phòng GD-ĐT, KH&KT", ["Phòng", "GD-ĐT", ",", "KH&KT"]),
    ("TC-KHx", ["TC", "-", "KHx"]),  # an abbreviation does not run into a word
    ("GD-ĐT-", ["GD-ĐT", "-"]),
    ("đ/c Lê; GS.TSKH H'Hen Niê", ["đ/c", "Lê", ";", "GS.TSKH", "H'Hen", "Niê"]),
    ("TP.HCM có 1.490 hội viên (Kinh)…", ["TP.HCM", "có", "1.490", "hội", "viên", "(", "Kinh", ")", "…"]),
    ("‘Hội’ _x_  ", ["‘", "Hội", "’", "_", "x", "_"]),
]


@pytest.mark.parametrize(("line", "expected"), TOKEN_CASES)
def test_tokens_and_their_offsets(line: str, expected: list[str]) -> None:
    text = "Dòng trước.\n" + line + "\nDòng sau."
    start = text.index(line)
    toks = _tokenize(text, start, start + len(line))
    assert [t.text for t in toks] == expected
    assert all(text[t.start : t.end] == t.text for t in toks)


# --------------------------------------------------------------------------------------------------
# Shared evaluation material (beside the repository).

SEED_EXPECTED: dict[str, list[tuple[str, str | None]]] = {
    "Lê Văn Bình": [
        ("Phó Chủ tịch UBND Thị xã", "former"),
        ("UV BTV", "current"),
        ("Trưởng Ban tổ chức Thị ủy", "current"),
        ("Chủ tịch Liên hiệp hội", "left"),
    ],
    "Nguyễn Trí Anh": [("Trưởng phòng GD-ĐT", None), ("Phó Chủ tịch Liên hiệp hội", "elected")],
    "Phạm Quốc Dũng": [
        ("Chuyên viên phòng Kinh tế", "former"),
        ("Chuyên viên Phòng TC-KH", "current"),
        ("thư ký kiêm phụ trách Văn phòng Liên hiệp hội", "elected"),
        ("UVBTV", None),
        ("Thư ký Liên hiệp hội", None),
    ],
    "Bùi Việt Hùng": [],
    "Phan Công Bình": [],
    "Tôn Quang Ngọc": [
        ("Ủy viên BTV Thị ủy", None),
        ("Phó Chủ tịch UBND thị xã", None),
        ("Chủ tịch Liên hiệp hội", "elected"),
    ],
    "Phan Văn Đường": [("Bí thư Thị đoàn", None), ("UVBTV Liên hiệp hội", None)],
    "Phạm Hồng Quý": [("Chủ tịch Hội KHKT phường Trung Lương", None), ("UVBTV Liên hiệp hội", None)],
}


def _shared(path: str) -> Path:
    return shared_path(path)


def test_seed_people() -> None:
    text = _shared("seed/seed.txt").read_text(encoding="utf-8")
    assert dict(people(text)) == SEED_EXPECTED


def test_seed_short_form_of_the_association() -> None:
    text = _shared("seed/seed.txt").read_text(encoding="utf-8")
    orgs = {o.name: o for o in find_organizations(PagedText.single_page(text))}
    full = orgs["Liên hiệp các hội KH&KT thị xã Hồng Lĩnh"]
    assert {m.text for m in full.mentions} >= {"Liên hiệp hội thị xã", "Liên hiệp Hội Thị xã"}


def test_realtexts_scores() -> None:
    folder = _shared("realtexts")
    tp = fp = fn = gold_positions = found_positions = 0
    for path in sorted(folder.glob("*.txt")):
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))["people"]
        predicted = {match_key(n): [raw for raw, _ in ps] for n, ps in people(path.read_text(encoding="utf-8"))}
        for person in gold:
            gold_positions += len(person["positions"])
            raws = predicted.pop(match_key(person["name"]), None)
            if raws is None:
                fn += 1
                continue
            tp += 1
            found_positions += sum(any(fuzz.ratio(g, r) >= 85 for r in raws) for g in person["positions"])
        fp += len(predicted)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.93
    assert found_positions / gold_positions >= 0.85


def test_reallong_has_no_people() -> None:
    for path in sorted(_shared("reallong").glob("*.txt")):
        assert people(path.read_text(encoding="utf-8")) == [], path.name


# --------------------------------------------------------------------------------------------------
# Properties.

_VOCABULARY = [
    "đồng chí", "Đ/c", "ông", "Ông Bà", "các đồng chí", "GS.TSKH", "PGS.TS.", "Nguyễn", "Văn", "Thị", "Lê",
    "Bình", "Hà", "Tĩnh", "Y", "H'Hen", "Chủ tịch", "Phó", "Bí thư", "UV BTV", "UBND", "Hội", "tỉnh", "xã",
    "khóa", "II", "được bầu làm", "nay là", "nguyên", "chuyển công tác", "và", "kiêm", ",", ";", ":", "-",
    "–", "(", ")", ".", "\n", "(Đã ký)", "CHỦ TỊCH", "NGUYỄN VĂN A", "Ban Chấp hành", "(BCH)", "03", "TP.",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_VOCABULARY), max_size=40).map(" ".join) | st.text(max_size=200))
def test_arbitrary_text_never_raises_and_spans_index_it(text: str) -> None:
    paged = PagedText(text, (0, len(text) // 2) if len(text) > 1 else (0,))
    for person in find_people(paged):
        assert person.name
        for span in person.mentions:
            assert text[span.start : span.end] == span.text
        for position in person.positions:
            assert position.raw in text
    for org in find_organizations(paged):
        for span in org.mentions:
            assert text[span.start : span.end] == span.text
