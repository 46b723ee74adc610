-- Pledges that look like one under review, with what an officer compares side by side: the
-- name, the e-mail address, who it is from and where, how it came and how far it has got.

drop function public.officer_similar_pledges(text, uuid);

create function public.officer_similar_pledges(token text, pledge uuid)
returns table (
  id uuid,
  reference text,
  name text,
  kind text,
  ward text,
  contact_email text,
  channel public.pledge_channel,
  status public.pledge_status,
  created_at text,
  same_name boolean,
  same_email boolean
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  officer public.officers := public.require_officer(token);
  this public.pledges;
begin
  select * into this from public.pledges as p where p.id = pledge;
  return query
    select
      p.id, p.reference, p.name, p.kind, p.ward, p.contact_email, p.channel, p.status,
      to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      coalesce(p.name_skeleton = this.name_skeleton, false),
      coalesce(lower(p.contact_email) = lower(this.contact_email), false)
    from public.pledges as p
    where p.id <> pledge
      and (p.name_skeleton = this.name_skeleton or lower(p.contact_email) = lower(this.contact_email))
    order by p.created_at
    limit 20;
end;
$$;

revoke all on function public.officer_similar_pledges(text, uuid) from public, anon, authenticated;
grant execute on function public.officer_similar_pledges(text, uuid) to service_role;
