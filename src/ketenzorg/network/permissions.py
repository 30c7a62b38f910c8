"""Who may use the network API: every professional reads the directory, only the beheerder writes."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from ketenzorg.access import policy


class IsNetworkProfessional(BasePermission):
    message = _("Alleen professionals in het netwerk kunnen dit inzien.")

    def has_permission(self, request, view):
        return policy.professional_of(request.user) is not None or policy.can_manage_network(
            request.user
        )


class IsNetworkManager(BasePermission):
    message = _("Alleen de functioneel beheerder kan het netwerk wijzigen.")

    def has_permission(self, request, view):
        return policy.can_manage_network(request.user)
