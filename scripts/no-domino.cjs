// What the bundle (scripts/bundle.mjs) gives turndown for @mixmark-io/domino, the DOM it
// parses HTML strings with and loads as it loads: pressclip hands turndown a tree of nodes
// (src/markdown/dom.ts), never a string, and domino is 500 KB of code that the extraction
// worker would otherwise compile and run at every start.
'use strict';
exports.createDocument = () => {
  throw new Error('turndown was handed an HTML string: pressclip converts node trees (src/markdown/index.ts)');
};
