/*
 * rng.c - the fuzzer's random numbers: splitmix64, seeded from the run's
 * seed and the stream's coordinates (child index, purpose), so the same
 * seed gives the same calls on every run and every arch.
 */
#include "fuzz.h"

static uint64_t mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed, uint64_t a, uint64_t b)
{
	r->s = mix(mix(seed) ^ mix(a + 0x9e3779b97f4a7c15ULL) ^ mix(b * 0x632be59bd9b4e019ULL + 1));
}

uint64_t rng_next(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix(r->s);
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
	return rng_next(r) % n;
}
