import { describe, expect, it } from 'vitest';
import { generatePassword, PASSWORD_LENGTH } from '../../src/sso/users/index.js';
import { isComplexPassword } from '../../src/tenant-emulator/routes/user-creation.js';

const samples = Array.from({ length: 200 }, () => generatePassword());

describe('generatePassword', () => {
  it('has the default length', () => {
    expect(samples.every((password) => password.length === PASSWORD_LENGTH)).toBe(true);
  });

  it.each([
    ['a lowercase letter', /[a-z]/],
    ['an uppercase letter', /[A-Z]/],
    ['a digit', /[0-9]/],
    ['a symbol', /[^A-Za-z0-9]/],
  ])('always contains %s', (_class, pattern) => {
    expect(samples.filter((password) => !pattern.test(password))).toEqual([]);
  });

  it('meets the complexity rule Entra applies', () => {
    expect(samples.filter((password) => !isComplexPassword(password))).toEqual([]);
  });

  it('avoids Markdown and look-alike characters', () => {
    expect(samples.filter((password) => /[*_[\]()~|<>#\\`lIO01\s]/.test(password))).toEqual([]);
  });

  it('differs every time', () => {
    expect(new Set(samples).size).toBe(samples.length);
  });

  it('rejects lengths Entra does not accept', () => {
    expect(() => generatePassword(7)).toThrow(RangeError);
    expect(() => generatePassword(257)).toThrow(RangeError);
    expect(generatePassword(8)).toHaveLength(8);
  });
});
