"""The claim calculation: policy terms + loss items → ``Statement``. Pure (no I/O, no clock), so the
CLI, the app and the PDF report get the same figures from the same inputs.

Each shown line is quantised to 0.01 ROUND_HALF_UP and later lines use the shown figure, so a
reviewer redoing the statement by hand with the printed numbers gets the same result. Products are
taken before divisions (loss × SI ÷ IV) so a rounded ratio never leaks into an amount. The rules
and their order are documented in docs/calc.md; ``statement.py`` lists every line key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

from adjuster.calc.fmt import money, num, pct, price
from adjuster.calc.statement import LABELS, SECTION_NAMES, ItemResult, Line, SectionResult, Statement
from adjuster.calc.terms import ZERO, ItemInput, PolicyTerms
from adjuster.calc.validate import MAX_AMOUNT, check_all
from adjuster.calc.words import amount_in_words_en, amount_in_words_zh
from adjuster.domain.enums import DeductibleType, Section
from adjuster.domain.errors import ValidationError
from adjuster.util.money import q2

RATIO_PLACES = Decimal("0.000001")
_MAX_TERMS_IN_FORMULA = 8
_Add = Callable[..., Decimal]  # the per-item ``add(key, amount, expression, zh="", en="")`` closure


def calculate(terms: PolicyTerms, items: Sequence[ItemInput]) -> Statement:
    """Validate the inputs and compute the statement. Raises ``ValidationError`` naming the field."""
    items = tuple(items)
    check_all(terms, items)
    with localcontext() as ctx:
        ctx.prec = 50  # intermediates exact far beyond any amount; shown lines round with q2
        ctx.rounding = ROUND_HALF_EVEN
        return _Calculation(terms, items).run()


def _sum_expression(amounts: Sequence[Decimal]) -> tuple[str, str, str]:
    """'a + b + c', or a count when the list is long; (expression, note_zh, note_en)."""
    if not amounts:
        return "0.00", "无损失项目", "no loss items"
    if len(amounts) > _MAX_TERMS_IN_FORMULA:
        return f"Σ {len(amounts)}", f"{len(amounts)} 项合计", f"sum of {len(amounts)} lines"
    return " + ".join(money(a) for a in amounts), "", ""


class _Calculation:
    """Holds the growing list of lines while the steps run in statement order."""

    def __init__(self, terms: PolicyTerms, items: tuple[ItemInput, ...]) -> None:
        self.t = terms
        self.items = items
        self.lines: list[Line] = []
        self.under_insured = terms.sum_insured < terms.insured_value

    def add(
        self,
        key: str,
        amount: Decimal,
        expression: str,
        note_zh: str = "",
        note_en: str = "",
        *,
        section: Section | None = None,
        item: int | None = None,
        subject: str = "",
    ) -> Decimal:
        """Append a line and return its amount, so each step reads as ``x = self.add(...)``."""
        label_zh, label_en = LABELS[key]
        if section is not None and item is None:
            name_zh, name_en = SECTION_NAMES[section]
            label_zh, label_en = f"{name_zh}{label_zh}", f"{label_en}: {name_en}"
        amount = amount + 0  # no '-0.00'
        self.lines.append(Line(key, label_zh, label_en, expression, note_zh, note_en, amount, section, item, subject))
        return amount

    # -- the steps, in statement order -------------------------------------------------------------

    def run(self) -> Statement:
        t = self.t
        results = tuple(self._item(i, item) for i, item in enumerate(self.items))
        sections = self._sections(results)
        loss = self.add("loss", sum((s.subtotal for s in sections), ZERO), *_sum_expression([s.subtotal for s in sections]))
        if t.section_sums_insured:
            sections = self._section_averages(sections)
            averaged = [s.after_average or ZERO for s in sections]
            after_average = self.add("after_average", sum(averaged, ZERO), *_sum_expression(averaged))
            deductible, after_deductible = self._deductible(after_average)
            result = after_deductible
        elif t.average_before_deductible:
            after_average = self._average("after_average", loss)
            deductible, after_deductible = self._deductible(after_average)
            result = after_deductible
        else:
            deductible, after_deductible = self._deductible(loss)
            after_average = self._average("after_average", after_deductible)
            result = after_average
        remaining = self.add("remaining_sum_insured", t.sum_insured - t.sum_insured_used,
                             f"{money(t.sum_insured)} − {money(t.sum_insured_used)}",
                             "保险金额 − 已赔付", "sum insured − already paid")
        property_indemnity = self.add("property_indemnity", min(result, remaining), f"min({money(result)}, {money(remaining)})")
        mitigation, mitigation_avg, mitigation_payable = self._mitigation()
        indemnity = self.add("indemnity", property_indemnity + mitigation_payable,
                             f"{money(property_indemnity)} + {money(mitigation_payable)}")
        ratio = (t.sum_insured / t.insured_value) if self.under_insured else Decimal(1)
        return Statement(
            lines=tuple(self.lines),
            items=results,
            sections=sections,
            currency=t.currency,
            average_before_deductible=t.average_before_deductible,
            average_ratio=ratio.quantize(RATIO_PLACES),
            loss=loss,
            after_average=after_average,
            deductible=deductible,
            after_deductible=after_deductible,
            remaining_sum_insured=remaining,
            property_indemnity=property_indemnity,
            mitigation=mitigation,
            mitigation_after_average=mitigation_avg,
            mitigation_payable=mitigation_payable,
            indemnity=indemnity,
            indemnity_words_zh=amount_in_words_zh(indemnity),
            indemnity_words_en=amount_in_words_en(indemnity, t.currency),
        )

    def _item(self, i: int, item: ItemInput) -> ItemResult:
        section = Section(item.section)

        def add(key: str, amount: Decimal, expression: str, zh: str = "", en: str = "") -> Decimal:
            return self.add(key, amount, expression, zh, en, section=section, item=i, subject=item.description)

        rc = q2(item.qty * item.unit_price)
        if rc >= MAX_AMOUNT:
            raise ValidationError(f"items[{i}].qty", f"qty × unit_price = {rc} is too large")
        unit = f" {item.unit}" if item.unit else ""
        add("item.replacement_cost", rc, f"{num(item.qty)}{unit} × {price(item.unit_price)}")
        depreciation = self._depreciation(item, rc, add)
        acv = add("item.acv", rc - depreciation, f"{money(rc)} − {money(depreciation)}")
        value, value_en = acv, "ACV"
        if item.repair:
            assert item.repair_cost is not None  # checked by validate
            value, value_en = add("item.repair_cost", item.repair_cost, money(item.repair_cost),
                                  "核定修复费用", "repair cost as assessed"), "repair cost"
            # a repair-only line with no value stated (unit price 0) has nothing to cap against
            if rc > 0 and item.repair_cost > acv:
                value, value_en = add("item.repair_capped", acv, f"min({money(item.repair_cost)}, {money(acv)})",
                                      "修复费用超过实际价值，以实际价值为限", "repair cost above ACV: ACV applies"), "ACV"
        if item.salvage > value:
            raise ValidationError(
                f"items[{i}].salvage",
                f"salvage {money(item.salvage)} exceeds the item's value {money(value)} ({value_en}) — {item.description}",
            )
        terms = [money(value)]
        if item.salvage:
            add("item.salvage", item.salvage, money(item.salvage), "残值作价归被保险人", "salvage value kept by the insured")
            terms.append(money(item.salvage))
        net = value - item.salvage
        exclusion = ZERO
        if item.excluded:
            reason = item.exclusion_reason.strip()
            shown = f"{money(value)} − {money(item.salvage)}" if item.salvage else money(value)
            exclusion = add("item.exclusion", net, shown, reason, reason)
            terms.append(money(exclusion))
        loss = add("item.loss", net - exclusion, " − ".join(terms))
        return ItemResult(i, item.description, section, rc, depreciation, acv, value, item.salvage, loss,
                          item.excluded, item.exclusion_reason.strip() if item.excluded else "")

    def _depreciation(self, item: ItemInput, rc: Decimal, add: _Add) -> Decimal:
        if not item.depreciates:
            if item.repair:
                return add("item.depreciation", ZERO, "", "修复项目不计折旧", "repair item: not depreciated")
            return add("item.depreciation", ZERO, "", "不计折旧（depreciate: false）", "not depreciated (depreciate: false)")
        age, cap = item.age_years, self.t.depreciation_cap
        if item.useful_life_years is not None and age is not None:
            life = item.useful_life_years
            raw, exact = age / life, rc * age / life
            shown = f"{money(rc)} × {num(age)} ÷ {num(life)}"
            basis_zh = f"已使用 {num(age)} 年 ÷ 使用年限 {num(life)} 年 = {pct(raw)}"
            basis_en = f"age {num(age)} ÷ useful life {num(life)} years = {pct(raw)}"
        elif item.depreciation_rate_annual is not None and age is not None:
            rate = item.depreciation_rate_annual
            raw = rate * age
            exact = rc * raw
            shown = f"{money(rc)} × {pct(rate)} × {num(age)}"
            basis_zh = f"年折旧率 {pct(rate)} × 已使用 {num(age)} 年 = {pct(raw)}"
            basis_en = f"annual rate {pct(rate)} × age {num(age)} years = {pct(raw)}"
        else:
            return add("item.depreciation", ZERO, "", "无折旧依据（全新或存货），不计折旧",
                       "no useful life or rate given (new or stock): none")
        if raw > cap:
            return add("item.depreciation", q2(rc * cap), f"{money(rc)} × {pct(cap)}",
                       f"折旧上限；{basis_zh}", f"depreciation cap; {basis_en}")
        return add("item.depreciation", q2(exact), shown, basis_zh, basis_en)

    def _sections(self, results: Sequence[ItemResult]) -> tuple[SectionResult, ...]:
        out = []
        for section in Section:
            losses = [r.loss for r in results if r.section == section]
            if losses:
                subtotal = self.add("section.subtotal", sum(losses, ZERO), *_sum_expression(losses), section=section)
                out.append(SectionResult(section, subtotal))
        return tuple(out)

    def _section_averages(self, sections: Sequence[SectionResult]) -> tuple[SectionResult, ...]:
        """Average per section — by the section's own insured value when given, else by the case's
        ratio — then limit each section to its own sum insured."""
        out = []
        for s in sections:
            si_s = self.t.section_sums_insured[s.section]
            iv_s = self.t.section_insured_values.get(s.section)
            si, iv = (si_s, iv_s) if iv_s is not None else (self.t.sum_insured, self.t.insured_value)
            if si < iv:
                averaged = q2(s.subtotal * si / iv)
                expression = f"{money(s.subtotal)} × {money(si)} ÷ {money(iv)}"
                if iv_s is not None:
                    zh, en = f"分项保险金额 ÷ 分项保险价值 = {pct(si / iv)}", f"section sum insured ÷ section value = {pct(si / iv)}"
                else:
                    zh, en = f"保险金额 ÷ 出险时保险价值 = {pct(si / iv)}", f"sum insured ÷ insured value = {pct(si / iv)}"
            else:
                averaged = s.subtotal
                expression = money(s.subtotal)
                zh, en = f"足额投保：{money(si)} ≥ {money(iv)}", f"fully insured: {money(si)} ≥ {money(iv)}"
            if averaged > si_s:
                expression = f"min({expression} = {money(averaged)}, {money(si_s)})"
                zh, en = f"{zh}；以分项保险金额为限", f"{en}; limited to the section sum insured"
            amount = self.add("section.after_average", min(averaged, si_s), expression, zh, en, section=s.section)
            out.append(SectionResult(s.section, s.subtotal, si_s, iv_s, amount))
        return tuple(out)

    def _average(self, key: str, amount: Decimal) -> Decimal:
        si, iv = self.t.sum_insured, self.t.insured_value
        if self.under_insured:
            return self.add(key, q2(amount * si / iv), f"{money(amount)} × {money(si)} ÷ {money(iv)}",
                            f"保险金额 ÷ 出险时保险价值 = {pct(si / iv)}", f"sum insured ÷ insured value = {pct(si / iv)}")
        return self.add(key, amount, money(amount),
                        f"足额投保：保险金额 {money(si)} ≥ 保险价值 {money(iv)}，不作比例分摊",
                        f"fully insured: sum insured {money(si)} ≥ insured value {money(iv)}; no average")

    def _deductible(self, base: Decimal) -> tuple[Decimal, Decimal]:
        d = self.t.deductible
        kind = DeductibleType(d.type)
        if kind is DeductibleType.FIXED:
            deductible = self.add("deductible", d.amount, money(d.amount), "每次事故免赔额", "fixed deductible")
        elif kind is DeductibleType.PERCENT:
            deductible = self.add("deductible", q2(base * d.rate), f"{money(base)} × {pct(d.rate)}", "免赔率", "deductible rate")
        elif kind is DeductibleType.PERCENT_MIN:
            by_rate = q2(base * d.rate)
            deductible = self.add("deductible", max(by_rate, d.minimum),
                                  f"max({money(base)} × {pct(d.rate)} = {money(by_rate)}, {money(d.minimum)})",
                                  "免赔率与最低免赔额，以高者为准", "rate or minimum, the higher applies")
        else:
            deductible = self.add("deductible", ZERO, "", "无免赔", "no deductible")
        after = self.add("after_deductible", max(ZERO, base - deductible), f"max(0, {money(base)} − {money(deductible)})")
        return deductible, after

    def _mitigation(self) -> tuple[Decimal, Decimal, Decimal]:
        costs = self.t.mitigation_costs
        if not costs:
            return ZERO, ZERO, ZERO
        itemised = len(costs) > 1 or any(c.description for c in costs)
        for cost in costs if itemised else ():
            self.add("mitigation.cost", cost.amount, "" if cost.description else money(cost.amount),
                     cost.description, cost.description)
        total = self.add("mitigation", sum((c.amount for c in costs), ZERO), *_sum_expression([c.amount for c in costs]))
        averaged = self._average("mitigation.after_average", total)
        si = self.t.sum_insured
        payable = self.add("mitigation.payable", min(averaged, si), f"min({money(averaged)}, {money(si)})",
                           "施救费用在保险金额以内另行计算", "paid apart from the loss, up to the sum insured")
        return total, averaged, payable
