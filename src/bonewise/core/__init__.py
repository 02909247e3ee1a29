"""Pure-Python domain core: foods, nutrients, plans, targets, totals and checks. No Qt here."""
