/**
 * The server's defaults for `budgetEstimate` (API.md, "Reports and the operations budget"), per
 * top-level class of the seeded taxonomy; a class without its own figure inherits its nearest
 * ancestor's. Each figure says where it comes from. None is a published national standard: the
 * operations-budget methods (比例系数法, 人工量法) are those of provincial e-government practice,
 * and the figures a finance bureau accepts differ by province; so every default is marked
 * "assumed" with the reasoning, and a request overrides any of them.
 */
export interface DefaultFigure {
  ciClass: string;
  value: number;
  source: string;
}

/** 比例系数法: yearly operations cost as a fraction of original value. */
export const DEFAULT_RATES: readonly DefaultFigure[] = [
  {
    ciClass: 'Hardware',
    value: 0.08,
    source: 'assumed: 8 % of original value a year for out-of-warranty hardware maintenance',
  },
  { ciClass: 'NetworkDevice', value: 0.08, source: 'assumed: as hardware' },
  {
    ciClass: 'SecurityDevice',
    value: 0.1,
    source: 'assumed: hardware rate plus signature and rule subscriptions',
  },
  {
    ciClass: 'Software',
    value: 0.12,
    source: 'assumed: 12 % of licence value a year for support and upgrades',
  },
  {
    ciClass: 'Application',
    value: 0.15,
    source: 'assumed: 15 % of development cost a year for application maintenance',
  },
  {
    ciClass: 'Facility',
    value: 0.05,
    source: 'assumed: 5 % of original value for facility upkeep (power, cooling, racks)',
  },
  {
    ciClass: 'Cluster',
    value: 0,
    source: 'assumed: a logical group carries no cost of its own; its members do',
  },
  {
    ciClass: 'NetworkLink',
    value: 0,
    source: 'assumed: links are paid as carrier fees, outside this method',
  },
];

/** 人工量法: person-days a year per unit. */
export const DEFAULT_LABOUR: readonly DefaultFigure[] = [
  {
    ciClass: 'Hardware',
    value: 1,
    source: 'assumed: quarterly inspection and patching, about one person-day a year',
  },
  {
    ciClass: 'NetworkDevice',
    value: 1.5,
    source: 'assumed: configuration changes and inspections',
  },
  { ciClass: 'SecurityDevice', value: 2, source: 'assumed: rule reviews and log checks' },
  { ciClass: 'Software', value: 0.5, source: 'assumed: upgrades and licence handling' },
  { ciClass: 'Application', value: 10, source: 'assumed: routine application maintenance' },
  { ciClass: 'Facility', value: 0.5, source: 'assumed: facility rounds' },
  { ciClass: 'Cluster', value: 0, source: 'assumed: counted on the members' },
  { ciClass: 'NetworkLink', value: 0.25, source: 'assumed: carrier coordination' },
];

/** Spare parts: a fraction of the original value of CIs out of warranty. */
export const DEFAULT_SPARE_RATE: DefaultFigure = {
  ciClass: '*',
  value: 0.03,
  source: 'assumed: 3 % of the original value of equipment out of warranty a year',
};
