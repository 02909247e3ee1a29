"""An example week of ordinary bone-friendly meals, for a first run and the demo data.

It mixes dairy, canned fish eaten with its bones, calcium-set tofu, greens, nuts
and legumes, with a vitamin D softgel at bedtime. It is not perfect on purpose, so
that the warnings show: Thursday's dinner holds more calcium than one sitting
absorbs well, and on Tuesday a 600 mg calcium tablet is taken in one go. Every
amount is a household measure of the food itself, read by ``core.phrases``
like typed text.
"""

from __future__ import annotations

from bonewise.core import edits, phrases
from bonewise.core.edits import PlanChange
from bonewise.core.foods import FoodLookup
from bonewise.core.plan import WeekPlan
from bonewise.errors import BonewiseError

# (meal slot, food id, amount) per day, Monday first. Ids are USDA SR24 numbers or
# shipped supplements; the slots are the default meals (core.plan.DEFAULT_SLOTS).
EXAMPLE_MENU: tuple[tuple[tuple[str, str, str], ...], ...] = (
    (  # Monday
        ("breakfast", "08121", "1 cup"), ("breakfast", "01079", "1 cup"),
        ("breakfast", "09050", "0.5 cup"),
        ("morning-snack", "09202", "1 fruit (2-7/8\" dia)"),
        ("lunch", "15088", "1 can (3.75 oz)"), ("lunch", "18075", "2 slice"),
        ("lunch", "11233", "1 cup, chopped"),
        ("afternoon-snack", "01117", "1 cup (8 fl oz)"),
        ("dinner", "15086", "3 oz"), ("dinner", "11091", "1 cup, chopped"),
        ("dinner", "20137", "1 cup"),
        ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
    (  # Tuesday: a 600 mg calcium tablet in one sitting
        ("breakfast", "01117", "1 cup (8 fl oz)"), ("breakfast", "12061", "1 oz (23 whole kernels)"),
        ("breakfast", "09050", "0.5 cup"),
        ("morning-snack", "14209", "1 cup (8 fl oz)"), ("morning-snack", "01079", "2 fl oz"),
        ("lunch", "16050", "1 cup"), ("lunch", "11458", "1 cup"), ("lunch", "04053", "1 tablespoon"),
        ("afternoon-snack", "01009", "1 oz"), ("afternoon-snack", "09003", "1 medium (3\" dia)"),
        ("dinner", "15086", "3 oz"), ("dinner", "20037", "1 cup"),
        ("dinner", "11091", "0.5 cup, chopped"),
        ("bedtime", "sup-calcium-carbonate-600", "1 tablet"),
        ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
    (  # Wednesday
        ("breakfast", "01132", "2 large"), ("breakfast", "18075", "1 slice"),
        ("breakfast", "09211", "1 cup"),
        ("morning-snack", "09094", "3 fig"),
        ("lunch", "16070", "1 cup"), ("lunch", "11529", "1 medium whole (2-3/5\" dia)"),
        ("lunch", "01032", "1 tbsp"),
        ("afternoon-snack", "01117", "0.5 container (4 oz)"),
        ("dinner", "05064", "1 cup, chopped or diced"), ("dinner", "11674", "1 potato medium"),
        ("dinner", "11233", "1 cup, chopped"),
        ("bedtime", "01079", "1 cup"), ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
    (  # Thursday: a dinner with more calcium than one sitting absorbs well
        ("breakfast", "08121", "1 cup"), ("breakfast", "16168", "1 cup"),
        ("breakfast", "12155", "1 oz (14 halves)"),
        ("morning-snack", "09040", "1 medium (7\" to 7-7/8\" long)"),
        ("lunch", "15088", "1 can (3.75 oz)"), ("lunch", "11233", "1 cup, chopped"),
        ("lunch", "18075", "1 slice"),
        ("afternoon-snack", "16137", "2 tablespoon"),
        ("dinner", "16426", "0.5 cup"), ("dinner", "01009", "1.5 oz"),
        ("dinner", "11091", "1 cup, chopped"), ("dinner", "20037", "1 cup"),
        ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
    (  # Friday
        ("breakfast", "01117", "1 cup (8 fl oz)"), ("breakfast", "12006", "0.5 oz"),
        ("breakfast", "09050", "0.5 cup"),
        ("morning-snack", "14209", "1 cup (8 fl oz)"),
        ("lunch", "16050", "1 cup"), ("lunch", "11529", "1 cup cherry tomatoes"),
        ("lunch", "01032", "1 tbsp"),
        ("afternoon-snack", "12061", "1 oz (23 whole kernels)"),
        ("dinner", "15086", "3 oz"), ("dinner", "11458", "1 cup"), ("dinner", "11674", "1 potato small"),
        ("bedtime", "01079", "1 cup"), ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
    (  # Saturday
        ("breakfast", "01132", "2 large"), ("breakfast", "18075", "2 slice"),
        ("breakfast", "09211", "1 cup"),
        ("lunch", "16137", "4 tablespoon"), ("lunch", "11529", "1 cup cherry tomatoes"),
        ("lunch", "01009", "1 oz"),
        ("dinner", "05064", "1 cup, chopped or diced"), ("dinner", "20137", "1 cup"),
        ("dinner", "11233", "1 cup, chopped"),
        ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
    (  # Sunday
        ("breakfast", "08121", "1 cup"), ("breakfast", "01079", "1 cup"),
        ("breakfast", "09094", "2 fig"),
        ("lunch", "15088", "1 can (3.75 oz)"), ("lunch", "11458", "1 cup"),
        ("afternoon-snack", "01117", "1 cup (8 fl oz)"),
        ("dinner", "16070", "1 cup"), ("dinner", "20037", "1 cup"), ("dinner", "11091", "1 cup, chopped"),
        ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
)  # fmt: skip


def place_example_week(week: WeekPlan, foods: FoodLookup) -> tuple[WeekPlan, PlanChange]:
    """``week`` with the example meals added after whatever each meal already holds.

    Raises BonewiseError (and changes nothing) if the food store lacks one of the
    example's foods, which only a damaged or foreign food store would.
    """
    plan = week
    for date, menu in zip(week.week.dates(), EXAMPLE_MENU, strict=True):
        for slot_id, food_id, amount in menu:
            food = foods.get(food_id)
            if food is None:
                raise BonewiseError(
                    f"The example week needs food {food_id}, which is not in the food store."
                )
            plan, _ = edits.place(plan, date, slot_id, phrases.entry_from_text(food, amount))
    return plan, PlanChange(frozenset(week.week.dates()))
