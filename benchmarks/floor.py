"""The floor of the indicator engine: the twelve province-wide indicators' totals written by
hand as one SQL query (standard SQL: it runs on SQLite and PostgreSQL). `measure.py` checks
that it gives the engine's figures, then divides the engine's time by its time.

The rules are the engine's (targets/indicators.py); the role lists are MANAGER_ROLES.
"""

from cooperatives.models import MANAGER_ROLES, Kind
from org.plan import PLAN_START


def _roles(kind) -> str:
    return ", ".join(f"'{role}'" for role in sorted(MANAGER_ROLES[kind]))


SQL = f"""
WITH managers AS (
  SELECT r.cooperative_id, r.person_id
  FROM cooperatives_managementrole r
  JOIN cooperatives_person p ON p.id = r.person_id
  JOIN cooperatives_cooperative c ON c.id = r.cooperative_id
  WHERE p.sex = 'F' AND r.start_date <= %(day)s
    AND (r.end_date IS NULL OR r.end_date >= %(day)s)
    AND ((c.kind = 'htx' AND r.role IN ({_roles(Kind.HTX)}))
      OR (c.kind = 'tht' AND r.role IN ({_roles(Kind.THT)})))
),
portfolio AS (
  SELECT c.id, c.kind, c.established_under_plan, c.founded_on
  FROM cooperatives_cooperative c
  WHERE c.union_supported
    AND (c.founded_on IS NULL OR c.founded_on <= %(day)s)
    AND (c.status = 'active' OR c.status_since > %(day)s)
    AND EXISTS (SELECT 1 FROM managers m WHERE m.cooperative_id = c.id)
    AND NOT EXISTS (
      SELECT 1 FROM cooperatives_cooperative n
      WHERE n.converted_from_id = c.id AND (n.founded_on IS NULL OR n.founded_on <= %(day)s))
),
latest AS (
  SELECT f.*, p.kind, p.established_under_plan, p.founded_on
  FROM cooperatives_yearlyfigures f JOIN portfolio p ON p.id = f.cooperative_id
  WHERE f.year = (SELECT MAX(g.year) FROM cooperatives_yearlyfigures g
                  WHERE g.cooperative_id = f.cooperative_id AND g.year <= %(year)s)
),
new_htx AS (
  SELECT * FROM latest
  WHERE kind = 'htx' AND established_under_plan
    AND founded_on >= %(plan_start)s AND founded_on <= %(day)s
    AND workers_female * 10 > workers_total * 7
),
counted AS (
  SELECT pa.person_id, pa.officer_id, pa.certificate_issued, e.category
  FROM training_participant pa JOIN training_trainingevent e ON e.id = pa.event_id
  WHERE e.start_date >= %(plan_start)s AND e.end_date <= %(day)s
),
htx_managers AS (
  SELECT DISTINCT m.person_id FROM managers m
  JOIN portfolio p ON p.id = m.cooperative_id AND p.kind = 'htx'
),
officers AS (
  SELECT o.id, o.works_on_cooperatives FROM training_unionofficer o
  WHERE (o.active_from IS NULL OR o.active_from <= %(day)s)
    AND (o.active_to IS NULL OR o.active_to >= %(day)s)
)
SELECT
  (SELECT COUNT(*) FROM portfolio WHERE kind = 'htx'),
  (SELECT COUNT(*) FROM portfolio WHERE kind = 'tht'),
  (SELECT COALESCE(SUM(female_stable_jobs), 0) FROM latest WHERE kind = 'htx'),
  (SELECT COALESCE(SUM(female_stable_jobs), 0) FROM latest WHERE kind = 'tht'),
  (SELECT COUNT(*) FROM new_htx),
  (SELECT COALESCE(SUM(workers_female), 0) FROM new_htx),
  (SELECT COUNT(*) FROM htx_managers),
  (SELECT COUNT(*) FROM htx_managers h WHERE EXISTS (
     SELECT 1 FROM counted t WHERE t.person_id = h.person_id AND t.category = 'governance')),
  (SELECT COUNT(*) FROM htx_managers h WHERE EXISTS (
     SELECT 1 FROM counted t WHERE t.person_id = h.person_id AND t.category = 'governance'
       AND t.certificate_issued)),
  (SELECT COUNT(*) FROM officers WHERE works_on_cooperatives),
  (SELECT COUNT(*) FROM officers o WHERE o.works_on_cooperatives AND EXISTS (
     SELECT 1 FROM counted t WHERE t.officer_id = o.id)),
  (SELECT COUNT(*) FROM officers),
  (SELECT COUNT(*) FROM officers o WHERE EXISTS (
     SELECT 1 FROM counted t WHERE t.officer_id = o.id AND t.category = 'mobilisation')),
  (SELECT COALESCE(SUM(members_total), 0) FROM latest WHERE kind = 'htx'),
  (SELECT COALESCE(SUM(members_trained_vocational), 0) FROM latest WHERE kind = 'htx'),
  (SELECT COALESCE(SUM(members_trained_ecommerce), 0) FROM latest WHERE kind = 'htx')
"""

# The columns of SQL's one row, as the engine's figures give them.
COLUMNS = [
    ("HTX_SUPPORTED", "actual"),
    ("THT_SUPPORTED", "actual"),
    ("HTX_FEMALE_JOBS", "actual"),
    ("THT_FEMALE_JOBS", "actual"),
    ("NEW_HTX", "actual"),
    ("NEW_HTX_FEMALE_JOBS", "actual"),
    ("MANAGERS_TRAINED_PCT", "denominator"),
    ("MANAGERS_TRAINED_PCT", "numerator"),
    ("MANAGERS_CERTIFIED_PCT", "numerator"),
    ("STAFF_COOP_TRAINED_PCT", "denominator"),
    ("STAFF_COOP_TRAINED_PCT", "numerator"),
    ("STAFF_SKILLS_PCT", "denominator"),
    ("STAFF_SKILLS_PCT", "numerator"),
    ("MEMBERS_VOCATIONAL_PCT", "denominator"),
    ("MEMBERS_VOCATIONAL_PCT", "numerator"),
    ("MEMBERS_ECOMMERCE_PCT", "numerator"),
]


def floor_totals(cursor, day) -> dict:
    """Run the hand-written query; return {(code, part): value}."""
    cursor.execute(SQL, {"day": day, "year": day.year, "plan_start": PLAN_START})
    return dict(zip(COLUMNS, cursor.fetchone(), strict=True))


def engine_totals(figures) -> dict:
    """The same numbers from the engine's `compute()`."""
    return {(code, part): getattr(figures[code], part) or 0 for code, part in COLUMNS}
