// ESLint (flat config): Next's rules (React, hooks, a11y, Core Web Vitals) and typescript-eslint's
// recommended set, without type information (it would re-run the type checker; `tsc` does that).
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTypeScript from 'eslint-config-next/typescript'

const config = [
  {
    ignores: [
      // Generated: types, the admin's import map and the migrations' schema snapshots.
      'src/payload-types.ts',
      'src/app/(payload)/admin/importMap.js',
      'src/migrations/*.json',
      '.next/**',
      '.next-*/**',
      '.data/**',
      'media/**',
      'media.before-restore-*/**',
      'backups/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  ...nextVitals,
  ...nextTypeScript,
  {
    rules: {
      // Next makes these two warnings; dead code and lost expressions are findings, so errors.
      // A leading underscore marks what is left out on purpose (`const { a: _a, ...rest } = x`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // A `let` read by a closure before its one assignment (a shutdown handler) cannot be a const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // /admin is Payload's own app under another root layout: a plain link (a full load) is right.
      '@next/next/no-html-link-for-pages': 'off',
      // `as never` silences the checker instead of naming the type: use the generated types
      // (src/payload-types.ts, CollectionSlug, Where, RequiredDataFromCollectionSlug<'x'>, typed hooks).
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSAsExpression > TSNeverKeyword.typeAnnotation',
          message:
            '不要写 `as never`：请用生成的类型（src/payload-types.ts、CollectionSlug、Where、RequiredDataFromCollectionSlug<…>、CollectionAfterChangeHook<…>），测试故意传错类型时用带理由的 // @ts-expect-error。',
        },
      ],
    },
  },
  {
    // Written by `payload migrate:create`: every migration receives { db, payload, req } and uses some.
    files: ['src/migrations/*.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
]

export default config
