"""Generic head nouns that follow a weapon's name but are not part of it.

"Archer self-propelled howitzers" names the Archer; "Leopard tanks" the Leopard. The
annotation rules leave these words out of the mention, and when a capitalised name is
followed by one of them, the name is a weapon whatever else it might look like.
"""

from __future__ import annotations

import re

WEAPON_HEADS = frozenset(
    """howitzer howitzers gun guns cannon cannons tank tanks missile missiles rocket rockets launcher
    launchers system systems jet jets fighter fighters aircraft airplane airplanes plane planes bomber
    bombers helicopter helicopters gunship gunships drone drones uav uavs ucav ucavs vehicle vehicles
    ifv ifvs apc apcs mbt mbts frigate frigates corvette corvettes destroyer destroyers cruiser cruisers
    submarine submarines warship warships carrier carriers interceptor interceptors trainer trainers
    munition munitions bomb bombs torpedo torpedoes mortar mortars rifle rifles manpads manpad
    sam sams atgm atgms""".split()
)
# Words that sit between a name and its head noun ("self-propelled", "anti-aircraft", "air defense").
DESCRIPTORS = frozenset(
    """self-propelled anti-aircraft anti-tank anti-ship anti-air anti-submarine anti-radiation
    air-defense air-defence air defense defence artillery infantry fighting armored armoured combat
    multirole multi-role multiple main battle light heavy medium short-range long-range medium-range
    surface-to-air air-to-air air-to-surface cruise ballistic hypersonic attack transport utility
    reconnaissance kamikaze loitering guided precision stealth strike unmanned naval""".split()
)
_WORD = re.compile(r"[\w'’-]+")


def name_end(surface: str) -> int:
    """Where the name ends once trailing head nouns and descriptors are dropped.

    Returns ``len(surface)`` when the surface has no generic head noun at its end.
    """
    words = list(_WORD.finditer(surface))
    if len(words) < 2 or words[-1].group().casefold() not in WEAPON_HEADS:
        return len(surface)
    keep = len(words) - 1
    while keep > 1 and words[keep - 1].group().casefold() in (WEAPON_HEADS | DESCRIPTORS):
        keep -= 1
    return words[keep - 1].end()
