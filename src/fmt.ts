// `sbpl-kit/fmt`: the canonical layout of SBPL text, comments kept and meaning unchanged (docs/authoring.md).
export { formatSbpl, formatSyntaxTree, isFormatted, DEFAULT_FORMAT_WIDTH, type FormatOptions } from './sbpl/fmt/format.js';
