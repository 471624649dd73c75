// `make bench`, world part: 100,000 agent transactions through the transaction-level world.
#pragma once

void bench_world();
