-- A pledge sent online waits, unconfirmed, until its author shows the e-mail address is theirs.
-- A new enum value cannot be used in the transaction that adds it, so it comes on its own.
alter type public.pledge_status add value if not exists 'unconfirmed' before 'pending';
