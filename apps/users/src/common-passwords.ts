// Passwords of ten characters or more that leaked lists show most often (lower case): a password
// on this list, in any letter case, is refused at sign-up. Short on purpose: a gate against the
// obvious, not a dictionary.
export const COMMON_PASSWORDS = new Set([
  '1234567890', '12345678910', '123456789a', '1234567890a', '0123456789', '0987654321', '1111111111',
  '1q2w3e4r5t', '1qaz2wsx3edc', 'qwertyuiop', 'qwerty1234', 'qwerty12345', 'qwerty123456', 'qwertyuiop1',
  'asdfghjkl1', 'asdfghjkl;', 'zxcvbnm123', 'password12', 'password123', 'password1234', 'password!1',
  'passw0rd123', 'iloveyou12', 'iloveyou123', 'princess12', 'sunshine12', 'football12', 'baseball12',
  'basketball', 'superman12', 'starwars12', 'whatever12', 'welcome123', 'welcome1234', 'letmein123',
  'trustno1234', 'abc1234567', 'abcdefghij', 'abcd123456', 'administrator', 'admin12345', 'changeme123',
  'monkey1234', 'dragon1234', 'master1234', 'michael123', 'jennifer12', 'charlie123', 'computer12',
  'internet12', 'chocolate1', 'butterfly1', 'pokemon123', 'lovelove12', 'qazwsxedc1', 'q1w2e3r4t5',
  'aaaaaaaaaa', 'zzzzzzzzzz', 'password', 'passwordpassword', 'wordle2022', 'wordlewordle'
])

/** True for a password on the list, in any letter case. */
export function isCommonPassword (password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase())
}
