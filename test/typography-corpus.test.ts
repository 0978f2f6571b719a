// The quotes rule on real prose: the development set of bench/typography/ (seven proofread novels), typeset text in → the same text out, and dumbed text in → the proofread text out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { books, readBook } from '../bench/typography/books.ts';
import { comparable } from '../bench/typography/normalize.ts';
import { dumb } from '../bench/typography/score.ts';
import { ficbind } from '../bench/typography/typesetters.ts';

const typesetter = await ficbind();

for (const { repo, short } of books) {
  test(`${short}: every proofread paragraph comes out unchanged`, async () => {
    const { chapters } = readBook(repo);
    const out = await typesetter.run(chapters);
    const changed = chapters.flatMap((chapter, c) => chapter.map((gold, p) => ({ gold: comparable(gold), got: out[c][p] })).filter(({ gold, got }) => gold !== got));
    assert.deepEqual(changed.slice(0, 3), []);
  });

  test(`${short}: at least 99.5% of paragraphs come out as proofread from straight quotes`, async () => {
    const { chapters } = readBook(repo);
    const out = await typesetter.run(chapters.map((chapter) => chapter.map(dumb)));
    const all = chapters.flat().length;
    const right = chapters.reduce((sum, chapter, c) => sum + chapter.filter((gold, p) => comparable(gold) === out[c][p]).length, 0);
    assert.ok(right / all >= 0.995, `${right} of ${all} paragraphs right (${((100 * right) / all).toFixed(2)}%)`);
  });
}
