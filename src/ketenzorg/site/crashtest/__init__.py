"""`ketenzorg crashtest`: kill the real server with SIGKILL under concurrent writes, then prove
that every write it acknowledged is stored with its access-log entry (docs/crash-safety.md).

A care worker who saw "afspraak vastgelegd" must be able to rely on it, and the access log
must name every write that is in the database, even when the machine loses power mid-request.
Unit tests cannot show that: it depends on the database's commit, the transaction that holds
the write and its log entry, and gunicorn's process model together. So this runs the product
as deployed, against a scratch database of its own, and kills it.

- `runner`: the rounds (outside Django: it only starts processes and speaks HTTP);
- `scratch`: the throwaway database (a SQLite file, or a database on the PostgreSQL server
  that DATABASE_URL names) and the environment of every process that uses it;
- `load`: the writers, logged in with password and TOTP as a professional would be;
- `inside`: what runs in Django against the scratch database (the synthetic network, the
  checks afterwards).
"""
