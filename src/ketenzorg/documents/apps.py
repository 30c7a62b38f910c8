from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "ketenzorg.documents"
    label = "documents"
    verbose_name = "Versleutelde documenten"

    def ready(self):
        # A malformed KETENZORG_DOCUMENT_MASTER_KEYS stops the process at start, not when the
        # first document is opened.
        from ketenzorg.documents import keys

        keys.keyring()
