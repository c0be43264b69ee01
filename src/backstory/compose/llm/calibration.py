"""Hand-labelled sentence/passage pairs for calibrating and testing verification.

Written by hand, in our own words, about the example stories' real events (Bank of England
August 2025 cut, CrowdStrike outage July 2024, UK election July 2024, Ukraine talks 2025), so
the labels are ours and not a model's. Each pair is a would-be model sentence, the passages it
cites, and whether those passages support it. ``kind`` says what the pair exercises:

- supported: ``paraphrase`` (same claim, other words), ``summary`` (a shorter claim),
  ``merge`` (two passages in one sentence), ``coarser-date`` ("August 2025" for "7 August").
- unsupported: ``invented`` (a claim the passage does not make, no new date/number/name),
  ``consequence`` (an added cause or effect), ``offtopic``, ``flipped`` (the opposite claim in
  the passage's own words: overlap cannot see it), ``date``, ``number``, ``name``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class LabelledPair:
    sentence: str
    passages: tuple[str, ...]
    published: str  # ISO date of the passages' article(s)
    supported: bool
    kind: str

    @property
    def published_at(self) -> datetime:
        return datetime.fromisoformat(self.published)


_BOE1 = (
    "The Bank of England cut Bank Rate from 4.25% to 4% on Thursday after the Monetary Policy "
    "Committee voted 5-4 in favour of a reduction."
)
_BOE2 = (
    "Four members of the committee wanted to hold rates, and the decision needed a second vote "
    "for the first time in the committee's history."
)
_BOE3 = (
    "Governor Andrew Bailey said the path of rates would stay gradual and careful because "
    "inflation was expected to rise to 4% in September."
)
_BOE4 = (
    "On a £150,000 tracker mortgage with 20 years left, the cut typically saves around £20 a month."
)
_CS1 = (
    "A faulty content update to CrowdStrike's Falcon sensor crashed about 8.5 million Windows "
    "computers worldwide on 19 July 2024."
)
_CS2 = (
    "Airlines grounded flights, and GP surgeries in England lost access to their appointment "
    "system for much of the day."
)
_CS3 = (
    "Delta Air Lines said the outage cost it about $500m and cancelled around 7,000 flights "
    "over five days."
)
_EL1 = (
    "Labour won 411 seats at the general election on 4 July, giving Keir Starmer a Commons "
    "majority of 174."
)
_EL2 = (
    "Rishi Sunak called the election in a rain-soaked statement outside Downing Street on 22 May."
)
_UA1 = (
    "Ukrainian and US negotiators met in Geneva on Sunday and said they had produced a refined "
    "framework for a peace agreement."
)
_UA2 = (
    "Andriy Yermak, head of the Ukrainian presidential office, resigned on Friday after "
    "anti-corruption investigators searched his flat."
)

PAIRS: tuple[LabelledPair, ...] = (
    # --- supported ---------------------------------------------------------------------------
    LabelledPair(
        "The Bank of England reduced Bank Rate to 4% from 4.25%.",
        (_BOE1,),
        "2025-08-07",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "The Monetary Policy Committee voted 5-4 to cut rates.",
        (_BOE1,),
        "2025-08-07",
        True,
        "summary",
    ),
    LabelledPair(
        "On 7 August 2025 the Bank of England cut Bank Rate to 4%.",
        (_BOE1,),
        "2025-08-07",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "In August 2025 the Bank of England cut rates to 4%.",
        (_BOE1,),
        "2025-08-07",
        True,
        "coarser-date",
    ),
    LabelledPair(
        "The committee needed a second vote to reach its decision, a first in its history.",
        (_BOE2,),
        "2025-08-07",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "The Bank cut rates to 4%, although four committee members wanted to hold them.",
        (_BOE1, _BOE2),
        "2025-08-07",
        True,
        "merge",
    ),
    LabelledPair(
        "Andrew Bailey said further cuts would be gradual and careful.",
        (_BOE3,),
        "2025-08-07",
        True,
        "summary",
    ),
    LabelledPair(
        "Inflation is expected to rise to 4% in September, the governor said.",
        (_BOE3,),
        "2025-08-07",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "A typical £150,000 tracker mortgage with 20 years left saves about £20 a month.",
        (_BOE4,),
        "2025-08-07",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "A faulty CrowdStrike update crashed about 8.5 million Windows computers on 19 July 2024.",
        (_CS1,),
        "2024-07-20",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "The faulty Falcon update crashed Windows computers worldwide.",
        (_CS1,),
        "2024-07-20",
        True,
        "summary",
    ),
    LabelledPair(
        "Flights were grounded and GP surgeries in England lost their appointment system.",
        (_CS2,),
        "2024-07-19",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "Delta Air Lines put the cost of the outage at about $500m.",
        (_CS3,),
        "2024-08-01",
        True,
        "summary",
    ),
    LabelledPair(
        "Delta cancelled around 7,000 flights over five days after the outage.",
        (_CS3,),
        "2024-08-01",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "Labour won 411 seats on 4 July, a Commons majority of 174 for Keir Starmer.",
        (_EL1,),
        "2024-07-05",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "Rishi Sunak called the election outside Downing Street on 22 May 2024.",
        (_EL2,),
        "2024-05-22",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "Sunak called the general election on 22 May, and Labour won 411 seats on 4 July.",
        (_EL2, _EL1),
        "2024-07-05",
        True,
        "merge",
    ),
    LabelledPair(
        "Ukrainian and US negotiators produced a refined peace framework in Geneva.",
        (_UA1,),
        "2025-11-24",
        True,
        "summary",
    ),
    LabelledPair(
        "Andriy Yermak resigned as head of the presidential office after investigators searched "
        "his flat.",
        (_UA2,),
        "2025-11-29",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "Yermak resigned on 28 November 2025 after a search of his flat.",
        (_UA2,),
        "2025-11-29",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "Windows machines around the world stopped working after a bad CrowdStrike update.",
        (_CS1,),
        "2024-07-20",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "Yermak stepped down after anti-corruption officers searched his home.",
        (_UA2,),
        "2025-11-29",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "Tracker borrowers should pay roughly £20 a month less on a £150,000 loan.",
        (_BOE4,),
        "2025-08-07",
        True,
        "paraphrase",
    ),
    LabelledPair(
        "Starmer's Labour took 411 seats and a majority of 174.",
        (_EL1,),
        "2024-07-05",
        True,
        "summary",
    ),
    # --- unsupported: claims without a wrong date, number or name --------------------------------
    LabelledPair(
        "The decision was welcomed by businesses across the country as a boost to growth.",
        (_BOE1,),
        "2025-08-07",
        False,
        "invented",
    ),
    LabelledPair(
        "Mortgage lenders immediately passed the whole cut on to all of their customers.",
        (_BOE4,),
        "2025-08-07",
        False,
        "invented",
    ),
    LabelledPair(
        "The committee split because members disagreed sharply about the weak labour market.",
        (_BOE2,),
        "2025-08-07",
        False,
        "consequence",
    ),
    LabelledPair(
        "Savers will now earn much less interest on their deposits and should move money soon.",
        (_BOE1,),
        "2025-08-07",
        False,
        "consequence",
    ),
    LabelledPair(
        "Markets expect several further cuts before the end of the year.",
        (_BOE3,),
        "2025-08-07",
        False,
        "invented",
    ),
    LabelledPair(
        "Security experts warned that hackers exploited the outage to steal customer data.",
        (_CS1,),
        "2024-07-20",
        False,
        "invented",
    ),
    LabelledPair(
        "Patients were told to go to hospital emergency departments instead of their surgeries.",
        (_CS2,),
        "2024-07-19",
        False,
        "consequence",
    ),
    LabelledPair(
        "Delta plans to sue over the losses and is seeking compensation in court.",
        (_CS3,),
        "2024-08-01",
        False,
        "invented",
    ),
    LabelledPair(
        "The new government promised to nationalise the railways within its first hundred days.",
        (_EL1,),
        "2024-07-05",
        False,
        "offtopic",
    ),
    LabelledPair(
        "The negotiators agreed a ceasefire that will take effect along the whole front line.",
        (_UA1,),
        "2025-11-24",
        False,
        "invented",
    ),
    LabelledPair(
        "Investigators charged the official with bribery and froze his bank accounts.",
        (_UA2,),
        "2025-11-29",
        False,
        "invented",
    ),
    LabelledPair(
        "The Bank of England cut Bank Rate because unemployment had risen sharply.",
        (_BOE1,),
        "2025-08-07",
        False,
        "consequence",
    ),
    LabelledPair(
        "GP surgeries in England lost access to patient records permanently.",
        (_CS2,),
        "2024-07-19",
        False,
        "invented",
    ),
    LabelledPair(
        "The faulty CrowdStrike update crashed Windows computers during a cyberattack.",
        (_CS1,),
        "2024-07-20",
        False,
        "consequence",
    ),
    LabelledPair(
        "Labour's 411 seats were its best result since the Second World War.",
        (_EL1,),
        "2024-07-05",
        False,
        "name",
    ),
    LabelledPair(
        "The Bank of England raised Bank Rate from 4.25% to 4% on Thursday.",
        (_BOE1,),
        "2025-08-07",
        False,
        "flipped",
    ),
    LabelledPair(
        "Ukrainian and US negotiators met in Geneva and said they had failed to produce a "
        "framework for a peace agreement.",
        (_UA1,),
        "2025-11-24",
        False,
        "flipped",
    ),
    # --- unsupported: a wrong date, number or name -------------------------------------------
    LabelledPair(
        "On 7 August 2024 the Bank of England cut Bank Rate to 4%.",
        (_BOE1,),
        "2025-08-07",
        False,
        "date",
    ),
    LabelledPair(
        "The faulty CrowdStrike update crashed Windows computers in February 2020.",
        (_CS1,),
        "2024-07-20",
        False,
        "date",
    ),
    LabelledPair(
        "Labour won 411 seats at the general election on 4 June.",
        (_EL1,),
        "2024-07-05",
        False,
        "date",
    ),
    LabelledPair(
        "The Bank of England cut Bank Rate from 4.5% to 4%.",
        (_BOE1,),
        "2025-08-07",
        False,
        "number",
    ),
    LabelledPair(
        "The faulty update crashed about 85 million Windows computers worldwide.",
        (_CS1,),
        "2024-07-20",
        False,
        "number",
    ),
    LabelledPair(
        "Chancellor Rachel Reeves said the path of rates would stay gradual and careful.",
        (_BOE3,),
        "2025-08-07",
        False,
        "name",
    ),
    LabelledPair(
        "Ukrainian and US negotiators met in Istanbul and produced a refined framework.",
        (_UA1,),
        "2025-11-24",
        False,
        "name",
    ),
)
