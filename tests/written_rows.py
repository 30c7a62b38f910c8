"""For the tests of rows written in Python (decision 0019): the old template loop and the
filter that replaced it, rendered with the same context in one language."""

from django.template import engines
from django.utils import translation


def rendered_both(loop: str, written: str, context: dict, language: str) -> tuple[str, str]:
    """(what the template's loop writes, what the written rows write)."""
    engine = engines["django"]
    with translation.override(language):
        return (
            engine.from_string(loop).render(context),
            engine.from_string(written).render(context),
        )


def template_source(name: str) -> str:
    return engines["django"].engine.find_template(name)[0].source
