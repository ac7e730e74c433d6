/**
 * Where the trigger may fetch an attachment from. Every field of an event is an attacker's (the
 * trigger URL is public and LiveDesk signs nothing), so a file link must not be able to point
 * n8n at its own network or at LiveDesk's API with the workflow owner's credential.
 *
 * Only what the URL itself says is checked here (the scanner allows no DNS lookups in a
 * community node); a host name that resolves to a private address is n8n's job
 * (N8N_SSRF_PROTECTION_ENABLED), which the downloads honour by going through n8n's HTTP helper.
 */

/** Host names of cloud metadata services and of this machine, refused like the addresses behind them. */
const BLOCKED_HOST_NAMES = new Set([
	'localhost',
	'metadata',
	'metadata.google.internal',
	'metadata.goog',
	'instance-data',
	'instance-data.ec2.internal',
	'metadata.azure.com',
	'metadata.tencentyun.com',
]);

/** [first address, prefix length] of IPv4 ranges that are not the public internet. */
const BLOCKED_IPV4: ReadonlyArray<readonly [string, number]> = [
	['0.0.0.0', 8], // "this network"
	['10.0.0.0', 8], // private
	['100.64.0.0', 10], // carrier-grade NAT; holds Alibaba Cloud's metadata 100.100.100.200
	['127.0.0.0', 8], // loopback
	['169.254.0.0', 16], // link-local; holds the AWS/GCP/Azure metadata 169.254.169.254
	['172.16.0.0', 12], // private
	['192.0.0.0', 24], // IETF protocol assignments; holds Oracle Cloud's metadata 192.0.0.192
	['192.168.0.0', 16], // private
	['198.18.0.0', 15], // benchmarking
	['224.0.0.0', 4], // multicast
	['240.0.0.0', 4], // reserved, and the broadcast address
];

function ipv4Number(text: string): number | undefined {
	const parts = text.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255))
		return undefined;
	return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

function isBlockedIpv4(address: number): boolean {
	return BLOCKED_IPV4.some(([first, bits]) => {
		const size = 2 ** (32 - bits);
		const start = ipv4Number(first) ?? 0;
		return address >= start && address < start + size;
	});
}

/**
 * "::ffff:7f00:1" → its eight 16-bit groups; undefined when it is not one. The URL parser writes
 * every IPv6 host in hex groups (::ffff:127.0.0.1 becomes ::ffff:7f00:1), so no dotted tail is read.
 */
function ipv6Groups(text: string): number[] | undefined {
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const parse = (part: string) => (part === '' ? [] : part.split(':'));
	const head = parse(halves[0]);
	const rest = halves.length === 2 ? parse(halves[1]) : [];
	if (![...head, ...rest].every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
	const known = head.length + rest.length;
	if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
	const zeros = new Array<number>(8 - known).fill(0);
	return [...head, ...zeros.map(String), ...rest].map((group) => parseInt(group, 16));
}

function isBlockedIpv6(groups: readonly number[]): boolean {
	const [a, b, c, d, e, f, g, h] = groups;
	const embeddedV4 = g * 65536 + h;
	const upperZero = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
	if (upperZero && f === 0 && g === 0 && (h === 0 || h === 1)) return true; // :: and ::1
	if (upperZero && (f === 0xffff || f === 0)) return isBlockedIpv4(embeddedV4); // IPv4-mapped and -compatible
	if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0)
		return isBlockedIpv4(embeddedV4); // NAT64
	if (a === 0x2002) return isBlockedIpv4(b * 65536 + c); // 6to4
	if ((a & 0xffc0) === 0xfe80) return true; // link-local
	if ((a & 0xfe00) === 0xfc00) return true; // unique-local; holds AWS's IPv6 metadata fd00:ec2::254
	return (a & 0xff00) === 0xff00; // multicast
}

/**
 * Why n8n must not connect to this URL's host, or undefined when it may. `url` is a parsed URL,
 * so IPv4 in any notation (2130706433, 0x7f.1) already reads as a dotted quad.
 */
export function refusedHost(url: URL): string | undefined {
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return `it is a ${url.protocol.replace(/:$/, '')} URL, not http(s)`;
	const host = url.hostname.toLowerCase().replace(/\.$/, '');
	if (BLOCKED_HOST_NAMES.has(host) || host.endsWith('.localhost'))
		return `${host} is this machine or a cloud metadata service`;
	const v4 = ipv4Number(host);
	if (v4 !== undefined)
		return isBlockedIpv4(v4)
			? `${host} is a loopback, private, link-local or reserved address`
			: undefined;
	if (host.startsWith('[') && host.endsWith(']')) {
		const groups = ipv6Groups(host.slice(1, -1));
		if (groups === undefined) return `${host} is not a valid address`;
		return isBlockedIpv6(groups)
			? `${host} is a loopback, private, link-local or reserved address`
			: undefined;
	}
	return undefined;
}

/** The path as a server may read it: percent-decoded (bounded), backslashes as slashes, dot steps resolved. */
function normalizedPath(pathname: string): string {
	let path = pathname;
	for (let round = 0; round < 5; round++) {
		let next: string;
		try {
			next = decodeURIComponent(path);
		} catch {
			break;
		}
		if (next === path) break;
		path = next;
	}
	const steps: string[] = [];
	for (const step of path.replace(/\\/g, '/').split('/')) {
		if (step === '' || step === '.') continue;
		if (step === '..') steps.pop();
		else steps.push(step.toLowerCase());
	}
	return `/${steps.join('/')}`;
}

/**
 * LiveDesk's API lives under /api (the credential's API root is <Base URL>/api/v2/accounts, and
 * the Chatwoot family's other APIs are /platform/api and /public/api). A file is never there, so
 * any path with an "api" step, however it is encoded, is the API.
 */
export function isApiPath(url: URL): boolean {
	return normalizedPath(url.pathname).split('/').includes('api');
}
