// Word lists the benchmark corpus is built from: invented names, dialect dialogue, narration templates.

export const characters = ['Mara', 'Jonah', 'Tess', 'Rook', 'Delphine', 'Caleb', 'Wren', 'Ozzie', 'Sunny', 'Hollis', 'Ines', 'Abe'] as const;

export const authors = ['moonlit_quill', 'ravenwrites', 'tea-and-tragedy', 'IronFern', 'starboundscribe', 'porchlight', 'K.Ashworth', 'wandering_ink'] as const;

export const fandoms = ['Starfall Academy', 'The Hollow Crown Saga', 'Rust & Rivers', 'Midnight Diner: Reborn', 'Skyward Legion'] as const;

export const ratings = ['G', 'T', 'T', 'M'] as const;

export const titleStarts = ['The Long Road', 'Ashes', 'Whatever Comes', 'A Quiet Kind of', 'Smoke', 'Kindling', 'Under the', 'Letters', 'Small Mercies', 'Coming Home'] as const;
export const titleEnds = ['Home', 'and Embers', 'Next', 'Thunder', 'on the Water', 'in Winter', 'Porch Light', 'Never Sent', 'at Midnight', 'Again'] as const;

/** Whole lines of speech, without closing punctuation; many with dialect elisions. */
export const speech = [
  "I'm comin' with you whether you like it or not",
  "'Cause you never listen, that's why",
  "Y'all better be ready by mornin'",
  "It's nothin', I swear",
  "You're gonna get us both killed",
  "I didn't mean it like that",
  "Where've you been all night",
  "Well, I'll be darned",
  "Ma'am, with all due respect, that's a terrible plan",
  "We've been walkin' for hours and I can't feel my feet",
  "Don't you dare say it",
  "Ain't nobody told me nothin' about a dragon",
  "Back in '09 we did the exact same thing",
  "Rock 'n' roll, baby",
  "You know what I'm sayin'",
  "I'm not cryin', it's the smoke",
  "Lemme see that map again",
  "'Course I remember, how could I forget",
  "She's fine, she's just tired",
  "Don't look at me like that",
  "We could've stayed, you know",
  "Nobody's blamin' you",
  "It was s'posed to be easy",
  "Is that blood on your sleeve",
  "Ten more minutes and we're outta here",
  "I've got a bad feelin' about this",
  "Thank you, I mean it",
  "You came back for me",
  "Tell me the truth for once",
  "That's not how any of this works",
  "Fine, have it your way",
  "Are you seriously eatin' right now",
] as const;

/** Openings of speech that get cut off (`--`) or trail away (`...`). */
export const fragments = [
  'I was only tryin\' to',
  'If you\'d just let me',
  'Wait, that\'s not what I',
  'Maybe we could',
  'I thought you were',
  'Listen, about last night',
  'It\'s not like I',
  'Y\'all don\'t understand, she',
] as const;

export const speechOpeners = ['Look, ', 'Okay, ', 'Honestly? ', 'Hey. ', 'Listen. ', 'God, ', 'No. '] as const;
export const speechClosers = [', okay', ', all right', ', darlin\'', ', y\'know', ' already', ''] as const;

export const saidVerbs = ['said', 'muttered', 'snapped', 'whispered', 'called', 'sighed', 'asked', 'admitted', 'drawled', 'laughed'] as const;

export const tagTails = ['', '', '', ' without looking up', ' under her breath', ' from the doorway', ', rubbing the back of his neck', ', voice rough', ' with a crooked grin'] as const;

export const places = ['porch', 'old barn', 'riverbank', 'kitchen', 'training yard', 'rooftop', 'station platform', 'library stacks', 'back road', 'infirmary'] as const;
export const objects = ['railing', 'doorframe', 'counter', 'fence post', 'window', 'bookshelf', 'truck', 'lamp post'] as const;
export const weathers = ['storm clouds', 'fog', 'first snow', 'evening heat', 'rain', 'dusk'] as const;
export const feelings = ['tired', 'furious', 'relieved', 'embarrassed', 'hopeful', 'terrified', 'restless', 'fond'] as const;

/** Narration sentences; `{A}` and `{B}` are characters, the rest are filled from the lists above. */
export const narration = [
  '{A} leaned against the {object}, watching the {weather} roll in over the {place}.',
  '{B} didn\'t answer right away.',
  'The {place} smelled of woodsmoke and wet earth.',
  '{A} was {feeling}, and hated that it showed.',
  'Somewhere behind them a screen door banged shut.',
  '{B} turned the cup around in both hands, not drinking.',
  'It had been three days since anyone had slept properly.',
  '{A} stopped -- just for a second -- and listened.',
  'And then... nothing at all.',
  'The silence stretched on long enough to be awkward.',
  '{B} laughed, sharp and surprised, like it had been startled out of them.',
  'Outside, the {weather} had settled over the {place} like a held breath.',
  '{A} counted the seconds between thunder and lightning, the way Grandma used to.',
  'There was a dent in the {object} where someone had kicked it, years ago.',
  '{B} looked {feeling}, or maybe just tired -- it was hard to tell anymore.',
  'The kettle started to whistle and neither of them moved.',
  '{A} thought about the letter, still folded in a coat pocket, still unread.',
  'Her boots were soaked through... again.',
  'The lights in the {place} flickered once, twice, and held.',
  '{B} shrugged, which was as good as a yes.',
] as const;

/** Thoughts set in emphasis: `*Don't panic.* Mara thought.` */
export const thoughts = ["Don't panic", 'Not again', 'Say something, idiot', "This is fine, it's fine", 'Why does it always rain', 'Breathe'] as const;

export const authorNotes = [
  "A/N: Thanks so much for all the reviews on the last one! This is a little something I wrote on the train. Enjoy, and let me know what y'all think.",
  "A/N: Set after the season two finale, so spoilers ahoy. I don't own these characters -- I just borrow 'em and give 'em back slightly dented.",
  'A/N: Written for the winter exchange. Unbeta\'d, all mistakes are mine... sorry in advance.',
  "A/N: This one got away from me a bit. Originally it was supposed to be 500 words. Oops.",
] as const;
