import type { Principal } from '../api/session-store';

/**
 * Indonesia's three time zones by province (Kemendagri code), as the law sets them: WIB for
 * Sumatra, Java, West and Central Kalimantan; WITA for South, East and North Kalimantan, Bali,
 * Nusa Tenggara and Sulawesi; WIT for Maluku and Papua.
 */
export function timeZoneOfProvince(provinceCode: string): string {
  const code = Number(provinceCode);
  if (code >= 81) return 'Asia/Jayapura';
  if (code >= 63 || (code >= 51 && code <= 53)) return 'Asia/Makassar';
  return 'Asia/Jakarta';
}

/**
 * The officer's time zone: that of the agency's provinces, or of its regencies' provinces (a
 * Disnaker covers regencies), when they share one (BP3MI Kalimantan Selatan reads WITA wherever its
 * laptop's clock is set), else the browser's.
 */
export function timeZoneOf(principal: Principal | undefined): string {
  const agency = principal?.agency;
  const provinces = [
    ...(agency?.provinceCodes ?? []),
    ...(agency?.regencyCodes ?? []).map((code) => code.slice(0, 2)),
  ];
  const zones = new Set(provinces.map(timeZoneOfProvince));
  const [only] = zones;
  return zones.size === 1 && only ? only : Intl.DateTimeFormat().resolvedOptions().timeZone;
}
