// Fold strings with the site search's fold() (src/stalker_guide/sphinxext/static/film-search.js),
// to compare it with the library's stalker_guide.names.fold.
// Usage: node search-fold.mjs SCRIPT STRINGS_JSON   Prints a JSON list of the folded strings.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const [script, file] = process.argv.slice(2);
const context = vm.createContext({ Scorer: {} });
vm.runInContext(`${readFileSync(script, 'utf8')};\nglobalThis.fold = FilmSearch.fold;`, context);
const strings = JSON.parse(readFileSync(file, 'utf8'));
process.stdout.write(JSON.stringify(strings.map((s) => context.fold(s))));
