"""The begrippenlijst: one shared meaning for every word of the care network.

The OKé-punt booklet was written because the network had grown "a new
language"; a term here is what every professional, parent and screen of the
product means by that word.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ketenzorg.core.models import TimestampedModel
from ketenzorg.glossary import rules


class Source(models.TextChoices):
    """Where the meaning comes from, so a reader can weigh it."""

    OKE_PUNT = "oke_punt", _("Boekje OKé-punt (Almere)")
    OKT_WERKPROCES = "okt_werkproces", _("Werkproces OKT (Amsterdam)")
    PRACTICE = "praktijk", _("Nederlandse praktijk")


class Term(TimestampedModel):
    term = models.CharField(_("begrip"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    aliases = models.TextField(
        _("andere schrijfwijzen"),
        blank=True,
        help_text=_("Gescheiden door komma's, bijv. 'OKé-inloopspreekuur, inloopspreekuur'."),
    )
    definition = models.TextField(_("betekenis"))
    definition_en = models.TextField(_("betekenis in het Engels"), blank=True)
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices)
    related = models.ManyToManyField(
        "self", symmetrical=True, blank=True, verbose_name=_("verwante begrippen")
    )
    # Derived columns, kept by the service and the data migration: the database
    # can then search and sort without accents getting in the way.
    search_text = models.TextField(editable=False, default="")
    sort_key = models.CharField(max_length=120, editable=False, default="", db_index=True)

    class Meta:
        ordering = ["sort_key", "term"]
        verbose_name = _("begrip")
        verbose_name_plural = _("begrippen")

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("glossary:detail", kwargs={"slug": self.slug})

    @property
    def alias_list(self) -> list[str]:
        return rules.split_aliases(self.aliases)

    @property
    def letter(self) -> str:
        return rules.group_letter(self.sort_key or rules.sort_key(self.term))

    def refresh_derived(self) -> None:
        """Recompute the search and sort columns after the text changed."""
        self.search_text = rules.search_text(
            term=self.term,
            aliases=self.aliases,
            definition=self.definition,
            definition_en=self.definition_en,
        )
        self.sort_key = rules.sort_key(self.term)[:120]
