/**
 * A console form's answers by name, as the pledge schema reads them: text, or a list where a
 * name comes more than once (the actions' checkboxes). Files are no answer.
 */
export function sentValues(form: FormData, leaveOut: readonly string[] = []): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [name, value] of form) {
    if (typeof value !== "string" || leaveOut.includes(name)) continue;
    const known = values[name];
    values[name] = known === undefined ? value : [...[known].flat(), value];
  }
  return values;
}
