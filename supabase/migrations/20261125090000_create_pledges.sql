-- Pledges to the charter. The rules that protect people's data live here, so every path
-- (the pledge function, the moderation CLI, Supabase Studio) obeys them.

create type public.pledge_status as enum ('pending', 'approved', 'rejected', 'withdrawn');
create type public.pledge_listing as enum ('organisation-name', 'name-and-area', 'count-only');
create type public.pledge_channel as enum ('online', 'assisted', 'paper');

create table public.pledges (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique check (reference ~ '^SC-[0-9A-HJKMNP-TV-Z]{8}$'),
  idempotency_key uuid not null unique,

  -- who
  name text not null check (char_length(name) between 1 and 120),
  kind text not null check (kind in ('business', 'social-enterprise', 'charity', 'public-sector', 'education', 'resident')),
  ward text check (ward ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(ward) <= 60),
  website text check (website ~ '^https?://' and char_length(website) <= 200),

  -- what
  actions text[] not null default '{}' check (
    actions <@ array[
      'careers-advice-in-schools', 'mentoring-self-employment', 'work-placements',
      'disability-confident-employers', 'shop-local-and-volunteer', 'breaking-down-barriers-to-training',
      'buying-locally', 'cooperatives', 'wellbeing-training-from-local-charities', 'pooling-budgets',
      'local-supply-chains'
    ]::text[]
    and array_position(actions, null) is null
  ),
  commitment text check (char_length(commitment) between 1 and 1000),
  target_date date,
  constraint pledges_commits_to_something check (cardinality(actions) > 0 or commitment is not null),

  -- private contact, used only to contact the pledger about the pledge
  contact_name text not null check (char_length(contact_name) between 1 and 100),
  contact_email text not null check (char_length(contact_email) between 3 and 254 and contact_email like '%_@_%'),

  -- consent and provenance
  listing public.pledge_listing not null,
  constraint pledges_area_listing_has_area check (listing <> 'name-and-area' or ward is not null),
  privacy_acknowledged_at timestamptz not null,
  charter_version text not null check (char_length(charter_version) between 1 and 40),
  channel public.pledge_channel not null default 'online',

  status public.pledge_status not null default 'pending',
  created_at timestamptz not null default now(),
  decided_at timestamptz,

  -- What the public may see, derived so no code path can forget a rule: a pledge counted
  -- only never shows its name, website or own words.
  public_name text generated always as (case when listing = 'count-only' then null else name end) stored,
  public_website text generated always as (case when listing = 'organisation-name' then website end) stored,
  public_commitment text generated always as (case when listing = 'count-only' then null else commitment end) stored,
  public_ward text generated always as (case when listing = 'organisation-name' and kind = 'resident' then null else ward end) stored
);

comment on table public.pledges is 'Pledges to the charter. Contact fields are private; the public reads public_signatories.';
comment on column public.pledges.contact_email is 'Private: never exposed to anon or authenticated.';

-- The same organisation pledging again with the same address is a duplicate while its first
-- pledge is live; after a withdrawal or rejection it may pledge afresh.
create unique index pledges_one_live_pledge_per_organisation_and_email
  on public.pledges (lower(name), lower(contact_email))
  where status in ('pending', 'approved');

create index pledges_status_created_at on public.pledges (status, created_at desc);

-- Status only moves forward: pending → approved | rejected, approved → withdrawn.
create function public.enforce_pledge_status_transition()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status then
    if not (
      (old.status = 'pending' and new.status in ('approved', 'rejected'))
      or (old.status = 'approved' and new.status = 'withdrawn')
    ) then
      raise exception 'A pledge cannot move from % to %', old.status, new.status
        using errcode = 'check_violation';
    end if;
    new.decided_at := now();
  end if;
  return new;
end;
$$;

create trigger pledges_status_transition
  before update on public.pledges
  for each row execute function public.enforce_pledge_status_transition();

alter table public.pledges enable row level security;

-- Nobody but the service role touches the table itself; the public reads public columns of
-- approved pledges only, and only through the grants below.
revoke all on table public.pledges from anon, authenticated;
grant select (id, kind, actions, target_date, listing, status, created_at, decided_at,
              public_name, public_website, public_commitment, public_ward)
  on table public.pledges to anon, authenticated;
grant all on table public.pledges to service_role;

create policy "The public can read approved pledges"
  on public.pledges for select
  to anon, authenticated
  using (status = 'approved');

-- The public wall: approved pledges whose authors chose to be named.
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

-- A short reference a person can quote on the phone: SC- and 8 Crockford base-32 characters.
create function public.new_pledge_reference()
returns text
language sql
volatile
set search_path = ''
as $$
  select 'SC-' || string_agg(
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', get_byte(uuid_send(gen_random_uuid()), 0) % 32 + 1, 1), ''
  )
  from generate_series(1, 8);
$$;

-- One call stores a pledge: it answers a replay of the same idempotency key with the pledge
-- first stored, and tells a duplicate from a new pledge, atomically.
create function public.submit_pledge(pledge jsonb)
returns table (outcome text, reference text, publicly_listed boolean)
language plpgsql
set search_path = ''
as $$
declare
  key uuid := (pledge->>'idempotency_key')::uuid;
  stored public.pledges;
begin
  for attempt in 1..3 loop
    select * into stored from public.pledges p where p.idempotency_key = key;
    if found then
      return query select 'replayed'::text, stored.reference, false;
      return;
    end if;

    select * into stored from public.pledges p
    where lower(p.name) = lower(pledge->>'name')
      and lower(p.contact_email) = lower(pledge->>'contact_email')
      and p.status in ('pending', 'approved');
    if found then
      return query select 'duplicate'::text, stored.reference,
        (stored.status = 'approved' and stored.public_name is not null);
      return;
    end if;

    insert into public.pledges (
      reference, idempotency_key, name, kind, ward, website, actions, commitment, target_date,
      contact_name, contact_email, listing, privacy_acknowledged_at, charter_version, channel
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
      coalesce(pledge->>'channel', 'online')::public.pledge_channel
    )
    on conflict do nothing
    returning * into stored;

    if stored.id is not null then
      return query select 'created'::text, stored.reference, false;
      return;
    end if;
    -- A concurrent request with the same key or organisation won the race, or the reference
    -- was taken: look again.
  end loop;
  raise exception 'Could not store the pledge; try again' using errcode = 'serialization_failure';
end;
$$;

revoke all on function public.new_pledge_reference() from public, anon, authenticated;
grant execute on function public.new_pledge_reference() to service_role;
revoke all on function public.submit_pledge(jsonb) from public, anon, authenticated;
grant execute on function public.submit_pledge(jsonb) to service_role;
revoke all on function public.enforce_pledge_status_transition() from public, anon, authenticated;
