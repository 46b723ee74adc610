-- Pledges set aside: a pledge sent while the database was out of reach, and refused by it when
-- the queue was drained, waits (in the queue's store, not here) for an officer to correct and
-- store it, or to discard it. Both are done with the officer's session and recorded.

alter table public.officer_activity drop constraint officer_activity_action_check;
alter table public.officer_activity add constraint officer_activity_action_check check (action in (
  'officer-added', 'officer-removed', 'code-sent', 'code-refused', 'code-failed', 'signed-in',
  'signed-out', 'pledge-status', 'pledge-erased', 'pledge-taken', 'export',
  'set-aside-stored', 'set-aside-discarded'
));

-- The pledge as its author sent it online (their own tick of the privacy notice, their
-- idempotency key), with the officer's corrections; its history names the officer.
create function public.officer_store_set_aside(token text, pledge jsonb)
returns table (outcome text, reference text, publicly_listed boolean)
language plpgsql
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
  stored record;
begin
  if coalesce(pledge->>'channel', '') <> 'online' then
    raise exception 'A set-aside pledge was sent online' using errcode = 'check_violation';
  end if;
  perform set_config('pledges.actor', officer.email || ' (set aside, corrected)', true);
  select * into stored from public.submit_pledge(pledge);
  if stored.outcome in ('created', 'replayed') then
    perform public.officer_record(
      officer, 'set-aside-stored', 'queue key ' || (pledge->>'idempotency_key'),
      (select p.id from public.pledges as p where p.reference = stored.reference)
    );
  end if;
  return query select stored.outcome, stored.reference, stored.publicly_listed;
end;
$$;

-- Discarding keeps nothing of the pledge here: only its queue key, and who discarded it.
create function public.officer_discard_set_aside(token text, queue_key uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
begin
  perform public.officer_record(officer, 'set-aside-discarded', 'queue key ' || queue_key);
end;
$$;

revoke all on function public.officer_store_set_aside(text, jsonb) from public, anon, authenticated;
revoke all on function public.officer_discard_set_aside(text, uuid) from public, anon, authenticated;
grant execute on function public.officer_store_set_aside(text, jsonb) to service_role;
grant execute on function public.officer_discard_set_aside(text, uuid) to service_role;
