"""Poor ratings (政务服务"好差评") for their department's supervisors: the
open reviews, soonest due first, and one page per rating to read the
family's reason and answer it (``cases.services.ratings``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.roles import supervises_a_department
from cases.services.ratings import ANSWER_MAX_LENGTH, answer_review, open_reviews, review_of
from web.network import client_ip

from .viewsets import StaffViewSet

SHOWN = 100


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer to the family"),
        help_text=gettext_lazy(
            "What was found and what is being put right. The family reads it on the case "
            "page and gets a text that it is there."
        ),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class RatingReviewViewSet(StaffViewSet):
    name = "rating_reviews"
    url_prefix = "rating-reviews"
    icon = "warning"
    menu_label = gettext_lazy("Poor ratings")
    menu_order = 75
    allowed = staticmethod(supervises_a_department)

    def index_view(self, request):
        self.require_allowed(request)
        reviews = open_reviews(request.user)
        return TemplateResponse(
            request,
            "office/rating_reviews.html",
            {
                "reviews": list(reviews[:SHOWN]),
                "total": reviews.count(),
                "now": timezone.now(),
            },
        )

    def review_view(self, request, pk):
        self.require_allowed(request)
        try:
            rating = review_of(request.user, pk, remote_addr=client_ip(request))
        except ObjectDoesNotExist:
            raise Http404 from None
        form = AnswerForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                answer_review(rating, form.cleaned_data["answer"], actor=request.user)
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(request, _("The answer is sent to the family."))
                return redirect(f"{self.name}:index")
        return TemplateResponse(
            request,
            "office/rating_review.html",
            {"rating": rating, "form": form, "now": timezone.now()},
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("<int:pk>/", self.review_view, name="review"),
        ]


rating_review_viewset = RatingReviewViewSet()
