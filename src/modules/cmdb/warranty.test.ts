import { warrantyStatus } from './warranty.js';

describe('warrantyStatus', () => {
  it('is UNKNOWN without a date', () => expect(warrantyStatus(null, '2026-11-24')).toBe('UNKNOWN'));
  it('is EXPIRED the day after expiry', () =>
    expect(warrantyStatus('2026-11-23', '2026-11-24')).toBe('EXPIRED'));
  it('is EXPIRING_SOON on the expiry day and 90 days before', () => {
    expect(warrantyStatus('2026-11-24', '2026-11-24')).toBe('EXPIRING_SOON');
    expect(warrantyStatus('2027-02-22', '2026-11-24')).toBe('EXPIRING_SOON');
  });
  it('is IN_WARRANTY 91 days before expiry', () =>
    expect(warrantyStatus('2027-02-23', '2026-11-24')).toBe('IN_WARRANTY'));
});
