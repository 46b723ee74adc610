-- A duplicate is the same organisation pledging again with the same address while its first
-- pledge is live. "The same organisation" is judged on a skeleton of its name, after Unicode
-- TR39: a soft hyphen, a zero-width space, a fullwidth letter, a Cyrillic "а" or a change of
-- case makes a name that looks the same, and must not make a second pledge. The skeleton is
-- held by the unique index, so two requests racing each other still store one pledge.

-- NFKC folds compatibility forms (fullwidth, ligatures, mathematical letters); the default-
-- ignorable code points are removed; Cyrillic and Greek letters that look like Latin ones are
-- mapped to them, capitals before case folding so that Greek Ν (N) and ν (v) stay apart;
-- then case is folded and runs of spaces count as one.
create function public.pledge_name_skeleton(name text)
returns text
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select btrim(regexp_replace(lower(translate(
    regexp_replace(
      normalize(name, NFKC),
      U&'[\00AD\034F\061C\115F\1160\17B4\17B5\180B-\180F\200B-\200F\202A-\202E\2060-\206F\3164\FE00-\FE0F\FEFF\FFA0\FFF0-\FFF8\+01BCA0-\+01BCA3\+01D173-\+01D17A\+0E0000-\+0E0FFF]',
      '',
      'g'
    ),
    -- Cyrillic capitals, Cyrillic small letters, Greek capitals, Greek small letters, dotless i
    U&'\0410\0412\0415\041A\041C\041D\041E\0420\0421\0422\0423\0425\0405\0406\0408\04AE\051A\051C\04C0'
      || U&'\0430\0435\043E\0440\0441\0443\0445\0455\0456\0458\04BB\0501\051B\051D\04AF\04CF'
      || U&'\0391\0392\0395\0396\0397\0399\039A\039C\039D\039F\03A1\03A4\03A5\03A7'
      || U&'\03B1\03B3\03B9\03BA\03BD\03BF\03C1\03C5\03C7\03F2\03F3'
      || U&'\0131',
    'ABEKMHOPCTYXSIJYQWI'
      || 'aeopcyxsijhdqwyl'
      || 'ABEZHIKMNOPTYX'
      || 'ayikvopuxcj'
      || 'i'
  )), '\s+', ' ', 'g'))
$$;

comment on function public.pledge_name_skeleton(text) is
  'What a name looks like, for spotting duplicates: NFKC, default-ignorables removed, Cyrillic and Greek look-alikes mapped to Latin, case folded.';

revoke all on function public.pledge_name_skeleton(text) from public, anon, authenticated;
grant execute on function public.pledge_name_skeleton(text) to service_role;

alter table public.pledges
  add column name_skeleton text generated always as (public.pledge_name_skeleton(name)) stored;

drop index public.pledges_one_live_pledge_per_organisation_and_email;
create unique index pledges_one_live_pledge_per_organisation_and_email
  on public.pledges (name_skeleton, lower(contact_email))
  where status in ('pending', 'approved');

-- As before, with the duplicate found by skeleton.
create or replace function public.submit_pledge(pledge jsonb)
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
    where p.name_skeleton = public.pledge_name_skeleton(pledge->>'name')
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

revoke all on function public.submit_pledge(jsonb) from public, anon, authenticated;
grant execute on function public.submit_pledge(jsonb) to service_role;
