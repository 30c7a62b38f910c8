"""Model fields that keep their contents encrypted at rest.

`EncryptedJSONField` stores a JSON document as AES-GCM ciphertext (`core.crypto`, the field
encryption key), for documents that hold a BSN and a family's story in one piece (the
referral's verwijsformat): a stolen database or backup alone reveals none of it. The price is
that the database cannot search or index inside it — use it only for what is read whole.
"""

from __future__ import annotations

import json

from django.db import models

from ketenzorg.core import crypto


class EncryptedJSONField(models.TextField):
    def __init__(self, *args, purpose: str = "", **kwargs):
        if not purpose:
            raise ValueError("EncryptedJSONField needs a purpose (it derives its own key)")
        self.purpose = purpose
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["purpose"] = self.purpose
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return {} if value == "" else None
        return json.loads(crypto.decrypt_text(value, purpose=self.purpose))

    def to_python(self, value):
        if isinstance(value, (dict, list)) or value is None:
            return value
        return json.loads(crypto.decrypt_text(value, purpose=self.purpose))

    def get_prep_value(self, value):
        if value is None:
            return None
        return crypto.encrypt_text(json.dumps(value, ensure_ascii=False), purpose=self.purpose)

    def get_lookup(self, lookup_name):
        # The ciphertext is fresh at every save: comparing it with anything means nothing.
        if lookup_name not in ("isnull",):
            return None
        return super().get_lookup(lookup_name)
