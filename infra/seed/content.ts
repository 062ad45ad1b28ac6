import type { Faker } from '@faker-js/faker';

/**
 * The words of the demo network: profiles, posts and replies that read like people rather than
 * lorem ipsum. Pure: everything comes from the Faker instance handed in (seeded by the caller).
 */

export interface Profile {
  /** Before the prefix and the de-duplication suffix: [a-z0-9_], at most 20 characters. */
  handle: string;
  displayName: string;
  bio: string;
}

export function profileOf(faker: Faker): Profile {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const handle = handleOf(faker.internet.username({ firstName, lastName }));
  const bio = faker.helpers.arrayElement([
    () => faker.person.bio(),
    () => `${faker.person.jobTitle()}. ${faker.person.bio()}`,
    () => `${faker.person.jobTitle()} in ${faker.location.city()}. Opinions my own.`,
    () => `${cap(faker.person.bio())} · ${faker.music.genre()} on repeat`,
    () =>
      `Into ${faker.music.genre().toLowerCase()}, ${faker.food.ethnicCategory()} food and ${faker.animal.type()}s.`,
    () => `${faker.person.zodiacSign()} · ${faker.location.city()} · ${faker.person.bio()}`,
  ])();
  return { handle, displayName: `${firstName} ${lastName}`, bio: bio.slice(0, 300) };
}

/** A username made of [a-z0-9_], 3 to 20 characters (room left for a prefix and a suffix). */
export function handleOf(raw: string): string {
  const handle = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 20)
    .replace(/_$/, '');
  return handle.length >= 3 ? handle : `${handle}_user`.replace(/^_/, '');
}

const TOP_LEVEL: ((f: Faker) => string)[] = [
  (f) => `Listening to "${f.music.songName()}" on repeat today 🎧`,
  (f) => `Anyone been to ${f.location.city()}? Thinking of going in ${f.date.month()}.`,
  (f) => `Made ${f.food.dish().toLowerCase()} for dinner. Would cook again.`,
  (f) =>
    `Finally started "${f.book.title()}" by ${f.book.author()}. ${cap(f.word.adjective())} so far.`,
  (f) => `Hot take: ${f.hacker.phrase()}`,
  (f) => `Morning run done: ${f.number.int({ min: 3, max: 21 })} km before coffee ☕`,
  (f) => `Our ${f.animal.dog().toLowerCase()} learned a new trick today 🐶`,
  (f) =>
    `Meeting #${f.number.int({ min: 3, max: 9 })} of the day. Someone said "${f.company.buzzPhrase()}" unironically.`,
  (f) =>
    `Shipped the thing! ${f.hacker.ingverb()} ${f.hacker.adjective()} ${f.hacker.noun()}s all week paid off.`,
  (f) =>
    `Rainy ${f.date.weekday()} in ${f.location.city()}. Perfect excuse for ${f.food.dish().toLowerCase()}.`,
  (f) =>
    `Does anyone have a good recommendation for a ${f.music.genre().toLowerCase()} album? Need something new.`,
  (f) =>
    `Today I learned: ${f.science.chemicalElement().name} was discovered before ${f.science.chemicalElement().name}. Rabbit hole of the week.`,
  (f) =>
    `Reminder that ${f.word.noun()}s are ${f.word.adjective()} and nobody talks about it enough.`,
  (f) => `Booked a trip to ${f.location.country()}! Tips welcome ✈️`,
  (f) => `Trying to get into ${f.music.genre().toLowerCase()}. Where do I start?`,
  (f) =>
    `Weekend plan: ${f.food.dish().toLowerCase()}, "${f.book.title()}" and absolutely no email.`,
  (f) => `Our team is hiring a ${f.person.jobTitle().toLowerCase()}. DMs open.`,
  (f) =>
    `${cap(f.word.interjection())}! The ${f.vehicle.vehicle()} I rented turned out to be ${f.color.human()}.`,
  (f) =>
    `Unpopular opinion: ${f.food.fruit().toLowerCase()} does not belong in ${f.food.dish().toLowerCase()}.`,
  (f) =>
    `Second day at the ${f.company.name()} offsite. The ${f.commerce.productName().toLowerCase()} swag is actually nice.`,
  (f) =>
    `If you need me I'll be debugging the ${f.hacker.abbreviation()} ${f.hacker.noun()} until further notice.`,
  (f) => `Just saw a ${f.animal.bird().toLowerCase()} in the park. Spring is coming 🌱`,
  (f) => `Rewatched an old favourite tonight. Still ${f.word.adjective()}.`,
  (f) =>
    `Three things that made today good: ${f.food.fruit().toLowerCase()}, a long walk, and "${f.music.songName()}".`,
  (f) => `Question for the ${f.person.jobType().toLowerCase()} folks here: how do you keep notes?`,
];

const REPLIES: ((f: Faker) => string)[] = [
  () => 'Totally agree!',
  () => 'Ha, same here.',
  () => 'Where was this? 👀',
  (f) => `Love this. ${cap(f.word.adjective())}!`,
  () => 'Congrats, well deserved 🎉',
  (f) => `Try "${f.book.title()}", you won't regret it.`,
  (f) => `Have you been to ${f.location.city()}? Similar vibe.`,
  () => 'This made my day 😄',
  () => 'Hard disagree, but respect.',
  (f) => `Reminds me of "${f.music.songName()}" for some reason.`,
  () => 'Saving this for later.',
  () => 'Wait, really? Tell me more.',
  (f) => `${cap(f.word.interjection())}, did not expect that.`,
  () => 'Following for the answers 🙏',
  () => 'Same thing happened to me last week!',
];

const ANSWERS: ((f: Faker) => string)[] = [
  () => 'Thanks! 🙌',
  () => 'Right?!',
  () => 'Good call, adding it to the list.',
  () => 'Haha, exactly.',
  (f) => `Will report back on ${f.date.weekday()}.`,
];

/** A top-level post. */
export function postBody(faker: Faker): string {
  return faker.helpers.arrayElement(TOP_LEVEL)(faker).slice(0, 500);
}

/** A reply to `author`'s post; `answer` when it answers a reply to one's own post. */
export function replyBody(faker: Faker, author: string, answer: boolean): string {
  const text = faker.helpers.arrayElement(answer ? ANSWERS : REPLIES)(faker);
  return `@${author} ${text}`.slice(0, 500);
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
