import { buildSchema, GraphQLEnumType } from 'graphql';
import { ENUM_LABELS } from './enum-labels.js';
import { loadTypeDefs } from './schema.js';

describe('enum labels', () => {
  it('label every value of every enum of the schema, and nothing else', () => {
    const schema = buildSchema(loadTypeDefs().join('\n'));
    const enums = Object.values(schema.getTypeMap()).filter(
      (t): t is GraphQLEnumType => t instanceof GraphQLEnumType && !t.name.startsWith('__'),
    );
    expect(
      Object.fromEntries(enums.map((e) => [e.name, e.getValues().map((v) => v.name)])),
    ).toEqual(Object.fromEntries(Object.entries(ENUM_LABELS).map(([n, v]) => [n, Object.keys(v)])));
  });
});
