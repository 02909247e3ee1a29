"""The week grid: a table model over the week plan, its cell delegate and editor, and the view."""
