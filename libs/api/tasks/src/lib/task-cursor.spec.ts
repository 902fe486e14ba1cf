import fc from 'fast-check';
import { TaskCursorCodec, type CursorPosition } from './task-cursor';

const codec = new TaskCursorCodec('a secret of the test, long enough to sign with');
const position: fc.Arbitrary<CursorPosition> = fc.record({
  values: fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 5 }),
  id: fc.uuid(),
});
const query = fc.string({ maxLength: 80 });

describe('TaskCursorCodec', () => {
  it('decodes what it encoded, for the same query', () => {
    fc.assert(
      fc.property(position, query, (where, q) => {
        expect(codec.decode(codec.encode(where, q), q)).toEqual(where);
      }),
    );
  });

  it('refuses a cursor for any other query', () => {
    fc.assert(
      fc.property(position, query, query, (where, made, used) => {
        fc.pre(made !== used);
        expect(codec.decode(codec.encode(where, made), used)).toBeUndefined();
      }),
    );
  });

  it('refuses a cursor with any one character changed', () => {
    fc.assert(
      fc.property(position, query, fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (where, q, index, replacement) => {
        const cursor = codec.encode(where, q);
        const at = index % cursor.length;
        fc.pre(cursor[at] !== replacement);
        const tampered = cursor.slice(0, at) + replacement + cursor.slice(at + 1);
        expect(codec.decode(tampered, q)).toBeUndefined();
      }),
    );
  });

  it('refuses cursors signed with another secret, and arbitrary strings', () => {
    const other = new TaskCursorCodec('another secret entirely, also long enough');
    fc.assert(
      fc.property(position, query, fc.string(), (where, q, junk) => {
        expect(codec.decode(other.encode(where, q), q)).toBeUndefined();
        expect(codec.decode(junk, q)).toBeUndefined();
      }),
    );
  });
});
