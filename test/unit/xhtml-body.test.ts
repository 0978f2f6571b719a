// The XHTML a story becomes: the body `ficbind fix --to html` prints and the EPUB uses, and the serializer under it.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Root as HastRoot } from 'hast';
import { storyToXhtmlBody } from '../../src/writers/epub/index.ts';
import { hastToXhtml } from '../../src/writers/xhtml.ts';
import { story, chapter, paragraph, link, longStory, oneShot } from '../helpers/story-trees.ts';

const all = (source: string, pattern: RegExp) => [...source.matchAll(pattern)].map((match) => match[1]);

describe('storyToXhtmlBody', () => {
  test('writes paragraphs, chapter headings, scene breaks and notes', () => {
    const body = storyToXhtmlBody(longStory, { opener: false });
    assert.ok(body.startsWith('<aside class="author-note disclaimer" role="note">\n<p>I own nothing; it all belongs to JKR.</p>\n</aside>'));
    assert.equal(all(body, /<(h2)[ >]/g).length, 3);
    assert.equal(all(body, /(<hr class="scene-break"\/>)/g).length, 2);
    assert.ok(body.includes('<p class="opening">They took the <em>long</em> way.</p>') || body.includes('<p>They took the <em>long</em> way.</p>'));
  });

  test('opens with the story’s title and byline unless told not to', () => {
    assert.ok(storyToXhtmlBody(oneShot).startsWith('<header class="story-opener">\n<h1 class="story-title">Tom &amp; Jerry’s Bad Day</h1>\n<p class="story-authors">by <span class="author">Alice Quill</span></p>'));
  });

  test('prefixes ids and same-document links, and unlinks fragments that lead nowhere', () => {
    const linked = story({ title: 'Links' }, [
      chapter('One'),
      paragraph(link('#chapter-1', 'back to the start'), ' ', link('#missing', 'dead')),
      paragraph(link('other.html', 'elsewhere'), ' ', link('https://example.com/?a=1&b=2', 'web')),
    ]);
    const body = storyToXhtmlBody(linked, { idPrefix: 's9-', opener: false });
    assert.ok(body.includes('<h2 id="s9-chapter-1" class="chapter-title">One</h2>'));
    assert.ok(body.includes('<a href="#s9-chapter-1">back to the start</a> <span>dead</span>'));
    assert.ok(body.includes('<span>elsewhere</span> <a href="https://example.com/?a=1&amp;b=2">web</a>'));
  });

  test('drops raw HTML and turns images into their alt text', () => {
    const risky = story({ title: 'Risky' }, [
      { type: 'html', value: '<script>alert(1)</script>' },
      paragraph('Look: ', { type: 'image', url: 'cat.png', alt: 'a cat' }),
    ]);
    assert.equal(storyToXhtmlBody(risky, { opener: false }), '<p class="opening">Look: a cat</p>');
  });
});

describe('hastToXhtml', () => {
  test('escapes text and attributes, self-closes void elements, and strips characters XML forbids', () => {
    const tree: HastRoot = {
      type: 'root',
      children: [
        {
          type: 'element',
          tagName: 'p',
          properties: { className: ['a', 'b'], title: 'x "<&> y', hidden: true },
          children: [{ type: 'text', value: 'A\u0001 < B & C > D\u000B é' }, { type: 'element', tagName: 'br', properties: {}, children: [] }],
        },
      ],
    };
    assert.equal(hastToXhtml(tree), '<p class="a b" title="x &quot;&lt;&amp;> y" hidden="hidden">A &lt; B &amp; C &gt; D é<br/></p>');
  });

  test('refuses raw HTML', () => {
    assert.throws(() => hastToXhtml({ type: 'raw', value: '<b>' } as never), /raw HTML/);
  });

  test('keeps comments well-formed', () => {
    assert.equal(hastToXhtml({ type: 'comment', value: 'a -- b -' }), '<!--a - - b - -->');
  });
});
