/** Tests are compiled by tsc into build/ first (npm test does that), so jest runs plain JavaScript. */
module.exports = {
	roots: ['<rootDir>/build/test'],
	testEnvironment: 'node',
	testMatch: ['**/*.test.js'],
	testTimeout: 30000,
};
