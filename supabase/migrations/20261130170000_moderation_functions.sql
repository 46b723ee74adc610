-- What officers read about pledges, written once as database functions: the list, one pledge
-- with its history, and the private export. Every adapter calls these (PGlite and PostgreSQL
-- with SQL, Supabase through PostgREST's rpc), so the engines tested here answer exactly as
-- production does. They run with the caller's rights (security invoker): only service_role
-- may call them, and it already reads every column of both tables.
--
-- Times are handed out as UTC ISO 8601 text and the target date as YYYY-MM-DD, so every
-- engine, driver and session time zone gives an officer the same characters.

-- Newest first, of one status or of all.
create function public.list_pledges(only_status public.pledge_status default null)
returns table (
  id uuid,
  reference text,
  name text,
  kind text,
  status public.pledge_status,
  listing public.pledge_listing,
  created_at text
)
language sql
stable
security invoker
set search_path = ''
as $$
  select
    p.id, p.reference, p.name, p.kind, p.status, p.listing,
    to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  from public.pledges as p
  where only_status is null or p.status = only_status
  order by p.created_at desc, p.id;
$$;

-- Everything held about every pledge (or only the one given), oldest first, each with its
-- status history, oldest change first.
create function public.export_pledges(only_pledge uuid default null)
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
  history jsonb
)
language sql
stable
security invoker
set search_path = ''
as $$
  select
    p.id, p.reference, p.name, p.kind, p.status, p.listing,
    to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    p.ward, p.website, p.actions, p.commitment, to_char(p.target_date, 'YYYY-MM-DD'),
    p.contact_name, p.contact_email, p.channel, p.charter_version,
    to_char(p.decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    coalesce(
      (
        select jsonb_agg(
          jsonb_build_object(
            'from_status', c.from_status,
            'to_status', c.to_status,
            'changed_by', c.changed_by,
            'reason', c.reason,
            'changed_at', to_char(c.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
          )
          order by c.changed_at, c.id
        )
        from public.pledge_status_changes as c
        where c.pledge_id = p.id
      ),
      '[]'::jsonb
    )
  from public.pledges as p
  where only_pledge is null or p.id = only_pledge
  order by p.created_at, p.id;
$$;

-- One pledge named by its reference (SC-…, in any case) or its id; no row when there is no
-- such pledge or the name is neither, never an error for text that is not an id.
create function public.show_pledge(id_or_reference text)
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
  history jsonb
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  named uuid;
begin
  if id_or_reference ~* '^SC-' then
    select p.id into named from public.pledges as p where p.reference = upper(id_or_reference);
  elsif id_or_reference ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    named := id_or_reference::uuid;
  end if;
  if named is null then
    return;
  end if;
  return query select * from public.export_pledges(named);
end;
$$;

revoke all on function public.list_pledges(public.pledge_status) from public, anon, authenticated;
revoke all on function public.export_pledges(uuid) from public, anon, authenticated;
revoke all on function public.show_pledge(text) from public, anon, authenticated;
grant execute on function public.list_pledges(public.pledge_status) to service_role;
grant execute on function public.export_pledges(uuid) to service_role;
grant execute on function public.show_pledge(text) to service_role;
