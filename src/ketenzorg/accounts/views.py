"""Log in, second factor, log out, password change. (The API-key page is in `site.api_keys`.)"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from ketenzorg.accounts import services
from ketenzorg.accounts.forms import LoginForm, TokenForm
from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record


def _next_url(request, default="core:home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = False

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(actor=form.get_user(), action=Action.LOGIN)
        return response

    def get_success_url(self):
        # Always past the second factor first; it forwards to `next` afterwards.
        target = (
            "accounts:mfa_verify"
            if services.has_confirmed_device(self.request.user)
            else "accounts:mfa_enrol"
        )

        nxt = _next_url(self.request, "")
        return reverse(target) + (f"?next={nxt}" if nxt else "")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Choose a new password; required once after a beheerder handed out a one-time password."""

    template_name = "accounts/password_change.html"

    def get_success_url(self):
        return reverse("core:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=self.request.user)
        messages.success(self.request, gettext("Uw wachtwoord is gewijzigd."))
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        audit_record(actor=request.user, action=Action.LOGOUT)
    logout(request)
    messages.info(request, gettext("U bent uitgelogd."))
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def mfa_enrol(request):
    if services.has_confirmed_device(request.user):
        return redirect("accounts:mfa_verify")
    device = services.enrolment_device(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, message = services.mfa_enrol_confirm(request=request, token=form.cleaned_data["token"])
        if ok:
            messages.success(request, gettext("Tweestapsverificatie is ingesteld."))
            return redirect(_next_url(request))
        form.add_error("token", message)
    import segno  # here, not at the top: no other page needs it, and every server process would hold it

    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=gettext("QR-code voor de authenticator-app")
    )
    return render(
        request,
        "accounts/mfa_enrol.html",
        {
            "form": form,
            "qr_svg": mark_safe(qr_svg),  # noqa: S308 - segno output
            "secret": services.device_secret_base32(device),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def mfa_verify(request):
    if not services.has_confirmed_device(request.user):
        return redirect("accounts:mfa_enrol")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, message = services.mfa_verify(request=request, token=form.cleaned_data["token"])
        if ok:
            return redirect(_next_url(request))
        form.add_error("token", message)
    return render(
        request, "accounts/mfa_verify.html", {"form": form}, status=200 if not form.errors else 400
    )
