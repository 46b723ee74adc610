-- Who acted, where the officer concerned is not the one acting: adding or removing an officer is
-- recorded as done by the operator who ran the command, not by the officer added or removed. And
-- a pledge an officer takes says in its own history how its author was given the privacy notice
-- and, for a paper form, the date on it, so both show wherever the pledge's history does.

create or replace function public.add_officer(address text, officer_name text, actor text)
returns table (outcome text, email text, name text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  existing public.officers := public.current_officer(address);
  added public.officers;
begin
  if coalesce(trim(actor), '') = '' then
    raise exception 'Say who is making the change' using errcode = 'check_violation';
  end if;
  if existing.id is not null then
    return query select 'already-listed'::text, existing.email, existing.name;
    return;
  end if;
  insert into public.officers (email, name, added_by)
  values (lower(trim(address)), trim(officer_name), trim(actor))
  returning * into added;
  insert into public.officer_activity (officer_id, action, detail, done_by)
  values (added.id, 'officer-added', added.email, trim(actor));
  return query select 'added'::text, added.email, added.name;
end;
$$;

create or replace function public.remove_officer(address text, actor text)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  existing public.officers := public.current_officer(address);
begin
  if coalesce(trim(actor), '') = '' then
    raise exception 'Say who is making the change' using errcode = 'check_violation';
  end if;
  if existing.id is null then
    return false;
  end if;
  update public.officers set removed_at = now(), removed_by = trim(actor) where id = existing.id;
  update public.officer_sessions set ended_at = now() where officer_id = existing.id and ended_at is null;
  delete from public.officer_sign_in_codes where officer_id = existing.id;
  insert into public.officer_activity (officer_id, action, detail, done_by)
  values (existing.id, 'officer-removed', existing.email, trim(actor));
  return true;
end;
$$;

create or replace function public.officer_take_pledge(
  token text, pledge jsonb, privacy_statement text, dated date default null
)
returns table (outcome text, reference text, publicly_listed boolean)
language plpgsql
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
  taken record;
begin
  if coalesce(pledge->>'channel', '') not in ('assisted', 'paper') then
    raise exception 'A pledge an officer takes is assisted or on paper' using errcode = 'check_violation';
  end if;
  if coalesce(trim(privacy_statement), '') = '' then
    raise exception 'Say how the person was given the privacy notice' using errcode = 'check_violation';
  end if;
  perform set_config('pledges.actor', officer.email || ' (' || (pledge->>'channel') || ')', true);
  perform set_config(
    'pledges.reason',
    trim(privacy_statement) || coalesce('; the paper form is dated ' || to_char(dated, 'YYYY-MM-DD'), ''),
    true
  );
  select * into taken from public.submit_pledge(pledge);
  if taken.outcome = 'created' then
    update public.pledges as p set form_dated = dated where p.reference = taken.reference;
    perform public.officer_record(
      officer, 'pledge-taken', privacy_statement,
      (select p.id from public.pledges as p where p.reference = taken.reference)
    );
  end if;
  return query select taken.outcome, taken.reference, taken.publicly_listed;
end;
$$;

-- random_digits draws on bytes 0–5 of each random uuid only, all of whose bits are random (the
-- note beside it in 20261130200000 also names bytes 9–15, which it does not use).
comment on function public.random_digits(integer) is
  'n random decimal digits from bytes 0–5 of gen_random_uuid(), values of 250 and above skipped so each digit is equally likely';
