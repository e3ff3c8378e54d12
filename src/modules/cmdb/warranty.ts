/** Days before expiry from which a warranty counts as EXPIRING_SOON (API.md). */
export const EXPIRING_SOON_DAYS = 90;

export const WARRANTY_STATUSES = ['IN_WARRANTY', 'EXPIRING_SOON', 'EXPIRED', 'UNKNOWN'] as const;
export type WarrantyStatus = (typeof WARRANTY_STATUSES)[number];

/** The warranty status of an expiry date on a given day (both `YYYY-MM-DD`). */
export function warrantyStatus(expiry: string | null, today: string): WarrantyStatus {
  if (!expiry) return 'UNKNOWN';
  if (expiry < today) return 'EXPIRED';
  const days = (Date.parse(`${expiry}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86400000;
  return days <= EXPIRING_SOON_DAYS ? 'EXPIRING_SOON' : 'IN_WARRANTY';
}
