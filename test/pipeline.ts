// The stages of src/ in pipeline order: each may import only stages to its left (test/architecture.test.ts), and
// the README's layout section lists them in this order (test/readme-layout.test.ts).
export const PIPELINE = ['diagnostics', 'vocab', 'scheme', 'sbpl', 'regex', 'decide', 'diff', 'learn', 'graph', 'format', 'trace', 'editor', 'runtime', 'cli'];
