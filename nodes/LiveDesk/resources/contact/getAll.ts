import type { INodeProperties } from 'n8n-workflow';
import { simplifyField } from '../../shared/descriptions';
import { contactListOptions } from './fields';
import { returnAllAndLimitFields } from './pages';

const showOnlyForContactGetMany = {
	resource: ['contact'],
	operation: ['getAll'],
};

export const contactGetManyDescription: INodeProperties[] = [
	...returnAllAndLimitFields(showOnlyForContactGetMany),
	contactListOptions(showOnlyForContactGetMany),
	simplifyField(showOnlyForContactGetMany),
];
