// Stands in for epub-gen-memory's `util/html-parse` in ficbind's bundle: the library tidies chapters given as HTML, and ficbind gives it none (its documents are written and checked by ficbind's own serializers).
'use strict';
exports.fixHTML = function refuseHtml() {
  throw new Error("ficbind's EPUB packager takes no HTML chapters");
};
