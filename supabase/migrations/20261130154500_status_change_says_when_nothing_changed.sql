-- Setting a pledge to the status it already has changes nothing and records nothing (the history
-- trigger only records a real change), and now says so: set_pledge_status also returns the
-- status the pledge had before, so an officer who approves an approved pledge is told it was
-- already approved instead of "recorded". The row is locked before it is read, so of two
-- officers approving at once, one is told of the change and the other that it was already made.

drop function public.set_pledge_status(uuid, public.pledge_status, text, text);

create function public.set_pledge_status(
  pledge_id uuid,
  new_status public.pledge_status,
  actor text,
  reason text default null
)
returns table (
  id uuid,
  reference text,
  status public.pledge_status,
  previous_status public.pledge_status
)
language plpgsql
set search_path = ''
as $$
declare
  status_before public.pledge_status;
begin
  if coalesce(trim(actor), '') = '' then
    raise exception 'Say who is making the change' using errcode = 'check_violation';
  end if;
  if new_status = 'rejected' and coalesce(trim(reason), '') = '' then
    raise exception 'A rejection needs a reason' using errcode = 'check_violation';
  end if;
  select p.status into status_before from public.pledges as p where p.id = pledge_id for update;
  if not found then
    return;
  end if;
  if status_before = new_status then
    return query
      select p.id, p.reference, p.status, status_before from public.pledges as p where p.id = pledge_id;
    return;
  end if;
  perform set_config('pledges.actor', actor, true);
  perform set_config('pledges.reason', coalesce(reason, ''), true);
  return query
    update public.pledges as p set status = new_status where p.id = pledge_id
    returning p.id, p.reference, p.status, status_before;
end;
$$;

revoke all on function public.set_pledge_status(uuid, public.pledge_status, text, text) from public, anon, authenticated;
grant execute on function public.set_pledge_status(uuid, public.pledge_status, text, text) to service_role;
