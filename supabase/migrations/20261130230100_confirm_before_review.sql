-- Confirm the e-mail address before review. A pledge sent from the public form is stored
-- unconfirmed; it reaches the officers' queue (pending) only when its author types the code
-- e-mailed to them, or presses the button on the page the e-mailed link opens. Unconfirmed
-- pledges are counted nowhere, are reminded once, and are deleted, contact details and all,
-- after the period in content/retention.json. Pledges officers take are confirmed by the
-- officer's statement, so they start pending as before.
--
-- Codes are 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 8/B, U/V),
-- kept only as SHA-256 hashes, 5 tries each; a new code replaces the old one.

-- The moves: unconfirmed → pending (confirmed), the rest as before; a pledge never confirmed is
-- deleted rather than withdrawn. A pledge is
-- decided when it is approved, rejected or withdrawn, not when it is confirmed.
create or replace function public.enforce_pledge_status_transition()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status then
    if not (
      (old.status = 'unconfirmed' and new.status = 'pending')
      or (old.status = 'pending' and new.status in ('approved', 'rejected', 'withdrawn'))
      or (old.status = 'approved' and new.status = 'withdrawn')
    ) then
      raise exception 'A pledge cannot move from % to %', old.status, new.status
        using errcode = 'check_violation';
    end if;
    if new.status in ('approved', 'rejected', 'withdrawn') then
      new.decided_at := now();
    end if;
  end if;
  return new;
end;
$$;

-- An unconfirmed pledge leaves no history until it is confirmed, so one never confirmed can be
-- deleted whole (the history is append-only). Its first entry is the confirmation.
create or replace function public.record_pledge_status_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' and new.status = 'unconfirmed' then
    return null;
  end if;
  if tg_op = 'INSERT' or new.status is distinct from old.status then
    insert into public.pledge_status_changes (pledge_id, from_status, to_status, changed_by, reason)
    values (
      new.id,
      case when tg_op = 'INSERT' then null else old.status end,
      new.status,
      coalesce(
        nullif(current_setting('pledges.actor', true), ''),
        case when tg_op = 'INSERT' then 'pledge form (' || new.channel || ')' else current_user::text end
      ),
      nullif(current_setting('pledges.reason', true), '')
    );
  end if;
  return null;
end;
$$;

-- An unconfirmed pledge is live for the duplicate rule: the same organisation from the same
-- address cannot be sent twice while the first waits for confirmation.
drop index public.pledges_one_live_pledge_per_organisation_and_email;
create unique index pledges_one_live_pledge_per_organisation_and_email
  on public.pledges (name_skeleton, lower(contact_email))
  where status in ('unconfirmed', 'pending', 'approved');

-- As before, with an unconfirmed pledge live for the duplicate rule, and the starting status the
-- server asks for: unconfirmed for the public form, pending (the default) otherwise.
create or replace function public.submit_pledge(pledge jsonb)
returns table (outcome text, reference text, publicly_listed boolean)
language plpgsql
set search_path = ''
as $$
declare
  key uuid := (pledge->>'idempotency_key')::uuid;
  starting public.pledge_status := coalesce(pledge->>'status', 'pending')::public.pledge_status;
  stored public.pledges;
begin
  if starting not in ('unconfirmed', 'pending') then
    raise exception 'A new pledge is unconfirmed or pending' using errcode = 'check_violation';
  end if;
  if starting = 'unconfirmed' and coalesce(pledge->>'channel', 'online') <> 'online' then
    raise exception 'Only a pledge sent online waits for its author to confirm it'
      using errcode = 'check_violation';
  end if;
  for attempt in 1..3 loop
    select * into stored from public.pledges p where p.idempotency_key = key;
    if found then
      return query select 'replayed'::text, stored.reference, false;
      return;
    end if;

    select * into stored from public.pledges p
    where p.name_skeleton = public.pledge_name_skeleton(pledge->>'name')
      and lower(p.contact_email) = lower(pledge->>'contact_email')
      and p.status in ('unconfirmed', 'pending', 'approved');
    if found then
      return query select 'duplicate'::text, stored.reference,
        (stored.status = 'approved' and stored.public_name is not null);
      return;
    end if;

    insert into public.pledges (
      reference, idempotency_key, name, kind, ward, website, actions, commitment, target_date,
      contact_name, contact_email, listing, privacy_acknowledged_at, charter_version, channel, status
    ) values (
      public.new_pledge_reference(),
      key,
      pledge->>'name',
      pledge->>'kind',
      pledge->>'ward',
      pledge->>'website',
      coalesce(array(select jsonb_array_elements_text(pledge->'actions')), '{}'),
      pledge->>'commitment',
      (pledge->>'target_date')::date,
      pledge->>'contact_name',
      pledge->>'contact_email',
      (pledge->>'listing')::public.pledge_listing,
      (pledge->>'privacy_acknowledged_at')::timestamptz,
      pledge->>'charter_version',
      coalesce(pledge->>'channel', 'online')::public.pledge_channel,
      starting
    )
    on conflict do nothing
    returning * into stored;

    if stored.id is not null then
      return query select 'created'::text, stored.reference, false;
      return;
    end if;
  end loop;
  raise exception 'Could not store the pledge; try again' using errcode = 'serialization_failure';
end;
$$;

create table public.pledge_confirmations (
  pledge_id uuid primary key references public.pledges (id) on delete cascade,
  code_hash bytea not null,
  tries_left integer not null check (tries_left >= 0),
  reminded_at timestamptz
);

-- Every code sent, for the limits on sending again: a few a pledge, a few an address, a day.
create table public.pledge_confirmation_sends (
  id bigint generated always as identity primary key,
  pledge_id uuid not null references public.pledges (id) on delete cascade,
  sent_at timestamptz not null default now()
);

create index pledge_confirmation_sends_by_pledge on public.pledge_confirmation_sends (pledge_id, sent_at);

alter table public.pledge_confirmations enable row level security;
alter table public.pledge_confirmation_sends enable row level security;
revoke all on table public.pledge_confirmations, public.pledge_confirmation_sends
  from anon, authenticated, service_role;

create function public.random_confirmation_code()
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  alphabet constant text := '234679ACDEFGHJKMNPQRTWXYZ';
  code text := '';
  bytes bytea;
begin
  while char_length(code) < 6 loop
    bytes := uuid_send(gen_random_uuid());
    -- 250 is the largest multiple of 25 that fits a byte: higher values would favour some letters.
    for i in 0..5 loop
      if get_byte(bytes, i) < 250 and char_length(code) < 6 then
        code := code || substr(alphabet, get_byte(bytes, i) % 25 + 1, 1);
      end if;
    end loop;
  end loop;
  return code;
end;
$$;

create function public.confirmation_code_hash(pledge uuid, code text)
returns bytea
language sql
immutable
set search_path = ''
as $$
  select sha256(convert_to(pledge::text || ':' || upper(regexp_replace(coalesce(code, ''), '\s', '', 'g')), 'UTF8'));
$$;

-- A new code for an unconfirmed pledge, to e-mail: none when there is no such pledge waiting, or
-- when it has had 3 codes in a day, or its address 5 (across pledges). The caller answers alike.
create function public.issue_confirmation_code(pledge_reference text)
returns table (reference text, contact_email text, code text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  waiting public.pledges;
  new_code text := public.random_confirmation_code();
begin
  select * into waiting from public.pledges as p
  where p.reference = upper(trim(pledge_reference)) and p.status = 'unconfirmed'
  for update;
  if waiting.id is null or waiting.contact_email is null then
    return;
  end if;
  if (select count(*) from public.pledge_confirmation_sends as s
      where s.pledge_id = waiting.id and s.sent_at > now() - interval '1 day') >= 3
    or (select count(*) from public.pledge_confirmation_sends as s
        join public.pledges as p on p.id = s.pledge_id
        where lower(p.contact_email) = lower(waiting.contact_email) and s.sent_at > now() - interval '1 day') >= 5
  then
    return;
  end if;
  insert into public.pledge_confirmations (pledge_id, code_hash, tries_left)
  values (waiting.id, public.confirmation_code_hash(waiting.id, new_code), 5)
  on conflict (pledge_id) do update set code_hash = excluded.code_hash, tries_left = excluded.tries_left;
  insert into public.pledge_confirmation_sends (pledge_id) values (waiting.id);
  return query select waiting.reference, waiting.contact_email, new_code;
end;
$$;

-- Confirms an unconfirmed pledge: 'confirmed', or 'refused' (no such pledge waiting, one already
-- confirmed, no live code, or the wrong code: the caller says the same for all, so a reference
-- and any code tell a stranger nothing). A wrong code uses one of its 5 tries.
create function public.confirm_pledge_with_code(pledge_reference text, typed_code text)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target public.pledges;
  live public.pledge_confirmations;
begin
  select * into target from public.pledges as p where p.reference = upper(trim(pledge_reference)) for update;
  if target.id is null then
    return 'refused';
  end if;
  if target.status <> 'unconfirmed' then
    return 'refused';
  end if;
  select * into live from public.pledge_confirmations as c where c.pledge_id = target.id for update;
  if live.pledge_id is null or live.tries_left <= 0 then
    return 'refused';
  end if;
  if live.code_hash <> public.confirmation_code_hash(target.id, typed_code) then
    update public.pledge_confirmations as c set tries_left = live.tries_left - 1 where c.pledge_id = target.id;
    return 'refused';
  end if;
  perform set_config('pledges.actor', 'pledger (code from the e-mail)', true);
  update public.pledges as p set status = 'pending' where p.id = target.id;
  delete from public.pledge_confirmations as c where c.pledge_id = target.id;
  return 'confirmed';
end;
$$;

-- The same by the e-mailed link's button, whose signed key the server has checked: only the
-- link's holder learns that the pledge was confirmed before ('already').
create function public.confirm_pledge_by_link(pledge_reference text)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target public.pledges;
begin
  select * into target from public.pledges as p where p.reference = upper(trim(pledge_reference)) for update;
  if target.id is null then
    return 'refused';
  end if;
  if target.status <> 'unconfirmed' then
    return case when target.status in ('pending', 'approved') then 'already' else 'refused' end;
  end if;
  perform set_config('pledges.actor', 'pledger (link in the e-mail)', true);
  update public.pledges as p set status = 'pending' where p.id = target.id;
  delete from public.pledge_confirmations as c where c.pledge_id = target.id;
  return 'confirmed';
end;
$$;

-- Unconfirmed pledges older than after_days, not yet reminded: each gets one reminder with a
-- new code, whether or not a code could be issued when it was stored. Claimed, so two runs never
-- remind one person twice.
create function public.claim_confirmation_reminders(after_days integer, max_count integer)
returns table (reference text, contact_email text, code text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  due record;
  new_code text;
begin
  for due in
    select p.id, p.reference, p.contact_email from public.pledges as p
    left join public.pledge_confirmations as c on c.pledge_id = p.id
    where p.status = 'unconfirmed' and c.reminded_at is null and p.contact_email is not null
      and p.created_at < now() - make_interval(days => after_days)
    order by p.created_at
    limit greatest(max_count, 0)
    for update of p skip locked
  loop
    new_code := public.random_confirmation_code();
    insert into public.pledge_confirmations (pledge_id, code_hash, tries_left, reminded_at)
    values (due.id, public.confirmation_code_hash(due.id, new_code), 5, now())
    on conflict (pledge_id) do update
      set code_hash = excluded.code_hash, tries_left = excluded.tries_left, reminded_at = excluded.reminded_at;
    insert into public.pledge_confirmation_sends (pledge_id) values (due.id);
    return query select due.reference, due.contact_email, new_code;
  end loop;
end;
$$;

-- Deletes unconfirmed pledges older than after_days, contact details and all; returns how many.
create function public.delete_unconfirmed_pledges(after_days integer)
returns integer
language sql
volatile
security definer
set search_path = ''
as $$
  with gone as (
    delete from public.pledges as p
    where p.status = 'unconfirmed' and p.created_at < now() - make_interval(days => after_days)
    returning 1
  )
  select count(*)::integer from gone;
$$;

revoke all on function public.random_confirmation_code() from public, anon, authenticated, service_role;
revoke all on function public.confirmation_code_hash(uuid, text) from public, anon, authenticated, service_role;
do $$
declare
  signature text;
begin
  foreach signature in array array[
    'public.issue_confirmation_code(text)',
    'public.confirm_pledge_with_code(text, text)',
    'public.confirm_pledge_by_link(text)',
    'public.claim_confirmation_reminders(integer, integer)',
    'public.delete_unconfirmed_pledges(integer)'
  ] loop
    execute format('revoke all on function %s from public, anon, authenticated', signature);
    execute format('grant execute on function %s to service_role', signature);
  end loop;
end;
$$;
