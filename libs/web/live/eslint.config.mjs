import angularConfig from '../../../tools/eslint/angular.mjs';

export default angularConfig;
