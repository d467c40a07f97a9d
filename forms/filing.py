"""A draft application, whichever face fills it in.

The web wizard (``portal.wizard``) and the app (``api.applications``) keep
the same ``Draft`` rows in the same layout (formtools' storage), so a family
can start on the phone and finish on the web, or the other way round. What
the steps are, which of them are shown, how an answer is checked and kept,
the registry's prefill, the notice that a case is already open and the
submission are decided here, once; the faces only render and ask.
"""

import uuid
from collections import OrderedDict

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from cases.constants import CaseStatus, ProfileFlag
from cases.masking import mask_name
from cases.models import Matter
from cases.roles import files_for_families
from cases.services.applications import submit_application
from cases.services.documents import Document
from cases.services.medical_certificates import waiting_for
from cases.services.open_cases import (
    CaseAlreadyOpen,
    case_of_death,
    refusal,
    someone_else_tried,
)
from cases.services.registry_check import UNAVAILABLE, RegistryCheck, check_deceased
from cases.storage import draft_storage

from . import engine
from .answers import ERROR_KEYS, collect
from .domain import field_name
from .profile import ProfileForm, ReviewForm
from .storage import NAME_KEPT, PENDING_KEY, DraftStorage

PREFIX = "apply"
PROFILE, REVIEW = "profile", "review"
ID_KEY = "deceased.id_number"
# Where a refused submission's messages wait, by step, in the draft.
REFUSALS = "refusals_by_step"
# A draft holds at most this many files nobody's answer has taken yet: the
# upload endpoint must not become free encrypted disk space.
MAX_PENDING_UPLOADS = 20


class Refused(Exception):
    """The application was refused at submission; ``by_step`` says where."""

    def __init__(self, by_step):
        super().__init__(by_step)
        self.by_step = by_step


class StepIncomplete(Exception):
    """A shown step is unanswered or its kept answers no longer pass."""

    def __init__(self, step, errors):
        super().__init__(step)
        self.step = step
        self.errors = errors


class Filing:
    """One draft's steps and kept answers."""

    def __init__(self, draft, request=None):
        self.draft = draft
        self.storage = DraftStorage(draft, PREFIX, request, draft_storage())
        self.steps = engine.parse(draft.definition)
        # A funeral assistant or a 12345 agent fills it in for a family: the
        # questions speak of the applicant, not of "you".
        self.for_staff = request is not None and files_for_families(request.user)
        # Who the registry check answers: the one filling it in.
        # (A form only described, not yet a draft, has no one.)
        if request is not None:
            self.user = request.user
        else:
            self.user = draft.owner if draft.owner_id else None
        self.form_list = OrderedDict()
        self.condition_dict = {}
        self.id_step = None
        for step in self.steps:
            self.form_list[step.name] = step.form_class(for_staff=self.for_staff)
            if step.is_conditional:
                self.condition_dict[step.name] = engine.condition(step, self.steps)
            if any(q.domain_key == ID_KEY for q in step.questions):
                self.id_step = step
                self.form_list[PROFILE] = ProfileForm
        self.form_list[REVIEW] = ReviewForm

    # Which steps, in which order ---------------------------------------------

    def shown(self):
        """The steps shown with the answers kept now, in order (review last).
        The conditions read ``self.storage``, as they read a wizard's."""
        return [
            name
            for name in self.form_list
            if name not in self.condition_dict or self.condition_dict[name](self)
        ]

    def sections(self):
        """The steps that are always there, in order: a conditional step
        belongs to the one before it. Counting these, the progress ("第 3
        步，共 7 步") never changes under the applicant, whatever they answer."""
        return [name for name in self.form_list if name not in self.condition_dict]

    def progress(self, step):
        """(position, total) of ``step`` by section: a conditional step
        shows the number of the step it follows."""
        sections = self.sections()
        names = list(self.form_list)
        index = names.index(step) if step in names else 0
        position = sum(1 for name in names[: index + 1] if name in sections)
        return max(position, 1), len(sections)

    def answered(self, step):
        return self.storage.get_step_data(step) is not None

    def next_step(self):
        """The first shown step not answered yet; the review once all are."""
        return next((s for s in self.shown() if s != REVIEW and not self.answered(s)), REVIEW)

    def step_of(self, domain_key):
        for step in self.steps:
            if any(q.domain_key == domain_key for q in step.questions):
                return step.name
        return None

    # What a step's form starts with --------------------------------------------

    def id_number(self):
        if self.id_step is None:
            return ""
        data = self.storage.get_step_data(self.id_step.name)
        if not data:
            return ""
        return (data.get(f"{self.id_step.name}-{field_name(ID_KEY)}") or "").strip()

    def registry_initial(self):
        """The deceased as the shared registry knows them, looked up once per
        ID number and kept in the draft."""
        id_number = self.id_number()
        cache = self.storage.extra_data.get("registry")
        if cache and cache.get("id_number") == id_number:
            return cache["initial"]
        try:
            check = check_deceased(id_number, actor=self.user, for_staff=self.for_staff)
        except ValidationError:
            check = RegistryCheck(UNAVAILABLE)
        record, status = check.record, check.status
        initial = {}
        if record:
            initial = {
                "name": record.name,
                "gender": record.gender,
                "birth_date": record.birth_date.isoformat(),
                "flags": [flag for flag, value in record.flags.items() if value],
            }
        self.storage.extra_data = {
            **self.storage.extra_data,
            "registry": {"id_number": id_number, "initial": initial, "status": status},
        }
        return initial

    def certified_initial(self, phone):
        """The deceased's ID number, time and place of death, from a medical
        certificate that names the signed-in family as its contact and that
        no case took up yet (the hospital's text brought them here)."""
        medical = next((m for m in waiting_for(phone) if m.scenario == self.draft.scenario), None)
        if medical is None:
            return {}
        return {
            field_name(ID_KEY): medical.id_number,
            field_name("death.datetime"): timezone.localtime(medical.died_at).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            field_name("death.place"): medical.place_of_death,
        }

    @property
    def registry_status(self):
        return self.storage.extra_data.get("registry", {}).get("status")

    def filed_for(self):
        """Whom staff file for, as far as answered: the deceased's and the
        applicant's names, masked (the screen may be seen by others)."""
        names = {}
        profile = self.storage.get_step_data(PROFILE) or {}
        if profile.get(f"{PROFILE}-name"):
            names["deceased"] = mask_name(profile[f"{PROFILE}-name"])
        step = self.step_of("applicant.name")
        data = (self.storage.get_step_data(step) or {}) if step else {}
        applicant = data.get(f"{step}-{field_name('applicant.name')}")
        if applicant:
            names["applicant"] = mask_name(applicant)
        return names

    def initial(self, step, phone=""):
        if step == PROFILE:
            return self.registry_initial()
        if phone and not self.for_staff and self.id_step and step == self.id_step.name:
            return self.certified_initial(phone)
        # The applicant's phone starts as the signed-in family's own; never as
        # the phone of staff filing for a family.
        if phone and not self.for_staff and step == self.step_of("applicant.phone"):
            return {field_name("applicant.phone"): phone}
        return {}

    @cached_property
    def matters_by_flag(self):
        """Matter names of this scenario by the profile item that brings them
        ("" for those every case has); read once."""
        grouped = {}
        for matter in Matter.objects.active().order_by("code"):
            if matter.scenarios and self.draft.scenario not in matter.scenarios:
                continue
            grouped.setdefault(matter.required_flag or "", []).append(matter.name)
        return grouped

    def profile_choices(self):
        """Each item says which matters it brings, so the applicant sees what
        will be handled while confirming."""
        matters = self.matters_by_flag
        return [
            (flag, f"{label}（{'、'.join(matters[flag])}）" if matters.get(flag) else label)
            for flag, label in ProfileFlag.choices
        ]

    def form(self, step, data=None, files=None, initial=None):
        form = self.form_list[step](data=data, files=files, prefix=step, initial=initial or {})
        self.adapt(step, form)
        return form

    def adapt(self, step, form):
        if step == PROFILE:
            form.fields["flags"].choices = self.profile_choices()
        return form

    # A case that already holds the same death (open or completed) -------------

    @cached_property
    def open_case(self):
        return case_of_death(self.id_number())

    def already_filed(self):
        """What the applicant is told when the death already has a case."""
        return refusal(completed=self.open_case.status == CaseStatus.COMPLETED)

    def tell_open_case(self, case=None):
        """Its family is told that someone else tried, once per draft."""
        someone_else_tried(case or self.open_case, attempt=f"draft:{self.draft.pk}")

    # Keeping answers (the app; the wizard keeps its own through formtools) -----

    def receive_upload(self, file):
        """Keep a file the app sends ahead of the step that takes it; return
        its id. Checked for size and type again when a step takes it."""
        pending = dict(self.storage.extra_data.get(PENDING_KEY, {}))
        if len(pending) >= MAX_PENDING_UPLOADS:
            raise ValidationError(
                _("This application already holds %(count)s files no answer uses yet.")
                % {"count": MAX_PENDING_UPLOADS},
                code="too_many_uploads",
            )
        upload_id = uuid.uuid4().hex
        stored = self.storage.file_storage.save(f"uploads/{upload_id}", file)
        pending[upload_id] = {
            "tmp_name": stored,
            "name": (file.name or "")[:NAME_KEPT],
            "content_type": file.content_type,
            "size": file.size,
            "charset": None,
        }
        self.storage.extra_data = {**self.storage.extra_data, PENDING_KEY: pending}
        self.storage.save()
        return upload_id

    def save_step(self, step, answers, uploads=None):
        """Check one step's answers and keep them; return the errors by
        question name (nothing is kept then).

        ``answers`` maps a question's name to its values (strings, several
        for a multiple choice); ``uploads`` maps a file question to an id
        from :meth:`receive_upload`. A file kept before stays unless replaced.
        """
        if step not in self.shown() or step == REVIEW:
            return {"__all__": [_("This step is not part of the application as answered.")]}
        if step == PROFILE and self.open_case is not None:
            self.tell_open_case()
            return {"__all__": [str(self.already_filed())]}
        known = set(self.form_list[step].base_fields)
        unknown = sorted(set(answers) - known)
        if unknown:
            return {name: [_("There is no such question in this step.")] for name in unknown}
        data = MultiValueDict({f"{step}-{name}": list(values) for name, values in answers.items()})
        pending = self.storage.extra_data.get(PENDING_KEY, {})
        taken = {}
        for name, upload_id in (uploads or {}).items():
            if name not in known:
                return {name: [_("There is no such question in this step.")]}
            if upload_id not in pending:
                return {name: [_("The file was not found; please send it again.")]}
            taken[f"{step}-{name}"] = upload_id
        files = dict(self.storage.get_step_files(step) or {})
        for key, upload_id in taken.items():
            meta = dict(pending[upload_id])
            stored = self.storage.file_storage.open(meta.pop("tmp_name"))
            files[key] = UploadedFile(file=stored, **meta)
        form = self.form(step, data, files)
        if not form.is_valid():
            return {name: list(errors) for name, errors in form.errors.items()}
        self.storage.set_step_data(step, dict(data.lists()))
        self._take_uploads(step, taken)
        self.clear_refusals(step)
        # Where the web wizard goes on from, if the family moves there.
        self.storage.current_step = self.next_step()
        self.storage.save()
        return {}

    def _take_uploads(self, step, taken):
        pending = dict(self.storage.extra_data.get(PENDING_KEY, {}))
        kept = self.storage.data[self.storage.step_files_key].setdefault(step, {})
        for key, upload_id in taken.items():
            replaced = kept.get(key)
            if replaced is not None:
                self.storage.file_storage.delete(replaced["tmp_name"])
            kept[key] = pending.pop(upload_id)
        self.storage.extra_data = {**self.storage.extra_data, PENDING_KEY: pending}

    def clear_refusals(self, step):
        refusals = dict(self.storage.extra_data.get(REFUSALS, {}))
        if refusals.pop(step, None) is not None:
            self.storage.extra_data = {**self.storage.extra_data, REFUSALS: refusals}

    def refusals(self):
        return self.storage.extra_data.get(REFUSALS, {})

    def cleaned(self):
        """Every shown step checked again with what is kept, in order; raise
        StepIncomplete at the first that fails."""
        cleaned = OrderedDict()
        for name in self.shown():
            if name == REVIEW:
                continue
            data = self.storage.get_step_data(name)
            if data is None:
                raise StepIncomplete(name, {"__all__": [_("This step is not answered yet.")]})
            form = self.form(name, data, self.storage.get_step_files(name))
            if not form.is_valid():
                raise StepIncomplete(name, {k: list(v) for k, v in form.errors.items()})
            cleaned[name] = form.cleaned_data
        return cleaned

    # Submitting ---------------------------------------------------------------

    def submit(self, cleaned, *, user, channel, confirmed_phone=""):
        """The case from the cleaned answers of every shown step, through the
        one submission service; the draft then points at the case and its
        answers and files are gone (the case holds them).

        Raises FamilyNotConfirmed (a channel where the family confirms), and
        Refused with the messages by step, which wait in the draft."""
        application = collect(self.steps, cleaned)
        profile = cleaned[PROFILE]
        deceased = application.deceased
        deceased.name = profile["name"]
        deceased.gender = profile["gender"]
        deceased.birth_date = profile["birth_date"]
        try:
            with transaction.atomic():
                case = submit_application(
                    scenario=self.draft.scenario,
                    channel=channel,
                    deceased=deceased,
                    applicant=application.applicant,
                    profile={flag: flag in profile["flags"] for flag in ProfileFlag.values},
                    submitted_by=user,
                    form_revision_id=self.draft.revision_id,
                    answers=application.answers,
                    documents=[
                        Document.from_upload(
                            upload.label, upload.file, upload.kind, upload.needed_by
                        )
                        for upload in application.uploads
                    ],
                    confirmed_phone=confirmed_phone,
                )
                self.draft.case = case
                self.draft.save(update_fields=["case", "updated_at"])
        except CaseAlreadyOpen as exc:
            # Another application won the race after this one passed the
            # registry check: its family is told now, once per draft.
            if (open_case := case_of_death(self.id_number())) is not None:
                self.tell_open_case(open_case)
            raise self._refused(exc) from None
        except ValidationError as exc:
            raise self._refused(exc) from None
        self.storage.reset()
        self.storage.save()
        return case

    def _refused(self, exc):
        by_step = {}
        for key, problems in exc.message_dict.items():
            domain_key = ERROR_KEYS.get(key)
            step = self.step_of(domain_key) if domain_key else None
            if key.startswith("deceased.") and step is None:
                step = PROFILE
            by_step.setdefault(step or REVIEW, []).extend(problems)
        self.storage.extra_data = {**self.storage.extra_data, REFUSALS: by_step}
        self.storage.save()
        return Refused(by_step)


def discard(draft):
    """Delete a draft with every file it holds: the family's choice (on the
    web or in the app) and the retention job's alike."""
    DraftStorage(draft, PREFIX, file_storage=draft_storage()).delete_files()
    draft.delete()
