"""Each GraphQL type filters the rows a viewer may see in its own
get_queryset (as kukkuu does), so a row of someone else's case is never
returned, however a resolver reaches it."""

from types import SimpleNamespace

import pytest
from django.test import RequestFactory

from api.types import CaseType, CertificateType, TaskType
from cases.models import Case, Certificate, DepartmentTask
from tests.cases.helpers import complete
from tests.factories import applicant_data, citizen, deceased_data, submitted_case

pytestmark = pytest.mark.django_db


def info_for(user):
    request = RequestFactory().post("/graphql/")
    request.user = user
    request.api_token = None
    return SimpleNamespace(context=request)


@pytest.fixture
def two_families():
    mine = submitted_case(applicant=applicant_data(phone="13912345678"))
    theirs = submitted_case(
        deceased=deceased_data(n=2), applicant=applicant_data(phone="13800000000")
    )
    for case in (mine, theirs):
        complete(case, "BD01", "H01")
    return mine, theirs


def test_cases_are_only_the_viewers(two_families):
    mine, _theirs = two_families
    info = info_for(citizen("13912345678"))
    assert list(CaseType.get_queryset(Case.objects.all(), info)) == [mine]


def test_tasks_are_only_those_of_the_viewers_cases(two_families):
    mine, _theirs = two_families
    info = info_for(citizen("13912345678"))
    tasks = TaskType.get_queryset(DepartmentTask.objects.all(), info)
    assert {task.case_id for task in tasks} == {mine.pk}


def test_certificates_are_only_those_of_the_viewers_cases(two_families):
    mine, _theirs = two_families
    assert Certificate.objects.count() == 2
    info = info_for(citizen("13912345678"))
    certificates = CertificateType.get_queryset(Certificate.objects.all(), info)
    assert [c.case_id for c in certificates] == [mine.pk]


def test_a_viewer_with_no_case_sees_no_row(two_families):
    info = info_for(citizen("13700000000"))
    assert not CaseType.get_queryset(Case.objects.all(), info).exists()
    assert not TaskType.get_queryset(DepartmentTask.objects.all(), info).exists()
