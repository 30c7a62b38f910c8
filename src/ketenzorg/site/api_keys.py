"""The professional's API keys: the list, a new key (shown once) and revoking one.

At the site level because revoking asks `access.api_keys` whose key it is (the door logs a
probe for someone else's key), which the accounts app, a layer below, may not import.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from ketenzorg.access.api_keys import api_key_get_for_revoke
from ketenzorg.accounts import api_keys
from ketenzorg.accounts.forms import ApiKeyForm


def _page(request, form, *, created=None, status=200):
    now = timezone.now()
    keys = [
        {
            "key": key,
            "status": key.status(now),
            "usable": key.revoked_at is None and not key.is_expired(now),
        }
        for key in api_keys.api_keys_of(request.user)
    ]
    context = {"form": form, "keys": keys, "created": created, "key_prefix": api_keys.KEY_PREFIX}
    return render(request, "accounts/api_token.html", context, status=status)


@require_http_methods(["GET", "POST"])
def api_token(request):
    """The list and the form; a new key is shown once, on the answer to the POST, never stored."""
    if request.method == "GET":
        return _page(request, ApiKeyForm())
    form = ApiKeyForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    created = api_keys.api_key_create(
        actor=request.user,
        label=form.cleaned_data["label"],
        lifetime_days=form.cleaned_data["lifetime"],
        read_only=form.cleaned_data["read_only"],
    )
    return _page(request, ApiKeyForm(), created=created)


@require_POST
def api_key_revoke(request, key_uuid):
    key = api_key_get_for_revoke(actor=request.user, key_uuid=key_uuid)
    if api_keys.api_key_revoke(actor=request.user, key=key):
        messages.success(
            request, gettext("De sleutel %(label)s is ingetrokken.") % {"label": key.label}
        )
    return redirect("core:api_token")
