"""The writes of the referral chain, one module per part. Every write: the guard first (a
refusal is logged as the write), the input checked, the rule asked, one transaction with the
access-log entry. `now` is for the demo's history and the tests; screens and the API never
pass it."""
