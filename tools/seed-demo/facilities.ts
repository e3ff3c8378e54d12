import { asset, ci, dep, member, pad, rand } from './estate.js';

// ---- Facilities: two data centres, machine rooms, dual power feeds, cooling, racks.
ci('dc-main', '市政务云数据中心(主中心) Main data centre', 'DataCenter', {
  criticality: 'CRITICAL',
  ownerId: 'org-team-facility',
  supplierId: 'sup-facility',
});
ci('dc-dr', '市政务灾备中心 DR data centre', 'DataCenter', {
  environment: 'DISASTER_RECOVERY',
  criticality: 'HIGH',
  ownerId: 'org-team-facility',
  supplierId: 'sup-facility',
});
export const rooms: [string, string, string, number][] = [
  ['room-a', '主机房A(3F) Server room A', 'dc-main', 20],
  ['room-b', '网络机房B(2F) Network room B', 'dc-main', 8],
  ['room-dr', '灾备机房 DR room', 'dc-dr', 6],
];
export const racksByRoom: Record<string, string[]> = {};
for (const [roomId, roomName, dcId, rackCount] of rooms) {
  const env = dcId === 'dc-dr' ? 'DISASTER_RECOVERY' : 'PRODUCTION';
  ci(roomId, roomName, 'Room', {
    environment: env,
    criticality: 'CRITICAL',
    ownerId: 'org-team-facility',
    supplierId: 'sup-facility',
  });
  dep(roomId, dcId, 'LOCATED_IN');
  const feeds = ['1', '2'].map((n) =>
    ci(
      `pwr-${roomId}-feed${n}`,
      `${roomName.split(' ')[0]} ${n === '1' ? 'A' : 'B'}路供电(UPS-${n}) Power feed ${n === '1' ? 'A' : 'B'}`,
      'PowerSupply',
      {
        environment: env,
        criticality: 'CRITICAL',
        ownerId: 'org-team-facility',
        supplierId: 'sup-facility',
        asset: asset(
          'Vertiv',
          'Liebert EXL S1 200kVA',
          2016 + Math.floor(rand() * 4),
          860000,
          5,
          roomName,
        ),
      },
    ),
  );
  feeds.forEach((f) => dep(f, roomId, 'LOCATED_IN'));
  const grp = ci(
    `pwrgrp-${roomId}`,
    `${roomName.split(' ')[0]} 双路供电 Dual power feeds`,
    'PowerRedundancyGroup',
    {
      environment: env,
      criticality: 'CRITICAL',
      ownerId: 'org-team-facility',
      supplierId: 'sup-facility',
      redundancy: { minMembersUp: 1 },
    },
  );
  member(grp, feeds);
  const cooling = ['1', '2', '3'].map((n) =>
    ci(`cool-${roomId}-${n}`, `${roomName.split(' ')[0]} 精密空调-${n} CRAC ${n}`, 'CoolingUnit', {
      environment: env,
      ownerId: 'org-team-facility',
      supplierId: 'sup-facility',
      asset: asset(
        'Vertiv',
        'Liebert PEX4 60kW',
        2015 + Math.floor(rand() * 5),
        320000,
        3,
        roomName,
      ),
    }),
  );
  const coolGrp = ci(
    `coolgrp-${roomId}`,
    `${roomName.split(' ')[0]} 精密空调组(N+1) Cooling N+1`,
    'ResourcePool',
    {
      environment: env,
      criticality: 'HIGH',
      ownerId: 'org-team-facility',
      supplierId: 'sup-facility',
      redundancy: { minMembersUp: 2 },
    },
  );
  member(coolGrp, cooling);
  dep(roomId, coolGrp, 'DEPENDS_ON', 'HARD');
  racksByRoom[roomId] = [];
  for (let r = 1; r <= rackCount; r++) {
    const code = `${roomId === 'room-dr' ? 'DR' : roomId.slice(-1).toUpperCase()}${pad(r)}`;
    const rack = ci(`rack-${code}`, `机柜 ${code} Rack ${code}`, 'Rack', {
      environment: env,
      ownerId: 'org-team-facility',
      attributes: { units: 42, powerKw: 6 },
    });
    dep(rack, roomId, 'LOCATED_IN');
    dep(rack, grp, 'DEPENDS_ON');
    racksByRoom[roomId]!.push(rack);
  }
}
