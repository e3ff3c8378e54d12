/** The console shows instants in Beijing time (+08:00), the time the data centre plans in. */
const OFFSET = 8 * 3600000;

/** An instant as `YYYY-MM-DDTHH:MM…` in Beijing time. */
const local = (t: string | number) => new Date(new Date(t).getTime() + OFFSET).toISOString();

/** `YYYY-MM-DD` in Beijing time. */
export const dateOf = (t: string | number) => local(t).slice(0, 10);

/** `HH:MM` in Beijing time. */
export const timeOf = (t: string | number) => local(t).slice(11, 16);

/** `YYYY-MM-DD HH:MM` in Beijing time, or a dash for none. */
export const when = (t: string | null | undefined) => (t ? `${dateOf(t)} ${timeOf(t)}` : '–');

/** The Monday 00:00 (Beijing time) of the week holding `t`, as epoch milliseconds. */
export function mondayOf(t: number): number {
  const day = Math.floor((t + OFFSET) / 86400000);
  const weekday = (new Date(day * 86400000).getUTCDay() + 6) % 7; // Monday 0
  return (day - weekday) * 86400000 - OFFSET;
}
