const { src, dest } = require('gulp');

// tsc emits only JavaScript; n8n reads icons and the codex (*.node.json) from dist/ beside the compiled files.
function buildIcons() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}', 'icons/*.svg'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
