"""A realistic demo claim and inspection visit, for tests, the benchmark and the docs screenshots.

The figures are a worked example of the default rule set (average clause 2,000,000 ÷ 2,500,000,
deductible 5 % of the loss with a 2,000.00 minimum) so the statement adds up when read by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal as D
from pathlib import Path

from adjuster.reports.model import (
    ChecklistCategory,
    ChecklistRow,
    Company,
    FindingEntry,
    FollowUpEntry,
    InspectionReportData,
    ItemRow,
    LossReportData,
    PerilEntry,
    PhotoEntry,
    RecommendationRow,
    ScoreEntry,
    SignatureEntry,
    StatementData,
    StatementLine,
)

DEMO_CLAIM_NO = "GZ-2024-000731"
DEMO_INSURED = "苏州宏达包装材料有限公司"
DEMO_INDEMNITY = D("80639.20")
DEMO_WORDS_ZH = "捌万零陆佰叁拾玖元贰角"
DEMO_WORDS_EN = "Eighty Thousand Six Hundred Thirty-Nine Yuan and Twenty Cents Only"

LONG_DESCRIPTION = (
    "成品纸箱（五层瓦楞，规格 600×400×400 mm，客户订单 HD-2403-118），堆放于二号仓库东侧货架第 1–3 层，"
    "因三楼消防喷淋支管接头爆裂，水沿楼板裂缝渗漏至仓库，底层货物浸水变形、印刷面污损，已无法按订单交付；"
    "经与被保险人共同清点，受损 320 箱，其中 40 箱可降价处理作为残值。"
    "Finished corrugated cartons (5-ply, 600×400×400 mm, order HD-2403-118) on racks 1–3 of warehouse 2, "
    "soaked when a sprinkler branch joint on the 3rd floor burst; 320 cartons counted jointly with the insured."
)


def _photo(path: Path | None, caption: str, i: int, gps: tuple[float, float] | None = None) -> PhotoEntry:
    name = path.name if path else f"IMG_{20240312 + i}_missing.jpg"
    return PhotoEntry(
        path=path,
        caption=caption,
        taken_at=dt.datetime(2024, 3, 12, 9, 14 + i, 5),
        gps=gps or (31.29835 + i * 0.00001, 120.58531),
        sha256=(f"{i:02x}" * 32)[:64],
        filename=name,
    )


CAPTIONS = [
    "二号仓库全景，积水约 3 cm / Warehouse 2 overview, ~3 cm standing water",
    "三楼喷淋支管爆裂接头 / Burst sprinkler branch joint, 3rd floor",
    "吊顶石膏板受潮塌落 / Collapsed wet ceiling boards",
    "底层纸箱浸水变形 / Soaked cartons on the bottom rack",
    "受损办公电脑 / Damaged desktop PCs",
    "空压机控制柜进水 / Water in the compressor control cabinet",
]


def demo_photos(paths: Sequence[Path | None]) -> list[PhotoEntry]:
    """Photo entries for the given files (None = a missing file, to show the placeholder)."""
    entries = [_photo(p, CAPTIONS[i % len(CAPTIONS)], i) for i, p in enumerate(paths)]
    if entries:  # one annotated photo, in the media store's annotation schema
        entries[0].annotations = [
            {"type": "circle", "cx": 0.62, "cy": 0.55, "r": 0.12, "color": "#ff3b30"},
            {"type": "arrow", "x1": 0.2, "y1": 0.85, "x2": 0.5, "y2": 0.62, "color": "#ffcc00", "width": 0.008},
            {"type": "text", "x": 0.05, "y": 0.05, "text": "积水区域 standing water", "size": 0.05, "color": "#ffcc00"},
        ]
    return entries


def demo_loss_data(photo_paths: Sequence[Path | None] = (), lang: str = "both", per_page: int = 4) -> LossReportData:
    photos = demo_photos(photo_paths)
    items = [
        ItemRow("building", "吊顶石膏板拆除及重新安装 Ceiling boards, remove and refit", D(120), "m²", D("85.00"),
                D("10200.00"), loss=D("10200.00"), method="repair", photo_numbers=[3]),
        ItemRow("building", "墙面乳胶漆铲除重刷 Wall repaint", D(300), "m²", D("32.00"), D("9600.00"),
                loss=D("9600.00"), method="repair"),
        ItemRow("contents", "办公台式电脑 Desktop PCs (2 yrs / 5 yrs life)", D(6), "台", D("5200.00"), D("31200.00"),
                depreciation=D("12480.00"), salvage=D("600.00"), loss=D("18120.00"), method="replace", photo_numbers=[5]),
        ItemRow("stock", LONG_DESCRIPTION, D(320), "箱", D("150.00"), D("48000.00"), salvage=D("4800.00"),
                loss=D("43200.00"), method="replace", photo_numbers=[1, 4]),
        ItemRow("machinery", "螺杆空压机 Screw air compressor (4 yrs / 10 yrs life)", D(1), "台", D("38000.00"),
                D("38000.00"), depreciation=D("15200.00"), salvage=D("1500.00"), loss=D("21300.00"),
                method="replace", photo_numbers=[6]),
        ItemRow("other", "员工私人物品 Employees' personal effects", D(1), "批", D("2000.00"), D("2000.00"),
                excluded=True, exclusion_reason="非保险标的 / not insured property"),
    ]
    lines = [
        StatementLine("建筑物小计", "Building subtotal", "10,200.00 + 9,600.00", amount=D("19800.00"), level=1),
        StatementLine("室内财产小计", "Contents subtotal", "31,200.00 − 12,480.00 − 600.00", amount=D("18120.00"), level=1),
        StatementLine("存货小计", "Stock subtotal", "48,000.00 − 4,800.00", amount=D("43200.00"), level=1),
        StatementLine("机器设备小计", "Machinery subtotal", "38,000.00 − 15,200.00 − 1,500.00", amount=D("21300.00"), level=1),
        StatementLine("损失金额合计", "Total loss", "19,800.00 + 18,120.00 + 43,200.00 + 21,300.00", amount=D("102420.00"), emphasis=True),
        StatementLine("比例赔付后损失", "Loss after average", "102,420.00 × 2,000,000.00 ÷ 2,500,000.00", amount=D("81936.00")),
        StatementLine("免赔额", "Deductible", "max(81,936.00 × 5%, 2,000.00)", amount=D("4096.80")),
        StatementLine("扣除免赔后", "After deductible", "81,936.00 − 4,096.80", amount=D("77839.20"), emphasis=True),
        StatementLine("施救费用", "Mitigation costs", "3,500.00 × 2,000,000.00 ÷ 2,500,000.00", amount=D("2800.00")),
        StatementLine("赔款金额", "Indemnity", "77,839.20 + 2,800.00", amount=DEMO_INDEMNITY, emphasis=True),
    ]
    return LossReportData(
        claim_no=DEMO_CLAIM_NO,
        lang=lang,
        company=Company(name="华信保险公估有限公司 Huaxin Loss Adjusters Co., Ltd.", address="苏州市工业园区星湖街 328 号",
                        phone="0512-6288 0000"),
        policy_no="PQYC202432050000001234",
        insured_name=DEMO_INSURED,
        insured_phone="0512-6532 1188",
        risk_address="江苏省苏州市吴中区木渎镇金枫南路 1688 号 2 号仓库",
        line_of_business="财产一切险 Property All Risks",
        peril="消防喷淋管爆裂水渍 Water damage (burst sprinkler pipe)",
        loss_date=dt.date(2024, 3, 10),
        reported_date=dt.date(2024, 3, 10),
        survey_date=dt.date(2024, 3, 12),
        sum_insured=D("2000000.00"),
        insured_value=D("2500000.00"),
        deductible="每次事故免赔额 2,000 元或损失金额的 5%，以高者为准 / CNY 2,000 or 5% of loss, whichever is greater",
        adjuster="王立新 Wang Lixin",
        report_date=dt.date(2024, 3, 20),
        status="submitted",
        version=1,
        circumstances=(
            "2024 年 3 月 10 日凌晨约 02:30，被保险人厂区 3 号楼三层消防喷淋系统支管接头突然爆裂，大量消防用水沿楼板缝隙渗漏至二层仓库及办公区。"
            "值班保安约 02:50 发现漏水并关闭喷淋阀门，随即报告被保险人及保险公司。\n"
            "At about 02:30 on 10 March 2024 a sprinkler branch joint on the third floor of building 3 burst; water ran through "
            "slab joints into the warehouse and offices on the second floor. The guard shut the valve at about 02:50 and reported the loss."
        ),
        cause=(
            "经现场查勘，爆裂接头为沟槽式卡箍，卡箍橡胶密封圈老化开裂，在系统压力作用下脱出。事故属于意外的管道破裂，非人为故意。\n"
            "The grooved coupling's rubber gasket had aged and cracked and was pushed out by system pressure: an accidental pipe burst."
        ),
        coverage_opinion=(
            "本次事故属于保单约定的“管道破裂及水渍”责任范围；员工私人物品不属于保险标的，予以剔除。出险时保险价值高于保险金额，按比例赔付。\n"
            "The loss falls within the policy's pipe burst and water damage cover; employees' personal effects are not insured property. "
            "The property was under-insured at the time of loss, so the average clause applies."
        ),
        items=items,
        statement=StatementData(lines=lines, indemnity=DEMO_INDEMNITY, words_zh=DEMO_WORDS_ZH, words_en=DEMO_WORDS_EN,
                                currency="CNY", notes=["施救费用 3,500.00 元另计，按相同比例分摊 / Mitigation costs of CNY 3,500.00 are proportioned separately."]),
        photos=photos,
        signatures=[
            SignatureEntry("adjuster", "王立新 Wang Lixin", dt.datetime(2024, 3, 20, 16, 5)),
            SignatureEntry("insured", "李建国 Li Jianguo（苏州宏达包装材料有限公司）", None),
        ],
        photos_per_page=per_page,
        snapshot_sha256="9f2c" * 16,
    )


def demo_inspection_data(photo_paths: Sequence[Path | None] = (), lang: str = "both") -> InspectionReportData:
    photos = demo_photos(photo_paths)

    def p(i: int) -> PhotoEntry | None:
        return photos[i] if i < len(photos) else None

    checklist = [
        ChecklistCategory("消防系统", "Fire protection", [
            ChecklistRow("fp.sprinkler", "喷淋系统覆盖全部仓储区域 / Sprinklers cover all storage areas", "ok"),
            ChecklistRow("fp.extinguisher", "灭火器在有效期内 / Extinguishers in date", "deficient", 2, "3 具过期 / 3 expired"),
            ChecklistRow("fp.hydrant", "消火栓前无遮挡 / Hydrants unobstructed", "deficient", 3, "货物堆放遮挡 / blocked by pallets"),
        ]),
        ChecklistCategory("电气安全", "Electrical", [
            ChecklistRow("el.panel", "配电柜门关闭、无积尘 / Panels closed and clean", "ok"),
            ChecklistRow("el.wiring", "无私拉乱接电线 / No temporary wiring", "deficient", 3, "仓库内有临时拖线板 / extension leads in warehouse"),
            ChecklistRow("el.thermo", "年度红外测温 / Annual thermography", "n/a"),
        ]),
        ChecklistCategory("仓储管理", "Housekeeping", [
            ChecklistRow("hk.aisles", "通道畅通 / Aisles clear", "ok"),
            ChecklistRow("hk.height", "堆垛高度距喷头 ≥ 0.9 m / ≥ 0.9 m below sprinklers", "ok"),
        ]),
    ]
    return InspectionReportData(
        reference="VIS-2024-0412",
        lang=lang,
        company=Company(name="华信保险公估有限公司 Huaxin Loss Adjusters Co., Ltd."),
        site_name="宏达包装 木渎厂区 / Hongda Packaging, Mudu plant",
        site_address="江苏省苏州市吴中区木渎镇金枫南路 1688 号",
        insured_name=DEMO_INSURED,
        occupancy="纸制品包装生产及仓储 / Paper packaging manufacture and storage",
        site_contact="李建国 Li Jianguo, 138 1234 5678",
        site_gps=(31.29835, 120.58531),
        visit_date=dt.date(2024, 4, 12),
        engineer="陈晓 Chen Xiao",
        template="仓储企业防灾防损检查表 v3 / Warehouse checklist v3",
        weather="多云 22 °C / Cloudy 22 °C",
        attendees="李建国（厂长）、张敏（安全主管） / Li Jianguo (plant manager), Zhang Min (HSE)",
        status="submitted",
        report_date=dt.date(2024, 4, 15),
        grade="C",
        grade_label="一般 / Fair",
        overall_score=76.5,
        category_scores=[ScoreEntry("消防系统", "Fire protection", 55), ScoreEntry("电气安全", "Electrical", 62),
                         ScoreEntry("仓储管理", "Housekeeping", 88), ScoreEntry("自然灾害", "Nat cat", 74)],
        grade_basis_zh="总分 76.5 → B 级；严重度3（严重）缺陷 2 项，等级封顶为 C。",
        grade_basis_en="overall 76.5 → band B; 2 severity-3 (major) deficiencies cap the grade at C.",
        perils=[
            PerilEntry("water", "水灾", "Water / flood", 3, "中", "medium",
                       "厂区临河，2015 年曾进水 0.3 m / riverside site, flooded 0.3 m in 2015"),
            PerilEntry("wind", "风灾", "Wind / typhoon", 2, "低", "low"),
            PerilEntry("lightning", "雷击", "Lightning", 2, "低", "low"),
            PerilEntry("snow", "雪灾", "Snow load", 1, "很低", "very low"),
            PerilEntry("earthquake", "地震及地质灾害", "Earthquake / geology", None),
            PerilEntry("fire_protection", "消防设施", "Fire-protection facilities", 4, "高", "high",
                       "夹层无喷淋，消火栓被遮挡 / no sprinklers on mezzanines, hydrants blocked"),
        ],
        checklist=checklist,
        findings=[
            FindingEntry("fp.hydrant", "消火栓被货物遮挡 / Hydrant blocked by pallets", 3, "二号仓库 H-07 消火栓前堆放托盘。", "消防系统",
                         [x for x in (p(0), p(1)) if x]),
            FindingEntry("el.wiring", "仓库内临时拖线板 / Extension leads in warehouse", 3, "", "电气安全", [x for x in (p(2),) if x]),
            FindingEntry("fp.extinguisher", "灭火器过期 / Expired extinguishers", 2, "3 具 ABC 干粉灭火器超过有效期。", "消防系统", []),
        ],
        recommendations=[
            RecommendationRow("R1", "清理消火栓前 1 m 范围内的货物并划线 / Clear 1 m in front of hydrants and mark the floor", "high",
                              dt.date(2024, 4, 19), "仓库主管 / Warehouse lead", "open"),
            RecommendationRow("R2", "拆除临时拖线板，增设固定插座 / Remove extension leads, install fixed sockets", "high",
                              dt.date(2024, 5, 12), "设备部 / Maintenance", "open"),
            RecommendationRow("R3", "更换过期灭火器并建立月检记录 / Replace extinguishers, keep monthly checks", "medium",
                              dt.date(2024, 4, 30), "安全主管 / HSE", "open"),
        ],
        previous_visit_date=dt.date(2023, 10, 9),
        follow_ups=[
            FollowUpEntry("2023-R1", "更换老化喷淋卡箍密封圈 / Replace aged sprinkler coupling gaskets", "high",
                          dt.date(2023, 12, 31), "done", "已于 2024-01 全部更换 / all replaced in Jan 2024", p(3), p(4)),
            FollowUpEntry("2023-R2", "屋面排水沟清淤 / Clear roof gutters", "medium", dt.date(2023, 11, 30), "overdue",
                          "未完成 / not done", p(5), None),
        ],
        summary=("本次查勘总体风险等级为 C（一般）。主要问题为消防通道和消火栓遮挡、临时用电；上次建议中喷淋卡箍已整改。\n"
                 "Overall grade C (fair). Main issues: blocked hydrants and temporary wiring; last visit's sprinkler "
                 "gasket recommendation has been closed."),
        signatures=[SignatureEntry("engineer", "陈晓 Chen Xiao", dt.datetime(2024, 4, 15, 10, 30)),
                    SignatureEntry("site_contact", "李建国 Li Jianguo", dt.datetime(2024, 4, 15, 11, 2))],
        snapshot_sha256="4be1" * 16,
    )
