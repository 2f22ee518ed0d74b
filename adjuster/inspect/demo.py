"""Demo prevention data: two sites visited over time, grades improving, recommendations carried
forward, some closed with before/after photos, some overdue.

``build_demo_visits(store, media_photos, today=...)`` is called by ``adjuster demo``. Dates are
relative to ``today`` so the overdue ones stay overdue whenever the demo is built. ``media_photos``
are photos already in the media store (Photo records or sha256 strings); they are recorded again
on the visits (same bytes, new owner); image files are imported when a media store is given. With
fewer than two photos nothing can be closed (closing needs an 'after' photo different from the
'before'), so those recommendations stay open.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from typing import Any

from adjuster.domain.enums import OwnerType, VisitStatus
from adjuster.domain.models import Photo, Recommendation, Site
from adjuster.inspect import service as S
from adjuster.inspect.templates import Item, Template, find_template
from adjuster.util.clock import today as clock_today

Overrides = Mapping[str, Mapping[str, Any]]


PhotoSource = Photo | str | os.PathLike[str]
_SHA = re.compile(r"^[0-9a-f]{64}$")


class _Photos:
    """Hands out the caller's photos in turn and records them on visits.

    A source is a Photo already in the store, a sha256 already in the media store, or an image file
    (imported through ``adjuster.media`` — needs ``media``).
    """

    def __init__(self, store: Any, sources: Sequence[PhotoSource], media: Any = None) -> None:
        self.store, self.media = store, media
        self.sources = [s for s in sources if media is not None or isinstance(s, Photo) or _is_sha(s)]
        self.n = 0

    def record(self, visit_id: str, item_key: str | None, caption: str) -> Photo | None:
        """Record the next photo on the visit (linked to ``item_key``'s finding when given)."""
        if not self.sources:
            return None
        source = self.sources[self.n % len(self.sources)]
        self.n += 1
        if isinstance(source, Photo) or _is_sha(source):
            return S.add_photo_record(self.store, visit_id, source, item_key=item_key, caption=caption)  # type: ignore[arg-type]
        from adjuster.media.service import import_photos

        results = import_photos(self.store, self.media, OwnerType.VISIT, visit_id, [source], workers=1)
        photo_id = results[0].photo_id if results else None
        if not photo_id:
            return None  # an unreadable file: the demo goes on without it
        photo: Photo = self.store.photos.get(photo_id)
        fields: dict[str, Any] = {} if photo.caption else {"caption": caption}
        if item_key:
            visit = self.store.visits.get(visit_id)
            fields["finding_id"] = S.ensure_finding(self.store, visit, item_key).id
        return self.store.photos.update(photo_id, **fields) if fields else photo


def _is_sha(source: object) -> bool:
    return isinstance(source, str) and bool(_SHA.match(source))


def _ok_answer(item: Item) -> dict[str, Any]:
    if item.answer == "check":
        return {"result": "ok"}
    if item.answer == "number":
        return {"value": item.ok_min if item.ok_min is not None else item.ok_max}
    if item.answer == "choice":
        return {"value": next(c.value for c in item.choices if c.result == "ok")}
    return {"value": "无其他异常 / nothing further"}


def _visit(store: Any, site: Site, template: Template, day: dt.date, engineer: str, overrides: Overrides,
           photos: _Photos, **details: Any) -> str:
    """A fully answered visit: every item OK unless overridden; deficient items get a 'before' photo."""
    visit = S.start_visit(store, site.id, template, visit_date=day, engineer=engineer, **details)
    answers = {item.key: _ok_answer(item) for item in template.items}
    answers.update({k: dict(v) for k, v in overrides.items()})
    S.answer_many(store, visit.id, answers)
    deficient = [f for f in store.findings.for_visit(visit.id) if f.result.value == "deficient"]
    for f in deficient[: len(photos.sources)]:  # one picture per finding, none reused on the visit
        photos.record(visit.id, f.item_key, f.note or f.item_key)
    return visit.id


def _raise(store: Any, visit_id: str, keys: Sequence[str], responsible: str, **deadline: int) -> dict[str, Recommendation]:
    """Recommendations with the template's wording; ``deadline`` maps item key → days after the visit."""
    visit = store.visits.get(visit_id)
    out = {}
    for key in keys:
        days = deadline.get(key.replace(".", "_"))
        due = visit.visit_date + dt.timedelta(days=days) if days else None
        out[key] = S.add_recommendation(store, visit_id, key, responsible=responsible, deadline=due)
    return out


def _close(store: Any, rec: Recommendation, visit_id: str, photos: _Photos, note: str) -> bool:
    """Close with the next photo that is a different picture from the 'before' one."""
    before = store.photos.find(rec.before_photo_id) if rec.before_photo_id else None
    for _ in range(len(photos.sources)):
        after = photos.record(visit_id, None, f"整改后 / after: {rec.item_key}")
        if after is None or (before is not None and after.sha256 == before.sha256):
            continue
        visit = store.visits.get(visit_id)
        S.close_recommendation(store, rec.id, after_photo_id=after.id, closed_on=visit.visit_date,
                               visit_id=visit_id, note=note)
        return True
    return False


def _plant(store: Any, photos: _Photos, today: dt.date) -> None:
    site = store.sites.create(Site(
        name="华东精密机械有限公司 苏州工厂", address="江苏省苏州市工业园区星湖街 88 号",
        lat=31.2989, lon=120.7353, occupancy="机械加工 / precision machining",
        contact_name="王建国（EHS 经理）", contact_phone="0512-6288 0000", policy_no="PP-2024-SZ-0088",
        insured_name="华东精密机械有限公司", team="华东风险工程部",
    ))
    S.set_peril_indicators(store, site.id, {
        "water": 2, "wind": 3, "lightning": 3, "snow": 1, "earthquake": 1, "fire_protection": 3,
        "note_wind": "轻钢屋面，台风路径边缘 / light steel roof, edge of typhoon tracks",
        "note_fire_protection": "喷淋覆盖不全（夹层）/ sprinklers missing on mezzanines",
    })
    fire = find_template("fire_safety")
    v1 = _visit(store, site, fire, today - dt.timedelta(days=540), "李伟", {
        "fire.exit.clear": {"result": "deficient", "note": "2 号车间东侧安全出口被成品托盘堵塞"},
        "fire.ext.condition": {"result": "deficient", "note": "3 具干粉灭火器压力不足"},
        "fire.flam.liquids": {"value": "excess", "note": "切削液、稀释剂约 600 L 存放于生产线旁"},
        "fire.elec.panels": {"result": "deficient", "note": "配电柜前堆放纸箱"},
        "fire.hk.general": {"value": "poor"},
        "fire.mgmt.drill": {"value": 20},
        "fire.spr.test": {"value": 9},
        "fire.hyd.pump": {"value": "manual", "note": "消防泵控制柜处于手动"},
    }, photos, weather="晴 / sunny, 26 °C", attendees=["王建国（EHS 经理）", "刘芳（行政）"])
    r1 = _raise(store, v1, ["fire.exit.clear", "fire.flam.liquids", "fire.elec.panels", "fire.hk.general",
                            "fire.hyd.pump"], "王建国")
    S.update_visit(store, v1, overall_comment="消防管理基础薄弱，疏散通道堵塞和消防泵手动状态须立即整改。")
    store.visits.update(v1, status=VisitStatus.APPROVED)

    v2 = _visit(store, site, fire, today - dt.timedelta(days=360), "李伟", {
        "fire.flam.liquids": {"value": "excess", "note": "仍有约 300 L 稀释剂在线边"},
        "fire.alarm.panel": {"value": "faults", "note": "报警主机 7 个点位屏蔽"},
        "fire.ext.overdue": {"value": 3},
        "fire.mgmt.drill": {"value": 14},
    }, photos, weather="多云 / cloudy, 18 °C", attendees=["王建国（EHS 经理）"])
    for key in ("fire.exit.clear", "fire.elec.panels", "fire.hk.general", "fire.hyd.pump"):
        _close(store, r1[key], v2, photos, "现场复查已整改 / verified on site")
    _raise(store, v2, ["fire.alarm.panel"], "消防维保单位")
    S.update_visit(store, v2, overall_comment="多数上次建议已整改；易燃液体管理仍需改进。")
    store.visits.update(v2, status=VisitStatus.APPROVED)

    v3 = _visit(store, site, fire, today - dt.timedelta(days=150), "陈静", {
        "fire.exit.signs": {"result": "deficient", "note": "仓库区 2 盏应急灯不亮"},
        "fire.spr.clearance": {"value": 35, "note": "成品区堆垛距喷头约 35 cm"},
    }, photos, weather="小雨 / light rain, 21 °C", attendees=["王建国（EHS 经理）", "周强（仓库主管）"])
    _close(store, r1["fire.flam.liquids"], v3, photos, "已设防火柜，线边仅存一天用量")
    for rec in S.follow_up(store, v3):
        if rec.item_key == "fire.alarm.panel" and rec.status.value in ("open", "overdue"):
            _close(store, rec, v3, photos, "屏蔽点已恢复")
    _raise(store, v3, ["fire.spr.clearance"], "周强", fire_spr_clearance=90)
    S.update_visit(store, v3, overall_comment="风险状况明显改善；注意控制堆垛高度。")
    store.visits.update(v3, status=VisitStatus.SUBMITTED)


def _warehouse(store: Any, photos: _Photos, today: dt.date) -> None:
    site = store.sites.create(Site(
        name="Lingang Logistics DC3 临港物流 3 号库", address="上海市浦东新区临港新片区新元南路 555 号",
        lat=30.8996, lon=121.9265, occupancy="仓储物流 / warehousing (class C2 goods)",
        contact_name="Sarah Xu (site manager)", contact_phone="021-5828 0000", policy_no="PP-2024-SH-3310",
        insured_name="临港物流有限公司", team="华东风险工程部",
    ))
    S.set_peril_indicators(store, site.id, {
        "water": 4, "wind": 4, "lightning": 3, "snow": 1, "earthquake": 1, "fire_protection": 2,
        "note_water": "场地低于市政道路约 0.1 m，距海堤 800 m / site 0.1 m below road, 800 m from sea wall",
        "note_wind": "台风频繁登陆区域 / frequent typhoon landfall",
    })
    flood, wh = find_template("flood_typhoon"), find_template("warehouse")
    v1 = _visit(store, site, flood, today - dt.timedelta(days=400), "陈静", {
        "flood.site.elevation": {"value": "0.1", "note": "场地地坪高出道路仅约 10 cm"},
        "flood.drain.clear": {"result": "deficient", "note": "南侧排水沟淤塞"},
        "flood.drain.backflow": {"result": "deficient"},
        "flood.base.equipment": {"value": "basement", "note": "低压配电室位于地下一层"},
        "flood.em.plan": {"result": "deficient"},
        "flood.bar.sandbags": {"value": 40},
    }, photos, weather="阴 / overcast, 29 °C", attendees=["Sarah Xu", "张磊（设备）"])
    r1 = _raise(store, v1, ["flood.site.elevation", "flood.drain.backflow", "flood.base.equipment", "flood.em.plan",
                            "flood.bar.sandbags"], "Sarah Xu", flood_base_equipment=180)
    store.visits.update(v1, status=VisitStatus.APPROVED)

    v2 = _visit(store, site, wh, today - dt.timedelta(days=200), "陈静", {
        "wh.sto.top_clearance": {"value": "0.6", "note": "B 区货架顶层距喷头约 0.6 m"},
        "wh.op.forklift": {"value": "near_goods", "note": "充电位紧邻成品区"},
        "wh.sto.aisle": {"value": "1.6"},
        "wh.fp.smoke_vents": {"result": "deficient"},
    }, photos, weather="晴 / sunny, 31 °C", attendees=["Sarah Xu"])
    _close(store, r1["flood.em.plan"], v2, photos, "预案已发布并演练")
    _close(store, r1["flood.bar.sandbags"], v2, photos, "储备 300 袋")
    _raise(store, v2, ["wh.sto.top_clearance", "wh.op.forklift"], "Sarah Xu")
    store.visits.update(v2, status=VisitStatus.APPROVED)

    v3 = _visit(store, site, flood, today - dt.timedelta(days=30), "陈静", {
        "flood.base.equipment": {"value": "basement", "note": "迁移方案已批，未实施"},
        "flood.drain.pump_test": {"value": 8},
    }, photos, weather="雷阵雨 / thunderstorms, 30 °C", attendees=["Sarah Xu", "张磊（设备）"])
    _close(store, r1["flood.drain.backflow"], v3, photos, "总排口已装拍门")
    S.waive_recommendation(store, r1["flood.site.elevation"].id, reason="以挡水闸替代抬高场地（见新建议）",
                           closed_on=today - dt.timedelta(days=30), visit_id=v3)
    S.add_recommendation(store, v3, text="在南、北两个出入口安装高度 0.6 m 的可拆卸挡水闸。", priority="high",
                         responsible="Sarah Xu")


def build_demo_visits(
    store: Any,
    media_photos: Sequence[PhotoSource] = (),
    *,
    media: Any = None,
    photos: Sequence[PhotoSource] = (),
    today: dt.date | None = None,
) -> dict[str, int]:
    """Create the two demo sites with their visits; returns counts for the demo summary.

    ``media_photos`` / ``photos``: Photo records, sha256 strings already in the media store, or image
    files (imported into ``media``, an ``adjuster.media`` MediaStore).
    """
    today = today or clock_today()
    pool = _Photos(store, [*media_photos, *photos], media)
    before = {name: getattr(store, name).count() for name in ("sites", "visits", "findings", "recommendations", "photos")}
    with store.transaction():
        _plant(store, pool, today)
        _warehouse(store, pool, today)
    return {name: getattr(store, name).count() - n for name, n in before.items()}
