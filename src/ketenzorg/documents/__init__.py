"""The encrypted document store: referral documents at rest (AES-GCM, a key per document).

Infrastructure, below every domain app: it decides nothing about who may read a document
and logs nothing. The caller (the referral app) asks its own guard, writes the access-log
entry, and only then calls `vault.unseal`; `links` makes and checks the expiring,
user-bound token of a download link. How the keys work: docs/security.md, "Documents at rest".
"""
