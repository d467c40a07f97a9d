"""Every change is in the audit log, and no clear-text personal number is."""

import json

import pytest
from auditlog.models import LogEntry

from cases.constants import Scenario
from cases.masking import mask_for_audit
from cases.models import Case, DepartmentTask, Matter, Person
from tests.factories import (
    ALL_FLAGS,
    UserFactory,
    applicant_data,
    deceased_data,
    resident_id,
    submitted_case,
)

from .helpers import complete

pytestmark = pytest.mark.django_db

ID_NUMBER = resident_id(9)
PHONE = "13698765432"


def everything_logged():
    return json.dumps(
        [
            [
                entry.object_repr,
                entry.changes,
                entry.changes_text,
                entry.serialized_data,
                entry.additional_data,
            ]
            for entry in LogEntry.objects.all()
        ],
        ensure_ascii=False,
    )


def test_the_audit_log_holds_no_clear_text_id_number_or_phone():
    case = submitted_case(
        Scenario.HOSPITAL,
        ALL_FLAGS,
        deceased=deceased_data(9, name="赵六"),
        applicant=applicant_data(phone=PHONE, id_number=resident_id(10)),
    )
    complete(case, "BD01", "H01")
    logged = everything_logged()
    assert LogEntry.objects.get_for_object(case).filter(action=LogEntry.Action.CREATE).exists()
    for secret in (ID_NUMBER, ID_NUMBER[:14], resident_id(10), PHONE, PHONE[:7]):
        assert secret not in logged
    assert mask_for_audit(ID_NUMBER) in logged


def test_a_submission_is_one_record_naming_everything_it_created():
    user = UserFactory(staff=True)
    case = submitted_case(
        Scenario.HOSPITAL, ALL_FLAGS, deceased=deceased_data(9), submitted_by=user
    )

    def created(model):
        return LogEntry.objects.get_for_model(model).filter(action=LogEntry.Action.CREATE)

    entry = created(Case).get()
    assert (entry.object_id, entry.actor) == (case.pk, user)
    assert entry.changes["reference"] == ["None", case.reference]
    people = {p["role"]: p for p in entry.additional_data["people"]}
    assert {people["deceased"]["id"], people["applicant"]["id"]} == {
        case.deceased_id,
        case.applicant_id,
    }
    assert people["deceased"]["changes"]["id_number"][1] == mask_for_audit(ID_NUMBER)
    tasks = {row[0]: row for row in entry.additional_data["tasks"]}
    for task in case.tasks.all():
        assert tasks[task.pk][1:4] == [task.matter_code, task.department_id, task.status]
    # One record, not one per row.
    assert not created(Person).exists()
    assert not created(DepartmentTask).exists()


def test_a_task_status_change_is_logged_with_its_actor():
    clerk = UserFactory(staff=True)
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    complete(case, "BD01", actor=clerk)
    bd01 = case.tasks.get(matter_code="BD01")
    entry = LogEntry.objects.get_for_object(bd01).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == clerk
    assert entry.changes["status"] == ["ready", "completed"]


def test_catalogue_edits_are_logged():
    matter = Matter.objects.get(code="R02")
    matter.time_limit = 4
    matter.save()
    entry = LogEntry.objects.get_for_object(matter).latest("timestamp")
    assert entry.changes["time_limit"] == ["2", "4"]


def test_the_registrys_family_data_is_masked_inside_its_json():
    # The demo registry's relatives are JSON; two heirs' full ID numbers
    # were in the audit log.
    from tests.factories import DemoRegistryPersonFactory

    relatives = [
        {"name": "王小红", "relationship": "child", "id_number": resident_id(21)},
        {"name": "王小刚", "relationship": "child", "id_number": resident_id(22)},
    ]
    DemoRegistryPersonFactory(relatives=json.dumps(relatives, ensure_ascii=False))
    logged = everything_logged()
    for relative in relatives:
        assert relative["id_number"] not in logged
        assert relative["id_number"][:14] not in logged
        assert relative["name"] not in logged
    assert resident_id(21)[-4:] in logged  # enough to tell the entries apart
    assert "child" in logged
