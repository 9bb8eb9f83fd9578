/*
 * args.c - a program's arguments (chapter 5+). exec copies the caller's
 * argv into a kernel buffer first (args_copy_in), so a bad pointer, too
 * many arguments or too many bytes fail the call before anything of the
 * old program is touched; once the new program is loaded, the strings and
 * the argv array go onto its stack (set_entry_args).
 *
 * The new stack, from its top down, as rCore lays it out (16-byte aligned
 * here, for x86_64 and aarch64):
 *
 *	USER_STACK_TOP	(padding to 16)
 *	argv_base	argv[0], argv[1], ..., argv[argc - 1], NULL
 *			the string of argv[0], then argv[1]'s below it, ...
 *	sp		(padding to 16): the program's stack grows down from here
 *
 * and the program starts with argc and argv_base in its first two argument
 * registers. Arguments that take more than a quarter of the stack make
 * it grow down by as many pages as they take, so that the program keeps at
 * least USER_STACK_SIZE of stack below them.
 */
#include "task/args.h"

#define ARGV_BYTES ((ARG_COUNT_MAX + 1) * sizeof(char *))

long args_copy_in(struct task *t, uint64_t uargv, const char *path, struct exec_args *a)
{
	a->npages = ROUND_UP(ARGV_BYTES + ARG_BYTES_MAX, HAL_PAGE_SIZE) / HAL_PAGE_SIZE;
	a->pa = frame_alloc_contig(a->npages);
	if (a->pa == 0)
		return -ENOMEM;
	a->argv = hal_phys_to_virt(a->pa);
	char *strings = (char *)a->argv + ARGV_BYTES;
	size_t used = 0;
	long err = 0;
	int argc = 0;
	for (; uargv != 0; argc++) {
		uint64_t p;
		if (copy_from_user(t, &p, uargv + argc * sizeof(p), sizeof(p)) != 0) {
			err = -EFAULT;
			break;
		}
		if (p == 0)
			break;
		if (argc == ARG_COUNT_MAX) {
			err = -E2BIG;
			break;
		}
		long n = copy_str_from_user(t, strings + used, p, ARG_BYTES_MAX - used);
		if (n < 0) {
			err = n == -EFAULT ? -EFAULT : -E2BIG; /* else it did not fit */
			break;
		}
		a->argv[argc] = strings + used;
		used += n + 1;
	}
	if (err != 0) {
		args_free(a);
		return err;
	}
	if (argc == 0) { /* no argv: the program's name is argv[0] */
		strncpy_safe(strings, path, ARG_BYTES_MAX);
		a->argv[argc++] = strings;
	}
	a->argv[argc] = NULL;
	a->argc = argc;
	return 0;
}

void args_free(struct exec_args *a)
{
	for (size_t i = 0; i < a->npages; i++)
		frame_free(a->pa + i * HAL_PAGE_SIZE);
	a->npages = 0;
	a->argv = NULL;
}

int set_entry_args(struct task *t, char *const argv[], int argc)
{
	uint64_t top = hal_tf_sp(&t->tf);
	uint64_t argv_base = ROUND_DOWN(top - (argc + 1) * sizeof(uint64_t), 16);
	uint64_t sp = argv_base;
	for (int i = 0; i < argc; i++)
		sp -= strlen(argv[i]) + 1;
	sp = ROUND_DOWN(sp, 16);
	if (top - sp > USER_STACK_SIZE / 4) { /* big arguments: a bigger stack */
		uint64_t bottom = top - USER_STACK_SIZE;
		uint64_t more = ROUND_UP(top - sp, HAL_PAGE_SIZE);
		if (vm_map(&t->vm, bottom - more, bottom, HAL_PTE_R | HAL_PTE_W | HAL_PTE_U,
			   AREA_STACK) != 0)
			return -1;
	}
	uint64_t at = argv_base;
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;
		at -= n;
		if (vm_write(&t->vm, at, argv[i], n) != 0 ||
		    vm_write(&t->vm, argv_base + i * sizeof(uint64_t), &at, sizeof(at)) != 0)
			return -1;
	}
	uint64_t null = 0;
	if (vm_write(&t->vm, argv_base + argc * sizeof(uint64_t), &null, sizeof(null)) != 0)
		return -1;
	hal_tf_set_sp(&t->tf, sp);
	hal_tf_set_arg(&t->tf, 0, argc);
	hal_tf_set_arg(&t->tf, 1, argv_base);
	return 0;
}
