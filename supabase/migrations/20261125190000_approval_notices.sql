-- Telling a pledger their pledge was approved, whichever path approved it: the pledges command,
-- Supabase Studio or plain SQL. A scheduled job claims the approved pledges whose authors have not
-- been told, so each is told once even when two senders run at the same time, and gives a claim
-- back when the e-mail could not be sent.

alter table public.pledges add column approval_noticed_at timestamptz;

-- Pledges approved before this column existed were dealt with by hand: nobody is told twice.
update public.pledges set approval_noticed_at = decided_at where status = 'approved';

create index pledges_awaiting_approval_notice on public.pledges (decided_at)
  where status = 'approved' and approval_noticed_at is null;

create function public.claim_approval_notices(max_count integer)
returns table (
  id uuid,
  reference text,
  name text,
  listing public.pledge_listing,
  contact_name text,
  contact_email text
)
language sql
volatile
set search_path = ''
as $$
  update public.pledges as p
  set approval_noticed_at = now()
  where p.id in (
    select due.id from public.pledges as due
    where due.status = 'approved' and due.approval_noticed_at is null and due.contact_email is not null
    order by due.decided_at
    limit greatest(max_count, 0)
    for update skip locked
  )
  returning p.id, p.reference, p.name, p.listing, p.contact_name, p.contact_email
$$;

create function public.release_approval_notice(pledge_id uuid)
returns void
language sql
volatile
set search_path = ''
as $$
  update public.pledges set approval_noticed_at = null
  where id = pledge_id and status = 'approved'
$$;

revoke all on function public.claim_approval_notices(integer) from public, anon, authenticated;
grant execute on function public.claim_approval_notices(integer) to service_role;
revoke all on function public.release_approval_notice(uuid) from public, anon, authenticated;
grant execute on function public.release_approval_notice(uuid) to service_role;
