import { fieldsFromCoercionMessage } from './error-formatter.js';

describe('fieldsFromCoercionMessage', () => {
  it('names a missing required field of an input object', () => {
    expect(
      fieldsFromCoercionMessage(
        'Variable "$input" got invalid value { fullName: "Siti" }; Field "nik" of required type "String!" was not provided.',
      ),
    ).toEqual([{ path: 'input.nik', message: 'is required (String!)' }]);
  });

  it('names a field of the wrong type', () => {
    expect(
      fieldsFromCoercionMessage(
        'Variable "$input" got invalid value 5 at "input.nik"; String cannot represent a non string value: 5',
      ),
    ).toEqual([{ path: 'input.nik', message: 'String cannot represent a non string value: 5' }]);
  });

  it('leaves other messages alone', () => {
    expect(fieldsFromCoercionMessage('Cannot query field "nope" on type "Query".')).toBeUndefined();
  });
});
