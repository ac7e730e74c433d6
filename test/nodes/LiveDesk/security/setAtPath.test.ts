import { setAtPath } from '../../../../nodes/shared/utilities';

/**
 * setAtPath's paths are the node's own today, so no workflow can reach it with a hostile one:
 * this guard is tested directly, the one helper test here, so that it keeps holding if a path
 * ever comes from input.
 */
describe('setAtPath', () => {
	afterEach(() => {
		delete (Object.prototype as Record<string, unknown>).polluted;
	});

	it.each([
		'__proto__.polluted',
		'constructor.prototype.polluted',
		'a.__proto__.polluted',
		'prototype',
		'a.constructor',
	])('refuses the path %s and writes nothing', (path) => {
		const body = {};
		expect(() => setAtPath(body, path, 'yes')).toThrow(
			/has the step "(__proto__|constructor|prototype)"/,
		);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(body).toEqual({});
	});

	it('still makes the objects on an ordinary path', () => {
		const body = {};
		setAtPath(body, 'requester.channel_contacts.followers', ['a']);
		expect(body).toEqual({ requester: { channel_contacts: { followers: ['a'] } } });
	});
});
