-- The officers' console: who may sign in, their one-time sign-in codes and sessions, and an
-- append-only record of what each officer did. The console reaches pledges only through the
-- officer_* functions below, each of which takes the session's token and refuses (42501) when no
-- signed-in officer holds it, so the database itself refuses a console write no officer made,
-- and records the officer's identity from the session, never from what the caller says.
--
-- Codes and session tokens are made here from gen_random_uuid's random bits and kept only as
-- SHA-256 hashes: a copy of the tables signs nobody in.

create table public.officers (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and char_length(email) between 3 and 254 and email like '%_@_%'),
  name text not null check (char_length(name) between 1 and 100),
  added_at timestamptz not null default now(),
  added_by text not null check (char_length(added_by) between 1 and 254),
  removed_at timestamptz,
  removed_by text check (char_length(removed_by) between 1 and 254)
);

create unique index officers_one_current_per_email on public.officers (email) where removed_at is null;

create table public.officer_sign_in_codes (
  officer_id uuid primary key references public.officers (id),
  code_hash bytea not null,
  expires_at timestamptz not null,
  tries_left integer not null check (tries_left >= 0)
);

create table public.officer_sessions (
  token_hash bytea primary key,
  officer_id uuid not null references public.officers (id),
  started_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz
);

create index officer_sessions_by_officer on public.officer_sessions (officer_id);

-- Who did what, when. A sign-in with an address that is not an officer's is not recorded: the
-- address could be anyone's.
create table public.officer_activity (
  id bigint generated always as identity primary key,
  officer_id uuid not null references public.officers (id),
  action text not null check (action in (
    'officer-added', 'officer-removed', 'code-sent', 'code-refused', 'code-failed', 'signed-in',
    'signed-out', 'pledge-status', 'pledge-erased', 'pledge-taken', 'export'
  )),
  pledge_id uuid references public.pledges (id),
  detail text check (char_length(detail) <= 1000),
  done_by text not null check (char_length(done_by) between 1 and 254),
  at timestamptz not null default now()
);

create index officer_activity_by_time on public.officer_activity (at desc);
create index officer_activity_by_officer on public.officer_activity (officer_id, action, at desc);

create trigger officer_activity_append_only
  before update or delete on public.officer_activity
  for each row execute function public.refuse_history_rewrite();

create trigger officer_activity_no_truncate
  before truncate on public.officer_activity
  for each statement execute function public.refuse_history_rewrite();

alter table public.officers enable row level security;
alter table public.officer_sign_in_codes enable row level security;
alter table public.officer_sessions enable row level security;
alter table public.officer_activity enable row level security;
revoke all on table public.officers, public.officer_sign_in_codes, public.officer_sessions, public.officer_activity
  from anon, authenticated, service_role;

-- A paper form carries the date its author signed it.
alter table public.pledges
  add column form_dated date,
  add constraint pledges_only_paper_is_dated check (form_dated is null or channel = 'paper');

-- One pledge whole, as show_pledge and export_pledges give it, for the functions that pass one on.
create type public.pledge_record as (
  id uuid,
  reference text,
  name text,
  kind text,
  status public.pledge_status,
  listing public.pledge_listing,
  created_at text,
  ward text,
  website text,
  actions text[],
  commitment text,
  target_date text,
  contact_name text,
  contact_email text,
  channel public.pledge_channel,
  charter_version text,
  decided_at text,
  history jsonb
);

create function public.officer_record(
  officer public.officers, action text, detail text default null, pledge uuid default null
)
returns void
language sql
set search_path = ''
as $$
  insert into public.officer_activity (officer_id, action, pledge_id, detail, done_by)
  values (officer.id, action, pledge, detail, officer.email);
$$;

create function public.current_officer(address text)
returns public.officers
language sql
stable
set search_path = ''
as $$
  select * from public.officers where email = lower(trim(address)) and removed_at is null;
$$;

create function public.officer_secret_hash(secret text)
returns bytea
language sql
immutable
set search_path = ''
as $$
  select sha256(convert_to(secret, 'UTF8'));
$$;

-- n random decimal digits, from gen_random_uuid's random bytes (byte 6's high nibble and byte
-- 8's top bits are the version and variant, so only bytes 0–5 and 9–15 are used).
create function public.random_digits(n integer)
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  digits text := '';
  bytes bytea;
begin
  while char_length(digits) < n loop
    bytes := uuid_send(gen_random_uuid());
    -- 250 is the largest multiple of 10 that fits a byte: higher values would favour 0–5.
    for i in 0..5 loop
      if get_byte(bytes, i) < 250 then
        digits := digits || (get_byte(bytes, i) % 10)::text;
      end if;
    end loop;
  end loop;
  return left(digits, n);
end;
$$;

-- 64 hexadecimal characters carrying 244 random bits.
create function public.random_token()
returns text
language sql
volatile
set search_path = ''
as $$
  select replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
$$;

-- Officers' list, for the command line (service_role). Adding an address already on the list
-- changes nothing; removing one ends its sessions and codes at once.
create function public.add_officer(address text, officer_name text, actor text)
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
  values (lower(trim(address)), trim(officer_name), actor)
  returning * into added;
  perform public.officer_record(added, 'officer-added', 'added by ' || actor);
  return query select 'added'::text, added.email, added.name;
end;
$$;

create function public.remove_officer(address text, actor text)
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
  update public.officers set removed_at = now(), removed_by = actor where id = existing.id;
  update public.officer_sessions set ended_at = now() where officer_id = existing.id and ended_at is null;
  delete from public.officer_sign_in_codes where officer_id = existing.id;
  perform public.officer_record(existing, 'officer-removed', 'removed by ' || actor);
  return true;
end;
$$;

create function public.list_officers()
returns table (email text, name text, added_at text, added_by text)
language sql
stable
security definer
set search_path = ''
as $$
  select o.email, o.name, to_char(o.added_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), o.added_by
  from public.officers as o
  where o.removed_at is null
  order by o.email;
$$;

-- Signing in. A code is 6 digits, lives 10 minutes and takes 5 tries; asking again replaces it.
-- At most 5 codes an hour are sent to one officer. An address not on the list gets no row, as
-- does one over its limit: the caller answers both the same way, and sends nothing.
create function public.officer_request_code(address text)
returns table (email text, name text, code text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.current_officer(address);
  new_code text := public.random_digits(6);
begin
  if officer.id is null then
    return;
  end if;
  if (
    select count(*) from public.officer_activity as a
    where a.officer_id = officer.id and a.action = 'code-sent' and a.at > now() - interval '1 hour'
  ) >= 5 then
    perform public.officer_record(officer, 'code-refused', 'more than 5 codes in an hour');
    return;
  end if;
  insert into public.officer_sign_in_codes (officer_id, code_hash, expires_at, tries_left)
  values (officer.id, public.officer_secret_hash(officer.id::text || ':' || new_code), now() + interval '10 minutes', 5)
  on conflict (officer_id) do update
    set code_hash = excluded.code_hash, expires_at = excluded.expires_at, tries_left = excluded.tries_left;
  perform public.officer_record(officer, 'code-sent');
  return query select officer.email, officer.name, new_code;
end;
$$;

-- A right code starts an 8-hour session and returns its token, once. A wrong one uses a try;
-- the fifth wrong try ends the code. No row means no session, whatever the reason.
create function public.officer_sign_in(address text, typed_code text)
returns table (session_token text, name text, expires_at text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.current_officer(address);
  live public.officer_sign_in_codes;
  token text := public.random_token();
  ends timestamptz := now() + interval '8 hours';
begin
  if officer.id is null then
    return;
  end if;
  select * into live from public.officer_sign_in_codes as c where c.officer_id = officer.id for update;
  if live.officer_id is null or live.expires_at <= now() then
    perform public.officer_record(officer, 'code-failed', 'no code waiting, or it had expired');
    return;
  end if;
  if live.code_hash <> public.officer_secret_hash(officer.id::text || ':' || coalesce(trim(typed_code), '')) then
    if live.tries_left <= 1 then
      delete from public.officer_sign_in_codes as c where c.officer_id = officer.id;
      perform public.officer_record(officer, 'code-failed', 'wrong code; no tries left, a new code is needed');
    else
      update public.officer_sign_in_codes as c set tries_left = live.tries_left - 1 where c.officer_id = officer.id;
      perform public.officer_record(officer, 'code-failed', 'wrong code');
    end if;
    return;
  end if;
  delete from public.officer_sign_in_codes as c where c.officer_id = officer.id;
  insert into public.officer_sessions (token_hash, officer_id, expires_at)
  values (public.officer_secret_hash(token), officer.id, ends);
  perform public.officer_record(officer, 'signed-in');
  return query select token, officer.name, to_char(ends at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
end;
$$;

-- The officer a live session belongs to, or none.
create function public.session_officer(token text)
returns public.officers
language sql
stable
set search_path = ''
as $$
  select o.*
  from public.officer_sessions as s
  join public.officers as o on o.id = s.officer_id
  where s.token_hash = public.officer_secret_hash(coalesce(token, ''))
    and s.ended_at is null and s.expires_at > now() and o.removed_at is null;
$$;

-- Every console call starts here: no live session, no answer.
create function public.require_officer(token text)
returns public.officers
language plpgsql
stable
set search_path = ''
as $$
declare
  officer public.officers := public.session_officer(token);
begin
  if officer.id is null then
    raise exception 'No officer is signed in with this session: sign in again'
      using errcode = 'insufficient_privilege';
  end if;
  return officer;
end;
$$;

create function public.officer_session(token text)
returns table (email text, name text)
language sql
stable
security definer
set search_path = ''
as $$
  select o.email, o.name from public.session_officer(token) as o where o.id is not null;
$$;

create function public.officer_sign_out(token text)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.session_officer(token);
begin
  if officer.id is null then
    return false;
  end if;
  update public.officer_sessions set ended_at = now()
  where token_hash = public.officer_secret_hash(token);
  perform public.officer_record(officer, 'signed-out');
  return true;
end;
$$;

-- The review queue: oldest first, filtered, searched by reference, name or e-mail address; a
-- filter left out (null) filters nothing.
create function public.officer_queue(
  token text,
  only_status public.pledge_status default null,
  only_kind text default null,
  only_ward text default null,
  only_channel public.pledge_channel default null,
  search text default null
)
returns table (
  id uuid,
  reference text,
  name text,
  kind text,
  ward text,
  channel public.pledge_channel,
  status public.pledge_status,
  listing public.pledge_listing,
  created_at text,
  waiting_hours integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
  wanted text := nullif(lower(trim(search)), '');
begin
  return query
    select
      p.id, p.reference, p.name, p.kind, p.ward, p.channel, p.status, p.listing,
      to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      floor(extract(epoch from now() - p.created_at) / 3600)::integer
    from public.pledges as p
    where (only_status is null or p.status = only_status)
      and (only_kind is null or p.kind = only_kind)
      and (only_ward is null or p.ward = only_ward)
      and (only_channel is null or p.channel = only_channel)
      and (
        wanted is null
        or p.reference = upper(wanted)
        or strpos(lower(p.name), wanted) > 0
        or lower(p.contact_email) = wanted
      )
    order by p.created_at, p.id
    limit 500;
end;
$$;

-- One pledge whole, with its history; and the pledges that look like it (the same name's
-- skeleton, or the same e-mail address), for side-by-side review.
create function public.officer_show_pledge(token text, id_or_reference text)
returns setof public.pledge_record
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
begin
  return query select * from public.show_pledge(id_or_reference);
end;
$$;

create function public.officer_similar_pledges(token text, pledge uuid)
returns table (
  id uuid,
  reference text,
  name text,
  status public.pledge_status,
  created_at text,
  same_name boolean,
  same_email boolean
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
  this public.pledges;
begin
  select * into this from public.pledges as p where p.id = pledge;
  return query
    select
      p.id, p.reference, p.name, p.status,
      to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      p.name_skeleton = this.name_skeleton,
      lower(p.contact_email) = lower(this.contact_email)
    from public.pledges as p
    where p.id <> pledge
      and (p.name_skeleton = this.name_skeleton or lower(p.contact_email) = lower(this.contact_email))
    order by p.created_at
    limit 20;
end;
$$;

create function public.officer_set_pledge_status(
  token text, pledge uuid, new_status public.pledge_status, reason text default null
)
returns table (id uuid, reference text, status public.pledge_status, previous_status public.pledge_status)
language plpgsql
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
  changed record;
begin
  for changed in select * from public.set_pledge_status(pledge, new_status, officer.email, reason) loop
    if changed.status is distinct from changed.previous_status then
      perform public.officer_record(
        officer, 'pledge-status', changed.previous_status || ' → ' || changed.status, changed.id
      );
    end if;
    return query select changed.id, changed.reference, changed.status, changed.previous_status;
  end loop;
end;
$$;

create function public.officer_erase_pledge(token text, pledge uuid)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
begin
  if public.erase_pledge(pledge) then
    perform public.officer_record(officer, 'pledge-erased', null, pledge);
    return true;
  end if;
  return false;
end;
$$;

-- A pledge taken by phone, in person or on paper: stored as the form stores one, with the
-- officer named in its history, and the officer's statement about the privacy notice recorded.
create function public.officer_take_pledge(token text, pledge jsonb, privacy_statement text, dated date default null)
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

-- The private export, recorded.
create function public.officer_export(token text)
returns setof public.pledge_record
language plpgsql
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
begin
  perform public.officer_record(officer, 'export');
  return query select * from public.export_pledges();
end;
$$;

create function public.officer_overview(token text)
returns table (
  status public.pledge_status,
  channel public.pledge_channel,
  pledges integer,
  oldest_waiting text,
  decisions_this_week integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
begin
  return query
    select
      p.status, p.channel, count(*)::integer,
      to_char(min(p.created_at) filter (where p.status = 'pending') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      (
        select count(*)::integer from public.pledge_status_changes as c
        where c.from_status is not null and c.changed_at > now() - interval '7 days'
      )
    from public.pledges as p
    group by p.status, p.channel
    order by p.status, p.channel;
end;
$$;

create function public.officer_officers(token text)
returns table (email text, name text, added_at text, added_by text)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
begin
  return query select * from public.list_officers();
end;
$$;

create function public.officer_recent_activity(token text, max_rows integer default 50)
returns table (done_by text, action text, reference text, detail text, at text)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
begin
  return query
    select a.done_by, a.action, p.reference, a.detail,
      to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    from public.officer_activity as a
    left join public.pledges as p on p.id = a.pledge_id
    order by a.at desc, a.id desc
    limit least(max_rows, 500);
end;
$$;

-- Only the server's own role calls these; the helpers above them are called by nobody else.
revoke all on function public.officer_record(public.officers, text, text, uuid) from public, anon, authenticated, service_role;
revoke all on function public.current_officer(text) from public, anon, authenticated, service_role;
revoke all on function public.officer_secret_hash(text) from public, anon, authenticated, service_role;
revoke all on function public.random_digits(integer) from public, anon, authenticated, service_role;
revoke all on function public.random_token() from public, anon, authenticated, service_role;
revoke all on function public.session_officer(text) from public, anon, authenticated, service_role;
revoke all on function public.require_officer(text) from public, anon, authenticated, service_role;

do $$
declare
  signature text;
begin
  foreach signature in array array[
    'public.add_officer(text, text, text)',
    'public.remove_officer(text, text)',
    'public.list_officers()',
    'public.officer_request_code(text)',
    'public.officer_sign_in(text, text)',
    'public.officer_session(text)',
    'public.officer_sign_out(text)',
    'public.officer_queue(text, public.pledge_status, text, text, public.pledge_channel, text)',
    'public.officer_show_pledge(text, text)',
    'public.officer_similar_pledges(text, uuid)',
    'public.officer_set_pledge_status(text, uuid, public.pledge_status, text)',
    'public.officer_erase_pledge(text, uuid)',
    'public.officer_take_pledge(text, jsonb, text, date)',
    'public.officer_export(text)',
    'public.officer_overview(text)',
    'public.officer_officers(text)',
    'public.officer_recent_activity(text, integer)'
  ] loop
    execute format('revoke all on function %s from public, anon, authenticated', signature);
    execute format('grant execute on function %s to service_role', signature);
  end loop;
end;
$$;
