"""Demo guidance pages, so a new checkout shows something useful. Adds only
what is missing, so it is safe to run again."""

import datetime

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cases.models import Matter
from content.models import HomePage, MatterPage, PolicyPage, ScenarioGuidePage, SectionPage

from .page_data import matters_en
from .page_data.guides import GUIDES, HOME
from .page_data.matters import MATTERS
from .page_data.policies import POLICIES


@transaction.atomic
def seed_pages():
    """Return how many pages were added."""
    zh = Locale.get_default()
    en, _ = Locale.objects.get_or_create(language_code="en")
    added = 0
    home = HomePage.objects.filter(locale=zh).first()
    if home is None:
        home = _add_home(zh)
        added += 1
    added += _translate(home, en, _home(HOME["en"]))
    for scenario, texts in GUIDES.items():
        guide = ScenarioGuidePage.objects.filter(locale=zh, scenario=scenario).first()
        if guide is None:
            guide = home.add_child(
                instance=ScenarioGuidePage(slug=scenario, scenario=scenario, **_guide(texts["zh"]))
            )
            added += 1
        added += _translate(guide, en, _guide(texts["en"]))
    added += _seed_policies_and_matters(home)
    added += _translate_policies_and_matters(home, en)
    return added


def _home(texts):
    return {
        "title": texts["title"],
        "intro": texts["intro"],
        "body": texts["body"],
        "have_at_hand": [
            ("material", {"name": n, "note": note}) for n, note in texts["have_at_hand"]
        ],
    }


def _guide(texts):
    def steps(items):
        return [("step", {"title": t, "text": text, "duration": d}) for t, text, d in items]

    return {
        "title": texts["title"],
        "summary": texts["summary"],
        "first_steps": steps(texts["first_steps"]),
        "materials": [("material", {"name": n, "note": note}) for n, note in texts["materials"]],
        "next_steps": steps(texts["next_steps"]),
        "faq": [("question", {"question": q, "answer": a}) for q, a in texts["faq"]],
    }


def _add_home(locale):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(slug="shenhou", locale=locale, **_home(HOME["zh"])))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name=home.title
        )
    else:
        previous_root = site.root_page
        site.root_page = home
        site.site_name = home.title
        site.save()
        # Wagtail's "Welcome to your new Wagtail site!" placeholder.
        if previous_root.specific_class is Page and previous_root.depth == 2:
            previous_root.delete()
    return home


def _translate(page, locale, fields):
    """Publish ``page`` in ``locale`` with ``fields``, unless it already is."""
    if page.get_translations().filter(locale=locale).exists():
        return 0
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return 1


def _section(home, slug, title, intro):
    section = SectionPage.objects.child_of(home).filter(slug=slug).first()
    if section is None:
        section = home.add_child(instance=SectionPage(slug=slug, title=title, intro=intro))
    return section


def _seed_policies_and_matters(home):
    added = 0
    policies_section = _section(
        home, "policies", "政策文件", "办理“身后一件事”所依据的法律、法规和地方规定。"
    )
    policies = {}
    for slug, (title, body_of, number, effective, paragraphs) in POLICIES.items():
        policy = PolicyPage.objects.filter(locale=home.locale, slug=slug).first()
        if policy is None:
            policy = policies_section.add_child(
                instance=PolicyPage(
                    slug=slug,
                    title=title,
                    issuing_body=body_of,
                    document_number=number,
                    effective_date=datetime.date.fromisoformat(effective) if effective else None,
                    body="".join(f"<p>{p}</p>" for p in paragraphs),
                )
            )
            added += 1
        policies[slug] = policy
    matters_section = _section(
        home, "matters", "办事指南", "每个事项由哪个部门办理、谁可以办、要什么材料、多长时间办结。"
    )
    have = set(MatterPage.objects.filter(locale=home.locale).values_list("matter__code", flat=True))
    for matter in Matter.objects.filter(code__in=MATTERS).exclude(code__in=have).order_by("code"):
        who, materials, legal_basis, policy_slugs, fees = MATTERS[matter.code]
        page = matters_section.add_child(
            instance=MatterPage(
                slug=matter.code.lower(),
                title=matter.name_zh,
                matter=matter,
                who_qualifies=who,
                materials=[("material", {"name": n, "note": note}) for n, note in materials],
                legal_basis=legal_basis,
                fees=fees,
            )
        )
        page.policies.set([policies[slug] for slug in policy_slugs])
        page.save()
        added += 1
    return added


def _translate_policies_and_matters(home, en):
    """The English guides under /en/: the sections, each policy and each
    matter guide as a translation of the Chinese page, citing the English
    policies."""
    added = 0
    for slug, (title, intro) in matters_en.SECTIONS.items():
        section = SectionPage.objects.child_of(home).filter(slug=slug).first()
        added += _translate(section, en, {"title": title, "intro": intro})
    english_policy = {}
    for policy in PolicyPage.objects.filter(locale=home.locale, slug__in=matters_en.POLICIES):
        title, issuing_body, number, paragraphs = matters_en.POLICIES[policy.slug]
        added += _translate(
            policy,
            en,
            {
                "title": title,
                "issuing_body": issuing_body,
                "document_number": number,
                "body": "".join(f"<p>{p}</p>" for p in paragraphs),
            },
        )
        english_policy[policy.pk] = policy.get_translation(en)
    guides = MatterPage.objects.filter(locale=home.locale, matter__code__in=matters_en.MATTERS)
    for guide in guides.select_related("matter"):
        who, materials, legal_basis, fees = matters_en.MATTERS[guide.matter.code]
        cited = [english_policy[p.pk] for p in guide.policies.all() if p.pk in english_policy]
        added += _translate(
            guide,
            en,
            {
                "title": guide.matter.name_en or guide.title,
                "who_qualifies": who,
                "materials": [("material", {"name": n, "note": note}) for n, note in materials],
                "legal_basis": legal_basis,
                "fees": fees,
                "policies": cited,
            },
        )
    return added
