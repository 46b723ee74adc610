-- Moderation: every change of a pledge's status is recorded (who, when, from → to, why) in an
-- append-only history, whichever path made it: the moderation command, Supabase Studio, SQL.

create table public.pledge_status_changes (
  id bigint generated always as identity primary key,
  pledge_id uuid not null references public.pledges (id),
  from_status public.pledge_status,
  to_status public.pledge_status not null,
  changed_by text not null check (char_length(changed_by) between 1 and 100),
  reason text check (char_length(reason) <= 1000),
  changed_at timestamptz not null default now()
);

create index pledge_status_changes_by_pledge on public.pledge_status_changes (pledge_id, changed_at);

alter table public.pledge_status_changes enable row level security;
revoke all on table public.pledge_status_changes from anon, authenticated;
grant select, insert on table public.pledge_status_changes to service_role;

create function public.refuse_history_rewrite()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'The status history of pledges is append-only' using errcode = 'insufficient_privilege';
end;
$$;

create trigger pledge_status_changes_append_only
  before update or delete on public.pledge_status_changes
  for each row execute function public.refuse_history_rewrite();

create trigger pledge_status_changes_no_truncate
  before truncate on public.pledge_status_changes
  for each statement execute function public.refuse_history_rewrite();

-- Who made a change: the moderation command sets pledges.actor; a change made some other way
-- (Supabase Studio, plain SQL) is put down to the database user who made it.
create function public.record_pledge_status_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
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

create trigger pledges_record_status_change
  after insert or update of status on public.pledges
  for each row execute function public.record_pledge_status_change();

-- Changes a pledge's status on behalf of a named officer. A rejection needs a reason; the
-- transitions allowed are those enforce_pledge_status_transition allows.
create function public.set_pledge_status(
  pledge_id uuid,
  new_status public.pledge_status,
  actor text,
  reason text default null
)
returns table (id uuid, reference text, status public.pledge_status)
language plpgsql
set search_path = ''
as $$
begin
  if coalesce(trim(actor), '') = '' then
    raise exception 'Say who is making the change' using errcode = 'check_violation';
  end if;
  if new_status = 'rejected' and coalesce(trim(reason), '') = '' then
    raise exception 'A rejection needs a reason' using errcode = 'check_violation';
  end if;
  perform set_config('pledges.actor', actor, true);
  perform set_config('pledges.reason', coalesce(reason, ''), true);
  return query
    update public.pledges as p set status = new_status where p.id = pledge_id
    returning p.id, p.reference, p.status;
end;
$$;

revoke all on function public.refuse_history_rewrite() from public, anon, authenticated;
revoke all on function public.record_pledge_status_change() from public, anon, authenticated;
revoke all on function public.set_pledge_status(uuid, public.pledge_status, text, text) from public, anon, authenticated;
grant execute on function public.set_pledge_status(uuid, public.pledge_status, text, text) to service_role;
