-- The version of what the public can see of approved pledges, so a scheduled job can tell
-- whether the static wall and progress page are behind the database without reading them.
-- It is read as the anonymous role, through the same row security and column grants as the
-- wall, so it changes exactly when the public's view changes: a pledge approved (named or
-- counted only), withdrawn, or edited in a public column. A pending pledge, a rejection or an
-- erasure (only of withdrawn or rejected pledges, already off the wall) leaves it unchanged.
create function public.public_wall_version()
returns table (version text, approved integer, last_decided_at timestamptz)
language sql
stable
security invoker
set search_path = ''
as $$
  select
    -- The decision time goes in as epoch seconds, so the session's time zone and date style
    -- cannot change the digest of the same rows.
    md5(coalesce(string_agg(
      json_build_array(
        p.id, p.kind, p.actions, p.target_date, p.listing, extract(epoch from p.decided_at),
        p.public_name, p.public_website, p.public_commitment, p.public_ward
      )::text,
      E'\n' order by p.id
    ), '')),
    count(*)::integer,
    max(p.decided_at)
  from public.pledges as p
  where p.status = 'approved'
$$;

comment on function public.public_wall_version() is
  'A digest of the public columns of approved pledges: the wall is rebuilt when it differs from the deployed one.';

revoke all on function public.public_wall_version() from public, anon, authenticated;
grant execute on function public.public_wall_version() to anon, authenticated, service_role;
