import nx from '@nx/eslint-plugin';

/** Framework packages that must stay on their own side of the workspace. */
const serverOnly = ['@nestjs/*', 'typeorm', 'mongoose', 'pg', 'passport*', 'argon2', '@redis/*', 'nodemailer'];
const browserOnly = ['@angular/*', 'rxjs'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/.data', '**/test-results'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ specs: false })] },
  },
  {
    // A library's own specs (and the spec helpers beside them) may use the test database, never its source.
    files: ['**/*.spec.ts', '**/src/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ specs: true })] },
  },
];

/**
 * The dependency rules. `testing:database` (api-testing-db) is the migrated test database alone, so
 * the specs of data-access and feature libraries may use it; `api-testing` (type:testing without
 * that tag) starts the whole app and stays with the e2e suites.
 */
function moduleBoundaries({ specs }) {
  const testDatabase = specs ? ['testing:database'] : [];
  return {
    enforceBuildableLibDependency: true,
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
    // api-database's own spec runs on the test database, which is made from api-database's migrations.
    ignoredCircularDependencies: [['api-database', 'api-testing-db']],
    depConstraints: [
      // Scopes: the API and the web app meet only in the framework-free shared library.
      {
        sourceTag: 'scope:api',
        onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'],
        bannedExternalImports: ['@angular/*'],
      },
      {
        sourceTag: 'scope:web',
        onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'],
        bannedExternalImports: serverOnly,
      },
      {
        sourceTag: 'scope:shared',
        onlyDependOnLibsWithTags: ['scope:shared'],
        bannedExternalImports: [...serverOnly, ...browserOnly, 'class-validator', 'class-transformer'],
      },
      // Types: apps wire features; features use data access and utilities; never upwards.
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'],
      },
      {
        sourceTag: 'type:e2e',
        onlyDependOnLibsWithTags: ['type:testing', 'type:feature', 'type:data-access', 'type:util'],
      },
      {
        sourceTag: 'type:testing',
        onlyDependOnLibsWithTags: ['testing:database', 'type:feature', 'type:data-access', 'type:util'],
      },
      {
        sourceTag: 'type:feature',
        onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', ...testDatabase],
      },
      {
        sourceTag: 'type:data-access',
        onlyDependOnLibsWithTags: ['type:data-access', 'type:util', ...testDatabase],
      },
      { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
    ],
  };
}
