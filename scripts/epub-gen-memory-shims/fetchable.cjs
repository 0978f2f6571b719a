// Stands in for epub-gen-memory's `util/fetchable` in ficbind's bundle: the library fetches fonts and images it is given as URLs or paths, and ficbind gives it none, so a build can never reach the network or the disk through it.
'use strict';
exports.type = 'nodebuffer';
exports.default = async function refuseToFetch(url) {
  throw new Error(`ficbind's EPUB packager does not fetch anything (asked for ${url})`);
};
