// The provider's people. Three fixed test accounts that tests sign in as, plus accounts a test
// adds or changes through the control endpoint (its own name, so tests never see each other's
// changes). Everything lives in memory: a restart starts from the fixed three again.

const fixed = [
  { login: 'alice', password: 'alice-password', name: 'Alice Admin', groups: ['mam-admins'] },
  { login: 'bob', password: 'bob-password', name: 'Bob Editor', groups: ['feature-film-editors'] },
  { login: 'carol', password: 'carol-password', name: 'Carol Nogroups', groups: [] },
];

const accounts = new Map(fixed.map((account) => [account.login, account]));

// A stable subject per login, as a real provider's opaque user id (not the login a person types).
const subjectOf = (login) => `sub-${login}`;

export function checkPassword(login, password) {
  const account = accounts.get(login);
  return account !== undefined && account.password === password ? subjectOf(login) : undefined;
}

// Adds an account or replaces its password, name and groups. Returns an error message or undefined.
export function putAccount(login, { password, name, groups }) {
  if (typeof login !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,63}$/u.test(login)) {
    return 'login must be 1-64 lower-case letters, digits, dot, dash or underscore';
  }
  if (typeof password !== 'string' || password.length === 0) {
    return 'password is required';
  }
  if (!Array.isArray(groups) || groups.some((group) => typeof group !== 'string')) {
    return 'groups must be an array of strings';
  }
  accounts.set(login, { login, password, name: typeof name === 'string' ? name : login, groups });
  return undefined;
}

// oidc-provider's findAccount: claims are read at every token issue, so a changed group list
// reaches the next sign-in, as with a directory behind a real provider.
export async function findAccount(_ctx, subject) {
  const login = subject.startsWith('sub-') ? subject.slice(4) : undefined;
  const account = login === undefined ? undefined : accounts.get(login);
  if (account === undefined) {
    return undefined;
  }
  return {
    accountId: subject,
    async claims() {
      return {
        sub: subject,
        name: account.name,
        preferred_username: account.login,
        email: `${account.login}@example.test`,
        email_verified: true,
        groups: [...account.groups],
      };
    },
  };
}
