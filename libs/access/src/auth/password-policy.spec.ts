import { passwordPolicyErrors } from './password-policy.js';

const problemsOf = (password: string, username = 'petugas.kalsel'): string[] =>
  passwordPolicyErrors('newPassword', password, username).map((error) => error.message);

describe('password policy', () => {
  it.each([
    'correct horse battery staple',
    'Tambak-Kurau 9 Juli, siang',
    'pw-secret-12-x7k2q',
    'k8#Vq2!mZ0rL',
    'Laut biru di Martapura 1998',
  ])('accepts %j', (password) => {
    expect(problemsOf(password)).toEqual([]);
  });

  it('answers at the path it is given, one field error per problem', () => {
    expect(passwordPolicyErrors('input.password', 'aaaa', 'officer')).toEqual([
      { path: 'input.password', message: 'must be at least 12 characters' },
      { path: 'input.password', message: 'needs at least 6 different characters' },
    ]);
  });

  it('counts characters, not bytes, from 12 to 128', () => {
    expect(problemsOf('Kx9#mQ2!vL0')).toEqual(['must be at least 12 characters']);
    expect(problemsOf('Sh0rt!')).toEqual(['must be at least 12 characters']);
    expect(problemsOf('Kx9#mQ2!vL0z')).toEqual([]);
    expect(problemsOf('🌧️ hujan di Banjar 🌧️')).toEqual([]);
    const long = 'Kx9#mQ2!vL0z'.repeat(11);
    expect(problemsOf(long.slice(0, 128))).toEqual([]);
    expect(problemsOf(long.slice(0, 129))).toEqual(['must be at most 128 characters']);
  });

  it('refuses a password that contains the username, in any case', () => {
    expect(problemsOf('xx-Petugas.Kalsel-2025!')).toEqual(['must not contain the username']);
    expect(problemsOf('Kx9#mQ2!vL0z-ab', 'ab')).toEqual([]);
  });

  it.each([
    'Password1234',
    'P@ssw0rd2024!',
    'passwordpassword',
    'qwertyuiop123',
    "Asdfghjkl;'12",
    '1qaz2wsx3edc4rfv',
    '0987654321zyxw',
    'iloveyou!!!!!!',
    'Indonesia2025!',
    'lintas-admin-01',
    'abcd1234efgh5678',
    'rahasia123456',
  ])('refuses the well-known password or keyboard pattern %j', (password) => {
    expect(problemsOf(password)).toEqual(['is made of a well-known password or a keyboard pattern']);
  });

  it('refuses too few different characters, however long', () => {
    expect(problemsOf('abababababababab')).toEqual(['needs at least 6 different characters']);
    expect(problemsOf('1111111111111111')).toEqual(['needs at least 6 different characters']);
  });

  it('keeps a strong password that merely contains a short run', () => {
    expect(problemsOf('zebra-qwer-Martapura')).toEqual([]);
  });
});
