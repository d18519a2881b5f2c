/** What the benchmark script calls, bundled by it with esbuild so it runs the same code the extension and CLI ship. */
export { generateHttpCorpus } from './httpCorpus';
export { generateVariableBombs } from './variableBombs';
export { retryOnce } from './retryOnce';
export { lintHttpFile } from '../src/core/httpFile/httpFileDiagnostics';
export { parseHttpFile } from '../src/core/httpFile/parseHttpFile';
export { HttpDocumentLints } from '../src/core/httpFile/httpDocumentLints';
export { EMPTY_LINT_CONTEXT } from '../src/core/httpFile/lintContext';
export { KnowledgeBase } from '../src/core/knowledge/knowledgeBase';
