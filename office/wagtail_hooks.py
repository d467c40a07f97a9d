from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet

from cases.constants import Scenario
from cases.models import HotlineLock
from cases.roles import files_for_families, is_administrator, is_hotline_supervisor
from cases.workdays import years_missing_schedule

from .burial import BurialGroup
from .catalogue import CatalogueGroup
from .dispatches import dispatch_viewset, retry_dispatch, sms_message_viewset
from .fees import FeesGroup
from .network import NetworkGroup

register_snippet(CatalogueGroup)
register_snippet(NetworkGroup)
register_snippet(BurialGroup)
register_snippet(FeesGroup)


class MissingHolidaySchedulePanel(Component):
    """Tells administrators that due dates next year count weekends only until
    the official holiday schedule is entered."""

    name = "missing_holiday_schedule"
    order = 10

    def __init__(self, years):
        self.years = years

    def render_html(self, parent_context=None):
        years = "、".join(str(year) for year in self.years)
        return format_html(
            '<section class="panel help-block help-warning" role="alert"><p>{}</p>'
            '<p><a class="button" href="{}">{}</a></p></section>',
            _(
                "The State Council's holiday notice for %(years)s is not entered yet: due "
                "dates then count the statutory holidays and weekends, without the extra days "
                "off and the make-up working days. Enter the notice (国务院办公厅关于%(years)s年"
                "部分节假日安排的通知): its days off and its make-up working days."
            )
            % {"years": years},
            reverse("holiday_notices:index") + f"?year={self.years[0]}",
            _("Enter the notice"),
        )


class HotlineLocksPanel(Component):
    """The alert to hotline supervisors (and administrators): agents locked
    out after too many refused lookups, until a supervisor releases them."""

    name = "hotline_locks"
    order = 20

    def __init__(self, locks):
        self.locks = locks

    @staticmethod
    def open_locks_for(user):
        if not is_hotline_supervisor(user):
            return []
        return list(HotlineLock.objects.filter(released_at__isnull=True).select_related("agent"))

    def render_html(self, parent_context=None):
        items = format_html_join(
            "",
            "<li>{}</li>",
            (
                (
                    _("%(agent)s: %(count)s refused lookups, locked at %(at)s")
                    % {
                        "agent": lock.agent.get_username(),
                        "count": lock.refused_lookups,
                        "at": timezone.localtime(lock.locked_at).strftime("%Y-%m-%d %H:%M"),
                    },
                )
                for lock in self.locks
            ),
        )
        return format_html(
            '<section class="panel help-block help-critical" role="alert"><p>{}</p><ul>{}</ul>'
            '<p><a class="button" href="{}">{}</a></p></section>',
            _("Hotline agents locked out after too many refused lookups:"),
            items,
            reverse("hotline_lookups:index"),
            _("Release with a reason"),
        )


class FileForAFamilyPanel(Component):
    """The first thing a funeral assistant or a 12345 agent does in the admin:
    file an application for a family, or go on with one they started."""

    name = "file_for_a_family"
    order = 5

    def __init__(self, drafts):
        self.drafts = drafts

    @staticmethod
    def drafts_of(user):
        from forms.models import Draft

        return Draft.objects.in_progress().filter(owner=user).count()

    def render_html(self, parent_context=None):
        scenarios = format_html_join(
            "",
            '<li><a class="button" href="{}">{}</a></li>',
            ((reverse("portal:apply", args=[value]), label) for value, label in Scenario.choices),
        )
        drafts = ""
        if self.drafts:
            drafts = format_html(
                '<p><a href="{}">{}</a></p>',
                reverse("portal:apply_index"),
                ngettext(
                    "Go on with the application you have not finished",
                    "Go on with the %(count)s applications you have not finished",
                    self.drafts,
                )
                % {"count": self.drafts},
            )
        return format_html(
            '<section class="panel"><h2>{}</h2><p>{}</p><ul class="file-for-a-family">{}</ul>'
            '{}<p><a href="{}">{}</a></p></section>',
            _("File for a family"),
            _(
                "Choose how the person died. You fill in the form with the family; the "
                "applicant confirms it with the code sent to their own phone."
            ),
            scenarios,
            drafts,
            reverse("portal:case_list"),
            _("Applications you filed"),
        )


class RemindersPanel(Component):
    """Tasks due soon or overdue that this member of staff should look at."""

    name = "staff_reminders"
    order = 15

    def __init__(self, reminders):
        self.reminders = reminders

    def render_html(self, parent_context=None):
        from django.urls import reverse

        items = format_html_join(
            "",
            '<li><a href="{}">{} · {}</a> — {}</li>',
            (
                (
                    reverse("workbench:task", args=[r.task_id]),
                    r.task.case.display_reference,
                    r.task.matter_name,
                    r.get_kind_display(),
                )
                for r in self.reminders
            ),
        )
        return format_html(
            '<section class="panel help-block help-warning"><h2>{}</h2><ul>{}</ul></section>',
            _("Needs your attention"),
            items,
        )


class RecentSignInsPanel(Component):
    """Who of the staff signed in last, for administrators."""

    name = "recent_sign_ins"
    order = 200

    def __init__(self, users):
        self.users = users

    def render_html(self, parent_context=None):
        items = format_html_join(
            "",
            "<li>{} · {}</li>",
            (
                (
                    user.get_username(),
                    timezone.localtime(user.last_login).strftime("%Y-%m-%d %H:%M"),
                )
                for user in self.users
            ),
        )
        return format_html(
            '<section class="panel"><h2>{}</h2><ul>{}</ul></section>',
            _("Latest staff sign-ins"),
            items,
        )


@hooks.register("construct_homepage_panels")
def show_recent_sign_ins(request, panels):
    from django.contrib.auth import get_user_model

    user = request.user
    if is_administrator(user):
        recent = (
            get_user_model()
            .objects.filter(is_staff=True, last_login__isnull=False)
            .order_by("-last_login")[:10]
        )
        panels.append(RecentSignInsPanel(list(recent)))


@hooks.register("construct_homepage_panels")
def remind_staff(request, panels):
    from cases.services.reminders import unread_for

    reminders = list(unread_for(request.user))
    if reminders:
        panels.insert(0, RemindersPanel(reminders))


@hooks.register("construct_homepage_panels")
def alert_about_hotline_locks(request, panels):
    locks = HotlineLocksPanel.open_locks_for(request.user)
    if locks:
        panels.insert(0, HotlineLocksPanel(locks))


@hooks.register("construct_homepage_panels")
def offer_filing_for_a_family(request, panels):
    if files_for_families(request.user):
        panels.insert(0, FileForAFamilyPanel(FileForAFamilyPanel.drafts_of(request.user)))


@hooks.register("construct_homepage_panels")
def warn_about_missing_holiday_schedule(request, panels):
    # Only administrators can enter the notice; nobody else is told to.
    if not is_administrator(request.user):
        return
    years = years_missing_schedule(timezone.localdate())
    if years:
        panels.insert(0, MissingHolidaySchedulePanel(years))


@hooks.register("register_admin_viewset")
def register_dispatch_viewset():
    return dispatch_viewset


@hooks.register("register_admin_viewset")
def register_sms_viewset():
    return sms_message_viewset


@hooks.register("register_admin_urls")
def register_dispatch_retry_url():
    return [path("dispatches/<int:pk>/retry/", retry_dispatch, name="cases_dispatch_retry")]


@hooks.register("register_admin_viewset")
def register_workbench():
    from .workbench import workbench_viewset

    return workbench_viewset


@hooks.register("register_admin_viewset")
def register_hotline_console():
    from .hotline import hotline_console_viewset

    return hotline_console_viewset


@hooks.register("register_admin_viewset")
def register_statistics():
    from .statistics import statistics_viewset

    return statistics_viewset


@hooks.register("register_admin_viewset")
def register_data_requests():
    from .rights import data_request_viewset

    return data_request_viewset


@hooks.register("register_admin_viewset")
def register_waiver_claims():
    from .claims import claims_viewset

    return claims_viewset


@hooks.register("register_admin_viewset")
def register_hotline_lookups():
    from .hotline_lookups import hotline_lookup_viewset

    return hotline_lookup_viewset


@hooks.register("register_admin_viewset")
def register_holiday_notices():
    from .holiday_notices import holiday_notice_viewset

    return holiday_notice_viewset


@hooks.register("register_admin_viewset")
def register_rating_review_viewset():
    from .ratings import rating_review_viewset

    return rating_review_viewset


@hooks.register("register_admin_viewset")
def register_death_certificates():
    from .medical_certificates import death_certificate_viewset

    return death_certificate_viewset


@hooks.register("register_admin_viewset")
def register_assistant_coverage():
    from .network import coverage_viewset

    return coverage_viewset


@hooks.register("register_admin_viewset")
def register_audit_events():
    from .audit import audit_event_viewset

    return audit_event_viewset


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
@hooks.register("after_publish_page")
def warn_about_what_an_application_form_leaves_out(request, page):
    """Editors learn, when they save or publish a form, which needed items no
    step asks and which answers no department receives (a warning, not a
    refusal: a form may still be published)."""
    from django.contrib import messages

    from forms.contract import warnings
    from forms.models import ApplicationFormPage

    specific = page.specific
    if isinstance(specific, ApplicationFormPage):
        for warning in warnings(specific.definition(), specific.scenario):
            messages.warning(request, warning)


@hooks.register("after_edit_snippet")
@hooks.register("after_create_snippet")
def warn_about_the_critical_path(request, instance):
    from cases.models import Matter

    from .catalogue import warn_if_a_chain_is_too_long

    if isinstance(instance, Matter):
        warn_if_a_chain_is_too_long(request)
