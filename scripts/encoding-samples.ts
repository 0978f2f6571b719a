// Story-like samples in several languages and legacy encodings, for measuring encoding detectors (scripts/encoding-detectors.ts, test/unit/decode.test.ts).

/** Text written for this project, one short fan-fiction-like passage per language. */
export const passages: Record<string, string> = {
  en: '“Don’t go,” she said. The café was empty… He shrugged — “I’ll be back before the tide turns, I promise.” The lighthouse keeper’s log was still open on the table, its last line unfinished.',
  fr: '« Ne pars pas », dit-elle. Le café était désert… Il haussa les épaules : « Je reviendrai avant la marée, c’est promis. » Le journal du gardien de phare était encore ouvert, sa dernière ligne inachevée.',
  de: '„Geh nicht“, sagte sie. Das Café war leer… Er zuckte mit den Schultern: „Ich bin zurück, bevor die Flut kommt, versprochen.“ Das Logbuch des Leuchtturmwärters lag noch offen auf dem Tisch, die letzte Zeile unvollständig. Weiß er es?',
  es: '—No te vayas —dijo ella. El café estaba vacío… Él se encogió de hombros: «Volveré antes de que cambie la marea, te lo prometo». El cuaderno del farero seguía abierto sobre la mesa, con la última línea sin terminar. ¿Qué más podía hacer?',
  ru: '— Не уходи, — сказала она. Кафе было пустым… Он пожал плечами: «Я вернусь до прилива, обещаю». Журнал смотрителя маяка всё ещё лежал открытым на столе, последняя строка так и осталась недописанной. Что ещё ему оставалось?',
  uk: '— Не йди, — сказала вона. Кав’ярня була порожня… Він знизав плечима: «Я повернуся до припливу, обіцяю». Журнал доглядача маяка досі лежав розгорнутим на столі, останній рядок так і лишився недописаним. Що ж іще йому залишалося?',
  pl: '— Nie odchodź — powiedziała. Kawiarnia była pusta… Wzruszył ramionami: „Wrócę przed przypływem, obiecuję”. Dziennik latarnika wciąż leżał otwarty na stole, ostatnia linijka niedokończona. Cóż innego mógł zrobić? Źle się z tym czuł.',
  cs: '„Nechoď,“ řekla. Kavárna byla prázdná… Pokrčil rameny: „Vrátím se před přílivem, slibuju.“ Deník strážce majáku ležel stále otevřený na stole, poslední řádek nedopsaný. Co jiného mu zbývalo? Přesto se usmál a šel ke dveřím.',
  hu: '– Ne menj el – mondta. A kávézó üres volt… Vállat vont: „Visszajövök a dagály előtt, megígérem.” A világítótorony őrének naplója még mindig nyitva hevert az asztalon, az utolsó sor befejezetlenül. Mi mást tehetett volna?',
  ja: '「行かないで」と彼女は言った。喫茶店には誰もいなかった……。彼は肩をすくめた。「潮が変わる前に戻るよ、約束する」灯台守の日誌はまだ机の上に開いたままで、最後の行は書きかけだった。',
  zh: '“别走，”她说。咖啡馆里空无一人……他耸了耸肩：“潮水变之前我就回来，我保证。”灯塔看守人的日志仍然摊开在桌上，最后一行还没有写完。他还能做什么呢？',
};

/** Which legacy encodings each language was commonly saved in. */
export const legacyEncodings: Record<string, string[]> = {
  en: ['windows-1252', 'utf-16le', 'utf-16be'],
  fr: ['windows-1252'],
  de: ['windows-1252'],
  es: ['windows-1252'],
  ru: ['windows-1251', 'utf-16le'],
  uk: ['windows-1251'],
  pl: ['iso-8859-2'],
  cs: ['iso-8859-2'],
  hu: ['iso-8859-2'],
  ja: ['shift_jis', 'utf-16le'],
  zh: ['gb18030', 'utf-16be'],
};

/** A passage repeated into paragraphs, `paragraphs` long, so samples of several sizes can be made. */
export function story(language: string, paragraphs: number): string {
  return Array.from({ length: paragraphs }, () => passages[language]).join('\n\n') + '\n';
}
