/**
 * English stop words plus the filler of shopping chat ("looking", "show", "please", "hi") and its
 * interjections ("hmm, something cheaper?") and when it is wanted ("a cake for Saturday").
 * Used by topic extraction, the free text of a product query and the knowledge index.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above actually after again against ago all almost along already also although always am among an and
  another any anybody anyone anything anyway anywhere are aren't around as ask asking at available away
  be became because become been before behind being below beside besides best better between beyond both bring
  but by can can't cannot could couldn't
  dear did didn't do does doesn't doing don't done down during
  each either else enough especially etc even ever every everybody everyone everything exactly
  few find finding for from further
  get gets getting give given go goes going gone good got great
  had hadn't has hasn't have haven't having he he'd he'll he's hello her here here's hers herself hey hi
  him himself his hiya how how's however
  i i'd i'll i'm i've if im in inside instead into is isn't it it's its itself
  just kind kinda know
  least less let let's like likely look looking lot lots
  made make many may maybe me might mine more most much must my myself
  need needed needs neither never next nice no nobody none nor not nothing now
  of off often oh ok okay on once one ones only onto or other others otherwise ought our ours ourselves out over own
  perhaps please pls plz pretty probably
  quite rather really recommend recommendation recommendations right
  same say see seem seems several shall she she'd she'll she's should shouldn't show showing since so some somebody
  someone something sometimes somewhat soon sort still such suggest suggestion suggestions sure
  take tell than thank thanks that that's the their theirs them themselves then there there's these they they'd
  they'll they're they've thing things think this those though through thx to today together too toward towards
  try trying
  under until up upon us use used using usually
  very via
  want wanted wanting wants was wasn't way we we'd we'll we're we've well were weren't what what's whatever when
  whenever where where's wherever whether which while who who's whoever whole whom whose why will with within
  without won't would wouldn't
  yeah yes yet you you'd you'll you're you've your yours yourself yourselves
  ah ahh aha alright eh er erm hm hmm hmmm huh meh mhm nah nope ooh oops uh uhh uhm um umm wow yep yup
  monday tuesday wednesday thursday friday saturday sunday tomorrow tonight`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);
