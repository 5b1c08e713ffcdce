import type { ReactNode } from 'react';

/** A province with the regencies a select offers in it. */
export interface RegencyOptionGroup {
  province: { code: string; name: string };
  regencies: readonly { code: string; name: string }[];
}

/** A regency select's options, grouped under their province's name. */
export function RegencyOptions({ groups }: { groups: readonly RegencyOptionGroup[] }): ReactNode {
  return groups.map(({ province, regencies }) => (
    <optgroup key={province.code} label={province.name}>
      {regencies.map((regency) => (
        <option key={regency.code} value={regency.code}>
          {regency.name}
        </option>
      ))}
    </optgroup>
  ));
}
