// `make bench`, mempool part: 100,000 individual transactions through one mempool on one core.
#pragma once

void bench_mempool();
