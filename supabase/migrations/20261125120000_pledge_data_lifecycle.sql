-- UK GDPR data lifecycle: contact details are erased when no longer needed, and a pledge whose
-- author asks to be forgotten keeps only an anonymous tombstone that still counts in the totals.

alter table public.pledges
  add column erased_at timestamptz,
  add column contact_erased_at timestamptz,
  alter column name drop not null,
  alter column contact_name drop not null,
  alter column contact_email drop not null,
  -- A pledge has its name, and its contact details until they are erased; an erased pledge
  -- has none of its author's words or details left.
  add constraint pledges_erased_or_whole check (
    (erased_at is null and name is not null
      and (contact_erased_at is not null or (contact_name is not null and contact_email is not null)))
    or (erased_at is not null and name is null and website is null and commitment is null
        and contact_name is null and contact_email is null)
  ),
  add constraint pledges_contact_erased_has_no_contact check (
    contact_erased_at is null or (contact_name is null and contact_email is null)
  ),
  add constraint pledges_only_withdrawn_or_rejected_erased check (
    (erased_at is null and contact_erased_at is null) or status in ('withdrawn', 'rejected')
  ),
  -- An erased pledge may have had only its own words, which are gone.
  drop constraint pledges_commits_to_something,
  add constraint pledges_commits_to_something check (
    erased_at is not null or cardinality(actions) > 0 or commitment is not null
  );

-- Erases a withdrawn or rejected pledge on request, leaving its kind, area, actions, dates and
-- status so it is still counted. Returns false when there is no such pledge to erase.
create function public.erase_pledge(pledge_id uuid)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  current_status public.pledge_status;
begin
  select status into current_status from public.pledges where id = pledge_id for update;
  if not found then
    return false;
  end if;
  if current_status not in ('withdrawn', 'rejected') then
    raise exception 'Only a withdrawn or rejected pledge can be erased; this one is %', current_status
      using errcode = 'check_violation';
  end if;
  update public.pledges
  set name = null, website = null, commitment = null, target_date = null,
      contact_name = null, contact_email = null,
      erased_at = coalesce(erased_at, now()), contact_erased_at = coalesce(contact_erased_at, now())
  where id = pledge_id;
  return true;
end;
$$;

-- Deletes the contact details the privacy notice says we keep no longer: rejected pledges'
-- after rejected_days, withdrawn pledges' after withdrawn_days. Returns how many were erased.
create function public.apply_retention(rejected_days integer, withdrawn_days integer)
returns integer
language sql
set search_path = ''
as $$
  with erased as (
    update public.pledges
    set contact_name = null, contact_email = null, contact_erased_at = now()
    where contact_erased_at is null
      and ((status = 'rejected' and decided_at < now() - make_interval(days => rejected_days))
        or (status = 'withdrawn' and decided_at < now() - make_interval(days => withdrawn_days)))
    returning 1
  )
  select count(*)::integer from erased;
$$;

revoke all on function public.erase_pledge(uuid) from public, anon, authenticated;
revoke all on function public.apply_retention(integer, integer) from public, anon, authenticated;
grant execute on function public.erase_pledge(uuid) to service_role;
grant execute on function public.apply_retention(integer, integer) to service_role;
