/* ch5_prot - what mmap's prot means on each arch (docs/ch4.md, "What prot
   means"). Each probe runs in a child, which is killed (-2) or survives
   (0), and the parent compares with the table of the handout:
     prot      read            write
     R (1)     yes             killed
     W (2)     yes (W implies R on every MMU here)   yes
     X (4)     killed on riscv64 and loongarch64 (execute-only pages);
	       yes on aarch64 and x86_64 (no execute-only for user mode)
	       write: killed everywhere */
#include "ulib.h"

#define AT 0x20000000UL

#if defined(__riscv) || defined(__loongarch__)
#define XONLY_READ -2
#else
#define XONLY_READ 0
#endif

static int probe(uint64_t prot, int write)
{
	long pid = fork();
	if (pid == 0) {
		if (mmap(AT, PAGE_SIZE, prot) != 0)
			exit(1);
		volatile uint8_t *p = (volatile uint8_t *)AT;
		if (write)
			*p = 1;
		else
			(void)*p;
		exit(0);
	}
	int code = 1;
	assert(pid > 0 && waitpid(pid, &code) == pid);
	return code;
}

int main(void)
{
	static const struct {
		uint64_t prot;
		int write, code;
	} cases[] = {
	    {1, 0, 0}, {1, 1, -2}, {2, 0, 0}, {2, 1, 0}, {4, 0, XONLY_READ}, {4, 1, -2},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int code = probe(cases[i].prot, cases[i].write);
		printf("ch5_prot: prot %lu %s: %s\n", (unsigned long)cases[i].prot,
		       cases[i].write ? "write" : "read", code == 0 ? "allowed" : "killed");
		assert(code == cases[i].code);
	}
	printf("Test mmap prot OK!\n");
	return 0;
}
