"""Facts of Plan 294/KH-UBND that other apps need before the plan itself is held as data."""

import datetime

# The plan was issued on 06/07/2023; training and new cooperatives count from this day.
PLAN_START = datetime.date(2023, 7, 6)
