/** Today in Asia/Shanghai (the practice's calendar, UTC+8 all year), `YYYY-MM-DD`. */
export const shanghaiToday = (now = Date.now()): string =>
  new Date(now + 8 * 3600000).toISOString().slice(0, 10);
