from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("account/login/", views.sign_in, name="sign_in"),
    path("account/logout/", views.sign_out, name="sign_out"),
]
