// The book's preview: the newest preview EPUB in foliate-js at the size of a chosen e-reader, with its contents list; reloaded after each build.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import '/foliate/view.js';

const html = htm.bind(h);

/** Screen sizes in CSS pixels (the device's pixels over its scale), portrait. */
const devices = {
  'kobo-clara': { label: 'Kobo Clara / Kindle Paperwhite (6")', width: 358, height: 478 },
  'kobo-libra': { label: 'Kobo Libra / Kindle Oasis (7")', width: 396, height: 528 },
  phone: { label: 'Phone', width: 360, height: 640 },
};

export function Preview({ number, error }) {
  const [device, setDevice] = useState('kobo-clara');
  const [toc, setToc] = useState([]);
  const [shown, setShown] = useState(0);
  const holder = useRef(null);
  /** undefined, 'building', or the number of the PDF shown. */
  const [pdf, setPdf] = useState(undefined);
  const [pdfError, setPdfError] = useState(undefined);
  const showPdf = async () => {
    setPdf('building');
    setPdfError(undefined);
    const response = await fetch('/api/preview-pdf', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    if (response.ok) setPdf(Date.now());
    else {
      setPdf(undefined);
      setPdfError((await response.json().catch(() => ({}))).error ?? 'the PDF could not be made');
    }
  };

  useEffect(() => {
    if (!number || error) return;
    let cancelled = false;
    (async () => {
      const response = await fetch(`/preview.epub?n=${number}`);
      if (!response.ok || cancelled) return;
      const file = new File([await response.blob()], 'preview.epub', { type: 'application/epub+zip' });
      const view = document.createElement('foliate-view');
      await view.open(file);
      if (cancelled) return;
      holder.current.replaceChildren(view);
      await view.init({ showTextStart: false });
      setToc(flatten(view.book.toc ?? []));
      setShown(number);
    })().catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [number, error]);

  const size = devices[device];
  return html`<aside class="preview panel" id="preview" data-shown=${shown}>
    <div class="row">
      <select name="device" value=${device} onChange=${(event) => setDevice(event.target.value)}>
        ${Object.entries(devices).map(([id, entry]) => html`<option value=${id}>${entry.label}</option>`)}
      </select>
      <button title="Previous page" onClick=${() => holder.current.firstChild?.prev()}>‹</button>
      <button title="Next page" onClick=${() => holder.current.firstChild?.next()}>›</button>
      <button id="show-pdf" disabled=${pdf === 'building'} onClick=${showPdf}>${pdf === 'building' ? 'Laying out the PDF…' : 'PDF pages'}</button>
    </div>
    ${typeof pdf === 'number' && html`<iframe class="pdf" title="The PDF" src=${`/preview.pdf?n=${pdf}`} style=${{ width: `${size.width}px`, height: `${size.height}px` }}></iframe>`}
    ${pdfError && html`<p class="error">${pdfError}</p>`}
    ${error && html`<p class="error" id="preview-error">${error}</p>`}
    <div class="device" ref=${holder} style=${{ width: `${size.width}px`, height: `${size.height}px` }}></div>
    <details open class="contents"><summary>Contents</summary><ol id="contents">${toc.map((entry) => html`<li><a href="#" onClick=${(event) => { event.preventDefault(); holder.current.firstChild?.goTo(entry.href); }}>${entry.label}</a></li>`)}</ol></details>
  </aside>`;
}

function flatten(items) {
  return items.flatMap((item) => [{ label: item.label, href: item.href }, ...flatten(item.subitems ?? [])]);
}
