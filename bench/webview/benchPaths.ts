// Where the benchmarks keep their build products: ignored by git, never packaged.
import path from 'node:path';
import { repoRoot } from '../../test/harness/paths';

export const benchDir = path.join(repoRoot, '.vscode-test', 'bench');
