"""Accounts: accepting an invitation; sign-in, sign-out and password reset are Django's own views."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from .models import Invitation
from .services import invitation_accept


class AcceptInvitationForm(forms.Form):
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "autofocus": True}),
        help_text="At least 10 characters; not only digits, not a common password, not like your name.",
    )
    password2 = forms.CharField(
        label="The same password again", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", "The two passwords differ.")
        return cleaned


@never_cache
@sensitive_post_parameters("password1", "password2")
def accept_invitation(request, token):
    invitation = Invitation.objects.for_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", {"state": "unknown"}, status=404)
    if not invitation.is_usable:
        return render(request, "accounts/invitation_invalid.html", {"state": invitation.state}, status=410)
    form = AcceptInvitationForm(request.POST or None)
    context = {"form": form, "invitation": invitation}
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(invitation=invitation, password=form.cleaned_data["password1"])
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                "Welcome! This is your dashboard: everything on your page is edited here. "
                "Your page stays a draft, seen only by you and the lab admins, until you publish it.",
            )
            return redirect("me:overview")
    return render(request, "accounts/accept_invitation.html", context, status=400 if form.errors else 200)


def _auth_view(view, template, **options):
    return view.as_view(template_name=f"accounts/{template}.html", **options)


urlpatterns = [
    path("invite/<str:token>/", accept_invitation, name="accept_invitation"),
    path("login/", _auth_view(auth_views.LoginView, "login", redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        _auth_view(auth_views.PasswordChangeView, "password_change", success_url=reverse_lazy("me:overview")),
        name="password_change",
    ),
    path(
        "password/reset/",
        _auth_view(
            auth_views.PasswordResetView,
            "password_reset",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        _auth_view(auth_views.PasswordResetDoneView, "password_reset_sent"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        _auth_view(auth_views.PasswordResetConfirmView, "password_reset_confirm", post_reset_login=False),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        _auth_view(auth_views.PasswordResetCompleteView, "password_reset_done"),
        name="password_reset_complete",
    ),
]
