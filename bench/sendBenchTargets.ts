// What bench/sendBench.mjs measures, bundled into one file the way the extension ships it (see bench/sendBench.mjs).
export { request as rawUndiciRequest, Agent as RawUndiciAgent } from 'undici';
export { parseHttpFile } from '../src/core/httpFile/parseHttpFile';
export { prepareSendRequest, renderSendRequest } from '../src/core/send/sendRequest';
export { sendConcreteRequest } from '../src/node/send/requestSender';
export { startPracticeServer } from '../src/node/practice/practiceServer';
export { lintHttpFile } from '../src/core/httpFile/httpFileDiagnostics';
export { explainAnswer } from '../src/core/httpFile/explainAnswer';
export { KnowledgeBase } from '../src/core/knowledge/knowledgeBase';
