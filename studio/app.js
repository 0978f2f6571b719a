// ficbind studio's page: Preact components (htm templates, no build step) over the studio's JSON API; every story text is shown as text, never as markup.
import { h, render } from 'preact';
import { useEffect, useRef, useState, useCallback } from 'preact/hooks';
import htm from 'htm';
import { Preview } from './preview.js';

const html = htm.bind(h);

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const value = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(value.error ?? `${response.status} ${response.statusText}`);
  return value;
}

const listText = (list) => (list ?? []).join(', ');
const splitList = (text) => text.split(',').map((part) => part.trim()).filter(Boolean);

function App() {
  const [state, setState] = useState(undefined);
  const [tab, setTab] = useState('stories');
  const [message, setMessage] = useState('');
  const [previewNumber, setPreviewNumber] = useState(0);
  const [previewError, setPreviewError] = useState(undefined);
  const [build, setBuild] = useState({ running: false });

  const reload = useCallback(() => api('GET', '/api/project').then(setState, (error) => setMessage(error.message)), []);
  const change = useCallback(async (method, path, body, done = 'Saved') => {
    try {
      await api(method, path, body);
      setMessage(done);
      await reload();
    } catch (error) {
      setMessage(error.message);
      await reload();
    }
  }, [reload]);

  useEffect(() => {
    reload();
    api('GET', '/api/status').then((status) => {
      setPreviewNumber(status.preview.number);
      setPreviewError(status.preview.error);
    });
    const events = new EventSource('/api/events');
    events.addEventListener('preview', (event) => {
      const preview = JSON.parse(event.data);
      setPreviewNumber(preview.number);
      setPreviewError(preview.error);
      reload();
    });
    events.addEventListener('build-progress', (event) => setBuild({ running: true, progress: JSON.parse(event.data) }));
    events.addEventListener('build-done', (event) => setBuild({ running: false, files: JSON.parse(event.data).files }));
    events.addEventListener('build-failed', (event) => setBuild({ running: false, error: JSON.parse(event.data).error }));
    return () => events.close();
  }, []);

  if (state === undefined) return html`<p class="loading">${message || 'Loading the studio…'}</p>`;
  const watchOnly = state.mode === 'watch';
  const tabs = [['stories', 'Stories'], ['book', 'Book'], ['typography', 'Typography'], ['build', 'Build']];
  return html`
    <header>
      <h1>${state.book?.title ?? 'ficbind'}</h1>
      ${!watchOnly && html`<nav>${tabs.map(([id, label]) => html`<button data-tab=${id} aria-current=${tab === id ? 'page' : undefined} onClick=${() => setTab(id)}>${label}</button>`)}</nav>`}
      <span class="status" role="status" id="message">${message}</span>
    </header>
    <main>
      ${!watchOnly && html`<section class="panel" id=${`panel-${tab}`}>
        ${tab === 'stories' && html`<${Stories} state=${state} change=${change} setMessage=${setMessage} reload=${reload} />`}
        ${tab === 'book' && html`<${Book} state=${state} change=${change} />`}
        ${tab === 'typography' && html`<${Typography} state=${state} change=${change} />`}
        ${tab === 'build' && html`<${Build} state=${state} build=${build} setBuild=${setBuild} />`}
      </section>`}
      <${Preview} number=${previewNumber} error=${previewError} />
    </main>`;
}

function Stories({ state, change, setMessage, reload }) {
  const [order, setOrder] = useState(state.stories.map((story) => story.file));
  const [dragging, setDragging] = useState(undefined);
  const [selected, setSelected] = useState(undefined);
  const [over, setOver] = useState(false);
  const listRef = useRef(null);
  useEffect(() => setOrder(state.stories.map((story) => story.file)), [state]);
  const byFile = new Map(state.stories.map((story) => [story.file, story]));

  // Dragging by the handle with pointer events: works with a mouse, a pen and a finger.
  const startDrag = (file) => (event) => {
    event.preventDefault();
    setDragging(file);
    let current = order;
    const move = (moveEvent) => {
      const row = document.elementFromPoint(moveEvent.clientX, moveEvent.clientY)?.closest('li[data-file]');
      const target = row?.dataset.file;
      if (!target || target === file) return;
      const next = current.filter((name) => name !== file);
      next.splice(current.indexOf(target), 0, file);
      current = next;
      setOrder(next);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      setDragging(undefined);
      if (current.join('\n') !== order.join('\n')) change('PUT', '/api/stories/order', { files: current }, 'Order saved');
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const moveBy = (file, step) => {
    const next = [...order];
    const index = next.indexOf(file);
    if (index + step < 0 || index + step >= next.length) return;
    next.splice(index, 1);
    next.splice(index + step, 0, file);
    change('PUT', '/api/stories/order', { files: next }, 'Order saved');
  };
  const upload = async (files) => {
    for (const file of files) {
      const response = await fetch(`/api/stories/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file });
      const value = await response.json().catch(() => ({}));
      setMessage(response.ok ? `Added ${value.file}` : value.error ?? 'upload failed');
    }
    reload();
  };
  const addAddress = (event) => {
    event.preventDefault();
    const address = event.target.elements.address.value.trim();
    if (address) change('POST', '/api/stories/archive', { address }, 'Added from the archive');
  };

  return html`
    <h2>Stories in reading order</h2>
    <ol class="stories" ref=${listRef}>
      ${order.map((file, index) => {
        const story = byFile.get(file);
        if (!story) return null;
        return html`<li key=${file} data-file=${file} class=${[dragging === file && 'dragging', selected === file && 'selected'].filter(Boolean).join(' ')}>
          <span class="handle" title="Drag to reorder" onPointerDown=${startDrag(file)}>⠿</span>
          <span class="story-title" onClick=${() => setSelected(selected === file ? undefined : file)}>
            <span class="title">${story.shown.title || file}</span>
            <small>${listText(story.shown.authors)}${story.shown.words ? ` · ${story.shown.words.toLocaleString()} words` : ''} · ${file}</small>
          </span>
          <button title="Earlier" disabled=${index === 0} onClick=${() => moveBy(file, -1)}>↑</button>
          <button title="Later" disabled=${index === order.length - 1} onClick=${() => moveBy(file, 1)}>↓</button>
          <button title="Take out of the book (the file stays)" onClick=${() => change('POST', '/api/stories/remove', { file }, 'Removed')}>✕</button>
        </li>`;
      })}
    </ol>
    ${selected && byFile.get(selected) && html`<${StoryForm} key=${selected} story=${byFile.get(selected)} change=${change} />`}
    <div class=${over ? 'drop over' : 'drop'}
      onDragOver=${(event) => { event.preventDefault(); setOver(true); }}
      onDragLeave=${() => setOver(false)}
      onDrop=${(event) => { event.preventDefault(); setOver(false); upload([...event.dataTransfer.files]); }}>
      Drop stories here (.txt, .md, .html, .epub) or <label style="display:inline"><u>choose files</u><input type="file" id="upload" multiple accept=".txt,.md,.html,.epub" hidden onChange=${(event) => upload([...event.target.files])} /></label>
    </div>
    <form class="row" onSubmit=${addAddress} style="margin-top:.8rem">
      <input name="address" placeholder="https://archiveofourown.org/works/…" style="flex:1" />
      <button>Add from AO3</button>
    </form>`;
}

const storyFields = [['title', 'Title'], ['authors', 'Authors (comma-separated)'], ['fandoms', 'Fandoms'], ['relationships', 'Relationships'], ['rating', 'Rating'], ['summary', 'Summary']];
const listFields = new Set(['authors', 'fandoms', 'relationships']);

function StoryForm({ story, change }) {
  const save = (field) => (event) => {
    const raw = event.target.value;
    const value = listFields.has(field) ? splitList(raw) : raw;
    change('PUT', '/api/stories/meta', { file: story.file, fields: { [field]: value } });
  };
  return html`<form class="story-form" onSubmit=${(event) => event.preventDefault()}>
    <h2>${story.file}</h2>
    <p class="status">Empty fields keep what the story file says (shown greyed).</p>
    ${storyFields.map(([field, label]) => {
      const set = story.set[field];
      const shown = story.shown[field];
      const value = Array.isArray(set) ? listText(set) : set ?? '';
      const placeholder = Array.isArray(shown) ? listText(shown) : shown ?? '';
      return html`<label><span>${label}</span>${field === 'summary'
        ? html`<textarea name=${field} placeholder=${placeholder} defaultValue=${value} onChange=${save(field)}></textarea>`
        : html`<input name=${field} defaultValue=${value} placeholder=${placeholder} onChange=${save(field)} />`}</label>`;
    })}
  </form>`;
}

function Book({ state, change }) {
  const book = state.book;
  const save = (setting, value) => change('PUT', '/api/book', { settings: { [setting]: value } });
  const text = (setting, label, value) => html`<label><span>${label}</span><input name=${setting} defaultValue=${value ?? ''} onChange=${(event) => save(setting, event.target.value)} /></label>`;
  const formats = book.formats ?? ['epub'];
  return html`<h2>Book</h2>
    ${text('title', 'Title', book.title)}
    ${text('subtitle', 'Subtitle', book.subtitle)}
    <label><span>Editors (comma-separated)</span><input name="editors" defaultValue=${listText(book.editors)} onChange=${(event) => save('editors', splitList(event.target.value))} /></label>
    ${text('language', 'Language (en, fr, de…)', book.language)}
    <label><span>Theme</span><select name="theme" value=${book.theme ?? 'classic'} onChange=${(event) => save('theme', event.target.value)}>
      ${state.choices.themes.map((theme) => html`<option value=${theme.name}>${theme.name} — ${theme.description}</option>`)}
    </select></label>
    <label><span>Cover</span><select name="cover" value=${book.cover ?? 'typographic'} onChange=${(event) => save('cover', event.target.value)}>
      ${state.choices.covers.map((cover) => html`<option value=${cover.name}>${cover.name} — ${cover.description}</option>`)}
    </select></label>
    ${state.preview?.number > 0 && html`<div class="covers">${state.choices.covers.map((cover) => html`<button type="button" class=${(book.cover ?? 'typographic') === cover.name ? 'cover chosen' : 'cover'} title=${cover.description} onClick=${() => save('cover', cover.name)}>
      <img alt=${`${cover.name} cover`} src=${`/api/cover/${encodeURIComponent(cover.name)}.jpg?n=${state.preview.number}`} /><span>${cover.name}</span></button>`)}</div>`}
    <fieldset><legend>Formats built</legend>
      ${state.choices.formats.map((format) => html`<label class="row"><input type="checkbox" name=${`format-${format}`} checked=${formats.includes(format)}
        onChange=${(event) => save('formats', event.target.checked ? [...formats, format] : formats.filter((other) => other !== format))} /> ${format}</label>`)}
    </fieldset>`;
}

function Typography({ state, change }) {
  const [diagnostics, setDiagnostics] = useState(undefined);
  const [error, setError] = useState(undefined);
  useEffect(() => {
    api('GET', '/api/typography').then((value) => setDiagnostics(value.diagnostics), (failure) => setError(failure.message));
  }, [state]);
  if (error) return html`<p class="error">${error}</p>`;
  if (!diagnostics) return html`<p>Checking the stories…</p>`;
  const shown = diagnostics.filter((diagnostic) => diagnostic.severity !== 'info');
  return html`<h2>Typography</h2>
    ${state.typographyOff.length > 0 && html`<p>Turned off for this book: ${state.typographyOff.map((rule) => html`<button class="rule-on" data-rule=${rule} onClick=${() => change('PUT', '/api/typography/rule', { rule, on: true })}>${rule} ✓ turn on</button> `)}</p>`}
    ${shown.length === 0 && html`<p>No typography warnings.</p>`}
    ${shown.map((diagnostic) => html`<div class="diagnostic">
      <div class="place">${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}:${diagnostic.column ?? 1}` : ''} · <span class=${`severity-${diagnostic.severity}`}>${diagnostic.severity}</span> · ${diagnostic.rule}</div>
      <div>${diagnostic.message}</div>
      ${diagnostic.excerpt && html`<div class="excerpt">${marked(diagnostic.excerpt, diagnostic.column)}</div>`}
      ${diagnostic.suggestion && html`<div class="suggestion">Suggested: <code>${shownChange(diagnostic.suggestion.from)}</code> → <code>${shownChange(diagnostic.suggestion.to)}</code>
        <button class="accept" onClick=${() => change('POST', '/api/typography/accept', { file: diagnostic.file, line: diagnostic.line, column: diagnostic.column, message: diagnostic.message }, 'Changed the story')}>Accept</button>
        <button class="accept-rule" data-rule=${diagnostic.rule} onClick=${() => change('POST', '/api/typography/accept', { rule: diagnostic.rule }, `Accepted every ${diagnostic.rule} suggestion`)}>Accept all ${diagnostic.rule}</button></div>`}
      ${state.choices.rules.includes(diagnostic.rule) && html`<button class="rule-off" data-rule=${diagnostic.rule} onClick=${() => change('PUT', '/api/typography/rule', { rule: diagnostic.rule, on: false }, `Turned ${diagnostic.rule} off`)}>Turn ${diagnostic.rule} off for this book</button>`}
    </div>`)}`;
}

/** A change's text with its spaces made visible (an empty one is "nothing"). */
function shownChange(text) {
  return text === '' ? '(nothing)' : text.replace(/ /g, '␣');
}

/** The source line with the column the diagnostic points at marked; text nodes only. */
function marked(line, column) {
  if (!column) return line;
  return html`${line.slice(0, column - 1)}<mark>${line.slice(column - 1, column) || ' '}</mark>${line.slice(column)}`;
}

function Build({ state, build, setBuild }) {
  const [formats, setFormats] = useState(state.book.formats ?? ['epub']);
  const [sent, setSent] = useState(undefined);
  const send = (file) => api('POST', '/api/send', { file }).then(setSent, (error) => setSent({ error: error.message }));
  const start = async () => {
    setBuild({ running: true, progress: { fraction: 0, phase: 'read' } });
    try {
      await api('POST', '/api/build', { formats });
    } catch (error) {
      setBuild({ running: false, error: error.message });
    }
  };
  return html`<h2>Build</h2>
    <div class="row">${state.choices.formats.map((format) => html`<label class="row"><input type="checkbox" name=${`build-${format}`} checked=${formats.includes(format)}
      onChange=${(event) => setFormats(event.target.checked ? [...formats, format] : formats.filter((other) => other !== format))} /> ${format}</label>`)}</div>
    <button id="build" disabled=${build.running || formats.length === 0} onClick=${start}>Build</button>
    ${build.running && html`<p><progress id="build-progress" max="1" value=${build.progress?.fraction ?? 0}></progress> ${build.progress?.phase ?? ''}</p>`}
    ${build.error && html`<p class="error">${build.error}</p>`}
    ${build.files && html`<ul id="downloads">${build.files.map((file) => html`<li><a href=${`/api/download/${encodeURIComponent(file.name)}`} download=${file.name}>${file.name}</a> (${Math.round(file.bytes / 1024)} KB)
      <button class="send" data-file=${file.name} onClick=${() => send(file.name)}>Send to e-reader</button></li>`)}</ul>`}
    ${sent && html`<p id="sent" class=${sent.error ? 'error' : ''}>${sent.error ?? `Sent to the ${sent.device}: ${sent.books.map((book) => book.destination).join(', ')}`}${(sent.warnings ?? []).map((warning) => html`<br />${warning}`)}</p>`}`;
}

render(html`<${App} />`, document.getElementById('app'));
