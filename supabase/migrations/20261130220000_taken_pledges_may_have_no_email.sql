-- Someone pledging by phone, in person or on paper may have no e-mail address, so a pledge an
-- officer takes may be stored without one; a pledge sent online always has one (the form asks
-- for it), until its contact details are erased.

alter table public.pledges drop constraint pledges_erased_or_whole;
alter table public.pledges add constraint pledges_erased_or_whole check (
  (erased_at is null and name is not null
    and (contact_erased_at is not null
      or (contact_name is not null and (contact_email is not null or channel <> 'online'))))
  or (erased_at is not null and name is null and website is null and commitment is null
      and contact_name is null and contact_email is null)
);
