"""Reference extraction: symbols, citation phrases, lists, short forms, negatives, and the dev texts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import shared_path
from vndoc.paged_text import PagedText
from vndoc.references import find_references
from vndoc.symbols import issuer_name, parse_symbol, type_name
from vndoc.tables import load_table


def refs(text: str, own_number: str | None = None):
    return find_references(PagedText.single_page(text), own_number=own_number)


def parse(text: str) -> tuple[object, ...]:
    found = refs(text)
    assert len(found) == 1, [r.raw for r in found]
    r = found[0]
    return (r.doc_type, r.number, r.year, r.type_code, r.issuer_code, r.date.isoformat() if r.date else None)


# (citation as written, (doc_type, number, year, type_code, issuer_code, date))
CITATIONS = [
    # state administrative documents: number/TYPE-ISSUER
    ("Quyết định số 06/QĐ-TTg ngày 06/01/2022", ("Quyết định", "06", 2022, "QĐ", "TTg", "2022-01-06")),
    ("Báo cáo số 125/BC-LHH ngày 26/01/2024", ("Báo cáo", "125", 2024, "BC", "LHH", "2024-01-26")),
    ("Công văn số 1234/UBND-VX ngày 3/3/2023", ("Công văn", "1234", 2023, None, "UBND-VX", "2023-03-03")),
    (
        "văn bản số 3790/UBND-NC ngày 24 tháng 12 năm 2019",
        ("Công văn", "3790", 2019, None, "UBND-NC", "2019-12-24"),
    ),
    ("Văn bản số 843/CV-UB ngày 27/10/1986", ("Công văn", "843", 1986, "CV", "UB", "1986-10-27")),
    ("văn bản số 66/BCH cho phép", ("Công văn", "66", None, None, "BCH", None)),
    ("Quyết định 119/TWH ngày 15/7/1985", ("Quyết định", "119", 1985, None, "TWH", "1985-07-15")),
    ("Kế hoạch số 45/KH-UBND ngày 10/3/2021", ("Kế hoạch", "45", 2021, "KH", "UBND", "2021-03-10")),
    ("Thông báo số 39/TB-VPCP ngày 25/2/2008", ("Thông báo", "39", 2008, "TB", "VPCP", "2008-02-25")),
    ("tờ trình số 623/TTr-SNV ngày 04/11/2010", ("Tờ trình", "623", 2010, "TTr", "SNV", "2010-11-04")),
    ("Công điện số 102/CĐ-TTg, ngày 06/10/2024", ("Công điện", "102", 2024, "CĐ", "TTg", "2024-10-06")),
    ("Chỉ thị số 05/CT-UBND ngày 2/2/2020", ("Chỉ thị", "05", 2020, "CT", "UBND", "2020-02-02")),
    (
        "Hướng dẫn số 476/SNV-TCPCP&VTLT ngày 21/7/2025",
        ("Hướng dẫn", "476", 2025, None, "SNV-TCPCP&VTLT", "2025-07-21"),
    ),
    ("Nghị quyết số 15/NQ-HĐND ngày 9/12/2022", ("Nghị quyết", "15", 2022, "NQ", "HĐND", "2022-12-09")),
    ("Quyết định số 1311/QĐ-UB ngày 5/2/2002", ("Quyết định", "1311", 2002, "QĐ", "UB", "2002-02-05")),
    ("Quyết định số 41/QĐ-CTUB ngày 30/03/2004", ("Quyết định", "41", 2004, "QĐ", "CTUB", "2004-03-30")),
    ("Quyết định số 11/2007/QĐ-UBND ngày 19/3/2007", ("Quyết định", "11", 2007, "QĐ", "UBND", "2007-03-19")),
    (
        "công văn số 5110/VPCP-KTTH ngày 16/9/2002",
        ("Công văn", "5110", 2002, None, "VPCP-KTTH", "2002-09-16"),
    ),
    ("Giấy mời số 15/GM-UBND ngày 1/4/2024", ("Giấy mời", "15", 2024, "GM", "UBND", "2024-04-01")),
    ("Biên bản số 02/BB-HĐTĐKT ngày 5/5/2023", ("Biên bản", "02", 2023, "BB", "HĐTĐKT", "2023-05-05")),
    # every type of Nghị định 30/2020/NĐ-CP, Phụ lục III
    ("Quy chế số 01/QC-UBND", ("Quy chế", "01", None, "QC", "UBND", None)),
    ("Quy định số 02/QyĐ-UBND", ("Quy định", "02", None, "QyĐ", "UBND", None)),
    ("Thông cáo số 3/TC-BNG", ("Thông cáo", "3", None, "TC", "BNG", None)),
    ("Chương trình số 12/CTr-UBND", ("Chương trình", "12", None, "CTr", "UBND", None)),
    ("Phương án số 3/PA-UBND", ("Phương án", "3", None, "PA", "UBND", None)),
    ("Đề án số 7/ĐA-UBND", ("Đề án", "7", None, "ĐA", "UBND", None)),
    ("Dự án số 2/DA-UBND", ("Dự án", "2", None, "DA", "UBND", None)),
    ("Hợp đồng số 12/HĐ-UBND", ("Hợp đồng", "12", None, "HĐ", "UBND", None)),
    ("Bản ghi nhớ số 01/GN-UBND", ("Bản ghi nhớ", "01", None, "GN", "UBND", None)),
    ("Bản thỏa thuận số 02/TTh-UBND", ("Bản thỏa thuận", "02", None, "TTh", "UBND", None)),
    ("Bản thoả thuận số 04/TTh-SYT", ("Bản thỏa thuận", "04", None, "TTh", "SYT", None)),
    ("Giấy ủy quyền số 05/GUQ-UBND", ("Giấy ủy quyền", "05", None, "GUQ", "UBND", None)),
    ("Giấy uỷ quyền số 06/GUQ-SNV", ("Giấy ủy quyền", "06", None, "GUQ", "SNV", None)),
    ("Giấy giới thiệu số 3/GGT-UBND", ("Giấy giới thiệu", "3", None, "GGT", "UBND", None)),
    ("Giấy nghỉ phép số 7/GNP-SNV", ("Giấy nghỉ phép", "7", None, "GNP", "SNV", None)),
    ("Phiếu gửi số 4/PG-VP", ("Phiếu gửi", "4", None, "PG", "VP", None)),
    ("Phiếu chuyển số 5/PC-VP", ("Phiếu chuyển", "5", None, "PC", "VP", None)),
    ("Phiếu báo số 6/PB-VP", ("Phiếu báo", "6", None, "PB", "VP", None)),
    ("Thư công số 2/UBND-VP", ("Thư công", "2", None, None, "UBND-VP", None)),
    # normative documents: number/YEAR/TYPE-ISSUER, laws number/YEAR/QHnn
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020", ("Nghị định", "30", 2020, "NĐ", "CP", "2020-03-05")),
    ("Thông tư số 01/2021/TT-BNV ngày 11/01/2021", ("Thông tư", "01", 2021, "TT", "BNV", "2021-01-11")),
    (
        "Thông tư liên tịch số 10/2006/TTLT-BTC-BNV ngày 5/9/2006",
        ("Thông tư liên tịch", "10", 2006, "TTLT", "BTC-BNV", "2006-09-05"),
    ),
    ("Quyết định số 22/2002/QĐ-TTg ngày 30/01/2002", ("Quyết định", "22", 2002, "QĐ", "TTg", "2002-01-30")),
    ("Luật số 59/2020/QH14 ngày 17/6/2020", ("Luật", "59", 2020, None, "QH14", "2020-06-17")),
    ("Luật Doanh nghiệp số 59/2020/QH14", ("Luật", "59", 2020, None, "QH14", None)),
    ("Nghị quyết số 202/2025/QH15, ngày 12/6/2025", ("Nghị quyết", "202", 2025, None, "QH15", "2025-06-12")),
    (
        "Pháp lệnh số 44/2002/PL-UBTVQH10 ngày 02/7/2002",
        ("Pháp lệnh", "44", 2002, "PL", "UBTVQH10", "2002-07-02"),
    ),
    (
        "Nghị quyết số 63/NQ-UBTVQH10 ngày 10/10/1998",
        ("Nghị quyết", "63", 1998, "NQ", "UBTVQH10", "1998-10-10"),
    ),
    ("Lệnh số 05/2020/L-CTN ngày 1/7/2020", ("Lệnh", "05", 2020, "L", "CTN", "2020-07-01")),
    ("Nghị quyết số 16/2000/NQ-CP ngày 18/10/2000", ("Nghị quyết", "16", 2000, "NQ", "CP", "2000-10-18")),
    ("Chỉ thị số 32/1999/CT-TTg ngày 29/10/1999", ("Chỉ thị", "32", 1999, "CT", "TTg", "1999-10-29")),
    ("Nghị định số 45/2010/NĐ-CP ngày 21/4/2010", ("Nghị định", "45", 2010, "NĐ", "CP", "2010-04-21")),
    ("Nghị định 126/2024/NĐ-CP ngày 08/10/2024", ("Nghị định", "126", 2024, "NĐ", "CP", "2024-10-08")),
    ("Nghị định số 54/CP ngày 28/08/1993", ("Nghị định", "54", 1993, None, "CP", "1993-08-28")),
    (
        "Thông tư liên bộ số 29/TTLB ngày 25/12/1991",
        ("Thông tư liên bộ", "29", 1991, "TTLB", None, "1991-12-25"),
    ),
    (
        "Thông tư liên bộ số 08/TT-LB ngày 19/5/1976",
        ("Thông tư liên bộ", "08", 1976, "TT", "LB", "1976-05-19"),
    ),
    (
        "Thông tư liên tịch số 30/2000/TTLT/BTC-UBTDTT ngày 24/4/2000",
        ("Thông tư liên tịch", "30", 2000, "TTLT", "BTC-UBTDTT", "2000-04-24"),
    ),
    ("Thông tư số 60/2003/TTLT-BNV-BTC", ("Thông tư liên tịch", "60", 2003, "TTLT", "BNV-BTC", None)),
    (
        "Quyết định số 1803/1998/QĐ/BTC ngày 11/12/1998",
        ("Quyết định", "1803", 1998, "QĐ", "BTC", "1998-12-11"),
    ),
    ("Văn bản hợp nhất số 05/VBHN-BNV", ("Văn bản hợp nhất", "05", None, "VBHN", "BNV", None)),
    (
        "Nghị quyết liên tịch số 09/2008/NQLT-CP-UBTWMTTQVN",
        ("Nghị quyết liên tịch", "09", 2008, "NQLT", "CP-UBTWMTTQVN", None),
    ),
    # Party documents: number-TYPE/ISSUER
    ("Nghị quyết 03-NQ/ThU ngày 02/6/2022", ("Nghị quyết", "03", 2022, "NQ", "ThU", "2022-06-02")),
    ("Chỉ thị số 45-CT/TW, ngày 14/4/2025", ("Chỉ thị", "45", 2025, "CT", "TW", "2025-04-14")),
    ("Hướng dẫn số 36-HD/VPTW ngày 03/4/2018", ("Hướng dẫn", "36", 2018, "HD", "VPTW", "2018-04-03")),
    ("Kết luận số 102-KL/TW, ngày 22/9/2014", ("Kết luận", "102", 2014, "KL", "TW", "2014-09-22")),
    ("Thông báo số 145-TB/TW ngày 10/2/2023", ("Thông báo", "145", 2023, "TB", "TW", "2023-02-10")),
    ("Quyết định số 15-QĐ/HU ngày 1/8/2020", ("Quyết định", "15", 2020, "QĐ", "HU", "2020-08-01")),
    ("Quy định số 37-QĐ/TW, ngày 25/10/2021", ("Quy định", "37", 2021, "QĐ", "TW", "2021-10-25")),
    ("Nghị quyết số 01-NQ/TU ngày 31/12/2020", ("Nghị quyết", "01", 2020, "NQ", "TU", "2020-12-31")),
    ("Nghị quyết số 57-NQ/TW của Bộ Chính trị", ("Nghị quyết", "57", None, "NQ", "TW", None)),
    ("Chỉ thị 24-CT/TW, ngày 4/7/2008", ("Chỉ thị", "24", 2008, "CT", "TW", "2008-07-04")),
    ("Chương trình hành động số 12-CTr/TU", ("Chương trình", "12", None, "CTr", "TU", None)),
    ("Đề án số 05-ĐA/TU ngày 3/3/2021", ("Đề án", "05", 2021, "ĐA", "TU", "2021-03-03")),
    ("Báo cáo số 20-BC/ĐU ngày 15/12/2023", ("Báo cáo", "20", 2023, "BC", "ĐU", "2023-12-15")),
    ("Thông tri số 03-TT/TW", ("Thông tri", "03", None, "TT", "TW", None)),
    ("Kế hoạch số 114-KH/TU về việc sơ kết", ("Kế hoạch", "114", None, "KH", "TU", None)),
    ("Tờ trình số 08-TTr/ĐU", ("Tờ trình", "08", None, "TTr", "ĐU", None)),
    (
        "Quyết định số 1141-TC/QĐ/CĐKT ngày 01/11/1995",
        ("Quyết định", "1141", 1995, "QĐ", "TC-CĐKT", "1995-11-01"),
    ),
    (
        "Quyết định số 999/TC-QĐ-CĐKT ngày 2/11/1996",
        ("Quyết định", "999", 1996, "QĐ", "TC-CĐKT", "1996-11-02"),
    ),
    ("Thông tư số 04 TC/TCT ngày 23/4/1997", ("Thông tư", "04", 1997, None, "TC-TCT", "1997-04-23")),
    (
        "Quyết định số 1062 TC/QĐ/CSTC ngày 14/11/1996",
        ("Quyết định", "1062", 1996, "QĐ", "TC-CSTC", "1996-11-14"),
    ),
    ("Nghị định số 25-HĐBT ngày 18-3-1989", ("Nghị định", "25", 1989, None, "HĐBT", "1989-03-18")),
    # sloppy separators, letters and spacing
    ("Nghị quyết số 02/NQ-ThU ngày 31/12/2021", ("Nghị quyết", "02", 2021, "NQ", "ThU", "2021-12-31")),
    ("Quyết định số 06 / QĐ-TTg", ("Quyết định", "06", None, "QĐ", "TTg", None)),
    ("Quyết định Số 06/QĐ- TTg", ("Quyết định", "06", None, "QĐ", "TTg", None)),
    ("Quyết định số 06/QD-TTg", ("Quyết định", "06", None, "QĐ", "TTg", None)),
    ("Nghị định số 30/2020/ND-CP", ("Nghị định", "30", 2020, "NĐ", "CP", None)),
    ("Quyết định số 06/Q\u00d0-TTg", ("Quyết định", "06", None, "QĐ", "TTg", None)),
    ("Quyết định số 06/Q§-TTg", ("Quyết định", "06", None, "QĐ", "TTg", None)),
    ("Quyết định số O6/QĐ-TTg", ("Quyết định", "06", None, "QĐ", "TTg", None)),
    ("Nghị định số 3O/2O2O/NĐ-CP", ("Nghị định", "30", 2020, "NĐ", "CP", None)),
    ("quyết định số 06/qđ-ttg", ("Quyết định", "06", None, "QĐ", "TTg", None)),
    ("Quyết định số:06/QĐ-TTg", ("Quyết định", "06", None, "QĐ", "TTg", None)),
    ("Quyết định số: 885/1998/QĐ-BTC ngày 16/7/1998", ("Quyết định", "885", 1998, "QĐ", "BTC", "1998-07-16")),
    ("Quyết định số 06/QĐ\u2013TTg", ("Quyết định", "06", None, "QĐ", "TTg", None)),
    ("Quyết định số 06\u2014QĐ/TU", ("Quyết định", "06", None, "QĐ", "TU", None)),
    ("Quyết định số 06/QĐ-\nTTg ngày 06/01/2022", ("Quyết định", "06", 2022, "QĐ", "TTg", "2022-01-06")),
    ("Nghị quyết số\n35-NQ/TW, ngày 14/6/2024", ("Nghị quyết", "35", 2024, "NQ", "TW", "2024-06-14")),
    ("Nghị\nquyết số 28-NQ/TW, ngày 17/11/2022", ("Nghị quyết", "28", 2022, "NQ", "TW", "2022-11-17")),
    ("QĐ số: 12/ 2001/ QĐ-BTC", ("Quyết định", "12", 2001, "QĐ", "BTC", None)),
    ("Quyết định số 144 /2002/QĐ/BTC", ("Quyết định", "144", 2002, "QĐ", "BTC", None)),
    ("QĐ số: 999 - TC/QĐ/CĐKT", ("Quyết định", "999", None, "QĐ", "TC-CĐKT", None)),
    ("Nghị định số 24/2000/NĐ - CP ngày 31/7/2000", ("Nghị định", "24", 2000, "NĐ", "CP", "2000-07-31")),
    ("Thông tư số 40/2000 /TT-BTC ngày 15/5/2000", ("Thông tư", "40", 2000, "TT", "BTC", "2000-05-15")),
    ("Quyết định số: 522/2002/QĐ.UB ngày 07/3/2002", ("Quyết định", "522", 2002, "QĐ", "UB", "2002-03-07")),
    ("Quyết định số 15 3/2004/QĐ-TTg", ("Quyết định", "153", 2004, "QĐ", "TTg", None)),
    ("NGHỊ QUYẾT SỐ 05-NQ/TU", ("Nghị quyết", "05", None, "NQ", "TU", None)),
    ("Nghị \u00d0ịnh số 45/2010/N\u00d0-CP", ("Nghị định", "45", 2010, "NĐ", "CP", None)),
    (
        "Quyết định số 06/QĐ-TTg\u00a0ngày\u00a006/01/2022",
        ("Quyết định", "06", 2022, "QĐ", "TTg", "2022-01-06"),
    ),
    (
        "Nghị định của Chính phủ Số 94 /1998/NĐ-CP ngày 17 tháng 11 năm 1998",
        ("Nghị định", "94", 1998, "NĐ", "CP", "1998-11-17"),
    ),
    ("Thông tư của Bộ Tài chính số 172/1998/TT/BTC", ("Thông tư", "172", 1998, "TT", "BTC", None)),
    (
        "Pháp lệnh xử phạt hành chính số 44/2002/PL-UBTVQH10",
        ("Pháp lệnh", "44", 2002, "PL", "UBTVQH10", None),
    ),
    (
        "Luật Khuyến khích đầu tư trong nước (sửa đổi) số 03/1998/QH10",
        ("Luật", "03", 1998, None, "QH10", None),
    ),
    ("theo QĐ số 140/1999/QĐ-BTC", ("Quyết định", "140", 1999, "QĐ", "BTC", None)),
    ("NQ số 09/NQ-CP", ("Nghị quyết", "09", None, "NQ", "CP", None)),
    ("Quyết định số hiệu 12/QĐ-UBND", ("Quyết định", "12", None, "QĐ", "UBND", None)),
    # symbols without a type word: the type code decides, "số" alone makes a công văn
    ("theo 45/2010/NĐ-CP của Chính phủ", ("Nghị định", "45", 2010, "NĐ", "CP", None)),
    ("đã có số 1440/CP-KTTH ngày 07/11/1998", ("Công văn", "1440", 1998, None, "CP-KTTH", "1998-11-07")),
    ("căn cứ 59/2020/QH14", ("Luật", "59", 2020, None, "QH14", None)),
    ("thực hiện 12-NQ/TW về xây dựng Đảng", ("Nghị quyết", "12", None, "NQ", "TW", None)),
    # dates in every form
    ("Nghị quyết số 03-NQ/TU ngày 6-1-2022", ("Nghị quyết", "03", 2022, "NQ", "TU", "2022-01-06")),
    ("Nghị quyết số 03-NQ/TU ngày 11 - 11 - 1998", ("Nghị quyết", "03", 1998, "NQ", "TU", "1998-11-11")),
    ("Quyết định số 12/QĐ-UB ngày 25 tháng 6 năm 2004", ("Quyết định", "12", 2004, "QĐ", "UB", "2004-06-25")),
    ("Quyết định số 12/QĐ-UB ngày 02.6.2022", ("Quyết định", "12", 2022, "QĐ", "UB", "2022-06-02")),
    ("Thông tư số 82/1997/TT/BTC ngày11/11/1997", ("Thông tư", "82", 1997, "TT", "BTC", "1997-11-11")),
    (
        "Nghị định số 30/1998/NĐ-CP ngày13 tháng 5 năm 1998",
        ("Nghị định", "30", 1998, "NĐ", "CP", "1998-05-13"),
    ),
    ("Quyết định số 12/QĐ-UB (ngày 3/4/2005)", ("Quyết định", "12", 2005, "QĐ", "UB", "2005-04-03")),
    ("Quyết định số 12/QĐ-UB ban hành ngày 3/4/2005", ("Quyết định", "12", 2005, "QĐ", "UB", "2005-04-03")),
    ("Quyết định số 12/QĐ-UB ký ngày 3/4/2005", ("Quyết định", "12", 2005, "QĐ", "UB", "2005-04-03")),
    ("Nghị định số 77-CP của Chính phủ ngày 18/6/1997", ("Nghị định", "77", 1997, None, "CP", "1997-06-18")),
    (
        "Quyết định số 06/QĐ-TTg của Thủ tướng Chính phủ ngày 06/01/2022",
        ("Quyết định", "06", 2022, "QĐ", "TTg", "2022-01-06"),
    ),
    ("Quyết định số 12/QĐ-UB ngày 31/02/2005", ("Quyết định", "12", None, "QĐ", "UB", None)),
    (
        "Kết luận số 121-KL/TW, ngày 24/01/2025, Ban Chấp hành",
        ("Kết luận", "121", 2025, "KL", "TW", "2025-01-24"),
    ),
    (
        "ngày 15/1/2019, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 114-KH/TU về việc sơ kết",
        ("Kế hoạch", "114", 2019, "KH", "TU", "2019-01-15"),
    ),
    (
        "ngày 5 tháng 3 năm 2020, Ủy ban đã ký Quyết định số 8/QĐ-UBND",
        ("Quyết định", "8", 2020, "QĐ", "UBND", "2020-03-05"),
    ),
    # more real-world citations
    (
        "Nghị quyết số 11-NQ/TW, ngày 10/02/2022 của Bộ Chính trị",
        ("Nghị quyết", "11", 2022, "NQ", "TW", "2022-02-10"),
    ),
    ("Quyết định số 222/QĐ-TTg, ngày 14/3/2023", ("Quyết định", "222", 2023, "QĐ", "TTg", "2023-03-14")),
    (
        "Quy định số 144-QĐ/TW, ngày\n09/5/2024 của Bộ Chính trị",
        ("Quy định", "144", 2024, "QĐ", "TW", "2024-05-09"),
    ),
    (
        "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị (khóa XII)",
        ("Chỉ thị", "05", 2016, "CT", "TW", "2016-05-15"),
    ),
    ("Kế hoạch số 12-KH/ĐĐ", ("Kế hoạch", "12", None, "KH", "ĐĐ", None)),
    ("Công văn số 45-CV/TU ngày 2/3/2020", ("Công văn", "45", 2020, "CV", "TU", "2020-03-02")),
    ("Thông báo kết luận số 145-TB/TW", ("Thông báo", "145", None, "TB", "TW", None)),
    (
        "Thông báo số 12/TB-UBND ngày 5/1/2021 của UBND huyện",
        ("Thông báo", "12", 2021, "TB", "UBND", "2021-01-05"),
    ),
    ("Hướng dẫn số 12-HD/BTCTW ngày 1/2/2020", ("Hướng dẫn", "12", 2020, "HD", "BTCTW", "2020-02-01")),
    (
        "Thông tư số 23/2003/TT-BLĐTBXH ngày 03/11/2003",
        ("Thông tư", "23", 2003, "TT", "BLĐTBXH", "2003-11-03"),
    ),
    (
        "Quyết định số 663/2003/QĐ-NHNN ngày 26/6/2003",
        ("Quyết định", "663", 2003, "QĐ", "NHNN", "2003-06-26"),
    ),
    ("Tờ trình số 66/TTr-SNN ngày 29/4/2008", ("Tờ trình", "66", 2008, "TTr", "SNN", "2008-04-29")),
    (
        "Quyết định số 13/2004/QĐ-BKHCN ngày 25/5/2004",
        ("Quyết định", "13", 2004, "QĐ", "BKHCN", "2004-05-25"),
    ),
    ("Chỉ thị 814/TTg ngày 12/12/1995", ("Chỉ thị", "814", 1995, None, "TTg", "1995-12-12")),
    ("Luật số: 18/2003/QH11", ("Luật", "18", 2003, None, "QH11", None)),
    ("Nghị quyết số 03/2021/NQ-HĐND ngày 10/3/2021", ("Nghị quyết", "03", 2021, "NQ", "HĐND", "2021-03-10")),
    (
        "Quyết định số 522/2002/QĐ-UB ngày 07 tháng 03 năm 2002",
        ("Quyết định", "522", 2002, "QĐ", "UB", "2002-03-07"),
    ),
    ("QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 06/01/2022", ("Quyết định", "06", 2022, "QĐ", "TTg", "2022-01-06")),
    (
        "Nghị quyết số 04-NQ/TW ngày 30/10/2016 của Ban Chấp hành Trung ương Đảng khóa XII",
        ("Nghị quyết", "04", 2016, "NQ", "TW", "2016-10-30"),
    ),
    ("Thông tri số 20-TT/TW", ("Thông tri", "20", None, "TT", "TW", None)),
    ("Kế hoạch số 01/KH-BCĐ", ("Kế hoạch", "01", None, "KH", "BCĐ", None)),
    ("Quyết định số 12/QĐ-HLHPN", ("Quyết định", "12", None, "QĐ", "HLHPN", None)),
    ("Nghị quyết số 01/NQ-ĐH", ("Nghị quyết", "01", None, "NQ", "ĐH", None)),
    ("Quyết định số 1330/QĐ-CT.UB ngày 27/4/2004", ("Quyết định", "1330", 2004, "QĐ", "CT-UB", "2004-04-27")),
    # a number without a symbol, with "số"
    ("Quyết định số 12 ngày 5/6/2020 của Giám đốc", ("Quyết định", "12", 2020, None, None, "2020-06-05")),
    ("theo Nghị quyết số 8 của Chi bộ", ("Nghị quyết", "8", None, None, None, None)),
    ("Nghị quyết số 03 năm 2021 của Chi bộ", ("Nghị quyết", "03", None, None, None, None)),
]


@pytest.mark.parametrize(("text", "expected"), CITATIONS, ids=[c[0][:40] for c in CITATIONS])
def test_citation_parse(text: str, expected: tuple[object, ...]) -> None:
    assert parse(text) == expected


ISSUERS = [
    ("Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ về phê duyệt", "Thủ tướng Chính phủ"),
    ("Nghị quyết 03-NQ/ThU ngày 02/6/2022 của BCH Đảng bộ thị xã về phát triển", "BCH Đảng bộ thị xã"),
    ("Chỉ thị 24-CT/TW, ngày 4/7/2008 của Ban Bí thư về “phát triển nền Đông y”", "Ban Bí thư"),
    ("Nghị định số 45/2010/NĐ-CP ngày 21/4/2010 của Chính phủ quy định về tổ chức", "Chính phủ"),
    (
        "Quyết định 119/TWH ngày 15/7/1985 của Trung ương Hội xây dựng Việt Nam cho phép",
        "Trung ương Hội xây dựng Việt Nam",
    ),
    ("văn bản số 843/CV-UB ngày 27/10/1986 của UBND tỉnh thoả thuận với", "UBND tỉnh"),
    (
        "Kết luận số 102-KL/TW, ngày 22/9/2014 của Bộ Chính trị khóa XI “về Hội quần chúng”",
        "Bộ Chính trị khóa XI",
    ),
    ("Nghị quyết số 202/2025/QH15, ngày 12/6/2025 của Quốc hội\nkhóa XV về việc sắp xếp", "Quốc hội khóa XV"),
    (
        "Thông tư số 23/2003/TT-BLĐTBXH ngày 03/11/2003 của Bộ Lao động – Thương binh và Xã hội;",
        "Bộ Lao động – Thương binh và Xã hội",
    ),
    ("Nghị quyết số 16/2000/NQ-CP ngày 18/10/2000 của Chính phủ và Thông tư hướng dẫn", "Chính phủ"),
    ("Thông tư số 106/1998/TT/BTC ngày 23/07/1998 của Bộ Tài chính và những văn bản", "Bộ Tài chính"),
    # no issuer phrase: the issuer code's body
    ("Quyết định số 06/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("Nghị quyết số 03-NQ/ThU", "Thị ủy"),
    ("Kết luận số 102-KL/TW", "Ban Chấp hành Trung ương"),
    ("Hướng dẫn số 36-HD/VPTW", "Văn phòng Trung ương Đảng"),
    ("Luật số 59/2020/QH14", "Quốc hội khóa XIV"),
    ("Pháp lệnh số 44/2002/PL-UBTVQH10", "Ủy ban Thường vụ Quốc hội khóa X"),
    ("Thông tư liên tịch số 10/2006/TTLT-BTC-BNV", "Bộ Tài chính, Bộ Nội vụ"),
    ("văn bản số 3790/UBND-NC", "Ủy ban nhân dân"),
    ("Thông tư số 01/2021/TT-BNV", "Bộ Nội vụ"),
    ("Nghị quyết số 05-NQ/HU", "Huyện ủy"),
    ("Quyết định số 7-QĐ/QU", "Quận ủy"),
    ("Nghị quyết số 9-NQ/ĐU", "Đảng ủy"),
    ("Quyết định 119/TWH", None),
    ("Quyết định số 101/QĐ.BQL-TC", None),
]


@pytest.mark.parametrize(("text", "issuer"), ISSUERS, ids=[c[0][:40] for c in ISSUERS])
def test_issuer(text: str, issuer: str | None) -> None:
    found = refs(text)
    assert len(found) == 1
    assert found[0].issuer == issuer


SUBJECTS = [
    (
        "Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ về phê duyệt “Đề án phát triển ứng"
        " dụng dữ liệu về dân cư, định danh”, Hồng Lĩnh là",
        "phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh",
    ),
    (
        "Nghị quyết 03-NQ/ThU ngày 02/6/2022 của BCH Đảng bộ thị xã về phát triển các khu, cụm công nghiệp;",
        "phát triển các khu, cụm công nghiệp",
    ),
    (
        "Nghị định số 45/2010/NĐ-CP ngày 21/4/2010 của Chính phủ quy định về tổ chức, hoạt động và quản lý hội;",
        "quy định về tổ chức, hoạt động và quản lý hội",
    ),
    ("Kết luận số 102-KL/TW, ngày 22/9/2014 của Bộ Chính trị khóa XI “về Hội quần chúng”.", "Hội quần chúng"),
    ("văn bản số 3790/UBND-NC của UBND tỉnh về việc giới thiệu nhân sự. Sau đó", "giới thiệu nhân sự"),
    (
        "Thực hiện Công điện số 102/CĐ-TTg của Thủ tướng Chính phủ về việc đẩy mạnh xóa nhà tạm, nhà dột nát,"
        " Thái Nguyên đã hỗ trợ 1.838 hộ",
        "đẩy mạnh xóa nhà tạm, nhà dột nát",
    ),
    (
        "văn bản số 3790/UBND-NC về việc giới thiệu nhân sự bầu Chủ tịch, Phó chủ tịch Hội khóa VI, Ban"
        " Chấp hành Hội đã họp",
        "giới thiệu nhân sự bầu Chủ tịch, Phó chủ tịch Hội khóa VI",
    ),
    ("Công văn số 12/UBND-VX v/v triển khai tiêm chủng\nTiếp theo", "triển khai tiêm chủng"),
    ("Luật Doanh nghiệp số 59/2020/QH14", "Doanh nghiệp"),
    ("Quyết định số 12/QĐ-UB ngày 3/4/2005 về thành lập Hội, Nghị định số 45/2010/NĐ-CP", "thành lập Hội"),
    ("Nghị định số 45/2010/NĐ-CP", None),
]


@pytest.mark.parametrize(("text", "subject"), SUBJECTS, ids=[c[0][:40] for c in SUBJECTS])
def test_subject(text: str, subject: str | None) -> None:
    assert refs(text)[0].subject == subject


RAWS = [
    (
        "Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng",
        "Quyết định số 06/QĐ-TTg ngày 06/01/2022",
    ),
    ("thực hiện Chỉ thị 24-CT/TW, ngày 4/7/2008 của Ban Bí thư", "Chỉ thị 24-CT/TW, ngày 4/7/2008"),
    ("ban hành Kế hoạch số 114-KH/TU về việc", "Kế hoạch số 114-KH/TU"),
    ("Quyết định số 06/QĐ-\nTTg ngày 06/01/2022", "Quyết định số 06/QĐ- TTg ngày 06/01/2022"),
]


@pytest.mark.parametrize(("text", "raw"), RAWS)
def test_raw_runs_from_type_word_to_date(text: str, raw: str) -> None:
    assert refs(text)[0].raw == raw


SYMBOLS = [
    ("Quyết định số 06 / QĐ- TTg", "06/QĐ-TTg"),
    ("Quyết định số 06/qd-ttg", "06/QĐ-TTg"),
    ("Nghị quyết số 02/NQ-ThU", "02/NQ-ThU"),
    ("QĐ số: 12/ 2001/ QĐ-BTC", "12/2001/QĐ-BTC"),
    ("Nghị định số 3O/2O2O/NĐ-CP", "30/2020/NĐ-CP"),
    ("Thông tư số 04 TC/TCT", "04 TC/TCT"),
]


@pytest.mark.parametrize(("text", "symbol"), SYMBOLS)
def test_normalised_symbol(text: str, symbol: str) -> None:
    assert refs(text)[0].symbol == symbol


LISTS = [
    (
        "Nghị quyết số 02, 03/NQ-TU của Tỉnh ủy",
        [("Nghị quyết", "02", "NQ", "TU"), ("Nghị quyết", "03", "NQ", "TU")],
    ),
    (
        "các Nghị định số 45/2010/NĐ-CP và 33/2012/NĐ-CP của Chính phủ",
        [("Nghị định", "45", "NĐ", "CP"), ("Nghị định", "33", "NĐ", "CP")],
    ),
    (
        "Quyết định số 115/2004/QĐ-TTg ngày 25/6/2004 sửa đổi Quy chế ban hành kèm theo Quyết định số"
        " 193/2001/QĐ-TTg ngày 20/12/2001",
        [("Quyết định", "115", "QĐ", "TTg"), ("Quyết định", "193", "QĐ", "TTg")],
    ),
    (
        "Nghị định 87,88,31/CP của Chính phủ",
        [("Nghị định", "87", None, "CP"), ("Nghị định", "88", None, "CP"), ("Nghị định", "31", None, "CP")],
    ),
    (
        "số 84/1997/TT/BTC ngày 13/11/1997; số 106/1998/TT/BTC ngày 23/07/1998",
        [("Thông tư", "84", "TT", "BTC"), ("Thông tư", "106", "TT", "BTC")],
    ),
    (
        "Chỉ thị số 35-CT/TW, ngày 14/6/2024, Chỉ thị số 45-CT/TW, ngày 14/4/2025",
        [("Chỉ thị", "35", "CT", "TW"), ("Chỉ thị", "45", "CT", "TW")],
    ),
    (
        "các Quyết định số 06/QĐ-TTg và số 07/QĐ-TTg",
        [("Quyết định", "06", "QĐ", "TTg"), ("Quyết định", "07", "QĐ", "TTg")],
    ),
    (
        "Thông tư số 63/1998/TT-BTC ngày 13/5/1998, Thông tư số 89/1999/TT-BTC ngày 16/7/1999",
        [("Thông tư", "63", "TT", "BTC"), ("Thông tư", "89", "TT", "BTC")],
    ),
    (
        "Nghị quyết số 05-NQ/TU và Kế hoạch số 12/KH-UBND",
        [("Nghị quyết", "05", "NQ", "TU"), ("Kế hoạch", "12", "KH", "UBND")],
    ),
    (
        "Kế hoạch thực hiện Nghị quyết số 02/NQ-ThU ngày 31/12/2021",
        [("Nghị quyết", "02", "NQ", "ThU")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LISTS, ids=[c[0][:40] for c in LISTS])
def test_lists_and_shared_parts(text: str, expected: list[tuple[object, ...]]) -> None:
    assert [(r.doc_type, r.number, r.type_code, r.issuer_code) for r in refs(text)] == expected


# Text in which nothing is a citation of a numbered document.
NEGATIVES = [
    "Liên hệ số điện thoại 0912-345-678 hoặc 028.3822.1234.",
    "Hội nghị ngày 02/6/2022 tại hội trường.",
    "1/2 số hội viên tham dự, 2/3 số đại biểu tán thành.",
    "nhiệm kỳ 2018 - 2023 và nhiệm kỳ 2024-2029",
    "2.1. Công tác thông tin tuyên truyền",
    "quyên góp 5.000.000 đồng và 1.000/hội viên/tháng",
    "Ban Chấp hành khoá IV, Khóa V",
    "đạt tỷ lệ 67,39%, tăng 5%/năm",
    "trụ sở số 12 đường Trần Phú, phường 5",
    "văn phòng số 12/UBND đường Lê Lợi",
    "trụ sở số 12/3 Nguyễn Trãi",
    "Đại hội lần thứ IV, nhiệm kỳ 2018 - 2023",
    "lúc 10h30 ngày 5/6, từ 8:00/ngày",
    "kê khai theo mẫu số: 02/GTGT và Mẫu số 01/TNDN",
    "năng suất 5/ha, 100 người/ngày",
    "phòng chống dịch COVID-19/SARS",
    "Trung tâm Tư vấn pháp luật số 1 của Hội",
    "thực hiện Nghị quyết Đại hội lần thứ IV, các Chỉ thị, Nghị quyết của Đảng",
    "Biểu số 3/BCĐ-TH kèm theo",
    "Tổ 3 - KP2, phường An Lạc",
    "học sinh lớp 12/A1 và 11/B2",
    "theo Điều 5, khoản 2, điểm a",
    "đạt tiêu chuẩn ISO 9001:2015 và QCVN 01:2019/BYT",
    "giai đoạn 2021 - 2025, tầm nhìn đến năm 2030",
    "Kế hoạch 5 năm và Chương trình 3 năm",
    "hóa đơn số 0001234/HĐ",
    "Hội nghị lần thứ 8 Ban Chấp hành Trung ương khóa XII",
    "có 17 đồng chí, 05 đồng chí vào Ban Thường vụ",
    "Số: 125/BC-LHH",
    "SỐ: 12/2001/QĐ-BTC",
    "",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert refs(text) == []


def test_own_number_is_not_a_reference() -> None:
    text = "Số: 125/BC-LHH\nBÁO CÁO\nTheo Báo cáo số 125/BC-LHH và Quyết định số 06/QĐ-TTg ngày 06/01/2022."
    assert [r.symbol for r in refs(text, own_number="125/BC-LHH")] == ["06/QĐ-TTg"]
    assert [r.symbol for r in refs(text, own_number="Số: 125 / BC-LHH")] == ["06/QĐ-TTg"]
    assert [r.symbol for r in refs(text)] == ["125/BC-LHH", "06/QĐ-TTg"]


def test_repeats_are_one_reference_with_more_mentions() -> None:
    text = (
        "Kế hoạch sơ kết thực hiện Kết luận số 102-KL/TW, ngày 22/9/2014 của Bộ Chính trị.\n"
        "Đánh giá việc thực hiện Kết luận số 102-KL/TW; kiểm tra thực hiện Kết luận 102-KL/TW."
    )
    (ref,) = refs(text)
    assert ref.date == dt.date(2014, 9, 22)
    assert [m.text for m in ref.mentions] == [
        "Kết luận số 102-KL/TW, ngày 22/9/2014",
        "Kết luận số 102-KL/TW",
        "Kết luận 102-KL/TW",
    ]


def test_same_symbol_different_years_are_two_documents() -> None:
    text = "Nghị quyết số 03-NQ/TU ngày 1/2/2020 và Nghị quyết số 03-NQ/TU ngày 5/5/2021"
    assert [(r.number, r.year) for r in refs(text)] == [("03", 2020), ("03", 2021)]


def test_separator_variants_are_one_document() -> None:
    text = "Nghị quyết số 02-NQ/ThU ngày 31/12/2021; sau đó Nghị quyết số 02/NQ-ThU được sơ kết."
    (ref,) = refs(text)
    assert len(ref.mentions) == 2


SHORT_FORMS = [
    ("Nghị quyết số 03-NQ/TU ngày 5/5/2021. Kết quả thực hiện Nghị quyết 03 rất tốt.", "Nghị quyết 03"),
    ("Nghị quyết 03 được triển khai. Nghị quyết số 03-NQ/TU ngày 5/5/2021 của Tỉnh ủy.", "Nghị quyết 03"),
    ("Thực hiện Kết luận số 102-KL/TW. Sơ kết Kết luận 102 trong năm.", "Kết luận 102"),
    (
        "Quyết định số 06/QĐ-TTg ngày 06/01/2022 về phê duyệt “Đề án phát triển dữ liệu dân cư”. Đề án 06 đạt kết quả.",
        "Đề án 06",
    ),
    ("Quyết định số 6/QĐ-TTg ngày 06/01/2022. Sau đó Quyết định số 06 được sửa đổi.", "Quyết định số 06"),
    (
        "Quyết định số 176/1999/QĐ-TTg ngày 26/8/1999. Thực hiện Quyết định nêu trên, Sở đã",
        "Quyết định nêu trên",
    ),
    ("Nghị quyết số 05-NQ/HU. Để đưa Nghị quyết trên vào cuộc sống, Huyện ủy đã", "Nghị quyết trên"),
    ("Chỉ thị số 05-CT/TW. Chỉ thị đã nêu trên được quán triệt.", "Chỉ thị đã nêu trên"),
]


@pytest.mark.parametrize(("text", "mention"), SHORT_FORMS, ids=[c[1] for c in SHORT_FORMS])
def test_short_forms_are_mentions(text: str, mention: str) -> None:
    (ref,) = refs(text)
    assert mention in [m.text for m in ref.mentions]


NOT_MENTIONS = [
    # "trên" as a preposition, "này" speaks of the document itself, another number, another type
    "Nghị quyết số 05-NQ/HU. Thực hiện Nghị quyết trên địa bàn huyện.",
    "Quyết định số 12/QĐ-UBND. Quyết định này có hiệu lực.",
    "Nghị quyết số 05-NQ/HU. nghị quyết 05 được ban hành sau.",
]


@pytest.mark.parametrize("text", NOT_MENTIONS)
def test_not_mentions(text: str) -> None:
    (ref,) = refs(text)
    assert len(ref.mentions) == 1


STANDALONE_SHORT_FORMS = [
    # no full citation matches: a reference of its own, without code or year
    ("Nghị quyết 03 và Đề án 1956 được triển khai tốt.", [("Nghị quyết", "03"), ("Đề án", "1956")]),
    ("Chương trình 135 và Chương trình 135 giai đoạn II", [("Chương trình", "135")]),
    (
        "Nghị quyết số 05-NQ/HU. Nghị quyết 06 được ban hành sau.",
        [("Nghị quyết", "05"), ("Nghị quyết", "06")],
    ),
    ("Nghị quyết số 05-NQ/HU. Kế hoạch 05 được ban hành sau.", [("Nghị quyết", "05")]),
    ("Kế hoạch số 05/KH-UBND. Kế hoạch 05 được triển khai.", [("Kế hoạch", "05")]),
    ("Quyết định 673 và Quyết định số 673 được thực hiện", [("Quyết định", "673")]),
    # a law's name and year, plans over a period, counts: not numbers of documents
    ("Hiến pháp 2013 và Luật 2020 quy định", []),
    ("Kế hoạch 5 năm, Chương trình 3 năm và Báo cáo 6 tháng", []),
    ("Đề án 3 nội dung, Kế hoạch 100 ngày", []),
    ("Phương án 1: khai thác số liệu; Phương án 2: chủ động", []),
    ("Theo Kế hoạch 1998, các đơn vị; Báo cáo 2023 của Hội", []),
    ("Quyết định 1: thành lập", []),
    ("kế hoạch 05 được ban hành", []),
]


@pytest.mark.parametrize(("text", "expected"), STANDALONE_SHORT_FORMS, ids=[c[0][:40] for c in STANDALONE_SHORT_FORMS])
def test_short_form_without_full_citation(text: str, expected: list[tuple[str, str]]) -> None:
    found = refs(text)
    assert [(r.doc_type, r.number) for r in found] == expected
    assert all(r.type_code is None and r.year is None for r in found if r.symbol is None)


def test_mentions_index_the_text_on_the_right_page() -> None:
    text = "Trang một.\nTheo Quyết định số 06/QĐ-TTg ngày 06/01/2022.\nTrang hai: Quyết định số 06/QĐ-TTg."
    page_two = text.index("Trang hai")
    (ref,) = find_references(PagedText(text, (0, page_two)))
    assert [(m.page, text[m.start : m.end] == m.text) for m in ref.mentions] == [(1, True), (2, True)]


def test_references_in_order_of_first_mention() -> None:
    text = "Chỉ thị số 05-CT/TW. Nghị định số 30/2020/NĐ-CP. Chỉ thị số 05-CT/TW. Luật số 59/2020/QH14."
    assert [r.symbol for r in refs(text)] == ["05-CT/TW", "30/2020/NĐ-CP", "59/2020/QH14"]


# --- tables -----------------------------------------------------------------------------------------


def test_every_type_code_resolves_to_its_name() -> None:
    for row in load_table("doc_types"):
        if row["code"]:
            system = "party" if row["system"] == "party" else "state"
            name = type_name(row["code"], system)
            assert name is not None
            assert row["code"] and (name == row["name"] or row["system"] != "both"), row


def test_issuer_table_codes_are_unique_per_system() -> None:
    seen: set[tuple[str, str]] = set()
    for row in load_table("issuer_codes"):
        key = (row["code"], row["system"])
        assert key not in seen, key
        seen.add(key)
        assert issuer_name(row["code"], "party" if row["system"] == "party" else "state")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Số: 125/BC-LHH", ("125", None, "BC", "LHH")),
        ("06/QĐ-TTg", ("06", None, "QĐ", "TTg")),
        ("30/2020/NĐ-CP", ("30", 2020, "NĐ", "CP")),
        ("03-NQ/ThU", ("03", None, "NQ", "ThU")),
        ("tháng 6", None),
    ],
)
def test_parse_symbol(text: str, expected: tuple[object, ...] | None) -> None:
    symbol = parse_symbol(text)
    got = (symbol.number, symbol.year, symbol.type_code, symbol.issuer_code) if symbol else None
    assert got == expected


# --- real texts ---------------------------------------------------------------------------------------


def _shared(path: str) -> Path:
    return shared_path(path)


def test_seed_references() -> None:
    text = _shared("seed/seed.txt").read_text(encoding="utf-8")
    found = refs(text)
    assert [(r.symbol, r.date.isoformat() if r.date else None) for r in found] == [
        ("06/QĐ-TTg", "2022-01-06"),
        ("03-NQ/ThU", "2022-06-02"),
        ("02/NQ-ThU", "2021-12-31"),
    ]
    decision = found[0]
    assert decision.doc_type == "Quyết định"
    assert decision.issuer == "Thủ tướng Chính phủ"
    assert decision.subject is not None and decision.subject.startswith("phê duyệt Đề án phát triển ứng dụng")
    assert [m.text for m in decision.mentions] == ["Quyết định số 06/QĐ-TTg ngày 06/01/2022", "Đề án 06"]
    assert all(text[m.start : m.end] == m.text for r in found for m in r.mentions)


def _key(type_code: str | None, doc_type: str, number: str, year: int | None) -> tuple[object, ...]:
    """The evaluation key: type code, else type name (a công văn without code is the generic letter)."""
    kind = type_code or ("CV" if doc_type in ("Văn bản", "Công văn") else doc_type)
    return (kind, int(number), year)


@pytest.mark.parametrize(("corpus", "min_f1"), [("realtexts", 0.97), ("reallong", 0.9)])
def test_dev_corpus_scores(corpus: str, min_f1: float) -> None:
    folder = _shared(corpus)
    tp = fp = fn = dates_ok = 0
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        own = (gold.get("header") or {}).get("number")
        expected = {_key(r["type_code"], r["doc_type"], r["number"], r["year"]): r for r in gold["references"]}
        got = {_key(r.type_code, r.doc_type, r.number, r.year): r for r in refs(text, own)}
        matched = expected.keys() & got.keys()
        tp += len(matched)
        fp += len(got.keys() - expected.keys())
        fn += len(expected.keys() - got.keys())
        for k in matched:
            date = got[k].date.isoformat() if got[k].date else None
            dates_ok += date == expected[k]["date"]
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    assert f1 >= min_f1, (tp, fp, fn)
    assert dates_ok >= 0.95 * tp


# --- properties ---------------------------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "Quyết định số ",
        "06/QĐ-TTg",
        " ngày 06/01/2022",
        " của Thủ tướng Chính phủ về ",
        "“Đề án”",
        "Nghị quyết ",
        "03-NQ/TU",
        ", 04",
        " và ",
        "số: ",
        "Số: 12/BC-LHH\n",
        "\n",
        "\n\n",
        " nêu trên",
        "Đề án 06",
        "12/ 2001/ QĐ-BTC",
        "Q§",
        "\u00d0",
        " - ",
        "/",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=12)), max_size=25))
def test_arbitrary_text_never_raises_and_spans_index_the_text(parts: list[str]) -> None:
    text = "".join(parts)
    for ref in refs(text):
        assert ref.mentions
        for m in ref.mentions:
            assert text[m.start : m.end] == m.text
        assert ref.number and ref.doc_type
