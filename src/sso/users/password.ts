import { randomInt } from 'node:crypto';

// Entra requires 8 to 256 characters from three of the four classes (lower,
// upper, digit, symbol). The alphabet leaves out characters that are easy to
// misread (l, I, O, 0, 1) and symbols that Markdown or a URL would change
// (`*_[]()~|<>#\` and the backtick), so the password reads the same on a card.
const lower = 'abcdefghijkmnopqrstuvwxyz';
const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const digits = '23456789';
const symbols = '!@$%^&+=?';
const alphabet = lower + upper + digits + symbols;

/** The length of a generated password: 20 characters from 66 give about 120 bits. */
export const PASSWORD_LENGTH = 20;

function pick(characters: string): string {
  return characters[randomInt(characters.length)]!;
}

/**
 * Generates an initial password from `node:crypto` randomness with at least
 * one character of each class. The caller sends it to Graph once and hands it
 * to the requester; it is never stored, hashed into a plan or logged.
 */
export function generatePassword(length: number = PASSWORD_LENGTH): string {
  if (length < 8 || length > 256) throw new RangeError(`A password length must be 8 to 256 characters, not ${length}.`);

  const characters = [pick(lower), pick(upper), pick(digits), pick(symbols)];
  while (characters.length < length) characters.push(pick(alphabet));

  // Fisher-Yates, so the guaranteed classes sit at random positions.
  for (let index = characters.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [characters[index], characters[other]] = [characters[other]!, characters[index]!];
  }
  return characters.join('');
}
