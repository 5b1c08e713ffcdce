/** What an input or select bound to one value of a form's draft is given. */
export interface BoundField<Value extends string> {
  value: Value;
  onChange: (event: { target: { value: string } }) => void;
  error: string | undefined;
}

/**
 * Binds an input or select to one value of a form's draft: its value, its change, its refusal. A
 * select reports one of the options it was given, so the text it reports is taken as the value's type.
 */
export function bindField<Value extends string>(
  value: Value,
  change: (value: Value) => void,
  error?: string,
): BoundField<Value> {
  return { value, onChange: (event) => change(event.target.value as Value), error };
}
