"""Build `gazetteer.json`: the names that make an article about Nghệ An, and the names of the
other provinces that make it about somewhere else.

    python -m ttdn.monitoring.data.build_gazetteer [--national PATH]

Inputs: the province's 130 communes and its 412 former communes and 20 former district-level
units (`agencies/data/*.csv`, MIT, see that folder's LICENSES.md); the hand lists below
(border gates, landmarks, province names: public facts); optionally the national list of
new communes (Công văn 1027/CTK-CSCL as converted by dvhcvn/20250701, MIT) to find names
that other provinces share. Without it, every commune name is treated as shared (weak).

Each entry has `strict` patterns — matched on lower-cased words with their marks, plus the
spelling without any mark — and `folded` patterns, matched without marks. Strict is the
default: folding merges different names ('Nậm Cắn' on the Lao border and 'Năm Căn' in Cà
Mau both fold to 'nam can'), so only English forms are matched folded.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from ttdn.core.text import fold

HERE = Path(__file__).resolve().parent
AGENCY_DATA = HERE.parents[1] / "agencies" / "data"
DEFAULT_NATIONAL = (
    HERE.parents[4]
    / "shared"
    / "fixtures"
    / "admin-units"
    / "dvhcvn-20250701"
    / "1027_CTK-CSCL.md.txt"
)
OUTPUT = HERE / "gazetteer.json"
PROVINCE = "Nghệ An"

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# Names that are ordinary words or places elsewhere when written alone.
NOT_ALONE = {"Vinh", "Hoàng Mai", "Thái Hoà", "Kỳ Sơn", "Cửa Lò", "Anh Sơn"}

BORDER_GATES = [
    (
        "Nậm Cắn",
        0.8,
        ["cửa khẩu quốc tế nậm cắn", "cửa khẩu nậm cắn", "nậm cắn"],
        ["nam can border gate", "nam can international border gate", "cua khau nam can"],
    ),
    (
        "Thanh Thủy",
        0.8,
        ["cửa khẩu thanh thủy", "cửa khẩu quốc gia thanh thủy"],
        ["thanh thuy border gate"],
    ),
    ("Thông Thụ", 0.8, ["cửa khẩu thông thụ"], ["thong thu border gate"]),
    ("Tam Hợp", 0.8, ["cửa khẩu tam hợp"], ["tam hop border gate"]),
    ("Cao Vều", 0.8, ["cửa khẩu cao vều"], ["cao veu border gate"]),
]

LANDMARKS = [
    # name, weight, weak, strict patterns, folded (English) patterns
    (
        "Vinh",
        0.8,
        False,
        [
            "thành phố vinh",
            "tp vinh",
            "tp. vinh",
            "sân bay vinh",
            "cảng hàng không vinh",
            "cảng hàng không quốc tế vinh",
            "ga vinh",
            "đại học vinh",
            "trường đại học vinh",
            "thành cổ vinh",
            "chợ vinh",
            "bệnh viện đa khoa thành phố vinh",
        ],
        [
            "vinh city",
            "city of vinh",
            "vinh airport",
            "vinh international airport",
            "vinh university",
        ],
    ),
    (
        "Cửa Lò",
        0.6,
        False,
        ["cửa lò", "biển cửa lò", "thị xã cửa lò", "cảng cửa lò"],
        ["cua lo beach", "cua lo port"],
    ),
    (
        "Khu di tích Kim Liên",
        0.8,
        False,
        [
            "khu di tích kim liên",
            "khu di tích quốc gia đặc biệt kim liên",
            "làng sen",
            "quê nội bác",
            "quê hương chủ tịch hồ chí minh",
        ],
        ["kim lien relic site", "sen village"],
    ),
    ("Kim Liên", 0.3, True, ["kim liên"], []),
    (
        "Vườn quốc gia Pù Mát",
        0.7,
        False,
        ["pù mát", "vườn quốc gia pù mát"],
        ["pu mat national park"],
    ),
    ("Pù Hoạt", 0.6, False, ["pù hoạt", "khu bảo tồn thiên nhiên pù hoạt"], []),
    ("Pù Huống", 0.6, False, ["pù huống", "khu bảo tồn thiên nhiên pù huống"], []),
    ("Truông Bồn", 0.7, False, ["truông bồn", "khu di tích truông bồn"], []),
    ("Đền Cuông", 0.6, False, ["đền cuông"], []),
    ("Đền Quả Sơn", 0.6, False, ["đền quả sơn"], []),
    (
        "Khu kinh tế Đông Nam",
        0.7,
        False,
        ["khu kinh tế đông nam", "kkt đông nam", "khu kinh tế đông nam nghệ an"],
        ["southeast economic zone"],
    ),
    ("VSIP Nghệ An", 0.8, False, ["vsip nghệ an", "vsip nghe an"], []),
    ("Cảng Đông Hồi", 0.6, False, ["cảng đông hồi", "khu công nghiệp đông hồi"], []),
    ("Thủy điện Bản Vẽ", 0.6, False, ["thủy điện bản vẽ", "thuỷ điện bản vẽ", "hồ bản vẽ"], []),
    ("Thủy điện Hủa Na", 0.6, False, ["thủy điện hủa na", "thuỷ điện hủa na"], []),
    ("Hồ Vực Mấu", 0.5, False, ["hồ vực mấu"], []),
    ("Xô viết Nghệ Tĩnh", 0.4, True, ["xô viết nghệ tĩnh", "nghệ tĩnh"], []),
    ("Sông Lam", 0.3, True, ["sông lam", "sông cả"], ["lam river"]),
    ("Cầu Bến Thủy", 0.3, True, ["bến thủy", "cầu bến thủy", "bến thuỷ", "cầu bến thuỷ"], []),
    ("Xứ Nghệ", 0.6, False, ["xứ nghệ", "xu nghe", "người xứ nghệ"], []),
]

# Provinces other than Nghệ An: the 34 after 01/07/2025 and the 63 before. Neighbours
# weigh more: an article about them that mentions Nghệ An in passing is the usual hard case.
NEIGHBOURS = {"Hà Tĩnh", "Thanh Hóa"}
PROVINCES = [
    "Hà Nội",
    "Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
    "Hà Giang",
    "Cao Bằng",
    "Bắc Kạn",
    "Tuyên Quang",
    "Lào Cai",
    "Điện Biên",
    "Lai Châu",
    "Sơn La",
    "Yên Bái",
    "Hòa Bình",
    "Thái Nguyên",
    "Lạng Sơn",
    "Quảng Ninh",
    "Bắc Giang",
    "Phú Thọ",
    "Vĩnh Phúc",
    "Bắc Ninh",
    "Hải Dương",
    "Hưng Yên",
    "Thái Bình",
    "Hà Nam",
    "Nam Định",
    "Ninh Bình",
    "Thanh Hóa",
    "Hà Tĩnh",
    "Quảng Bình",
    "Quảng Trị",
    "Thừa Thiên Huế",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Định",
    "Phú Yên",
    "Khánh Hòa",
    "Ninh Thuận",
    "Bình Thuận",
    "Kon Tum",
    "Gia Lai",
    "Đắk Lắk",
    "Đắk Nông",
    "Lâm Đồng",
    "Bình Phước",
    "Tây Ninh",
    "Bình Dương",
    "Đồng Nai",
    "Bà Rịa - Vũng Tàu",
    "Long An",
    "Tiền Giang",
    "Bến Tre",
    "Trà Vinh",
    "Vĩnh Long",
    "Đồng Tháp",
    "An Giang",
    "Kiên Giang",
    "Hậu Giang",
    "Sóc Trăng",
    "Bạc Liêu",
    "Cà Mau",
]
# Written alone these are ordinary words or a person's name: require a prefix.
PROVINCE_NEEDS_PREFIX = {"Hòa Bình", "Thái Bình", "Hồ Chí Minh", "Huế", "Hà Nam"}
PROVINCE_EXTRA = {
    "Hồ Chí Minh": [
        "tp hcm",
        "tp. hcm",
        "tphcm",
        "tp.hcm",
        "sài gòn",
        "thành phố hồ chí minh",
        "tp hồ chí minh",
        "tp. hồ chí minh",
    ],
    "Huế": ["thành phố huế", "tp huế", "cố đô huế", "tp. huế"],
    "Hà Nội": ["thủ đô hà nội"],
    "Bà Rịa - Vũng Tàu": ["vũng tàu", "bà rịa"],
}
PROVINCE_ENGLISH = {
    "Hồ Chí Minh": ["ho chi minh city", "saigon", "hcm city"],
    "Hà Tĩnh": ["ha tinh province"],
    "Thanh Hóa": ["thanh hoa province"],
}


def placement_variants(name: str) -> set[str]:
    """'hòa' ↔ 'hoà', 'thủy' ↔ 'thuỷ': both tone placements of every syllable."""
    results = {""}
    for syllable in name.split(" "):
        options = {syllable}
        decomposed = unicodedata.normalize("NFD", syllable)
        tone = next((char for char in decomposed if char in TONES), None)
        if tone:
            base = decomposed.replace(tone, "")
            lower = unicodedata.normalize("NFC", base).lower()
            for pair in ("oa", "oe", "uy"):
                if lower.endswith(pair) and not (pair == "uy" and lower.endswith("quy")):
                    first = len(base) - 2
                    a = base[: first + 1] + tone + base[first + 1 :]
                    b = base[: first + 2] + tone + base[first + 2 :]
                    options |= {unicodedata.normalize("NFC", a), unicodedata.normalize("NFC", b)}
        results = {f"{prefix} {option}".strip() for prefix in results for option in options}
    return results


def strict_forms(name: str, *, ascii_too: bool = True) -> set[str]:
    lower = unicodedata.normalize("NFC", name).lower()
    forms = placement_variants(lower)
    if ascii_too:
        forms.add(fold(lower))
    return forms


def national_names(path: Path) -> dict[str, set[tuple[str, str]]]:
    """fold(name) → {(name, province)} of every commune-level unit in the country."""
    by_fold: dict[str, set[tuple[str, str]]] = defaultdict(set)
    if not path.exists():
        return by_fold
    row = re.compile(
        r"^\|\s*\d+\s*\|\s*\d+\s*\|\s*(Xã|Phường|Đặc khu|xã)\s+([^|]+?)\s*\|\s*([^|]+?)\s*\|"
    )
    for line in path.read_text(encoding="utf-8").splitlines():
        match = row.match(unicodedata.normalize("NFC", line))
        if match:
            by_fold[fold(match.group(2))].add((match.group(2), match.group(3)))
    return by_fold


def _entry(id_, name, kind, weight, *, weak=False, agency="", strict=(), folded=(), bare=()):
    """`bare` patterns are a name written alone: they do not count after a personal title or
    a family name ('anh Sơn', 'Nguyễn Thanh Chương' are people)."""
    return {
        "id": id_,
        "name": name,
        "kind": kind,
        "weight": weight,
        "weak": weak,
        "agency": agency,
        "strict": sorted({re.sub(r"\s+", " ", s.replace(".", " ")).strip() for s in strict}),
        "bare": sorted(set(bare)),
        "folded": sorted({fold(s) for s in folded}),
    }


def _commune_entries(national) -> tuple[list[dict], set[str]]:
    entries, names = [], set()
    with (AGENCY_DATA / "communes_nghe_an_2025.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name, kind, english = row["name"], row["type"].lower(), row["name_en"]
            names.add(fold(name))
            elsewhere = {
                (other, province)
                for other, province in national.get(fold(name), set())
                if not fold(province).endswith("nghe an")
            }
            shared = not national or any(
                fold(other) == fold(name) and other.lower() in placement_variants(name.lower())
                for other, _province in elsewhere
            )
            prefixes = ["xã", "phường"] if kind == "xã" else ["phường", "xã"]
            strict = {f"{p} {form}" for p in prefixes[:1] for form in strict_forms(name)}
            english_kind = "ward" if kind == "phường" else "commune"
            entries.append(
                _entry(
                    f"commune:{row['code']}",
                    f"{row['type']} {name}",
                    "commune",
                    0.25 if shared else 0.5,
                    weak=shared,
                    agency=f"xa-{row['code']}",
                    strict=strict,
                    folded=[f"{english} {english_kind}"],
                )
            )
    return entries, names


def _former_entries(current: set[str]) -> list[dict]:
    districts: dict[str, str] = {}
    communes: dict[str, tuple[str, str]] = {}
    with (AGENCY_DATA / "districts_nghe_an_old_to_new_2025.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            districts[row["old_district_code"]] = row["old_district_name"]
            communes[row["old_commune_code"]] = (row["old_commune_name"], row["new_commune_code"])
    entries = []
    for code, full in sorted(districts.items()):
        prefix, name = re.match(r"(Huyện|Thị xã|Thành phố)\s+(.+)", full).groups()
        strict = {
            f"{p} {form}"
            for p in ("huyện", "thị xã", "thành phố", "tx", "tp")
            for form in strict_forms(name)
        }
        folded = [f"{fold(name)} district", f"{fold(name)} town"]
        bare = strict_forms(name) if name not in NOT_ALONE else set()
        entries.append(
            _entry(
                f"district:{code}",
                full,
                "former_district",
                0.7,
                agency=f"huyen-{code}",
                strict=strict,
                folded=folded,
                bare=bare,
            )
        )
    for code, (full, new_code) in sorted(communes.items()):
        match = re.match(r"(Xã|Phường|Thị trấn)\s+(.+)", full)
        prefix, name = match.group(1).lower(), match.group(2)
        if fold(name) in current:
            continue
        strict = {f"{prefix} {form}" for form in strict_forms(name)}
        entries.append(
            _entry(
                f"former:{code}",
                full,
                "former_commune",
                0.25,
                weak=True,
                agency=f"xa-{new_code}",
                strict=strict,
            )
        )
    return entries


def _province_entries() -> list[dict]:
    own = _entry(
        "province",
        PROVINCE,
        "province",
        1.0,
        agency="ubnd-tinh",
        strict=strict_forms(PROVINCE) | {f"tỉnh {f}" for f in strict_forms(PROVINCE)},
        folded=["nghe an province", "province of nghe an"],
    )
    others = []
    for name in PROVINCES:
        weight = 1.0 if name in NEIGHBOURS else 0.6
        forms = (
            set() if name in PROVINCE_NEEDS_PREFIX else strict_forms(name, ascii_too=" " in name)
        )
        forms |= {f"tỉnh {f}" for f in strict_forms(name, ascii_too=False)}
        for extra in PROVINCE_EXTRA.get(name, []):
            forms |= strict_forms(extra, ascii_too=False)
        others.append(
            _entry(
                f"other:{fold(name)}",
                name,
                "other_province",
                weight,
                strict=forms,
                folded=PROVINCE_ENGLISH.get(name, []),
            )
        )
    return [own, *others]


def build(national_path: Path = DEFAULT_NATIONAL) -> dict:
    national = national_names(national_path)
    communes, current = _commune_entries(national)
    entries = _province_entries() + communes + _former_entries(current)
    for name, weight, strict, folded in BORDER_GATES:
        entries.append(
            _entry(
                f"gate:{fold(name)}",
                f"Cửa khẩu {name}",
                "border_gate",
                weight,
                strict=strict,
                folded=folded,
            )
        )
    for name, weight, weak, strict, folded in LANDMARKS:
        entries.append(
            _entry(
                f"landmark:{fold(name)}",
                name,
                "landmark",
                weight,
                weak=weak,
                strict=strict,
                folded=folded,
            )
        )
    return {
        "source": "build_gazetteer.py: agencies/data CSVs (MIT), hand lists, "
        + (
            "national commune list 1027/CTK-CSCL (dvhcvn, MIT)"
            if national
            else "no national list (every commune treated as shared)"
        ),
        "entries": entries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--national", type=Path, default=DEFAULT_NATIONAL)
    args = parser.parse_args()
    data = build(args.national)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"Wrote {OUTPUT} ({len(data['entries'])} entries; {data['source']}).")


if __name__ == "__main__":
    main()
