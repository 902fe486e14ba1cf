import nx from '@nx/eslint-plugin';
import baseConfig from '../../eslint.config.mjs';

/** The lint config of every web project (apps/web, libs/web/*): Angular's rules and the `tf` prefix. */
export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'tf', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'tf', style: 'kebab-case' }],
    },
  },
];
