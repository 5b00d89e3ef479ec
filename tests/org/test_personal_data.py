"""The inventory of personal data (`org.personal_data`) stays true: every field of a model that
describes a person is classified, personal or not; a field of any of the portal's models whose
name looks personal is in the inventory or has its reason here; and the README's table says
what the inventory says."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models import ForeignObjectRel
from django.utils import translation
from simple_history.models import HistoricalChanges

from org.personal_data import FIELDS, NOT_PERSONAL, PERSON_MODELS, Sensitivity

# A field whose name says it may hold a person's name, contact, birth, ethnicity, sex,
# identity or address.
PERSON_LIKE = re.compile(
    r"_name$|^username$|phone|e_?mail|birth|ethnic|(^|_)sex(_|$)|gender|id_number|identity"
    r"|citizen|passport|address"
)

# Fields whose names look personal but hold no one's personal data, each with the reason.
NOT_A_PERSONS = {
    ("cooperatives.Cooperative", "address"): "the cooperative's seat, an organisation's address",
    ("showcase.SalesPoint", "address"): "where a cooperative's products are sold: a shop, a stall",
    ("showcase.Publication", "show_address"): "yes/no: whether the cooperative's address is shown",
    ("cooperatives.YearlyFigures", "workers_female_ethnic_minority"): "a count, no one in it",
    ("training.HeadCount", "ethnic_minority"): "a count of a training's participants, no one in it",
    ("reporting.ProvincialReport", "signer_name"): (
        "the signature of the province's official report, printed on it: the office's act"
    ),
}

# The portal's own apps: every one of them is looked through.
PROJECT_APPS = {
    "org",
    "cooperatives",
    "training",
    "targets",
    "followup",
    "reporting",
    "imports",
    "restore",
    "showcase",
    "privacy",
}

README = Path(settings.BASE_DIR) / "README.md"
SECTION = "### Personal data (Law 91/2025/QH15)"


def stored_fields(model) -> set[str]:
    """The names of the fields `model` stores: columns, foreign keys and many-to-many fields
    of its own; no reverse relation."""
    return {
        field.name
        for field in model._meta.get_fields()
        if not isinstance(field, ForeignObjectRel) and (field.concrete or field.many_to_many)
    }


def project_apps() -> list:
    """The portal's own apps: those whose code lies in the project, not another library's
    (the virtual environment lies in the project too)."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        app
        for app in apps.get_app_configs()
        if Path(app.path).resolve().is_relative_to(base)
        and "site-packages" not in Path(app.path).parts
    ]


def project_models():
    """The models of the portal's own apps, without the historical models
    django-simple-history makes."""
    for app in project_apps():
        for model in app.get_models():
            if not issubclass(model, HistoricalChanges):
                yield model


def personal() -> set[tuple[str, str]]:
    return {(field.model, field.field) for field in FIELDS}


def classification_errors(fields_of: dict, personal_fields: set, not_personal: dict) -> list:
    """What is wrong with the classification of the fields of each model in `fields_of`
    ({label: field names}): a field neither personal nor not, one that is both, one that
    is classified but does not exist."""
    errors = []
    for label, names in sorted(fields_of.items()):
        mine = {name for model, name in personal_fields if model == label}
        others = set(not_personal.get(label, ()))
        errors += [f"{label}.{name}: not classified" for name in sorted(names - mine - others)]
        errors += [f"{label}.{name}: personal and not" for name in sorted(mine & others)]
        errors += [f"{label}.{name}: no such field" for name in sorted((mine | others) - names)]
    return errors


def unclassified_person_like(fields_of: dict, personal_fields: set, reasons: dict) -> list:
    """The fields of `fields_of` ({label: field names}) whose names look personal and that
    are neither personal data in the inventory nor given a reason in `reasons`."""
    return [
        f"{label}.{name}"
        for label, names in sorted(fields_of.items())
        for name in sorted(names)
        if PERSON_LIKE.search(name)
        and (label, name) not in personal_fields
        and (label, name) not in reasons
    ]


def all_fields() -> dict[str, set[str]]:
    return {model._meta.label: stored_fields(model) for model in project_models()}


# --- Every field of a model that describes a person is classified.


def test_every_field_of_a_person_is_personal_or_not_never_both():
    fields_of = {label: stored_fields(apps.get_model(label)) for label in PERSON_MODELS}
    assert classification_errors(fields_of, personal(), NOT_PERSONAL) == []


def test_the_inventory_names_only_fields_that_exist():
    assert set(NOT_PERSONAL) <= PERSON_MODELS
    missing = [
        f"{field.model}.{field.field}"
        for field in FIELDS
        if field.field not in stored_fields(apps.get_model(field.model))
    ]
    assert missing == []
    assert {field.sensitivity for field in FIELDS} <= set(Sensitivity.values)


def test_ethnicity_is_sensitive_and_left_out_of_exports():
    ethnicity = next(
        field
        for field in FIELDS
        if (field.model, field.field) == ("cooperatives.Person", "ethnicity")
    )
    assert ethnicity.sensitivity == Sensitivity.SENSITIVE
    assert ethnicity.detail


def test_the_check_reports_a_new_field_of_a_person():
    # As if cooperatives.Person had a new column: no real model is changed.
    person = stored_fields(apps.get_model("cooperatives.Person"))
    fields_of = {"cooperatives.Person": person | {"national_id"}}
    assert classification_errors(fields_of, personal(), NOT_PERSONAL) == [
        "cooperatives.Person.national_id: not classified"
    ]
    both = {"cooperatives.Person": {*NOT_PERSONAL["cooperatives.Person"], "phone"}}
    assert classification_errors({"cooperatives.Person": person}, personal(), both) == [
        "cooperatives.Person.phone: personal and not"
    ]
    gone = {"cooperatives.Person": person - {"phone"}}
    assert classification_errors(gone, personal(), NOT_PERSONAL) == [
        "cooperatives.Person.phone: no such field"
    ]


# --- No field of any model that looks personal goes unclassified.


def test_every_app_of_the_portal_is_looked_through_and_no_library():
    looked_through = {app.label for app in project_apps()}
    assert PROJECT_APPS <= looked_through
    assert not looked_through & {"auth", "admin", "axes", "simple_history", "csp"}
    models = {model._meta.label for model in project_models()}
    assert {"cooperatives.Person", "reporting.ProvincialReport"} <= models
    assert not any(".Historical" in label for label in models)


def test_every_field_that_looks_personal_is_in_the_inventory_or_has_a_reason():
    assert unclassified_person_like(all_fields(), personal(), NOT_A_PERSONS) == []


def test_every_reason_names_a_field_that_exists_and_looks_personal():
    fields_of = all_fields()
    for (label, name), reason in NOT_A_PERSONS.items():
        assert name in fields_of[label], (label, name)
        assert PERSON_LIKE.search(name), (label, name)
        assert (label, name) not in personal(), (label, name)
        assert reason


def test_the_check_reports_a_new_field_that_looks_personal():
    # As if follow-up support had a contact's phone and name: no real model is changed.
    fields_of = {"followup.Support": {"id", "amount", "contact_phone", "contact_name", "notes"}}
    assert unclassified_person_like(fields_of, personal(), NOT_A_PERSONS) == [
        "followup.Support.contact_name",
        "followup.Support.contact_phone",
    ]
    # A person's field put among those that are not personal is still reported.
    fields_of = {"cooperatives.Person": {"id", "home_address", "email"}}
    assert unclassified_person_like(fields_of, personal(), NOT_A_PERSONS) == [
        "cooperatives.Person.email",
        "cooperatives.Person.home_address",
    ]


# --- The README's section says what the inventory says.


def readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.index("\n### ", start + len(SECTION))
    return text[start:end]


def table_rows(section: str) -> list[list[str]]:
    """The data rows of the section's Markdown table, as lists of stripped cells."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("|")
    ]
    return [row for row in rows[1:] if not set("".join(row)) <= set("-: ")]


def legend(section: str) -> dict[str, str]:
    """The section's list of who may see: {key: text, on one line}."""
    found = re.findall(r"^- \*\*(.+?)\*\*: (.+?)(?=\n- |\n\n|\Z)", section, re.M | re.S)
    return {key: " ".join(text.split()).rstrip(".") for key, text in found}


def test_the_readme_section_sits_between_follow_up_and_exports():
    text = README.read_text(encoding="utf-8")
    follow_up = text.index("### Follow-up of each cooperative")
    section = text.index(SECTION)
    exports = text.index("### Excel exports")
    assert follow_up < section < exports
    assert "\n### " not in text[follow_up + 4 : section]


def test_the_readme_table_is_the_inventory():
    section = readme_section()
    rows = table_rows(section)
    seen_by = legend(section)
    words = " ".join(section.split())
    with translation.override("en"):
        for label in PERSON_MODELS | {field.model for field in FIELDS}:
            assert f"{apps.get_model(label)._meta.verbose_name} (`{label}`)" in words, label
        expected = []
        for field in FIELDS:
            opts = apps.get_model(field.model)._meta
            expected.append(
                (
                    f"{opts.verbose_name} (`{field.model}`)",
                    f"{opts.get_field(field.field).verbose_name} (`{field.field}`)",
                    str(field.sensitivity),
                    "yes" if field.detail else "no",
                    str(field.seen_by),
                )
            )
        written = [(*row[:4], seen_by.get(row[4], row[4])) for row in rows]
    assert sorted(written) == sorted(expected)
