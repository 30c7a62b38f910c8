"""Django's template engine against Jinja2 on the same page, context and request, in turns.

    cp -a /var/tmp/kz-bench17/var-sqlite-city /tmp/kz-tplab/   # prepare() writes sessions
    KETENZORG_VAR_DIR=/tmp/kz-tplab/var-sqlite-city .venv/bin/python bench/template_engines.py \
        --pairs 200 case_page dashboard

Why: the project adopts Jinja2 for a page only if it at least halves that page's render time.
This measures the render only, not the request. One real request per page (the benchmark's own
requests from `inside.prepare()`, served by Django's test client as `profile_request.py` does)
captures the template, the view's context and the request the view hands to
`django.template.backends.django.Template.render`. The same context is then rendered by

- Django: the captured template of the project's engine (its context processors included), and
- Jinja2: Django's own backend (`django.template.backends.jinja2.Jinja2`) with the ports in
  `bench/template_lab/` (environment: `template_lab/environment.py`) and the same
  `context_processors`, so the menu's query is paid by both engines,

taking turns (Django, Jinja2, Django, Jinja2, ... after a warm-up), so a machine whose speed
drifts slows both alike. A second round renders with no context processors in either engine:
what the processors return is computed once and put in the context, which leaves the pure
template cost (the request-bound csrf token both backends still add). Before any timing, the
two outputs are compared (the csrf token masked, `&#39;`/`&#34;` read as `&#x27;`/`&quot;`,
whitespace collapsed); if they differ the script prints a diff and exits 1.

Prints per page and round the median milliseconds a render of each engine, the ratio of the
medians (Jinja2 / Django) and the median of the per-pair ratios with its quartiles.
"""

from __future__ import annotations

import argparse
import copy
import difflib
import os
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAB = HERE / "template_lab"
PAGES = ("case_page", "dashboard")  # the endpoints whose templates have a port in LAB
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def capture(names: list[str], more_cases: int) -> dict[str, list[dict]]:
    """Per page, the Django template, context and request its view renders: first for the
    benchmark's own request (the one timed), then, for the case page, for up to `more_cases`
    other open cases of the same professional (outputs compared, not timed: more branches)."""
    import inside  # sets Django up
    from django.template.backends.django import Template as DjangoTemplate
    from inprocess import client_for

    endpoints = inside.prepare()["endpoints"]
    original = DjangoTemplate.render
    captured: dict = {}

    def render(self, context=None, request=None):
        if request is not None and "template" not in captured:
            captured.update(template=self, context=context, request=request)
        return original(self, context, request)

    pages: dict[str, list[dict]] = {}
    DjangoTemplate.render = render
    try:
        for name in names:
            spec = endpoints[name]
            paths = spec["paths"][:1]
            if name == "case_page":
                # The other cases agreement_create posts to: /api/v1/casussen/<uuid>/afspraken/
                others = [p.split("/")[4] for p in endpoints["agreement_create"]["paths"]]
                paths += [f"/casussen/{uuid}/" for uuid in others[:more_cases]]
            client, extra = client_for(spec)
            for path in paths:
                captured.clear()
                response = getattr(client, spec["method"].lower())(path, **extra)
                if response.status_code != spec["expect"]:
                    raise SystemExit(
                        f"{name} {path}: {response.status_code}, expected {spec['expect']}"
                    )
                pages.setdefault(name, []).append(dict(captured))
    finally:
        DjangoTemplate.render = original
    return pages


def engines() -> dict:
    """The Jinja2 backend with and without the context processors; Django's engine without."""
    from django.conf import settings
    from django.template.backends.django import DjangoTemplates
    from django.template.backends.jinja2 import Jinja2

    (project,) = settings.TEMPLATES
    processors = list(project["OPTIONS"].get("context_processors", []))

    def jinja(name: str, with_processors: bool) -> Jinja2:
        return Jinja2({"NAME": name, "DIRS": [LAB], "APP_DIRS": False,
                       "OPTIONS": {"environment": "template_lab.environment.environment",
                                   "context_processors": processors if with_processors else []}})  # fmt: skip

    bare = {key: copy.copy(value) for key, value in project.items() if key != "BACKEND"}
    bare["NAME"] = "django-bare"
    bare["OPTIONS"]["context_processors"] = []
    return {
        "processors": processors,
        "jinja2": jinja("jinja2lab", True),
        "jinja2_bare": jinja("jinja2lab-bare", False),
        "django_bare": DjangoTemplates(bare),
    }


def normalise(html: str) -> str:
    """What may differ without a reader seeing it: the per-render csrf mask, how an apostrophe
    or a double quote is escaped (Django `&#x27;`/`&quot;`, MarkupSafe `&#39;`/`&#34;`)."""
    html = CSRF.sub(r"\1…\2", html)
    return html.replace("&#39;", "&#x27;").replace("&#34;", "&quot;")


def collapsed(html: str) -> str:
    return " ".join(normalise(html).split())


def compare(label: str, django_html: str, jinja_html: str, quiet: bool = False) -> bool:
    if normalise(django_html) == normalise(jinja_html):
        if not quiet:
            print(f"  {label}: identical ({len(django_html):,} characters)")
        return True
    if collapsed(django_html) == collapsed(jinja_html):
        print(f"  {label}: equivalent after collapsing whitespace")
        return True
    print(f"  {label}: NOT equivalent")
    lines = [collapsed(html).replace("> <", ">\n<").replace("><", ">\n<").splitlines()
             for html in (django_html, jinja_html)]  # fmt: skip
    diff = difflib.unified_diff(*lines, "django", "jinja2", n=1, lineterm="")
    for line in list(diff)[:60]:
        print("    " + line)
    return False


def check(page: dict, jinja2_engine) -> bool:
    """Whether both engines render this captured page alike (with the context processors)."""
    from django.utils import translation

    request = page["request"]
    with translation.override(request.LANGUAGE_CODE):
        django_html = page["template"].render(dict(page["context"]), request)
        jinja = jinja2_engine.get_template(page["template"].template.name)
        jinja_html = jinja.render(dict(page["context"]), request)
    return compare(request.path, django_html, jinja_html, quiet=True)


def queries_of(render) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        render()
    return len(ctx.captured_queries)


def in_turns(renders: dict, pairs: int, warmup: int) -> dict[str, list[float]]:
    """Each render in turn, `warmup` + `pairs` times; the seconds of the last `pairs` each."""
    times: dict[str, list[float]] = {name: [] for name in renders}
    for count in range(warmup + pairs):
        for name, render in renders.items():
            started = time.perf_counter()
            render()
            elapsed = time.perf_counter() - started
            if count >= warmup:
                times[name].append(elapsed)
    return times


def report(label: str, times: dict[str, list[float]], queries: dict[str, int]) -> None:
    django_ms = statistics.median(times["django"]) * 1e3
    jinja_ms = statistics.median(times["jinja2"]) * 1e3
    ratios = [j / d for d, j in zip(times["django"], times["jinja2"], strict=True)]
    q1, q2, q3 = statistics.quantiles(ratios, n=4)
    print(f"  {label}")
    print(f"    Django  {django_ms:8.3f} ms median  ({queries['django']} queries a render)")
    print(f"    Jinja2  {jinja_ms:8.3f} ms median  ({queries['jinja2']} queries a render)")
    print(f"    Jinja2/Django {jinja_ms / django_ms:.3f} (medians); per pair {q2:.3f} "
          f"[{q1:.3f}-{q3:.3f}]; halves: {'yes' if jinja_ms <= django_ms / 2 else 'no'}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=200, help="timed pairs per page and round")
    parser.add_argument("--warmup", type=int, default=20, help="untimed pairs first")
    parser.add_argument("--more-cases", type=int, default=50,
                        help="other case pages whose outputs are compared, not timed")  # fmt: skip
    parser.add_argument("names", nargs="*", help=f"pages (default: {' '.join(PAGES)})")
    args = parser.parse_args()
    names = args.names or list(PAGES)
    if unknown := set(names) - set(PAGES):
        parser.error(f"no port for {', '.join(sorted(unknown))}; pages: {', '.join(PAGES)}")
    sys.path.insert(0, str(HERE))
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ["BENCH_PAGES"] = ",".join(names)

    pages = capture(names, args.more_cases)
    from django.utils import translation
    from django.utils.module_loading import import_string

    built = engines()
    failed = False
    for name in names:
        timed, *more = pages[name]
        if more:
            same = sum(check(page, built["jinja2"]) for page in more)
            print(f"\n{name}: {same} of {len(more)} other pages' outputs equivalent (not timed)")
            failed |= same < len(more)
        template, context, request = (timed[k] for k in ("template", "context", "request"))
        template_name = template.template.name
        translation.activate(request.LANGUAGE_CODE)  # as LocaleMiddleware did for the request
        jinja = built["jinja2"].get_template(template_name)
        jinja_bare = built["jinja2_bare"].get_template(template_name)
        django_bare = built["django_bare"].get_template(template_name)
        # Without processors: what they return, computed once, under the view's own context.
        given = {}
        for path in built["processors"]:
            given.update(import_string(path)(request))
        given.update(context)
        # Each backend gets its own copy: Jinja2's `Template.render` writes into the dict.
        rounds = {
            "with the context processors": {
                "django": lambda t=template, c=context, r=request: t.render(dict(c), r),
                "jinja2": lambda t=jinja, c=context, r=request: t.render(dict(c), r),
            },
            "without context processors (their output precomputed)": {
                "django": lambda t=django_bare, c=given, r=request: t.render(dict(c), r),
                "jinja2": lambda t=jinja_bare, c=given, r=request: t.render(dict(c), r),
            },
        }
        print(f"\n{name}: {template_name}, {args.pairs} pairs after {args.warmup} warm-up pairs")
        outputs = {label: {e: render() for e, render in renders.items()}
                   for label, renders in rounds.items()}  # fmt: skip
        for label, out in outputs.items():
            failed |= not compare(f"{label}: Jinja2 vs Django", out["django"], out["jinja2"])
        with_, without = outputs.values()
        failed |= not compare(
            "Django with vs without processors", with_["django"], without["django"]
        )
        if failed:
            continue
        for label, renders in rounds.items():
            queries = {engine: queries_of(render) for engine, render in renders.items()}
            report(label, in_turns(renders, args.pairs, args.warmup), queries)
        translation.deactivate()
    if failed:
        print("\nthe outputs differ: fix the port in bench/template_lab/ before timing")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
