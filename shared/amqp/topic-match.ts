/**
 * AMQP topic matching: words are separated by `.`, `*` matches exactly one word and `#` matches zero
 * or more words (`job.*.failed`, `job.42.#`, `#`). Pure; used by the in-process bus the way the
 * broker's topic exchange routes `kelp.events`.
 */
export function topicMatches(pattern: string, routingKey: string): boolean {
  const patternWords = pattern.split('.');
  const keyWords = routingKey.split('.');
  // reachable[j]: the pattern prefix processed so far can consume exactly the first j key words.
  let reachable: boolean[] = keyWords.map(() => false);
  reachable.push(false);
  reachable[0] = true;
  for (const word of patternWords) {
    const next: boolean[] = reachable.map(() => false);
    if (word === '#') {
      let seen = false;
      for (let j = 0; j < reachable.length; j += 1) {
        seen = seen || reachable[j] === true;
        next[j] = seen;
      }
    } else {
      for (let j = 0; j < keyWords.length; j += 1) {
        if (reachable[j] === true && (word === '*' || word === keyWords[j])) next[j + 1] = true;
      }
    }
    reachable = next;
  }
  return reachable[keyWords.length] === true;
}
