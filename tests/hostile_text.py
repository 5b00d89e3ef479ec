"""Text an intruder might type into a name or a narrative: markup, and spreadsheet formulas."""

XSS = '<script>alert(1)</script>=HYPERLINK("http://x","y")'
FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", '=HYPERLINK("http://x","y")']
