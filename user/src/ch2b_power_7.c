/* ch2b_power_7 - compute 7^160000 mod 998244353 step by step, printing progress. */
#include "ulib.h"

#define LEN 100

int main(void)
{
	const uint64_t p = 7, m = 998244353;
	const int iter = 160000;
	uint64_t s[LEN] = {0};
	int cur = 0;
	s[cur] = 1;
	for (int i = 1; i <= iter; i++) {
		int next = cur + 1 == LEN ? 0 : cur + 1;
		s[next] = s[cur] * p % m;
		cur = next;
		if (i % 10000 == 0)
			printf("power_7 [%d/%d]\n", i, iter);
	}
	printf("%lu^%d = %lu(MOD %lu)\n", p, iter, s[cur], m);
	printf("Test power_7 OK!\n");
	return 0;
}
