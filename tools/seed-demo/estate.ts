/** The demo estate under construction: its row lists, the seeded random numbers, and the helpers every part writes rows with. */
export type Row = Record<string, unknown>;
export const orgUnits: Row[] = [];
export const suppliers: Row[] = [];
export const cis: Row[] = [];
export const services: Row[] = [];
export const deps: Row[] = [];
export const contracts: Row[] = [];

export let seed = 20261124;
export const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
export const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;
export const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export const dep = (fromId: string, toId: string, kind = 'DEPENDS_ON', strength = 'HARD') =>
  deps.push({ fromId, toId, kind, strength });
export const member = (groupId: string, ids: string[]) =>
  ids.forEach((id) => dep(groupId, id, 'MEMBER'));

export function asset(
  manufacturer: string,
  model: string,
  year: number,
  value: number,
  warrantyYears: number,
  location: string,
): Row {
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  return {
    assetTag: `ZWSJ-${year}-${pad(Math.floor(rand() * 100000), 5)}`,
    serialNumber: `${manufacturer.slice(0, 2).toUpperCase()}${year}${pad(Math.floor(rand() * 1e7), 7)}`,
    manufacturer,
    model,
    purchaseDate: `${year}-${pad(month)}-${pad(day)}`,
    originalValue: value,
    currency: 'CNY',
    // Equipment bought since 2022 came with the five-year warranty tenders now ask for, so that
    // the estate has warranties still running and expiring in the coming months.
    warrantyExpiry: `${year + (year >= 2022 ? Math.max(warrantyYears, 5) : warrantyYears)}-${pad(month)}-${pad(day)}`,
    location,
  };
}

export function ci(id: string, name: string, ciClass: string, extra: Row = {}): string {
  cis.push({
    id,
    name,
    ciClass,
    status: 'ACTIVE',
    environment: 'PRODUCTION',
    criticality: 'MEDIUM',
    ...extra,
  });
  return id;
}
