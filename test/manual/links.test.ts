import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../tools/project-root';

/**
 * The manual is the README plus docs/, and n8n's editor links into the README
 * (the nodes' and the credential's documentation URLs). Headings get renamed
 * when sections move, so every link is checked against the headings GitHub
 * will anchor.
 */
const README = 'README.md';
const REPOSITORY_README =
	/https:\/\/github\.com\/engagelab\/n8n-nodes-engagelab-livedesk#([\w-]+)/g;
const manualFiles = [
	README,
	'CHANGELOG.md',
	...readdirSync(path.join(PROJECT_ROOT, 'docs'))
		.filter((name) => name.endsWith('.md'))
		.map((name) => `docs/${name}`),
];

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const withoutCode = (markdown: string) => markdown.replace(/^```[\s\S]*?^```/gm, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(file: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const [, heading] of withoutCode(read(file)).matchAll(/^#{1,6}\s+(.+)$/gm)) {
		const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
		const slug = text
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.trim()
			.replace(/ /g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

function brokenLinks(file: string): string[] {
	const broken: string[] = [];
	for (const [, target] of withoutCode(read(file)).matchAll(/\]\(([^)\s]+)\)/g)) {
		if (/^[a-z]+:/i.test(target)) continue;
		const [linked, anchor] = target.split('#');
		const resolved = linked
			? path.posix.normalize(path.posix.join(path.posix.dirname(file), linked))
			: file;
		if (!existsSync(path.join(PROJECT_ROOT, resolved)))
			broken.push(`${target} (no file ${resolved})`);
		else if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor))
			broken.push(`${target} (no heading)`);
	}
	return broken;
}

function sourceFiles(dir: string): string[] {
	return readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = `${dir}/${entry.name}`;
		if (entry.isDirectory()) return sourceFiles(relative);
		return /\.(ts|json)$/.test(entry.name) ? [relative] : [];
	});
}

describe('The manual’s links', () => {
	it.each(manualFiles)(
		'%s: every relative link names a file, and every #anchor a heading',
		(file) => {
			expect(brokenLinks(file)).toEqual([]);
		},
	);

	it('the documentation URLs n8n shows for the nodes and the credential name a heading of the README', () => {
		const anchors = anchorsOf(README);
		const linked = ['nodes', 'credentials']
			.flatMap(sourceFiles)
			.flatMap((file) =>
				[...read(file).matchAll(REPOSITORY_README)].map(([, anchor]) => ({ file, anchor })),
			);
		expect(linked.map(({ anchor }) => anchor)).toEqual(
			expect.arrayContaining(['credentials', 'livedesk-trigger']),
		);
		expect(linked.filter(({ anchor }) => anchor !== 'readme' && !anchors.has(anchor))).toEqual([]);
	});
});
