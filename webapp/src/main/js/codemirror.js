// The parts of CodeMirror 6 the app uses, bundled by esbuild at build time into
// webroot/vendor/codemirror.js (an ES module the app imports by relative path: no import map,
// which a strict CSP would block).
export { EditorState, StateField, StateEffect, Annotation, Transaction, ChangeSet, EditorSelection, RangeSetBuilder, Compartment, Facet } from '@codemirror/state';
export { EditorView, Decoration, WidgetType, ViewPlugin, keymap, placeholder, drawSelection, highlightSpecialChars } from '@codemirror/view';
export { defaultKeymap, indentWithTab } from '@codemirror/commands';
