"""Every URL of the project that takes a user's request: the access it gives, and its
arguments for one unit's records (tests/records.py). The scope test walks them all for every
role and fails on a URL that is missing here; the hardening test posts to each form that
changes something, without a CSRF token."""

from django.urls import reverse

from showcase.models import slug_of

# Kinds of access. READ: pages everybody reads; WRITE: pages that change records (not for
# leaders); SUMMARY: province-wide pages (a unit officer has their own unit's instead);
# STEP: workflow steps, POST only; STAFF: province staff only;
# EDITORS: pages read only by those who may change records (imports), GET only;
# PUBLIC: the public showcase, read by anyone without logging in (a published record of any
# unit: public by choice).
READ, WRITE, EDITORS, SUMMARY, STEP, STAFF = "read", "write", "editors", "summary", "step", "staff"
PUBLIC = "public"

# name → (kind of access, function of a records dict → reverse() args)
URLS = {
    "cooperatives:list": (READ, lambda r: []),
    "cooperatives:list_xlsx": (READ, lambda r: []),
    "cooperatives:create": (WRITE, lambda r: []),
    "cooperatives:detail": (READ, lambda r: [r["coop"].pk]),
    "cooperatives:edit": (WRITE, lambda r: [r["coop"].pk]),
    "cooperatives:delete": (WRITE, lambda r: [r["coop"].pk]),
    "cooperatives:part_create": (WRITE, lambda r: [r["coop"].pk, "figures"]),
    "cooperatives:part_edit": (WRITE, lambda r: [r["coop"].pk, "figures", r["figures"].pk]),
    "cooperatives:part_delete": (WRITE, lambda r: [r["coop"].pk, "roles", r["role"].pk]),
    "cooperatives:person_list": (READ, lambda r: []),
    "cooperatives:person_list_xlsx": (READ, lambda r: []),
    "cooperatives:person_create": (WRITE, lambda r: []),
    "cooperatives:person_detail": (READ, lambda r: [r["person"].pk]),
    "cooperatives:person_edit": (WRITE, lambda r: [r["person"].pk]),
    "cooperatives:person_delete": (WRITE, lambda r: [r["person"].pk]),
    "org:details_form": (WRITE, lambda r: []),
    "training:event_list": (READ, lambda r: []),
    "training:event_list_xlsx": (READ, lambda r: []),
    "training:event_create": (WRITE, lambda r: []),
    "training:event_detail": (READ, lambda r: [r["event"].pk]),
    "training:event_participants_xlsx": (READ, lambda r: [r["event"].pk]),
    "training:event_edit": (WRITE, lambda r: [r["event"].pk]),
    "training:event_delete": (WRITE, lambda r: [r["event"].pk]),
    "training:participants_add": (WRITE, lambda r: [r["event"].pk]),
    "training:participant_edit": (WRITE, lambda r: [r["event"].pk, r["participant"].pk]),
    "training:participant_delete": (WRITE, lambda r: [r["event"].pk, r["participant"].pk]),
    "training:head_counts": (WRITE, lambda r: [r["event"].pk]),
    "training:officer_list": (READ, lambda r: []),
    "training:officer_list_xlsx": (READ, lambda r: []),
    "training:officer_create": (WRITE, lambda r: []),
    "training:officer_detail": (READ, lambda r: [r["officer"].pk]),
    "training:officer_edit": (WRITE, lambda r: [r["officer"].pk]),
    "training:officer_delete": (WRITE, lambda r: [r["officer"].pk]),
    "targets:dashboard": (READ, lambda r: []),
    "targets:heat": (SUMMARY, lambda r: []),
    "targets:breakdown": (READ, lambda r: ["HTX_SUPPORTED"]),
    "targets:breakdown_xlsx": (READ, lambda r: ["HTX_SUPPORTED"]),
    "targets:records": (READ, lambda r: ["MANAGERS_TRAINED_PCT"]),
    "targets:records_xlsx": (READ, lambda r: ["MANAGERS_TRAINED_PCT"]),
    "reporting:round_list": (READ, lambda r: []),
    "reporting:round_board": (READ, lambda r: [r["submission"].round_id]),
    "reporting:round_board_xlsx": (READ, lambda r: [r["submission"].round_id]),
    "reporting:provincial_report": (SUMMARY, lambda r: [r["submission"].round_id]),
    "reporting:report_xlsx": (SUMMARY, lambda r: [r["submission"].round_id]),
    "reporting:report_pdf": (SUMMARY, lambda r: [r["submission"].round_id]),
    "reporting:report_edit": (STAFF, lambda r: [r["submission"].round_id]),
    "reporting:submission": (READ, lambda r: [r["submission"].round_id, r["submission"].unit_id]),
    "reporting:attachment_upload": (
        STEP,
        lambda r: [r["submission"].round_id, r["submission"].unit_id],
    ),
    "reporting:attachment_download": (
        READ,
        lambda r: [r["submission"].round_id, r["submission"].unit_id, r["attachment"].pk],
    ),
    "reporting:attachment_delete": (
        STEP,
        lambda r: [r["submission"].round_id, r["submission"].unit_id, r["attachment"].pk],
    ),
    "reporting:submission_step": (
        STEP,
        lambda r: [r["submission"].round_id, r["submission"].unit_id, "submit"],
    ),
    "imports:start": (WRITE, lambda r: []),
    "imports:template": (EDITORS, lambda r: []),
    "imports:batch": (EDITORS, lambda r: [r["batch"].pk]),
    "imports:marked": (EDITORS, lambda r: [r["batch"].pk]),
    "imports:confirm": (STEP, lambda r: [r["batch"].pk]),
    "imports:discard": (STEP, lambda r: [r["batch"].pk]),
    "showcase:home": (PUBLIC, lambda r: []),
    "showcase:directory": (PUBLIC, lambda r: []),
    "showcase:cooperative": (PUBLIC, lambda r: [r["coop"].pk, slug_of(r["coop"].name)]),
    "showcase:product": (PUBLIC, lambda r: [r["product"].pk, slug_of(r["product"].name)]),
    "showcase:photo": (PUBLIC, lambda r: [r["photo"].folder, r["photo"].width_list[0]]),
    "showcase:open_data": (PUBLIC, lambda r: []),
    "showcase:open_data_file": (PUBLIC, lambda r: ["products", "csv"]),
    "showcase:sitemap": (PUBLIC, lambda r: []),
    "showcase:sitemap_section": (PUBLIC, lambda r: ["public"]),
    "showcase:robots": (PUBLIC, lambda r: []),
    "showcase:manage": (WRITE, lambda r: [r["coop"].pk]),
    "showcase:preview": (READ, lambda r: [r["coop"].pk]),
    "showcase:step": (STEP, lambda r: [r["coop"].pk, "unpublish"]),
    "showcase:preview_photo": (READ, lambda r: [r["photo"].folder, r["photo"].width_list[0]]),
    "showcase:sales_point_create": (WRITE, lambda r: [r["coop"].pk]),
    "showcase:sales_point_edit": (WRITE, lambda r: [r["coop"].pk, r["sales_point"].pk]),
    "showcase:sales_point_delete": (WRITE, lambda r: [r["coop"].pk, r["sales_point"].pk]),
    "showcase:photos": (WRITE, lambda r: [r["coop"].pk, r["product"].pk]),
    "showcase:photo_delete": (WRITE, lambda r: [r["coop"].pk, r["product"].pk, r["photo"].pk]),
    "showcase:consent": (WRITE, lambda r: [r["person"].pk]),
    "showcase:consent_withdraw": (WRITE, lambda r: [r["person"].pk]),
    "followup:cooperative": (READ, lambda r: [r["coop"].pk]),
    "followup:support_create": (WRITE, lambda r: [r["coop"].pk]),
    "followup:difficulty_create": (WRITE, lambda r: [r["coop"].pk]),
    "followup:support_list": (READ, lambda r: []),
    "followup:support_list_xlsx": (READ, lambda r: []),
    "followup:support_bulk": (WRITE, lambda r: []),
    "followup:support_detail": (READ, lambda r: [r["support"].pk]),
    "followup:support_edit": (WRITE, lambda r: [r["support"].pk]),
    "followup:support_delete": (WRITE, lambda r: [r["support"].pk]),
    "followup:difficulty_list": (READ, lambda r: []),
    "followup:difficulty_list_xlsx": (READ, lambda r: []),
    "followup:difficulty_detail": (READ, lambda r: [r["difficulty"].pk]),
    "followup:difficulty_edit": (WRITE, lambda r: [r["difficulty"].pk]),
    "followup:difficulty_answer": (WRITE, lambda r: [r["difficulty"].pk]),
    "followup:difficulty_delete": (WRITE, lambda r: [r["difficulty"].pk]),
    "followup:summary": (READ, lambda r: []),
    "followup:summary_xlsx": (READ, lambda r: []),
    "followup:comparison": (READ, lambda r: []),
    "followup:comparison_xlsx": (READ, lambda r: []),
    "followup:kind_list": (READ, lambda r: []),
    "followup:kind_create": (STAFF, lambda r: []),
    "followup:kind_edit": (STAFF, lambda r: [r["support"].kind_id]),
    "restore:deleted": (STAFF, lambda r: []),
    "restore:restore": (STEP, lambda r: ["cooperative", 1]),
    "privacy:find": (STAFF, lambda r: []),
    "privacy:person": (STAFF, lambda r: ["person", r["person"].pk]),
    "privacy:file": (STAFF, lambda r: ["officer", r["officer"].pk]),
    "privacy:anonymise": (STAFF, lambda r: ["person", r["person"].pk]),
}
# The query string some URLs need: the export whose personal details are asked for.
QUERIES = {"org:details_form": lambda r: "?next=" + reverse("cooperatives:person_list_xlsx")}
# Every part of a cooperative goes through the same views; each kind is walked too.
PARTS = {"figures": "figures", "products": "product", "roles": "role"}
# URLs outside the registry, covered by their own tests (test_site.py; the admin's scoped
# "view on site" redirect: org/test_admin_guards.py; the admin's inventory of personal data:
# org/test_access_log_admin.py) or Django's admin.
# The public site's language link: tests/showcase/test_public_pages.py.
ELSEWHERE = {
    "home",
    "login",
    "logout",
    "set_language",
    "admin_view_on_site",
    "admin_personal_data",
    "showcase:language",
}


def urls_for(recs):
    """Yield (name, kind of access, URL) of every URL for the records `recs` of a unit, each
    kind of part of a cooperative included."""
    for name, (access, args) in URLS.items():
        query = QUERIES[name](recs) if name in QUERIES else ""
        yield name, access, reverse(name, args=args(recs)) + query
    for part, key in PARTS.items():
        coop = recs["coop"].pk
        yield f"{part} new", WRITE, reverse("cooperatives:part_create", args=[coop, part])
        for view in ("part_edit", "part_delete"):
            url = reverse(f"cooperatives:{view}", args=[coop, part, recs[key].pk])
            yield f"{part} {view}", WRITE, url
