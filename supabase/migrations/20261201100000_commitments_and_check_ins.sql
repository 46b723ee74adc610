-- From pledge to progress. Each approved pledge's commitments (each chosen action, and its own
-- words) carry a status, planned → started → done (or dropped), kept as history. Its author
-- checks in from an e-mailed link, or an officer takes a check-in by phone; nothing a pledger
-- answers shows until an officer accepts it, and an officer may accept the statuses only.
--
--   commitments                 one per action and one for the own words, made when the pledge
--                               is approved and kept in step with its approved changes; holds
--                               only what an officer accepted
--   commitment_status_changes   every status a commitment had, and when (append-only)
--   check_ins, check_in_answers what a pledger or an officer answered, and the review
--   check_in_sends              the check-in e-mails claimed: each occasion once a pledge
--
-- The public reads them through security-definer functions that apply the wall's rules: row by
-- row only for approved pledges listed by name, an evidence link or a note only once accepted,
-- counts (count-only pledges included) only of 5 or more, and withdrawn pledges as dates alone.
-- Erasing a pledge takes its author's words from these tables too (evidence links and notes are
-- theirs); removing its contact details takes what an officer wrote of the person.

create type public.commitment_status as enum ('planned', 'started', 'done', 'dropped');

create table public.commitments (
  id uuid primary key default gen_random_uuid(),
  pledge_id uuid not null references public.pledges (id),
  -- The charter action's id; null for the pledge's own-words commitment.
  action_id text check (action_id ~ '^[a-z]+(-[a-z]+)*$' and char_length(action_id) <= 60),
  status public.commitment_status not null default 'planned',
  status_since timestamptz not null default now(),
  evidence_url text check (evidence_url ~ '^https?://' and char_length(evidence_url) <= 200),
  note text check (char_length(note) between 1 and 280),
  evidence_accepted_at timestamptz,
  constraint commitments_one_per_action unique nulls not distinct (pledge_id, action_id),
  constraint commitments_of_their_pledge unique (id, pledge_id),
  constraint commitments_evidence_dated check ((evidence_url is null) = (evidence_accepted_at is null))
);

comment on table public.commitments is
  'Each approved pledge''s commitments as officers accepted them; the public reads public_commitments().';

create table public.commitment_status_changes (
  id bigint generated always as identity primary key,
  commitment_id uuid not null references public.commitments (id),
  from_status public.commitment_status,
  to_status public.commitment_status not null,
  -- When the status took effect (the commitment's status_since), and when it was written down.
  changed_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  -- The accepted check-in that moved it; none for the pledge's approval or an approved change.
  check_in_id uuid
);

create index commitment_status_changes_by_commitment
  on public.commitment_status_changes (commitment_id, changed_at, id);

create table public.check_ins (
  id uuid primary key default gen_random_uuid(),
  pledge_id uuid not null references public.pledges (id),
  source text not null check (source in ('pledger', 'officer')),
  submitted_at timestamptz not null default now(),
  review text not null default 'waiting' check (review in ('waiting', 'accepted', 'rejected')),
  -- Whether an acceptance published the evidence links and notes, or the statuses only.
  evidence_published boolean,
  reviewed_at timestamptz,
  reviewed_by text check (char_length(reviewed_by) between 1 and 254),
  reason text check (char_length(reason) between 1 and 1000),
  -- How an officer took it (by phone, in person): only for one an officer recorded.
  statement text check (char_length(statement) between 1 and 1000),
  constraint check_ins_of_their_pledge unique (id, pledge_id),
  constraint check_ins_reviewed_unless_waiting check ((review = 'waiting') = (reviewed_at is null)),
  constraint check_ins_acceptance_says_what check ((review = 'accepted') = (evidence_published is not null)),
  constraint check_ins_taken_by_officer_accepted check (source = 'pledger' or review = 'accepted'),
  constraint check_ins_statement_only_when_taken check (source = 'officer' or statement is null)
);

-- One check-in waits at a time: a newer one replaces it, so an officer never accepts a stale one.
create unique index check_ins_one_waiting_per_pledge on public.check_ins (pledge_id) where review = 'waiting';
create index check_ins_by_pledge on public.check_ins (pledge_id, submitted_at desc);
create index check_ins_waiting on public.check_ins (submitted_at) where review = 'waiting';

alter table public.commitment_status_changes
  add constraint commitment_status_changes_check_in_id_fkey foreign key (check_in_id) references public.check_ins (id);
create index commitment_status_changes_by_check_in on public.commitment_status_changes (check_in_id)
  where check_in_id is not null;

-- An answer names a commitment of the check-in's own pledge: both keys carry the pledge.
create table public.check_in_answers (
  check_in_id uuid not null,
  pledge_id uuid not null,
  commitment_id uuid not null,
  status public.commitment_status not null,
  evidence_url text check (evidence_url ~ '^https?://' and char_length(evidence_url) <= 200),
  note text check (char_length(note) between 1 and 280),
  primary key (check_in_id, commitment_id),
  foreign key (check_in_id, pledge_id) references public.check_ins (id, pledge_id) on delete cascade,
  foreign key (commitment_id, pledge_id) references public.commitments (id, pledge_id)
);

create index check_in_answers_by_check_in on public.check_in_answers (check_in_id, pledge_id);
create index check_in_answers_by_commitment on public.check_in_answers (commitment_id, pledge_id);
create index check_in_answers_by_pledge on public.check_in_answers (pledge_id);

-- Check-in e-mails claimed: sent, or passed over when a later occasion was due by then.
create table public.check_in_sends (
  pledge_id uuid not null references public.pledges (id),
  occasion text not null check (occasion ~ '^([1-9][0-9]*-months|target-date)$'),
  sent boolean not null,
  claimed_at timestamptz not null default now(),
  primary key (pledge_id, occasion)
);

alter table public.commitments enable row level security;
alter table public.commitment_status_changes enable row level security;
alter table public.check_ins enable row level security;
alter table public.check_in_answers enable row level security;
alter table public.check_in_sends enable row level security;
revoke all on table public.commitments, public.commitment_status_changes, public.check_ins,
  public.check_in_answers, public.check_in_sends
  from anon, authenticated, service_role;

create trigger commitment_status_changes_append_only
  before update or delete on public.commitment_status_changes
  for each row execute function public.refuse_history_rewrite();

create trigger commitment_status_changes_no_truncate
  before truncate on public.commitment_status_changes
  for each statement execute function public.refuse_history_rewrite();

-- A status that changes is dated, whoever changes it: its date is the history's.
create function public.date_commitment_status()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status and new.status_since is not distinct from old.status_since then
    new.status_since := now();
  end if;
  return new;
end;
$$;

create trigger commitments_status_dated
  before update of status on public.commitments
  for each row execute function public.date_commitment_status();

create function public.record_commitment_status_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or new.status is distinct from old.status then
    insert into public.commitment_status_changes (commitment_id, from_status, to_status, changed_at, check_in_id)
    values (
      new.id,
      case when tg_op = 'UPDATE' then old.status end,
      new.status,
      new.status_since,
      nullif(current_setting('commitments.check_in', true), '')::uuid
    );
  end if;
  return null;
end;
$$;

create trigger commitments_record_status_change
  after insert or update of status on public.commitments
  for each row execute function public.record_commitment_status_change();

-- Whichever path changes a pledge (an officer, the pledges command, Supabase Studio): approval
-- makes its commitments, planned; an approved change adds a planned commitment for an action
-- (or own words) added, planning again one dropped before, and drops one taken away. A pledge
-- that is no longer approved drops the check-in waiting for it. Erasure and the removal of
-- contact details leave nothing of the person here.
create function public.commitments_follow_pledge()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  was_approved boolean := tg_op = 'UPDATE' and old.status = 'approved';
  earlier_actions text[] := case when tg_op = 'UPDATE' and old.status = 'approved' then old.actions else '{}' end;
  had_own_words boolean := tg_op = 'UPDATE' and old.status = 'approved' and old.commitment is not null;
begin
  if new.status = 'approved' then
    insert into public.commitments as c (pledge_id, action_id)
    select new.id, added.action_id
    from (
      select distinct chosen.action_id from unnest(new.actions) as chosen (action_id)
      where not (chosen.action_id = any (earlier_actions))
      union all
      select null where new.commitment is not null and not had_own_words
    ) as added
    on conflict (pledge_id, action_id) do update set status = 'planned'
      where c.status = 'dropped';
    if was_approved then
      update public.commitments as c set status = 'dropped'
      where c.pledge_id = new.id and c.status <> 'dropped'
        and ((c.action_id = any (old.actions) and not (c.action_id = any (new.actions)))
          or (c.action_id is null and old.commitment is not null and new.commitment is null));
    end if;
  end if;
  if tg_op = 'UPDATE' and new.status is distinct from old.status and new.status <> 'approved' then
    delete from public.check_ins as k where k.pledge_id = new.id and k.review = 'waiting';
  end if;
  if tg_op = 'UPDATE' and new.erased_at is not null and old.erased_at is null then
    update public.commitments as c set evidence_url = null, note = null, evidence_accepted_at = null
    where c.pledge_id = new.id;
    update public.check_in_answers as a set evidence_url = null, note = null where a.pledge_id = new.id;
  end if;
  if tg_op = 'UPDATE' and ((new.erased_at is not null and old.erased_at is null)
    or (new.contact_erased_at is not null and old.contact_erased_at is null))
  then
    update public.check_ins as k set statement = null, reason = null where k.pledge_id = new.id;
    delete from public.check_in_sends as s where s.pledge_id = new.id;
  end if;
  return null;
end;
$$;

create trigger pledges_commitments_follow
  after insert or update of status, actions, commitment, erased_at, contact_erased_at on public.pledges
  for each row execute function public.commitments_follow_pledge();

-- Pledges approved before commitments existed get theirs now, as approved then.
insert into public.commitments (pledge_id, action_id, status_since)
select p.id, chosen.action_id, coalesce(p.decided_at, now())
from public.pledges as p
cross join lateral (
  select distinct a from unnest(p.actions) as a
  union all
  select null where p.commitment is not null
) as chosen (action_id)
where p.status = 'approved';

-- One commitment as its pledger and the officers see it; times as UTC ISO 8601 text.
create function public.commitment_json(commitment uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', c.id,
    'action_id', c.action_id,
    'status', c.status,
    'status_since', public.utc_text(c.status_since),
    'evidence_url', c.evidence_url,
    'note', c.note,
    'evidence_accepted_at', public.utc_text(c.evidence_accepted_at)
  )
  from public.commitments as c
  where c.id = commitment;
$$;

-- A pledge's commitments in the order it chose its actions, dropped ones after, own words last.
create function public.pledge_commitments(pledge uuid)
returns table (
  id uuid,
  action_id text,
  status public.commitment_status,
  status_since text,
  evidence_url text,
  note text,
  evidence_accepted_at text
)
language sql
stable
set search_path = ''
as $$
  select c.id, c.action_id, c.status, public.utc_text(c.status_since), c.evidence_url, c.note,
    public.utc_text(c.evidence_accepted_at)
  from public.commitments as c
  join public.pledges as p on p.id = c.pledge_id
  where c.pledge_id = pledge
  order by c.action_id is null, array_position(p.actions, c.action_id) nulls last, c.action_id;
$$;

-- Check-ins whole, with each answer beside the commitment as it stands now: of one pledge, or
-- all those waiting.
create function public.check_in_records(only_pledge uuid, only_waiting boolean)
returns table (
  id uuid,
  pledge_id uuid,
  reference text,
  name text,
  source text,
  submitted_at text,
  review text,
  reviewed_at text,
  reviewed_by text,
  reason text,
  statement text,
  evidence_published boolean,
  answers jsonb
)
language sql
stable
set search_path = ''
as $$
  select
    k.id, k.pledge_id, p.reference, p.name, k.source, public.utc_text(k.submitted_at), k.review,
    public.utc_text(k.reviewed_at), k.reviewed_by, k.reason, k.statement, k.evidence_published,
    coalesce((
      select jsonb_agg(jsonb_build_object(
        'commitment_id', a.commitment_id,
        'status', a.status,
        'evidence_url', a.evidence_url,
        'note', a.note,
        'current', public.commitment_json(a.commitment_id)
      ) order by c.action_id is null, array_position(p.actions, c.action_id) nulls last, c.action_id)
      from public.check_in_answers as a
      join public.commitments as c on c.id = a.commitment_id
      where a.check_in_id = k.id
    ), '[]'::jsonb)
  from public.check_ins as k
  join public.pledges as p on p.id = k.pledge_id
  where (only_pledge is null or k.pledge_id = only_pledge)
    and (not only_waiting or k.review = 'waiting')
  order by k.submitted_at, k.id;
$$;

-- Stores a check-in's answers; a value the table refuses raises its own error.
create function public.store_check_in_answers(check_in uuid, pledge uuid, answers jsonb)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if jsonb_typeof(answers) is distinct from 'array' or jsonb_array_length(answers) = 0 then
    raise exception 'A check-in answers at least one commitment' using errcode = 'invalid_parameter_value';
  end if;
  insert into public.check_in_answers (check_in_id, pledge_id, commitment_id, status, evidence_url, note)
  select check_in, pledge, given.commitment_id, given.status, nullif(given.evidence_url, ''), nullif(given.note, '')
  from jsonb_to_recordset(answers) as given (
    commitment_id uuid, status public.commitment_status, evidence_url text, note text
  );
end;
$$;

-- Publishes an accepted check-in as at the given time: each answer's status, and with its
-- evidence, its evidence link (a new one dated then) and its note, which replaces the one shown.
-- Without its evidence, the links and notes shown stay as they were.
create function public.publish_check_in(check_in uuid, with_evidence boolean, at timestamptz)
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform set_config('commitments.check_in', check_in::text, true);
  update public.commitments as c set
    status = a.status,
    status_since = case when a.status is distinct from c.status then at else c.status_since end,
    evidence_url = case when with_evidence and a.evidence_url is not null then a.evidence_url else c.evidence_url end,
    evidence_accepted_at = case
      when with_evidence and a.evidence_url is not null and a.evidence_url is distinct from c.evidence_url then at
      else c.evidence_accepted_at
    end,
    note = case when with_evidence then a.note else c.note end
  from public.check_in_answers as a
  where a.check_in_id = check_in and c.id = a.commitment_id;
  perform set_config('commitments.check_in', '', true);
end;
$$;

-- When check-in e-mails fall due for a pledge approved at approved_at: 6 and 12 months on, its
-- target date (if after the approval), then every year.
create function public.check_in_occasions(approved_at timestamptz, target date)
returns table (occasion text, due_at timestamptz)
language sql
stable
set search_path = ''
as $$
  select '6-months', approved_at + interval '6 months'
  union all
  select '12-months', approved_at + interval '12 months'
  union all
  select 'target-date', target::timestamp at time zone 'UTC'
  where target is not null and target > (approved_at at time zone 'UTC')::date
  union all
  select (12 * years)::text || '-months', approved_at + make_interval(years => years)
  from generate_series(2, greatest(2, extract(year from age(now(), approved_at))::integer + 1)) as years;
$$;

-- The pledger's side, called once the server has checked the link's signed key. Only by
-- reference: the link carries one.
create function public.pledger_check_in_commitments(pledge_reference text)
returns table (
  name text,
  id uuid,
  action_id text,
  status public.commitment_status,
  status_since text,
  evidence_url text,
  note text,
  evidence_accepted_at text
)
language sql
stable
security definer
set search_path = ''
as $$
  select p.name, c.*
  from public.pledges as p
  cross join lateral public.pledge_commitments(p.id) as c
  where p.reference = upper(trim(pledge_reference)) and p.status = 'approved';
$$;

-- 'stored' (replacing a check-in still waiting), or 'refused' when there is no approved pledge
-- with the reference. answers is a list of {commitment_id, status, evidence_url, note}.
create function public.pledger_submit_check_in(pledge_reference text, answers jsonb)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target public.pledges;
  stored uuid;
begin
  select * into target from public.pledges as p where p.reference = upper(trim(pledge_reference)) for update;
  if target.id is null or target.status <> 'approved' then
    return 'refused';
  end if;
  delete from public.check_ins as k where k.pledge_id = target.id and k.review = 'waiting';
  insert into public.check_ins (pledge_id, source) values (target.id, 'pledger') returning id into stored;
  perform public.store_check_in_answers(stored, target.id, answers);
  return 'stored';
end;
$$;

-- The check-in e-mails now due, claimed so two runs never send one twice: for each approved
-- pledge with an address, the latest occasion due and not yet claimed; earlier ones due and
-- never sent are passed over, so a pledge is never sent several at once.
create function public.claim_due_check_ins(max_count integer)
returns table (reference text, contact_email text, occasion text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  due record;
begin
  for due in
    select p.id, p.reference, p.contact_email, p.decided_at, p.target_date, latest.occasion
    from public.pledges as p
    cross join lateral (
      select o.occasion from public.check_in_occasions(p.decided_at, p.target_date) as o
      where o.due_at <= now()
        and not exists (
          select 1 from public.check_in_sends as s where s.pledge_id = p.id and s.occasion = o.occasion
        )
      order by o.due_at desc
      limit 1
    ) as latest
    where p.status = 'approved' and p.contact_email is not null
    order by p.decided_at, p.id
    limit greatest(max_count, 0)
    for update of p skip locked
  loop
    -- The claim itself decides: of two runs that read the same occasion, one inserts it.
    insert into public.check_in_sends (pledge_id, occasion, sent) values (due.id, due.occasion, true)
    on conflict do nothing;
    if found then
      insert into public.check_in_sends (pledge_id, occasion, sent)
      select due.id, o.occasion, false
      from public.check_in_occasions(due.decided_at, due.target_date) as o
      where o.due_at <= now()
      on conflict do nothing;
      return query select due.reference, due.contact_email, due.occasion;
    end if;
  end loop;
end;
$$;

-- Officers' decisions on check-ins are recorded with the rest of what they do; what an officer
-- wrote of the person stays with the check-in, which erasure can empty, not in this record.
alter table public.officer_activity drop constraint officer_activity_action_check;
alter table public.officer_activity add constraint officer_activity_action_check check (action in (
  'officer-added', 'officer-removed', 'code-sent', 'code-refused', 'code-failed', 'signed-in',
  'signed-out', 'pledge-status', 'pledge-erased', 'pledge-taken', 'export',
  'set-aside-stored', 'set-aside-discarded', 'pledge-change', 'check-in-decided', 'check-in-recorded'
));

-- The officers' side: each needs a live session.
create function public.officer_check_ins_waiting(token text)
returns table (
  id uuid,
  pledge_id uuid,
  reference text,
  name text,
  source text,
  submitted_at text,
  review text,
  reviewed_at text,
  reviewed_by text,
  reason text,
  statement text,
  evidence_published boolean,
  answers jsonb
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
begin
  return query select r.* from public.check_in_records(null, true) as r limit 500;
end;
$$;

-- A pledge's check-ins, newest first.
create function public.officer_check_ins_for(token text, pledge uuid)
returns table (
  id uuid,
  pledge_id uuid,
  reference text,
  name text,
  source text,
  submitted_at text,
  review text,
  reviewed_at text,
  reviewed_by text,
  reason text,
  statement text,
  evidence_published boolean,
  answers jsonb
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
    select r.* from public.check_in_records(pledge, false) as r
    order by r.submitted_at desc, r.id desc;
end;
$$;

create function public.officer_commitments(token text, pledge uuid)
returns table (
  id uuid,
  action_id text,
  status public.commitment_status,
  status_since text,
  evidence_url text,
  note text,
  evidence_accepted_at text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
begin
  return query select c.* from public.pledge_commitments(pledge) as c;
end;
$$;

-- 'decided', or 'none' when no such check-in waits (decided already, replaced by a newer one, or
-- its pledge no longer approved). accept publishes the statuses, evidence links and notes;
-- accept-without-evidence the statuses only; reject (with a reason) changes nothing shown.
create function public.officer_decide_check_in(token text, check_in uuid, decision text, reason text default null)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
  pledge uuid;
  waiting public.check_ins;
  given_reason text := nullif(trim(officer_decide_check_in.reason), '');
begin
  select k.pledge_id into pledge from public.check_ins as k where k.id = check_in;
  -- The pledge first, as a pledger's new check-in locks it, so the two never wait on each other.
  perform 1 from public.pledges as p where p.id = pledge for update;
  select * into waiting from public.check_ins as k where k.id = check_in and k.review = 'waiting' for update;
  if waiting.id is null then
    return 'none';
  end if;
  if decision is null or decision not in ('accept', 'accept-without-evidence', 'reject') then
    raise exception 'Say whether the check-in is accepted, accepted without its evidence, or rejected'
      using errcode = 'check_violation';
  end if;
  if decision = 'reject' and given_reason is null then
    raise exception 'A rejection needs a reason' using errcode = 'check_violation';
  end if;
  if decision <> 'reject' then
    perform public.publish_check_in(waiting.id, decision = 'accept', now());
  end if;
  update public.check_ins as k
  set review = case when decision = 'reject' then 'rejected' else 'accepted' end,
      evidence_published = case when decision = 'reject' then null else decision = 'accept' end,
      reviewed_at = now(), reviewed_by = officer.email, reason = given_reason
  where k.id = waiting.id;
  perform public.officer_record(officer, 'check-in-decided', decision, waiting.pledge_id);
  return 'decided';
end;
$$;

-- A check-in taken by phone or in person, accepted as recorded, with how it was taken:
-- 'recorded', or 'refused' when the pledge is not approved.
create function public.officer_record_check_in(token text, pledge uuid, answers jsonb, statement text)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
  target public.pledges;
  recorded uuid;
  given_statement text := nullif(trim(officer_record_check_in.statement), '');
begin
  if given_statement is null then
    raise exception 'Say how the check-in was taken' using errcode = 'check_violation';
  end if;
  select * into target from public.pledges as p where p.id = pledge for update;
  if target.id is null or target.status <> 'approved' then
    return 'refused';
  end if;
  insert into public.check_ins (pledge_id, source, review, evidence_published, reviewed_at, reviewed_by, statement)
  values (target.id, 'officer', 'accepted', true, now(), officer.email, given_statement)
  returning id into recorded;
  perform public.store_check_in_answers(recorded, target.id, answers);
  perform public.publish_check_in(recorded, true, now());
  perform public.officer_record(officer, 'check-in-recorded', null, target.id);
  return 'recorded';
end;
$$;

-- The public's reads. Row by row: the commitments of approved pledges listed by name, as
-- accepted (evidence links and notes only once an officer published them).
create function public.public_commitments()
returns table (
  id uuid,
  signatory_id uuid,
  action_id text,
  status public.commitment_status,
  status_since text,
  evidence_url text,
  note text,
  evidence_accepted_at text
)
language sql
stable
security definer
set search_path = ''
as $$
  select c.id, c.pledge_id, c.action_id, c.status, public.utc_text(c.status_since), c.evidence_url, c.note,
    public.utc_text(c.evidence_accepted_at)
  from public.commitments as c
  join public.pledges as p on p.id = c.pledge_id
  where p.status = 'approved' and p.public_name is not null
  order by c.id;
$$;

comment on function public.public_commitments() is
  'The commitments of approved pledges listed by name, as officers accepted them.';

-- Each signatory on the wall with the date of its last accepted check-in (none yet: null).
create function public.public_check_in_dates()
returns table (signatory_id uuid, last_check_in_at text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, public.utc_text(max(k.submitted_at))
  from public.pledges as p
  left join public.check_ins as k on k.pledge_id = p.id and k.review = 'accepted'
  where p.status = 'approved' and p.public_name is not null
  group by p.id
  order by p.id;
$$;

comment on function public.public_check_in_dates() is
  'When each signatory on the wall last checked in, as accepted.';

-- Pledges withdrawn after they were listed by name: when each was listed and withdrawn, and the
-- id, never the name. The id was public while the pledge was listed and is what its badge's
-- address on the organisation's own website holds (/signatory/<id>/badge.svg), so the build can
-- keep that address answering with a grey "former signatory" badge instead of a broken image.
create function public.public_former_signatories()
returns table (id uuid, listed_at text, withdrawn_at text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, public.utc_text(listed.changed_at), public.utc_text(p.decided_at)
  from public.pledges as p
  cross join lateral (
    select max(h.changed_at) as changed_at
    from public.pledge_status_changes as h
    where h.pledge_id = p.id and h.to_status = 'approved'
  ) as listed
  where p.status = 'withdrawn' and p.listing <> 'count-only' and listed.changed_at is not null
  order by p.decided_at desc, listed.changed_at desc, p.id;
$$;

comment on function public.public_former_signatories() is
  'When each withdrawn pledge that was listed by name was listed and withdrawn, with its id for its badge; no names.';

-- The impact page's counts of the commitments of every approved pledge, named or counted only,
-- by status: of all commitments, of each benefit's and of each action's (the own words under
-- the action null); for the whole town, for each area, and at each quarter's end since the
-- first (each commitment with the status it had then, from the history; the current quarter
-- as things stand). Only counts of 5 or more are returned. The benefit of each action is the
-- one in content/actions.json (a test holds them together).
create function public.public_impact()
returns table (
  subject_kind text,
  subject text,
  ward text,
  quarter text,
  status public.commitment_status,
  commitments integer
)
language sql
stable
security definer
set search_path = ''
as $$
  with benefits (action, benefit) as (
    values
      ('careers-advice-in-schools', 'fairer-society'),
      ('mentoring-self-employment', 'fairer-society'),
      ('work-placements', 'fairer-society'),
      ('disability-confident-employers', 'fairer-society'),
      ('shop-local-and-volunteer', 'fairer-society'),
      ('breaking-down-barriers-to-training', 'resilient-economy'),
      ('buying-locally', 'resilient-economy'),
      ('cooperatives', 'resilient-economy'),
      ('wellbeing-training-from-local-charities', 'resilient-economy'),
      ('pooling-budgets', 'resilient-economy'),
      ('local-supply-chains', 'resilient-economy')
  ),
  counted as (
    select c.id, c.action_id, c.status, p.ward, b.benefit
    from public.commitments as c
    join public.pledges as p on p.id = c.pledge_id
    left join benefits as b on b.action = c.action_id
    where p.status = 'approved'
  ),
  subjects as (
    select k.id, k.status, k.ward, s.kind, s.subject
    from counted as k
    cross join lateral (values ('all', null), ('benefit', k.benefit), ('action', k.action_id)) as s (kind, subject)
    where s.kind <> 'benefit' or k.benefit is not null
  ),
  spans as (
    select h.commitment_id, h.to_status as status, h.changed_at as since,
      lead(h.changed_at) over (partition by h.commitment_id order by h.changed_at, h.id) as until
    from public.commitment_status_changes as h
    where h.commitment_id in (select k.id from counted as k)
  ),
  quarters as (
    select to_char(q, 'YYYY') || '-Q' || to_char(q, 'Q') as label,
      (q + interval '3 months') at time zone 'UTC' as ends
    from generate_series(
      (select date_trunc('quarter', min(s.since) at time zone 'UTC') from spans as s),
      date_trunc('quarter', now() at time zone 'UTC'),
      interval '3 months'
    ) as q
  ),
  at_quarter_end as (
    select q.label, s.commitment_id, s.status
    from quarters as q
    join spans as s on s.since < q.ends and (s.until is null or s.until >= q.ends)
  ),
  cells as (
    select s.kind, s.subject, null::text as ward, null::text as quarter, s.status, count(*) as n
    from subjects as s
    group by s.kind, s.subject, s.status
    union all
    select s.kind, s.subject, s.ward, null, s.status, count(*)
    from subjects as s
    where s.ward is not null
    group by s.kind, s.subject, s.ward, s.status
    union all
    select s.kind, s.subject, null, a.label, a.status, count(*)
    from at_quarter_end as a
    join subjects as s on s.id = a.commitment_id
    group by s.kind, s.subject, a.label, a.status
  )
  select c.kind, c.subject, c.ward, c.quarter, c.status, c.n::integer
  from cells as c
  where c.n >= 5
  order by c.kind, c.subject nulls first, c.ward nulls first, c.quarter nulls first, c.status;
$$;

comment on function public.public_impact() is
  'Counts of approved pledges'' commitments by status, subject, area and quarter; counts under 5 are left out.';

-- The wall's version now also covers what the new public reads show: each approved pledge's
-- commitments as accepted (statuses, their dates, evidence links and notes) and its last
-- accepted check-in, so an officer's acceptance leads to a rebuild and a check-in waiting does
-- not. An empty wall still has the digest of nothing.
create or replace function public.public_wall_version()
returns table (version text, approved integer, last_decided_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  with approved as (
    select p.* from public.pledges as p where p.status = 'approved'
  ),
  shown_commitments as (
    select c.pledge_id, json_agg(json_build_array(
      c.id, c.action_id, c.status, extract(epoch from c.status_since), c.evidence_url, c.note,
      extract(epoch from c.evidence_accepted_at)
    ) order by c.id) as shown
    from public.commitments as c
    join approved as a on a.id = c.pledge_id
    group by c.pledge_id
  ),
  last_check_ins as (
    select k.pledge_id, extract(epoch from max(k.submitted_at)) as at
    from public.check_ins as k
    join approved as a on a.id = k.pledge_id
    where k.review = 'accepted'
    group by k.pledge_id
  )
  select
    -- The decision time goes in as epoch seconds, so the session's time zone and date style
    -- cannot change the digest of the same rows.
    md5(coalesce(string_agg(
      json_build_array(
        p.id, p.kind, p.ward, p.actions, p.target_date, p.listing, extract(epoch from p.decided_at),
        p.public_name, p.public_website, p.public_commitment, p.public_ward, c.shown, k.at
      )::text,
      E'\n' order by p.id
    ), '')),
    case when count(*) >= 5 then count(*)::integer end,
    max(p.decided_at) filter (where p.listing <> 'count-only' and p.public_name is not null)
  from approved as p
  left join shown_commitments as c on c.pledge_id = p.id
  left join last_check_ins as k on k.pledge_id = p.id
$$;

comment on function public.public_wall_version() is
  'A digest of what the public sees of approved pledges and their commitments: the wall is rebuilt when it differs from the deployed one.';

-- The subject access copy also holds the pledge's commitments with their history, its
-- check-ins with their answers, and the check-in e-mails claimed for it.
create or replace function public.pledger_subject_access(pledge_reference text)
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
        union all
        select 'check-in (' || s.occasion || ')', s.claimed_at from public.check_in_sends as s
        where s.pledge_id = target.id and s.sent
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
    'commitments', coalesce((
      select jsonb_agg(public.commitment_json(c.id) || jsonb_build_object('history', coalesce((
        select jsonb_agg(jsonb_build_object(
          'from_status', h.from_status, 'to_status', h.to_status, 'changed_at', public.utc_text(h.changed_at)
        ) order by h.changed_at, h.id)
        from public.commitment_status_changes as h where h.commitment_id = c.id
      ), '[]'::jsonb)) order by c.action_id is null, c.action_id)
      from public.commitments as c where c.pledge_id = target.id
    ), '[]'::jsonb),
    'check_ins', coalesce((
      select jsonb_agg(to_jsonb(r) order by r.submitted_at, r.id)
      from public.check_in_records(target.id, false) as r
    ), '[]'::jsonb),
    'officer_activity', coalesce((
      select jsonb_agg(jsonb_build_object(
        'action', a.action, 'detail', a.detail, 'done_by', a.done_by, 'at', a.at
      ) order by a.at, a.id)
      from public.officer_activity as a where a.pledge_id = target.id
    ), '[]'::jsonb)
  );
end;
$$;

-- Only the server's own role calls these; the helpers above them are called by nobody else.
revoke all on function public.date_commitment_status() from public, anon, authenticated, service_role;
revoke all on function public.record_commitment_status_change() from public, anon, authenticated, service_role;
revoke all on function public.commitments_follow_pledge() from public, anon, authenticated, service_role;
revoke all on function public.commitment_json(uuid) from public, anon, authenticated, service_role;
revoke all on function public.pledge_commitments(uuid) from public, anon, authenticated, service_role;
revoke all on function public.check_in_records(uuid, boolean) from public, anon, authenticated, service_role;
revoke all on function public.store_check_in_answers(uuid, uuid, jsonb) from public, anon, authenticated, service_role;
revoke all on function public.publish_check_in(uuid, boolean, timestamptz) from public, anon, authenticated, service_role;
revoke all on function public.check_in_occasions(timestamptz, date) from public, anon, authenticated, service_role;

do $$
declare
  signature text;
begin
  foreach signature in array array[
    'public.pledger_check_in_commitments(text)',
    'public.pledger_submit_check_in(text, jsonb)',
    'public.claim_due_check_ins(integer)',
    'public.officer_check_ins_waiting(text)',
    'public.officer_check_ins_for(text, uuid)',
    'public.officer_commitments(text, uuid)',
    'public.officer_decide_check_in(text, uuid, text, text)',
    'public.officer_record_check_in(text, uuid, jsonb, text)',
    'public.pledger_subject_access(text)'
  ] loop
    execute format('revoke all on function %s from public, anon, authenticated', signature);
    execute format('grant execute on function %s to service_role', signature);
  end loop;
  foreach signature in array array[
    'public.public_commitments()',
    'public.public_check_in_dates()',
    'public.public_former_signatories()',
    'public.public_impact()',
    'public.public_wall_version()'
  ] loop
    execute format('revoke all on function %s from public, anon, authenticated', signature);
    execute format('grant execute on function %s to anon, authenticated, service_role', signature);
  end loop;
end;
$$;
