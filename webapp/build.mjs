// Bundles the npm front-end dependencies into webroot/vendor/. Run by Maven (see pom.xml).
import { build } from 'esbuild';

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: node build.mjs <webroot dir>');
await build({
  entryPoints: ['src/main/js/codemirror.js'],
  outfile: `${outdir}/vendor/codemirror.js`,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  legalComments: 'linked',
  logLevel: 'warning',
});
