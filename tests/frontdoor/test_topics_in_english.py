"""The front door's topics read in the chosen language; beheer's own additions stay as typed."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ketenzorg.frontdoor.models import Topic
from tests.frontdoor.conftest import make_question

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _restore_language():
    with translation.override(settings.LANGUAGE_CODE):
        yield


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_question_form_offers_the_topics_in_english(client):
    html = _english(client).get(reverse("frontdoor_public:question")).content.decode()
    assert ">Sleep</option>" in html and ">Bullying</option>" in html
    assert ">Slapen</option>" not in html


def test_the_question_form_keeps_dutch_topics_in_dutch(client):
    html = client.get(reverse("frontdoor_public:question")).content.decode()
    assert ">Slapen</option>" in html


def test_every_default_topic_has_an_english_name():
    import importlib

    default = importlib.import_module("ketenzorg.frontdoor.migrations.0002_default_topics").TOPICS
    with translation.override("en"):
        untranslated = [name for name, _ in default if translation.gettext(name) == name]
    assert untranslated == []


def test_queue_and_question_show_the_topic_in_english(adviser_client, topic):
    question = make_question(topic)
    _english(adviser_client)
    for url in (
        reverse("frontdoor:queue"),
        reverse("frontdoor:question_detail", args=[question.uuid]),
    ):
        html = adviser_client.get(url).content.decode()
        assert "Sleep" in html and "Slapen" not in html, url


def test_a_topic_beheer_added_is_shown_as_typed(client):
    Topic.objects.create(name="Mantelzorg door kinderen", sort_order=5)
    html = _english(client).get(reverse("frontdoor_public:question")).content.decode()
    assert ">Mantelzorg door kinderen</option>" in html
