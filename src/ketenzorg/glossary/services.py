"""Every write to the glossary: validated, in one transaction, audited.

The glossary is public and shapes how the whole network speaks, so a change
is recorded like any other beheer action (who, when, which term), and the
lookup map the `begrip` tag uses is cleared so links follow the change.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.glossary import lookup, rules
from ketenzorg.glossary.models import Source, Term

TERM_MAX = 120
ALIASES_MAX = 1000
DEFINITION_MAX = 5000


def term_create(
    *,
    actor,
    term: str,
    definition: str,
    source: str,
    slug: str = "",
    aliases: str = "",
    definition_en: str = "",
    related: Iterable[Term] = (),
) -> Term:
    return _save(
        actor=actor,
        entry=None,
        term=term,
        slug=slug,
        aliases=aliases,
        definition=definition,
        definition_en=definition_en,
        source=source,
        related=related,
    )


def term_update(
    *,
    actor,
    entry: Term,
    term: str,
    definition: str,
    source: str,
    slug: str = "",
    aliases: str = "",
    definition_en: str = "",
    related: Iterable[Term] = (),
) -> Term:
    """Change a term. `entry` is the term as it is now; the other arguments are its new content."""
    return _save(
        actor=actor,
        entry=entry,
        term=term,
        slug=slug,
        aliases=aliases,
        definition=definition,
        definition_en=definition_en,
        source=source,
        related=related,
    )


@transaction.atomic
def _save(
    *, actor, entry: Term | None, term, slug, aliases, definition, definition_en, source, related
) -> Term:
    values, related = _validate(
        entry=entry,
        term=term,
        slug=slug,
        aliases=aliases,
        definition=definition,
        definition_en=definition_en,
        source=source,
        related=related,
    )
    creating = entry is None
    target = Term() if creating else entry
    for name, value in values.items():
        setattr(target, name, value)
    target.refresh_derived()
    try:
        # A savepoint, so a slug taken by a concurrent request becomes a
        # form error instead of breaking the surrounding transaction.
        with transaction.atomic():
            target.save()
    except IntegrityError:
        if not creating:
            target.refresh_from_db()  # the caller's object shows the stored term again
        raise _slug_taken(values["slug"]) from None
    target.related.set(related)
    audit_record(
        actor=actor,
        action=Action.CREATE if creating else Action.UPDATE,
        object_type="glossary.Term",
        object_uuid=target.uuid,
        basis=Basis.ROLE,
    )
    # Cleared now for this request, and again after commit so no other process
    # keeps a map it rebuilt from the old rows while this transaction was open.
    lookup.invalidate()
    transaction.on_commit(lookup.invalidate)
    return target


def _slug_taken(slug: str, other: Term | None = None) -> ValidationFailed:
    if other is None:
        message = gettext(
            "Er bestaat al een begrip met de slug '%(slug)s'. "
            "Kies een andere slug of pas het bestaande begrip aan."
        ) % {"slug": slug}
    else:
        message = gettext(
            "Er bestaat al een begrip met de slug '%(slug)s' ('%(term)s'). "
            "Kies een andere slug of pas het bestaande begrip aan."
        ) % {"slug": slug, "term": other.term}
    return ValidationFailed(message, field_errors={"slug": [message]})


def _validate(*, entry, term, slug, aliases, definition, definition_en, source, related):
    errors: dict[str, list[str]] = {}
    term = " ".join((term or "").split())
    definition = (definition or "").strip()
    definition_en = (definition_en or "").strip()
    alias_list = rules.split_aliases(aliases)
    aliases = rules.join_aliases(alias_list)
    slug_given = bool((slug or "").strip())
    slug = (slug or "").strip().lower() or rules.make_slug(term)

    if not term:
        errors.setdefault("term", []).append(gettext("Vul het begrip in."))
    elif len(term) > TERM_MAX:
        errors.setdefault("term", []).append(
            gettext("Een begrip is hooguit %(max)s tekens lang.") % {"max": TERM_MAX}
        )
    if not definition:
        errors.setdefault("definition", []).append(
            gettext("Vul de betekenis in, in eigen woorden.")
        )
    elif len(definition) > DEFINITION_MAX:
        errors.setdefault("definition", []).append(
            gettext("De betekenis is hooguit %(max)s tekens lang.") % {"max": DEFINITION_MAX}
        )
    if len(definition_en) > DEFINITION_MAX:
        errors.setdefault("definition_en", []).append(
            gettext("De Engelse betekenis is hooguit %(max)s tekens lang.")
            % {"max": DEFINITION_MAX}
        )
    if len(aliases) > ALIASES_MAX:
        errors.setdefault("aliases", []).append(
            gettext("De andere schrijfwijzen zijn samen hooguit %(max)s tekens lang.")
            % {"max": ALIASES_MAX}
        )
    if source not in Source.values:
        errors.setdefault("source", []).append(gettext("Kies een bron uit de lijst."))
    if (slug_given or term) and not rules.is_valid_slug(slug):
        errors.setdefault("slug", []).append(
            gettext(
                "Een slug bestaat alleen uit kleine letters zonder accenten, cijfers en streepjes, "
                "bijv. 'zorgcoordinatie'."
            )
        )
    elif len(slug) > TERM_MAX:
        errors.setdefault("slug", []).append(
            gettext("Een slug is hooguit %(max)s tekens lang.") % {"max": TERM_MAX}
        )

    related = list(related or ())
    if entry is not None and any(r.pk == entry.pk for r in related):
        errors.setdefault("related", []).append(
            gettext("Een begrip kan niet aan zichzelf verwant zijn.")
        )

    if term and "slug" not in errors:
        others = Term.objects.all() if entry is None else Term.objects.exclude(pk=entry.pk)
        same_slug = others.filter(slug=slug).first()
        if same_slug is not None:
            errors.setdefault("slug", []).append(_slug_taken(slug, same_slug).message)
        else:
            _check_keys_free(
                errors, others, slug=slug, slug_given=slug_given, term=term, alias_list=alias_list
            )

    if errors:
        first = next(iter(errors.values()))[0]
        message = (
            first
            if len(errors) == 1
            else gettext("Niet alle velden zijn goed ingevuld. Zie de meldingen bij de velden.")
        )
        raise ValidationFailed(message, field_errors=errors)
    values = {
        "term": term,
        "slug": slug,
        "aliases": aliases,
        "definition": definition,
        "definition_en": definition_en,
        "source": source,
    }
    return values, related


def _check_keys_free(errors, others, *, slug, slug_given, term, alias_list) -> None:
    """No spelling may point at two terms, or `{% begrip %}` would link at random."""
    taken = rules.key_map(others.values_list("slug", "term", "aliases"))
    spellings = [
        (slug, slug, "slug" if slug_given else "term"),
        (term, rules.term_key(term), "term"),
    ]
    spellings += [(alias, rules.term_key(alias), "aliases") for alias in alias_list]
    reported: set[str] = set()
    for shown, key, field in spellings:
        owner = taken.get(key)
        if owner is None or key in reported:
            continue
        reported.add(key)
        errors.setdefault(field, []).append(
            gettext(
                "'%(spelling)s' verwijst al naar een ander begrip (slug '%(slug)s'). "
                "Kies een andere schrijfwijze, of pas het andere begrip aan."
            )
            % {"spelling": shown, "slug": owner}
        )
