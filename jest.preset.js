const nxPreset = require('@nx/jest/preset').default;

// A library may have no specs yet (its behaviour is covered end to end); that is not a failure.
module.exports = { ...nxPreset, passWithNoTests: true };
