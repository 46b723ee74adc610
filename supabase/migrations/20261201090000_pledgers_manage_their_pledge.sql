-- A pledger manages their own pledge from an e-mailed link whose signed key the server checks
-- before any call here. They see the pledge whole, change it, move it to a new e-mail address
-- once that address shows it is theirs, download a copy of everything held about them, and ask
-- for the link again. The database decides what each status allows:
--   pending:  a change is made at once (the officer who reviews the pledge sees what changed)
--   approved: a change to what the public sees waits for an officer, and the wall, its digest
--             and the history stay as they are until an officer approves it; the contact name,
--             which is private, changes at once
--   any other status, or erased: nothing changes
-- A change that waits must be one the pledges table would take, so it is tried on the table
-- itself and rolled back: a refused value raises the table's own error and nothing is stored.
--
-- Nothing here keeps personal data longer than the pledge keeps its own: erasing a pledge, or
-- the retention run removing its contact details, empties what these tables hold of it.

-- Changes a pledger asked for. previous and proposed hold only the public fields that differ;
-- a change to private details names the fields, never their values.
create table public.pledge_changes (
  id bigint generated always as identity primary key,
  pledge_id uuid not null references public.pledges (id) on delete cascade,
  requested_at timestamptz not null default now(),
  outcome text not null check (outcome in ('waiting', 'applied', 'approved', 'rejected', 'superseded')),
  previous jsonb not null default '{}',
  proposed jsonb not null default '{}',
  private_fields text[] not null default '{}' check (
    private_fields <@ array['contact_name', 'contact_email']::text[] and array_position(private_fields, null) is null
  ),
  decided_at timestamptz,
  decided_by text check (char_length(decided_by) between 1 and 254),
  reason text check (char_length(reason) <= 1000),
  constraint pledge_changes_public_fields_only check (
    jsonb_typeof(previous) = 'object' and jsonb_typeof(proposed) = 'object'
    and previous - array['name', 'kind', 'ward', 'website', 'actions', 'commitment', 'target_date', 'listing'] = '{}'::jsonb
    and proposed - array['name', 'kind', 'ward', 'website', 'actions', 'commitment', 'target_date', 'listing'] = '{}'::jsonb
  ),
  constraint pledge_changes_decided_unless_waiting check ((outcome = 'waiting') = (decided_at is null))
);

-- One change waits at a time: a newer one replaces it, so an officer never approves a stale one.
create unique index pledge_changes_one_waiting_per_pledge on public.pledge_changes (pledge_id) where outcome = 'waiting';
create index pledge_changes_by_pledge on public.pledge_changes (pledge_id, requested_at desc);

-- A new address waits here, with a code sent to it, until its owner types the code. It is
-- forgotten after a day, after 5 wrong tries, or when a newer request replaces it.
create table public.pledge_address_changes (
  pledge_id uuid primary key references public.pledges (id) on delete cascade,
  new_email text not null check (char_length(new_email) between 3 and 254 and new_email like '%_@_%'),
  code_hash bytea not null,
  tries_left integer not null check (tries_left between 0 and 5),
  requested_at timestamptz not null default now()
);

create index pledge_address_changes_by_age on public.pledge_address_changes (requested_at);

-- Every e-mail the pledger's requests send, for the daily limits: a code to a new address
-- (limited by pledge and by address, so the address is kept as a hash, enough to count by) or
-- the manage link (by pledge).
create table public.pledger_link_sends (
  id bigint generated always as identity primary key,
  pledge_id uuid not null references public.pledges (id) on delete cascade,
  purpose text not null check (purpose in ('manage-link', 'address-code')),
  address_hash bytea,
  sent_at timestamptz not null default now(),
  constraint pledger_link_sends_address_only_for_codes check ((purpose = 'address-code') = (address_hash is not null))
);

create index pledger_link_sends_by_pledge on public.pledger_link_sends (pledge_id, purpose, sent_at);
create index pledger_link_sends_by_address on public.pledger_link_sends (address_hash, sent_at)
  where address_hash is not null;

alter table public.pledge_changes enable row level security;
alter table public.pledge_address_changes enable row level security;
alter table public.pledger_link_sends enable row level security;
revoke all on table public.pledge_changes, public.pledge_address_changes, public.pledger_link_sends
  from anon, authenticated, service_role;

-- Officers' decisions on changes are recorded with the rest of what they do.
alter table public.officer_activity drop constraint officer_activity_action_check;
alter table public.officer_activity add constraint officer_activity_action_check check (action in (
  'officer-added', 'officer-removed', 'code-sent', 'code-refused', 'code-failed', 'signed-in',
  'signed-out', 'pledge-status', 'pledge-erased', 'pledge-taken', 'export',
  'set-aside-stored', 'set-aside-discarded', 'pledge-change'
));

-- Times handed out as UTC ISO 8601 text, as the officers' functions give them.
create function public.utc_text(moment timestamptz)
returns text
language sql
stable
set search_path = ''
as $$
  select to_char(moment at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
$$;

-- What the public may see of a pledge, by field, in the shape a change records it. (A function
-- of the pledge's id, not of its row: PostgREST would offer one of the row as a column.)
create function public.pledge_public_fields(pledge uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'name', p.name,
    'kind', p.kind,
    'ward', p.ward,
    'website', p.website,
    'actions', to_jsonb(p.actions),
    'commitment', p.commitment,
    'target_date', to_char(p.target_date, 'YYYY-MM-DD'),
    'listing', p.listing
  )
  from public.pledges as p
  where p.id = pledge;
$$;

-- The fields of later whose values differ from earlier's, with later's values.
create function public.public_fields_that_differ(earlier jsonb, later jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select coalesce(jsonb_object_agg(field.key, field.value), '{}'::jsonb)
  from jsonb_each(later) as field
  where field.value is distinct from (earlier -> field.key);
$$;

-- Writes the given public fields (a field left out keeps its value) with every rule of the
-- table, and returns the public fields as they then are: a value the table refuses raises its
-- own error.
create function public.apply_public_fields(pledge uuid, fields jsonb)
returns jsonb
language plpgsql
set search_path = ''
as $$
begin
  if jsonb_typeof(fields) is distinct from 'object'
    or fields - array['name', 'kind', 'ward', 'website', 'actions', 'commitment', 'target_date', 'listing'] <> '{}'::jsonb
  then
    raise exception 'Only the public fields of a pledge can be changed here: name, kind, ward, website, actions, commitment, target_date, listing'
      using errcode = 'invalid_parameter_value';
  end if;
  update public.pledges as p set
    name = case when fields ? 'name' then fields ->> 'name' else p.name end,
    kind = case when fields ? 'kind' then fields ->> 'kind' else p.kind end,
    ward = case when fields ? 'ward' then fields ->> 'ward' else p.ward end,
    website = case when fields ? 'website' then fields ->> 'website' else p.website end,
    actions = case
      when fields ? 'actions' then array(select jsonb_array_elements_text(fields -> 'actions'))
      else p.actions
    end,
    commitment = case when fields ? 'commitment' then fields ->> 'commitment' else p.commitment end,
    target_date = case when fields ? 'target_date' then (fields ->> 'target_date')::date else p.target_date end,
    listing = case when fields ? 'listing' then (fields ->> 'listing')::public.pledge_listing else p.listing end
  where p.id = pledge;
  return public.pledge_public_fields(pledge);
end;
$$;

create function public.pledge_change_json(change bigint)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', c.id,
    'requested_at', public.utc_text(c.requested_at),
    'outcome', c.outcome,
    'previous', c.previous,
    'proposed', c.proposed,
    'private_fields', to_jsonb(c.private_fields),
    'decided_at', public.utc_text(c.decided_at),
    'decided_by', c.decided_by,
    'reason', c.reason
  )
  from public.pledge_changes as c
  where c.id = change;
$$;

-- A pledge that may no longer change drops the change waiting for it and the address waiting
-- for confirmation; one erased, or whose contact details the retention run removed, keeps no
-- values in its changes, no address waiting and no record of e-mails sent. Whichever path made
-- the change (an officer, the pledges command, the retention run, Supabase Studio).
create function public.pledger_changes_follow_pledge()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status is distinct from old.status and new.status not in ('pending', 'approved') then
    update public.pledge_changes as c
    set outcome = 'superseded', decided_at = now(), reason = 'The pledge was ' || new.status
    where c.pledge_id = new.id and c.outcome = 'waiting';
    delete from public.pledge_address_changes as a where a.pledge_id = new.id;
  end if;
  if (new.erased_at is not null and old.erased_at is null)
    or (new.contact_erased_at is not null and old.contact_erased_at is null)
  then
    update public.pledge_changes as c
    set previous = '{}', proposed = '{}', reason = null,
        outcome = case when c.outcome = 'waiting' then 'superseded' else c.outcome end,
        decided_at = coalesce(c.decided_at, now())
    where c.pledge_id = new.id;
    delete from public.pledge_address_changes as a where a.pledge_id = new.id;
    delete from public.pledger_link_sends as s where s.pledge_id = new.id;
  end if;
  return null;
end;
$$;

create trigger pledges_pledger_changes_follow
  after update of status, erased_at, contact_erased_at on public.pledges
  for each row execute function public.pledger_changes_follow_pledge();

-- The pledge whole, as show_pledge gives it, with the change waiting for review and the new
-- address waiting for its owner, if any. Only by reference: the link carries one.
create function public.pledger_view(pledge_reference text)
returns table (
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
  history jsonb,
  waiting jsonb,
  waiting_email text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  named uuid;
begin
  select p.id into named from public.pledges as p where p.reference = upper(trim(pledge_reference));
  if named is null then
    return;
  end if;
  return query
    select
      r.*,
      (select public.pledge_change_json(c.id) from public.pledge_changes as c
       where c.pledge_id = named and c.outcome = 'waiting'),
      (select a.new_email from public.pledge_address_changes as a
       where a.pledge_id = named and a.requested_at > now() - interval '24 hours' and a.tries_left > 0)
    from public.export_pledges(named) as r;
end;
$$;

-- A pledger's change: 'applied', 'waiting', 'unchanged' or 'refused' (the pledge may not change).
-- fields holds public fields only (a field left out keeps its value); contact_name is private and
-- changes at once. The same change asked for again keeps its place in the officers' list.
create function public.pledger_change_pledge(pledge_reference text, fields jsonb, contact_name text)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target public.pledges;
  before_fields jsonb;
  after_fields jsonb;
  proposed_values jsonb;
  previous_values jsonb;
  name_changed boolean;
  waiting public.pledge_changes;
begin
  select * into target from public.pledges as p where p.reference = upper(trim(pledge_reference)) for update;
  if target.id is null or target.name is null or target.status not in ('pending', 'approved') then
    return 'refused';
  end if;
  before_fields := public.pledge_public_fields(target.id);
  name_changed := pledger_change_pledge.contact_name is distinct from target.contact_name;

  if target.status = 'pending' then
    after_fields := public.apply_public_fields(target.id, fields);
  else
    -- Tried on the table and rolled back: the table's rules, indexes included, judge the change
    -- now, while the wall keeps showing the pledge as approved.
    begin
      after_fields := public.apply_public_fields(target.id, fields);
      raise exception 'tried' using errcode = 'TRIAL';
    exception
      when sqlstate 'TRIAL' then null;
    end;
  end if;
  proposed_values := public.public_fields_that_differ(before_fields, after_fields);
  previous_values := public.public_fields_that_differ(after_fields, before_fields);

  if name_changed then
    update public.pledges as p set contact_name = pledger_change_pledge.contact_name where p.id = target.id;
  end if;

  if target.status = 'pending' then
    if proposed_values = '{}'::jsonb and not name_changed then
      return 'unchanged';
    end if;
    insert into public.pledge_changes (pledge_id, outcome, previous, proposed, private_fields, decided_at)
    values (
      target.id, 'applied', previous_values, proposed_values,
      case when name_changed then array['contact_name'] else array[]::text[] end, now()
    );
    return 'applied';
  end if;

  if name_changed then
    insert into public.pledge_changes (pledge_id, outcome, private_fields, decided_at)
    values (target.id, 'applied', array['contact_name'], now());
  end if;
  select * into waiting from public.pledge_changes as c
  where c.pledge_id = target.id and c.outcome = 'waiting'
  for update;
  if proposed_values = '{}'::jsonb then
    update public.pledge_changes as c
    set outcome = 'superseded', decided_at = now(), reason = 'The pledger kept the pledge as it is'
    where c.id = waiting.id;
    return case when name_changed then 'applied' else 'unchanged' end;
  end if;
  if waiting.proposed = proposed_values and waiting.previous = previous_values then
    return 'waiting';
  end if;
  update public.pledge_changes as c
  set outcome = 'superseded', decided_at = now(), reason = 'Replaced by a newer change'
  where c.id = waiting.id;
  insert into public.pledge_changes (pledge_id, outcome, previous, proposed)
  values (target.id, 'waiting', previous_values, proposed_values);
  return 'waiting';
end;
$$;

-- A code for a new address, to e-mail to it: none when the pledge may not change or has no
-- address, when the address is the one it has, or when the pledge has had 3 codes in a day or
-- the address 5 (across pledges). An address the pledges table would refuse, for its form or
-- because the same organisation's live pledge already has it, raises the table's own error.
create function public.pledger_request_address_change(pledge_reference text, address text)
returns table (reference text, new_email text, code text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target public.pledges;
  wanted text := trim(address);
  wanted_hash bytea := sha256(convert_to(lower(trim(address)), 'UTF8'));
  new_code text := public.random_confirmation_code();
begin
  -- An address nobody confirmed within the day is forgotten.
  delete from public.pledge_address_changes as a where a.requested_at <= now() - interval '24 hours';
  select * into target from public.pledges as p where p.reference = upper(trim(pledge_reference)) for update;
  if target.id is null or target.status not in ('pending', 'approved') or target.contact_email is null
    or wanted is null or wanted = target.contact_email
  then
    return;
  end if;
  begin
    update public.pledges as p set contact_email = wanted where p.id = target.id;
    raise exception 'tried' using errcode = 'TRIAL';
  exception
    when sqlstate 'TRIAL' then null;
  end;
  if (select count(*) from public.pledger_link_sends as s
      where s.pledge_id = target.id and s.purpose = 'address-code' and s.sent_at > now() - interval '1 day') >= 3
    or (select count(*) from public.pledger_link_sends as s
        where s.address_hash = wanted_hash and s.sent_at > now() - interval '1 day') >= 5
  then
    return;
  end if;
  insert into public.pledge_address_changes (pledge_id, new_email, code_hash, tries_left)
  values (target.id, wanted, public.confirmation_code_hash(target.id, new_code), 5)
  on conflict (pledge_id) do update
    set new_email = excluded.new_email, code_hash = excluded.code_hash, tries_left = excluded.tries_left,
        requested_at = now();
  insert into public.pledger_link_sends (pledge_id, purpose, address_hash) values (target.id, 'address-code', wanted_hash);
  return query select target.reference, wanted, new_code;
end;
$$;

-- The code typed: 'confirmed' with the address the pledge had, to tell it of the change, or
-- 'refused' (no address waiting, a day gone, the pledge may no longer change, or the wrong
-- code, which uses one of 5 tries). The new address meets every rule of the table: one the
-- same organisation's live pledge has meanwhile taken raises, and nothing changes.
create function public.pledger_confirm_address_change(pledge_reference text, typed_code text)
returns table (outcome text, previous_email text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target public.pledges;
  live public.pledge_address_changes;
begin
  delete from public.pledge_address_changes as a where a.requested_at <= now() - interval '24 hours';
  select * into target from public.pledges as p where p.reference = upper(trim(pledge_reference)) for update;
  if target.id is null or target.status not in ('pending', 'approved') then
    return query select 'refused'::text, null::text;
    return;
  end if;
  select * into live from public.pledge_address_changes as a where a.pledge_id = target.id for update;
  if live.pledge_id is null then
    return query select 'refused'::text, null::text;
    return;
  end if;
  if live.code_hash <> public.confirmation_code_hash(target.id, typed_code) then
    if live.tries_left <= 1 then
      delete from public.pledge_address_changes as a where a.pledge_id = target.id;
    else
      update public.pledge_address_changes as a set tries_left = live.tries_left - 1 where a.pledge_id = target.id;
    end if;
    return query select 'refused'::text, null::text;
    return;
  end if;
  update public.pledges as p set contact_email = live.new_email where p.id = target.id;
  delete from public.pledge_address_changes as a where a.pledge_id = target.id;
  insert into public.pledge_changes (pledge_id, outcome, private_fields, decided_at)
  values (target.id, 'applied', array['contact_email'], now());
  return query select 'confirmed'::text, target.contact_email;
end;
$$;

-- The manage link again, to the pledge's own address only: none unless the reference and the
-- address match (in any case, spaces trimmed), or when the pledge has had 3 links in a day.
-- The caller answers alike either way.
create function public.pledger_request_manage_link(pledge_reference text, email text)
returns table (reference text, contact_email text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target public.pledges;
begin
  select * into target from public.pledges as p where p.reference = upper(trim(pledge_reference)) for update;
  if target.id is null or target.contact_email is null
    or lower(trim(target.contact_email)) <> lower(trim(email))
  then
    return;
  end if;
  if (select count(*) from public.pledger_link_sends as s
      where s.pledge_id = target.id and s.purpose = 'manage-link' and s.sent_at > now() - interval '1 day') >= 3
  then
    return;
  end if;
  insert into public.pledger_link_sends (pledge_id, purpose) values (target.id, 'manage-link');
  return query select target.reference, target.contact_email;
end;
$$;

-- Everything held about the pledge and its author, for their copy (UK GDPR article 15): every
-- column of the pledge, its status history, its changes, the e-mails sent at their request or
-- to confirm it, a code or new address waiting, and what officers recorded doing with it. No
-- hash of a code or an address, and nothing of any other pledge. Times are in UTC.
create function public.pledger_subject_access(pledge_reference text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
set timezone = 'UTC'
as $$
declare
  target public.pledges;
begin
  select * into target from public.pledges as p where p.reference = upper(trim(pledge_reference));
  if target.id is null then
    return null;
  end if;
  return jsonb_build_object(
    'pledge', to_jsonb(target),
    'status_history', coalesce((
      select jsonb_agg(jsonb_build_object(
        'from_status', c.from_status, 'to_status', c.to_status, 'changed_by', c.changed_by,
        'reason', c.reason, 'changed_at', c.changed_at
      ) order by c.changed_at, c.id)
      from public.pledge_status_changes as c where c.pledge_id = target.id
    ), '[]'::jsonb),
    'changes', coalesce((
      select jsonb_agg(public.pledge_change_json(c.id) order by c.requested_at, c.id)
      from public.pledge_changes as c where c.pledge_id = target.id
    ), '[]'::jsonb),
    'emails_sent', coalesce((
      select jsonb_agg(jsonb_build_object('purpose', sent.purpose, 'sent_at', sent.sent_at) order by sent.sent_at)
      from (
        select s.purpose, s.sent_at from public.pledger_link_sends as s where s.pledge_id = target.id
        union all
        select 'confirmation-code', s.sent_at from public.pledge_confirmation_sends as s where s.pledge_id = target.id
      ) as sent
    ), '[]'::jsonb),
    'confirmation_code_waiting', (
      select jsonb_build_object('tries_left', c.tries_left, 'reminded_at', c.reminded_at)
      from public.pledge_confirmations as c where c.pledge_id = target.id
    ),
    'address_change_waiting', (
      select jsonb_build_object('new_email', a.new_email, 'requested_at', a.requested_at, 'tries_left', a.tries_left)
      from public.pledge_address_changes as a where a.pledge_id = target.id
    ),
    'officer_activity', coalesce((
      select jsonb_agg(jsonb_build_object(
        'action', a.action, 'detail', a.detail, 'done_by', a.done_by, 'at', a.at
      ) order by a.at, a.id)
      from public.officer_activity as a where a.pledge_id = target.id
    ), '[]'::jsonb)
  );
end;
$$;

-- The officers' side: every change of one pledge, newest first; the pledges with a change
-- waiting, oldest first; and the decision, recorded. Each needs a live session.
create function public.officer_pledge_changes(token text, pledge uuid)
returns table (
  id bigint,
  requested_at text,
  outcome text,
  previous jsonb,
  proposed jsonb,
  private_fields text[],
  decided_at text,
  decided_by text,
  reason text
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
      c.id, public.utc_text(c.requested_at), c.outcome, c.previous, c.proposed, c.private_fields,
      public.utc_text(c.decided_at), c.decided_by, c.reason
    from public.pledge_changes as c
    where c.pledge_id = pledge
    order by c.requested_at desc, c.id desc;
end;
$$;

create function public.officer_changes_waiting(token text)
returns table (
  id uuid,
  reference text,
  name text,
  kind text,
  status public.pledge_status,
  requested_at text
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
    select p.id, p.reference, p.name, p.kind, p.status, public.utc_text(c.requested_at)
    from public.pledge_changes as c
    join public.pledges as p on p.id = c.pledge_id
    where c.outcome = 'waiting'
    order by c.requested_at, c.id
    limit 500;
end;
$$;

-- Approving writes the change's fields with every rule of the table (a value it now refuses
-- raises, and nothing is decided); rejecting needs a reason. 'none' when no change waits, or
-- when the one waiting is not the one named (the pledger replaced it while the officer looked).
create function public.officer_decide_pledge_change(
  token text, pledge uuid, approve boolean, reason text default null, change bigint default null
)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
  waiting public.pledge_changes;
  fields text;
  given_reason text := nullif(trim(officer_decide_pledge_change.reason), '');
begin
  perform 1 from public.pledges as p where p.id = pledge for update;
  select * into waiting from public.pledge_changes as c
  where c.pledge_id = pledge and c.outcome = 'waiting'
  for update;
  if waiting.id is null or (change is not null and waiting.id <> change) then
    return 'none';
  end if;
  if approve is null then
    raise exception 'Say whether the change is approved' using errcode = 'check_violation';
  end if;
  if not approve and given_reason is null then
    raise exception 'A rejection needs a reason' using errcode = 'check_violation';
  end if;
  select string_agg(field, ', ' order by field) into fields from jsonb_object_keys(waiting.proposed) as field;
  if approve then
    perform public.apply_public_fields(pledge, waiting.proposed);
  end if;
  update public.pledge_changes as c
  set outcome = case when approve then 'approved' else 'rejected' end,
      decided_at = now(), decided_by = officer.email, reason = given_reason
  where c.id = waiting.id;
  perform public.officer_record(
    officer, 'pledge-change', case when approve then 'approved: ' else 'rejected: ' end || coalesce(fields, ''), pledge
  );
  return case when approve then 'approved' else 'rejected' end;
end;
$$;

-- The overview also says how many changes wait for an officer.
drop function public.officer_overview(text);

create function public.officer_overview(token text)
returns table (
  status public.pledge_status,
  channel public.pledge_channel,
  pledges integer,
  oldest_waiting text,
  decisions_this_week integer,
  changes_waiting integer
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
      ),
      (select count(*)::integer from public.pledge_changes as c where c.outcome = 'waiting')
    from public.pledges as p
    group by p.status, p.channel
    order by p.status, p.channel;
end;
$$;

-- Only the server's own role calls these; the helpers above them are called by nobody else.
revoke all on function public.utc_text(timestamptz) from public, anon, authenticated, service_role;
revoke all on function public.pledge_public_fields(uuid) from public, anon, authenticated, service_role;
revoke all on function public.public_fields_that_differ(jsonb, jsonb) from public, anon, authenticated, service_role;
revoke all on function public.apply_public_fields(uuid, jsonb) from public, anon, authenticated, service_role;
revoke all on function public.pledge_change_json(bigint) from public, anon, authenticated, service_role;
revoke all on function public.pledger_changes_follow_pledge() from public, anon, authenticated, service_role;

do $$
declare
  signature text;
begin
  foreach signature in array array[
    'public.pledger_view(text)',
    'public.pledger_change_pledge(text, jsonb, text)',
    'public.pledger_request_address_change(text, text)',
    'public.pledger_confirm_address_change(text, text)',
    'public.pledger_request_manage_link(text, text)',
    'public.pledger_subject_access(text)',
    'public.officer_pledge_changes(text, uuid)',
    'public.officer_changes_waiting(text)',
    'public.officer_decide_pledge_change(text, uuid, boolean, text, bigint)',
    'public.officer_overview(text)'
  ] loop
    execute format('revoke all on function %s from public, anon, authenticated', signature);
    execute format('grant execute on function %s to service_role', signature);
  end loop;
end;
$$;
