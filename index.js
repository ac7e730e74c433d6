'use strict';

// n8n loads the classes through package.json's "n8n" block; this entry point serves code that requires the package directly.
module.exports = {
	LiveDesk: require('./dist/nodes/LiveDesk/LiveDesk.node.js').LiveDesk,
	LiveDeskTrigger: require('./dist/nodes/LiveDeskTrigger/LiveDeskTrigger.node.js').LiveDeskTrigger,
	LiveDeskApi: require('./dist/credentials/LiveDeskApi.credentials.js').LiveDeskApi,
};
