-- Shown means consented, and nothing else leaks. What each listing choice shows is written once
-- in content/listing-choices.json; the public columns below follow it, and a test holds the two
-- together:
--   organisation-name: the name, kind, actions, own words and target date, and an
--                      organisation's website; never the area
--   name-and-area:     the same, with the area
--   count-only:        nothing one by one; counted in the progress page's totals only
-- The public reads named, approved pledges through public_signatories, and totals through
-- public_progress(), which applies the progress page's rule that a count under 5 is not shown.
-- Count-only pledges are never readable row by row, and the public roles hold no sequences.

drop view public.public_signatories;

alter table public.pledges
  drop column public_website,
  drop column public_ward;

alter table public.pledges
  add column public_website text generated always as (
    case when listing <> 'count-only' and kind <> 'resident' then website end
  ) stored,
  add column public_ward text generated always as (
    case when listing = 'name-and-area' then ward end
  ) stored;

-- Row by row the public sees only what it can see on the wall: approved pledges listed by name.
drop policy "The public can read approved pledges" on public.pledges;
create policy "The public can read approved, named pledges"
  on public.pledges for select
  to anon, authenticated
  using (status = 'approved' and listing <> 'count-only');

-- Only the columns the public view reads: no listing, no submission time.
revoke all on table public.pledges from anon, authenticated;
grant select (id, kind, actions, target_date, status, decided_at,
              public_name, public_website, public_commitment, public_ward)
  on table public.pledges to anon, authenticated;

create view public.public_signatories
with (security_invoker = true)
as
select
  id,
  public_name as name,
  kind,
  public_ward as ward,
  public_website as website,
  actions,
  public_commitment as commitment,
  target_date,
  decided_at as listed_at
from public.pledges
where status = 'approved' and public_name is not null;

revoke all on table public.public_signatories from anon, authenticated;
grant select on table public.public_signatories to anon, authenticated, service_role;

-- The totals of the progress page, every approved pledge counted, named or not. Only counts of
-- 5 or more are returned (the rule in src/wall/progress.ts); a category missing from the answer
-- had fewer. Each month's row is the running total up to its end. The benefit of each action
-- is the one in content/actions.json (a test holds them together).
create function public.public_progress()
returns table (measure text, category text, pledges integer)
language sql
stable
security definer
set search_path = ''
as $$
  with approved as (
    select p.id, p.kind, p.ward, p.actions, p.decided_at
    from public.pledges as p
    where p.status = 'approved'
  ),
  benefits (action, benefit) as (
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
  pledged as (
    select a.id, pledged.action from approved as a, unnest(a.actions) as pledged (action)
  ),
  months as (
    select to_char(a.decided_at at time zone 'UTC', 'YYYY-MM') as month, count(*) as added
    from approved as a
    group by 1
  ),
  counts as (
    select 'total' as measure, null::text as category, count(*)::integer as pledges from approved
    union all
    select 'actions-pledged', null, coalesce(sum(cardinality(a.actions)), 0)::integer from approved as a
    union all
    select 'kind', a.kind, count(*)::integer from approved as a group by a.kind
    union all
    select 'area', a.ward, count(*)::integer from approved as a where a.ward is not null group by a.ward
    union all
    select 'action', p.action, count(distinct p.id)::integer from pledged as p group by p.action
    union all
    select 'benefit', b.benefit, count(distinct p.id)::integer
    from pledged as p join benefits as b on b.action = p.action
    group by b.benefit
    union all
    select 'month', m.month, (sum(m.added) over (order by m.month))::integer from months as m
  )
  select c.measure, c.category, c.pledges from counts as c where c.pledges >= 5
$$;

comment on function public.public_progress() is
  'Totals of approved pledges for the progress page; counts under 5 are left out.';

revoke all on function public.public_progress() from public, anon, authenticated;
grant execute on function public.public_progress() to anon, authenticated, service_role;

-- The wall's version now covers pledges the public cannot read row by row (the progress page
-- counts them), so it reads the table as its owner. It hands out a digest, the number approved
-- under the same small-number rule, and the newest listing date the wall already shows.
create or replace function public.public_wall_version()
returns table (version text, approved integer, last_decided_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select
    -- The decision time goes in as epoch seconds, so the session's time zone and date style
    -- cannot change the digest of the same rows.
    md5(coalesce(string_agg(
      json_build_array(
        p.id, p.kind, p.ward, p.actions, p.target_date, p.listing, extract(epoch from p.decided_at),
        p.public_name, p.public_website, p.public_commitment, p.public_ward
      )::text,
      E'\n' order by p.id
    ), '')),
    case when count(*) >= 5 then count(*)::integer end,
    max(p.decided_at) filter (where p.listing <> 'count-only' and p.public_name is not null)
  from public.pledges as p
  where p.status = 'approved'
$$;

comment on function public.public_wall_version() is
  'A digest of what the public sees of approved pledges: the wall is rebuilt when it differs from the deployed one.';

revoke all on function public.public_wall_version() from public, anon, authenticated;
grant execute on function public.public_wall_version() to anon, authenticated, service_role;

-- Supabase grants every new sequence to the public roles; none of them needs one, and a setval
-- on the history's identity would make every later pledge fail.
revoke all on all sequences in schema public from anon, authenticated;
alter default privileges in schema public revoke all on sequences from anon, authenticated;
