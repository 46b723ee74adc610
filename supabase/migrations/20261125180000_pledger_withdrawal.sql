-- A person may withdraw their own pledge before the council has decided on it, from the link in
-- their receipt, as well as after it was approved. Status still only moves forward:
-- pending → approved | rejected | withdrawn, approved → withdrawn.
create or replace function public.enforce_pledge_status_transition()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status then
    if not (
      (old.status = 'pending' and new.status in ('approved', 'rejected', 'withdrawn'))
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

revoke all on function public.enforce_pledge_status_transition() from public, anon, authenticated;
