"""``adjuster demo``: a realistic profile to try the app on — claims in Chinese and English at
different statuses with items and photos, and two sites with prevention visits over time.

Photos come from ``../shared/corpus/photos`` when that folder is beside the checkout, otherwise
synthetic JPEGs are drawn with Pillow, so the demo always has evidence to show.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from adjuster.domain.enums import CaseStatus, OwnerType
from adjuster.domain.models import Case, LossItem
from adjuster.profile import Profile
from adjuster.store import Store
from adjuster.util.progress import ProgressFn, no_progress

TODAY = dt.date.today()


def _d(days_ago: int) -> str:
    return (TODAY - dt.timedelta(days=days_ago)).isoformat()


def corpus_photos_dir() -> Path | None:
    """The shared photo corpus, if present: $ADJUSTER_CORPUS or ../shared/corpus/photos."""
    env = os.environ.get("ADJUSTER_CORPUS")
    candidates = [Path(env)] if env else []
    root = Path(__file__).resolve().parents[1]
    candidates += [root.parent / "shared" / "corpus" / "photos", Path.cwd().parent / "shared" / "corpus" / "photos"]
    for c in candidates:
        if c.is_dir():
            return c
    return None


def _synthetic_photos(folder: Path, count: int) -> list[Path]:
    """Simple site-like pictures with EXIF time, for machines without the corpus."""
    from PIL import Image, ImageDraw

    colours = [(120, 140, 160), (150, 120, 90), (90, 130, 100), (170, 160, 140), (110, 110, 140)]
    out = []
    for i in range(count):
        img = Image.new("RGB", (1600, 1200), colours[i % len(colours)])
        draw = ImageDraw.Draw(img)
        for k in range(8):
            x = 100 + k * 170
            draw.rectangle([x, 300 + (k * 37 % 200), x + 120, 1100], fill=(60 + k * 20, 70, 80))
        draw.line([0, 900 + i * 10, 1600, 850], fill=(40, 60, 160), width=25)
        exif = Image.Exif()
        exif[0x0132] = (dt.datetime(2026, 3, 15, 9, 0) + dt.timedelta(minutes=7 * i)).strftime("%Y:%m:%d %H:%M:%S")
        exif[0x010F] = "Demo"
        exif[0x0110] = "Synthetic camera"
        path = folder / f"site_{i + 1:02d}.jpg"
        img.save(path, "JPEG", quality=85, exif=exif)
        out.append(path)
    return out


def _photo_pool(tmp: Path) -> list[Path]:
    corpus = corpus_photos_dir()
    if corpus:
        picks = [
            "orientation/landscape_1.jpg", "orientation/portrait_6.jpg", "gps/DSCN0010.jpg", "gps/DSCN0021.jpg",
            "mobile/jolla.jpg", "mobile/HMD_Nokia_8.3_5G.jpg", "Canon_40D.jpg", "Nikon_D70.jpg",
            "orientation/landscape_3.jpg", "gps/DSCN0025.jpg", "orientation/portrait_8.jpg", "Pentax_K10D.jpg",
        ]
        found = [corpus / p for p in picks if (corpus / p).is_file()]
        if len(found) >= 6:
            return found
    return _synthetic_photos(tmp, 12)


CASES: list[dict[str, Any]] = [
    {
        "case": dict(
            claim_no="PA2026-0315-001", policy_no="PPR2025-330200-00871", insured_name="宁波海联进出口有限公司",
            insured_phone="0574-8765 4321", risk_address="浙江省宁波市北仑区新碶街道明州路 288 号 3 号仓库",
            lat=29.9012, lon=121.8437, line_of_business="财产一切险", peril="暴雨水浸",
            loss_date=_d(40), reported_date=_d(39), survey_date=_d(38), sum_insured="3000000.00",
            insured_value="4000000.00", deductible={"type": "percent_min", "rate": "0.10", "minimum": "5000.00"},
            mitigation_costs="12000.00", adjuster="王磊", assigned_to="wanglei",
            narrative_circumstances="2026 年 3 月持续强降雨，仓库东侧排水沟堵塞，雨水倒灌入库，库内地面积水最深约 35 厘米，持续约 6 小时。",
            narrative_cause="暴雨导致排水系统超负荷，属于保险责任范围内的暴雨、洪水责任。",
            narrative_coverage="经查验保单，暴雨责任在承保范围内；出险时仓库存货价值高于保险金额，适用比例赔付条款。",
            narrative_recommendation="建议按比例赔付，并督促被保险人清理排水沟、加高门槛挡水板。",
        ),
        "items": [
            dict(section="stock", description="纸箱包装出口服装（浸水报废）", qty="1200", unit="箱", unit_price="380.00", salvage="18000.00"),
            dict(section="stock", description="电子配件（受潮，可修复部分）", qty="1", unit="批", unit_price="0", repair=True, repair_cost="46500.00"),
            dict(section="machinery", description="电动叉车 3 吨（电机进水）", qty="2", unit="台", unit_price="68000.00", age_years="3", useful_life_years="10"),
            dict(section="contents", description="货架（锈蚀）", qty="40", unit="组", unit_price="1500.00", age_years="5", depreciation_rate_annual="0.10"),
            dict(section="contents", description="员工私人物品", qty="1", unit="批", unit_price="3000.00", excluded=True, exclusion_reason="非保险标的（员工个人财产）"),
        ],
        "path": [CaseStatus.SUBMITTED],
        "photos": 5,
    },
    {
        "case": dict(
            claim_no="PA2026-0402-007", policy_no="PQY2025-310100-01234", insured_name="上海静安华庭餐饮管理有限公司",
            risk_address="上海市静安区南京西路 1601 号 2 楼", lat=31.2243, lon=121.4460, line_of_business="财产基本险",
            peril="火灾", loss_date=_d(12), reported_date=_d(12), survey_date=_d(11), sum_insured="800000.00",
            insured_value="750000.00", deductible={"type": "fixed", "amount": "2000.00"}, adjuster="李静", assigned_to="lijing",
            narrative_circumstances="厨房油烟管道起火，蔓延至吊顶及部分餐厅区域，消防到场后扑灭。",
            narrative_cause="油烟管道积油未按期清洗，遇明火引燃。",
        ),
        "items": [
            dict(section="building", description="厨房吊顶及墙面修复", qty="1", unit="项", unit_price="0", repair=True, repair_cost="58000.00"),
            dict(section="contents", description="商用燃气灶（烧毁）", qty="2", unit="台", unit_price="12500.00", age_years="2", useful_life_years="8", salvage="600.00"),
            dict(section="contents", description="餐桌椅", qty="12", unit="套", unit_price="1800.00", age_years="4", useful_life_years="8"),
        ],
        "path": [],
        "photos": 3,
    },
    {
        "case": dict(
            claim_no="CLM-2026-0117", policy_no="CP-88120-2025", insured_name="Harbour View Trading Ltd",
            insured_phone="+852 2345 6789", risk_address="18 Harbour Road, Wan Chai, Hong Kong", lat=22.2793, lon=114.1747,
            line_of_business="Commercial property", peril="Hailstorm", loss_date=_d(70), reported_date=_d(68),
            survey_date=_d(66), currency="HKD", sum_insured="1500000.00", insured_value="1400000.00",
            deductible={"type": "fixed", "amount": "10000.00"}, adjuster="Emily Chan", assigned_to="echan",
            narrative_circumstances="A hailstorm broke roof skylights and let rain into the showroom.",
            narrative_cause="Hail impact; covered peril under the windstorm/hail extension.",
            narrative_coverage="Covered. No under-insurance: sum insured exceeds the value at risk.",
        ),
        "items": [
            dict(section="building", description="Polycarbonate skylight panels", qty="14", unit="panel", unit_price="4200.00", age_years="6", useful_life_years="15"),
            dict(section="building", description="Ceiling boards water damage (repair)", qty="1", unit="lot", unit_price="0", repair=True, repair_cost="36800.00"),
            dict(section="stock", description="Display furniture samples", qty="9", unit="pc", unit_price="5200.00", salvage="2500.00"),
        ],
        "path": [CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW, CaseStatus.APPROVED],
        "photos": 4,
    },
    {
        "case": dict(
            claim_no="CLM-2026-0209", policy_no="CP-77310-2025", insured_name="Golden Lotus Restaurant Group",
            risk_address="221 Queen's Road Central, Hong Kong", line_of_business="Commercial property",
            peril="Escape of water", loss_date=_d(30), reported_date=_d(29), survey_date=_d(27), currency="HKD",
            sum_insured="600000.00", insured_value="600000.00", deductible={"type": "percent", "rate": "0.05"}, adjuster="Emily Chan", assigned_to="echan",
            narrative_circumstances="A burst pipe above the kitchen flooded the cold store overnight.",
        ),
        "items": [
            dict(section="stock", description="Frozen food stock spoiled", qty="1", unit="lot", unit_price="48000.00"),
            dict(section="machinery", description="Walk-in freezer compressor (repair)", qty="1", unit="unit", unit_price="0", repair=True, repair_cost="15600.00"),
        ],
        "path": [CaseStatus.SUBMITTED, CaseStatus.RETURNED],
        "review": {"review_comment": "Please attach the plumber's report and the stock ledger for March."},
        "photos": 2,
    },
    {
        "case": dict(
            claim_no="PA2026-0520-012", policy_no="PCI2025-440300-00562", insured_name="深圳市鹏程精密制造有限公司",
            risk_address="广东省深圳市宝安区福海街道桥头社区 8 号厂房", lat=22.7004, lon=113.8131,
            line_of_business="财产综合险", peril="台风", loss_date=_d(120), reported_date=_d(119), survey_date=_d(117),
            sum_insured="5000000.00", insured_value="5000000.00", deductible={"type": "fixed", "amount": "10000.00"},
            sum_insured_used="200000.00", adjuster="王磊", assigned_to="wanglei",
            narrative_circumstances="台风“海葵”过境，厂房彩钢瓦屋面被掀起约 600 平方米，雨水进入车间。",
        ),
        "items": [
            dict(section="building", description="彩钢瓦屋面更换", qty="600", unit="平方米", unit_price="185.00", age_years="8", useful_life_years="20"),
            dict(section="machinery", description="数控机床电气柜（进水维修）", qty="1", unit="项", unit_price="0", repair=True, repair_cost="28600.00"),
        ],
        "path": [CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW, CaseStatus.APPROVED, CaseStatus.CLOSED],
        "photos": 3,
    },
    {
        "case": dict(
            claim_no="CLM-2026-0301", policy_no="CAR-2025-0098", insured_name="Northbridge Construction Co.",
            risk_address="Lot 7, Kai Tak Development Area, Kowloon", line_of_business="Contractors all risks",
            peril="Theft", loss_date=_d(5), reported_date=_d(4), currency="HKD", sum_insured="2000000.00",
            insured_value="2000000.00",
            deductible={"type": "fixed", "amount": "25000.00"}, adjuster="Emily Chan", assigned_to="echan",
        ),
        "items": [
            dict(section="machinery", description="Rebar cutting machine stolen from unlocked container", qty="2", unit="set", unit_price="18500.00", age_years="1", useful_life_years="6"),
        ],
        "path": [],
        "photos": 0,
    },
]


def create_demo(
    profile: Profile,
    *,
    progress: ProgressFn = no_progress,
    photo_import: Callable[..., Any] | None = None,
) -> dict[str, int]:
    """Fill ``profile`` with demo data; returns counts. Existing demo claims are left alone."""
    store: Store = profile.open_store()
    try:
        return _create(store, profile, progress, photo_import)
    finally:
        store.close()


def _create(store: Store, profile: Profile, progress: ProgressFn, photo_import: Callable[..., Any] | None) -> dict[str, int]:
    counts = {"cases": 0, "items": 0, "photos": 0, "sites": 0, "visits": 0}
    media = None
    if photo_import is None:
        try:
            from adjuster.media.service import import_photos as photo_import  # type: ignore[no-redef]

            media = profile.open_media()
        except ImportError:
            photo_import = None
    total = len(CASES) + 1
    with tempfile.TemporaryDirectory() as tmp:
        pool = _photo_pool(Path(tmp))
        cursor = 0
        for n, spec in enumerate(CASES):
            progress(n, total)
            if store.cases.by_claim_no(spec["case"]["claim_no"]):
                continue
            with store.transaction():
                case = store.cases.create(Case(**spec["case"]))
                for i, raw in enumerate(spec["items"]):
                    store.items.create(LossItem(case_id=case.id, position=i, **raw))
                    counts["items"] += 1
                for status in spec["path"]:
                    store.cases.set_status(case.id, status)
                if spec.get("review"):
                    store.cases.update(case.id, **spec["review"])
            counts["cases"] += 1
            if photo_import and spec["photos"]:
                picks = [pool[(cursor + k) % len(pool)] for k in range(spec["photos"])]
                cursor += spec["photos"]
                results = photo_import(store, media, OwnerType.CASE, case.id, picks)
                counts["photos"] += sum(1 for r in results if getattr(r, "status", "") == "imported")
        progress(len(CASES), total)
        try:
            from adjuster.inspect.demo import build_demo_visits
        except ImportError:
            build_demo_visits = None
        if build_demo_visits is not None and store.sites.count() == 0:
            made = build_demo_visits(store, media=media, photos=pool)
            if isinstance(made, dict):
                counts["sites"] = int(made.get("sites", 0))
                counts["visits"] = int(made.get("visits", 0))
    progress(total, total)
    return counts
