/* ch4_bad_pointers - hand every system call that takes a pointer a bad
   one: NULL, an unmapped page, a kernel address, read-only memory where
   the kernel must write, and a buffer that runs off the end of a mapping.
   Each call must fail with a negative error, and the program goes on. */
#include "ulib.h"

#define KERNEL_ADDR 0xfffffffffffff000UL
#define MAPPED 0x20000000UL

static int failures;

static void expect_error(const char *what, long ret)
{
	if (ret >= 0) {
		printf("bad pointer accepted: %s returned %ld\n", what, ret);
		failures++;
	}
}

int main(void)
{
	const char *code = (const char *)(uintptr_t)main; /* read-only */
	assert(mmap(MAPPED, PAGE_SIZE, 3) == 0);
	char *last = (char *)MAPPED + PAGE_SIZE - 8; /* 8 bytes before an unmapped page */

	expect_error("write(NULL)", write(STDOUT, NULL, 10));
	expect_error("write(unmapped)", write(STDOUT, (void *)0x30000000, 10));
	expect_error("write(kernel)", write(STDOUT, (void *)KERNEL_ADDR, 10));
	expect_error("write(across the end)", write(STDOUT, last, 64));
	expect_error("write(huge length)", write(STDOUT, "x", ~0UL >> 1));
	expect_error("gettimeofday(NULL)", gettimeofday(NULL, NULL));
	expect_error("gettimeofday(kernel)", gettimeofday((void *)KERNEL_ADDR, NULL));
	expect_error("gettimeofday(read-only)", gettimeofday((void *)code, NULL));
	expect_error("gettimeofday(across the end)", gettimeofday((void *)last, NULL));
	expect_error("task_info(NULL)", task_info(NULL));
	expect_error("task_info(read-only)", task_info((void *)code));
	expect_error("task_info(kernel)", task_info((void *)KERNEL_ADDR));
	expect_error("mmap(kernel half)", mmap(KERNEL_ADDR, PAGE_SIZE, 3));
	expect_error("munmap(kernel half)", munmap(KERNEL_ADDR, PAGE_SIZE));
	expect_error("munmap(program code)", munmap(0x10000, PAGE_SIZE));

	struct timeval tv;
	assert(gettimeofday(&tv, NULL) == 0); /* and good pointers still work */
	if (failures == 0)
		printf("Test bad pointers OK!\n");
	return failures;
}
