from django import forms
from django.utils.translation import gettext_lazy as _

from ketenzorg.privacy.services import NOTE_MAX_LENGTH


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting bij de beoordeling"),
        help_text=_(
            "Bijvoorbeeld: reden gegrond, besproken met de professional, of wat er nog moet "
            "gebeuren. Wordt bewaard met uw naam en de tijd."
        ),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf bij de beoordeling een toelichting.")},
    )
