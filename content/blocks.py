from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class OrderedStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("what to do"), max_length=120)
    text = blocks.TextBlock(label=_("how"), required=False)
    duration = blocks.CharBlock(
        label=_("how long it takes"), required=False, max_length=60, help_text=_("e.g. same day")
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")


class MaterialBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("material"), max_length=120)
    note = blocks.CharBlock(label=_("note"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        label = _("Material")


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.TextBlock(label=_("answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")
