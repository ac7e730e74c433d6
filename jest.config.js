/** Tests are compiled by tsc into build/ first (npm test does that), so jest runs plain JavaScript. */
module.exports = {
	roots: ['<rootDir>/build/test'],
	testEnvironment: 'node',
	testMatch: ['**/*.test.js'],
	testTimeout: 30000,
	// One temp folder per run, removed at its end: a run leaves nothing in the system's temp folder.
	globalSetup: '<rootDir>/build/test/jest/globalSetup.js',
	globalTeardown: '<rootDir>/build/test/jest/globalTeardown.js',
};
