import { buildSchema, type GraphQLEnumType } from 'graphql';
import { loadTypeDefs } from '../../schema.js';
import { ROLES } from './roles.js';

describe('roles', () => {
  it('are the SDL’s Role enum, in order', () => {
    const schema = buildSchema(loadTypeDefs().join('\n'));
    const role = schema.getType('Role') as GraphQLEnumType;
    expect(role.getValues().map((v) => v.name)).toEqual([...ROLES]);
  });
});
