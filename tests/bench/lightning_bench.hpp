// `make bench`, Lightning part: Flood & Loot with 100,000 individual HTLC transactions.
#pragma once

void bench_lightning();
