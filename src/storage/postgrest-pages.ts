/**
 * PostgREST answers at most 1,000 rows a request on Supabase (its max_rows), so a read that may
 * be longer asks page by page until a page comes back short.
 */
export const postgrestPageSize = 1000;

export async function allPages<Row, Failure>(
  fetchPage: (from: number, to: number) => PromiseLike<{ data: Row[] | null; error: Failure | null }>,
): Promise<{ rows: Row[]; error: Failure | null }> {
  const rows: Row[] = [];
  for (let from = 0; ; from += postgrestPageSize) {
    const { data, error } = await fetchPage(from, from + postgrestPageSize - 1);
    if (error) return { rows, error };
    const page = data ?? [];
    rows.push(...page);
    if (page.length < postgrestPageSize) return { rows, error: null };
  }
}
