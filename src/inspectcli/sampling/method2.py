"""Method v2: quotas by category and group, villages of any class, spread over counties
and towns. Tickets, the frame and its hash are those of v1 (``method``); see the README's
"Sampling method v2" for the rules written out. Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from inspectcli.messages import t, word
from inspectcli.model.common import HOUSEHOLD_STATUSES, VILLAGE_CLASSES
from inspectcli.sampling.method import (
    Chosen,
    Draw,
    Frame,
    FrameVillage,
    Short,
    ceil_div,
    first_fitting,
    frame_sha256,
    smallest,
    spread,
    village_count,
)

METHOD = "v2"
ANY = "any"  # a village slot of any class


class Quota(NamedTuple):
    name: str  # a category or a group of the policy
    codes: frozenset[int]  # the category codes it counts
    least: int  # at least this many per village


class QuotasV2(NamedTuple):
    towns: int = 0
    villages: tuple[tuple[str, int], ...] = ()  # (class or "any", total), classes first
    households: tuple[int, int] | None = None  # per village, inclusive range
    by_category: tuple[Quota, ...] = ()  # in filling order (see quota_order)

    def slots(self) -> list[str]:
        """One village class (or ``any``) per village to draw, in order."""
        return [kind for kind, total in self.villages for _ in range(total)]


def quota_order(quotas: list[Quota]) -> tuple[Quota, ...]:
    """Narrow before wide: fewer categories first, then by name (code points), so that a
    group's quota counts what the quotas of its categories took already."""
    return tuple(sorted(quotas, key=lambda q: (len(q.codes), q.name)))


def make_quotas_v2(
    towns: int | None,
    by_class: Mapping[str, int | None],
    any_class: int | None,
    households: tuple[int, int] | None,
    by_category: Mapping[str, int],
    groups: Mapping[str, tuple[str, ...]],
    categories: tuple[str, ...] = HOUSEHOLD_STATUSES,
) -> QuotasV2:
    """``groups``: each name a quota may use, with its categories (see Policy);
    ``categories``: the category of each code of the frame (the roster's)."""
    code = {category: index for index, category in enumerate(categories)}
    villages: list[tuple[str, int]] = [(c, by_class.get(c) or 0) for c in VILLAGE_CLASSES]
    villages.append((ANY, any_class or 0))
    quotas = [
        Quota(name, frozenset(code[c] for c in groups[name] if c in code), count)
        for name, count in by_category.items()
        if count
    ]
    return QuotasV2(towns or 0, tuple(v for v in villages if v[1]), households, quota_order(quotas))


class Refused(Exception):
    """The spec cannot be spread: fewer units asked for than there are places to spread to."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def households_wanted(seed: str, village: str, quotas: QuotasV2) -> int:
    """n(v): the count drawn in the range (as v1), never below the largest quota."""
    drawn = village_count(seed, village, *quotas.households) if quotas.households else 0
    return max([drawn, *(q.least for q in quotas.by_category)])


class _Drawer:
    def __init__(self, frame: Frame, quotas: QuotasV2, seed: str, excluded: set[str]) -> None:
        self.frame = frame
        self.quotas = quotas
        self.seed = seed
        self.excluded = excluded
        self._fit: dict[str, bool] = {}

    def codes(self, village: FrameVillage) -> list[int]:
        left_out = self.excluded
        return [c for k, c in zip(village.ids, village.codes, strict=True) if k not in left_out]

    def village_fits(self, village_id: str) -> bool:
        """Not excluded; enough households left for n(v) and for each quota on its own."""
        known = self._fit.get(village_id)
        if known is None:
            known = village_id not in self.excluded
            if known:
                codes = self.codes(self.frame.villages[village_id])
                known = len(codes) >= households_wanted(self.seed, village_id, self.quotas)
                known = known and all(
                    sum(1 for c in codes if c in q.codes) >= q.least
                    for q in self.quotas.by_category
                )
            self._fit[village_id] = known
        return known

    def town_fits(self, town_id: str) -> bool:
        """Not excluded, with enough fitting villages for an even share of the villages."""
        if town_id in self.excluded:
            return False
        need = ceil_div(len(self.quotas.slots()), max(self.quotas.towns, 1))
        have = sum(1 for v in self.frame.towns[town_id] if self.village_fits(v))
        return have >= need

    def first_fitting(
        self, stratum: str, units: list[str], need: int, fits: Callable[[str], bool]
    ) -> list[Chosen]:
        return first_fitting(self.seed, self.excluded, stratum, units, need, fits)

    def counties(self) -> list[str]:
        return [c.id for c in smallest(self.seed, self.frame.counties, len(self.frame.counties))]

    def towns(self) -> list[Chosen]:
        if self.quotas.towns == 0:
            return []
        counties = self.counties()
        if self.quotas.towns < len(counties):
            raise Refused(t("sample-spread-towns", towns=self.quotas.towns, counties=len(counties)))
        shares = spread(self.quotas.towns, counties)
        chosen: list[Chosen] = []
        for county in counties:
            in_county = [u for u, c in self.frame.town_county.items() if c == county]
            stratum = t("sample-stratum-towns", county=county)
            chosen += self.first_fitting(stratum, in_county, shares[county], self.town_fits)
        return sorted(chosen, key=lambda c: c.ticket)

    def pools(self, towns: list[Chosen]) -> list[tuple[str, list[str]]]:
        """Where villages are drawn from: each chosen town, else each county, in ticket order."""
        if towns:
            return [(u.id, list(self.frame.towns[u.id])) for u in towns]
        return [
            (county, [v.id for v in self.frame.villages.values() if v.county == county])
            for county in self.counties()
        ]

    def villages(self, towns: list[Chosen]) -> list[Chosen]:
        slots = self.quotas.slots()
        if not slots:
            return []
        pools = self.pools(towns)
        if len(slots) < len(pools):
            level = "sample-spread-level-towns" if towns else "sample-spread-level-counties"
            raise Refused(
                t("sample-spread-villages", villages=len(slots), places=len(pools), level=t(level))
            )
        chosen: list[Chosen] = []
        taken: set[str] = set()
        for index, (place, members) in enumerate(pools):
            mine = slots[index :: len(pools)]
            for kind in dict.fromkeys(mine):  # each kind once, in slot order
                need = mine.count(kind)
                units = [
                    v
                    for v in members
                    if v not in taken
                    and (kind == ANY or self.frame.villages[v].village_class == kind)
                ]
                label = t("sample-any-class") if kind == ANY else word(kind)
                stratum = t("sample-stratum-villages", kind=label, town=place)
                for unit in self.first_fitting(stratum, units, need, self.village_fits):
                    village = self.frame.villages[unit.id]
                    taken.add(unit.id)
                    chosen.append(unit._replace(parent=village.town, label=village.village_class))
        return chosen

    def households(self, villages: list[Chosen]) -> list[Chosen]:
        chosen: list[Chosen] = []
        for village_unit in villages:
            village = self.frame.villages[village_unit.id]
            chosen += self.village_households(village)
        return chosen

    def village_households(self, village: FrameVillage) -> list[Chosen]:
        """Each quota in order, topped up to its count from its categories; then n(v)."""
        code_of = {
            h: c for h, c in zip(village.ids, village.codes, strict=True) if h not in self.excluded
        }
        taken: dict[str, Chosen] = {}
        for quota in self.quotas.by_category:
            have = sum(1 for h in taken if code_of[h] in quota.codes)
            pool = [h for h, c in code_of.items() if c in quota.codes and h not in taken]
            more = quota.least - have
            if more > len(pool):
                stratum = t("sample-stratum-households", kind=quota.name, village=village.id)
                raise Short(stratum, quota.least, have + len(pool), len(pool), 0, 0)
            taken.update((c.id, c) for c in smallest(self.seed, pool, max(more, 0)))
        rest = households_wanted(self.seed, village.id, self.quotas) - len(taken)
        others = [h for h in code_of if h not in taken]
        taken.update((c.id, c) for c in smallest(self.seed, others, max(rest, 0)))
        ordered = sorted(taken.values(), key=lambda c: c.ticket)
        return [
            c._replace(parent=village.id, label=village.categories[code_of[c.id]]) for c in ordered
        ]


def draw_v2(
    frame: Frame,
    quotas: QuotasV2,
    seed: str,
    excluded: set[str] | list[str] | tuple[str, ...] = (),
    frame_hash: str | None = None,
) -> Draw:
    """The sample of method v2. Raises ``Short`` for a stratum that cannot be filled and
    ``Refused`` for a specification that cannot reach every county or town."""
    left_out = frame.present(excluded)
    drawer = _Drawer(frame, quotas, seed, set(left_out))
    towns = drawer.towns()
    villages = drawer.villages(towns)
    households = drawer.households(villages)
    frame_hash = frame_hash or frame_sha256(frame)
    return Draw(seed, frame_hash, left_out, towns, villages, households, METHOD)
