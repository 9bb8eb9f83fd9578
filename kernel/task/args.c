/*
 * args.c - a program's arguments (chapter 5+). exec copies the caller's
 * argv into a kernel buffer first (args_copy_in: one page, or 64 KiB and
 * a little more when a page is not enough), so a bad pointer, too many
 * arguments or too many bytes fail the call before anything of the old
 * program is touched; once the new program is loaded, the strings and
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
#define TOO_SMALL 1 /* the buffer, not the limits, was too small */

/* Copy the arguments into a buffer of `npages` frames: the strings back to
   back from its start, then the argv array (8-byte aligned). 0, -errno, or
   TOO_SMALL with the buffer freed. */
static long copy_in(struct proc *p, uint64_t uargv, const char *path, struct exec_args *a,
		    size_t npages)
{
	a->npages = npages;
	a->pa = npages == 1 ? frame_alloc_dirty() : frame_alloc_contig(npages);
	if (a->pa == 0)
		return -ENOMEM;
	char *strings = hal_phys_to_virt(a->pa);
	size_t size = npages * HAL_PAGE_SIZE, used = 0;
	long err = 0;
	int argc = 0;
	for (; uargv != 0; argc++) {
		uint64_t s;
		if (copy_from_user(p, &s, uargv + argc * sizeof(s), sizeof(s)) != 0) {
			err = -EFAULT;
			break;
		}
		if (s == 0)
			break;
		if (argc == ARG_COUNT_MAX) {
			err = -E2BIG;
			break;
		}
		bool small = size < ARG_BYTES_MAX; /* the buffer is the bound, not the limit */
		long n =
		    copy_str_from_user(p, strings + used, s, (small ? size : ARG_BYTES_MAX) - used);
		if (n < 0) { /* a bad pointer, or it did not fit */
			err = n == -EFAULT ? -EFAULT : small ? TOO_SMALL : -E2BIG;
			break;
		}
		used += n + 1;
	}
	if (err == 0 && argc == 0) { /* no argv: the program's name is argv[0] */
		strncpy_safe(strings, path, size);
		used = strlen(strings) + 1;
		argc = 1;
	}
	uint64_t at = ROUND_UP(used, sizeof(char *));
	if (err == 0 && at + (argc + 1) * sizeof(char *) > size)
		err = TOO_SMALL;
	if (err != 0) {
		args_free(a);
		return err;
	}
	a->argv = (char **)(strings + at);
	for (int i = 0; i < argc; i++) {
		a->argv[i] = strings;
		strings += strlen(strings) + 1;
	}
	a->argv[argc] = NULL;
	a->argc = argc;
	return 0;
}

long args_copy_in(struct proc *p, uint64_t uargv, const char *path, struct exec_args *a)
{
	long err = copy_in(p, uargv, path, a, 1); /* most fit in a page */
	if (err == TOO_SMALL)
		err = copy_in(p, uargv, path, a,
			      ROUND_UP(ARG_BYTES_MAX + ARGV_BYTES, HAL_PAGE_SIZE) / HAL_PAGE_SIZE);
	return err;
}

void args_free(struct exec_args *a)
{
	for (size_t i = 0; i < a->npages; i++)
		frame_free(a->pa + i * HAL_PAGE_SIZE);
	a->npages = 0;
	a->argv = NULL;
}

int set_entry_args(struct proc *p, struct trapframe *tf, char *const argv[], int argc)
{
	uint64_t top = hal_tf_sp(tf);
	uint64_t argv_base = ROUND_DOWN(top - (argc + 1) * sizeof(uint64_t), 16);
	uint64_t sp = argv_base;
	for (int i = 0; i < argc; i++)
		sp -= strlen(argv[i]) + 1;
	sp = ROUND_DOWN(sp, 16);
	if (top - sp > USER_STACK_SIZE / 4) { /* big arguments: a bigger stack */
		uint64_t bottom = top - USER_STACK_SIZE;
		uint64_t more = ROUND_UP(top - sp, HAL_PAGE_SIZE);
		if (vm_map(&p->vm, bottom - more, bottom, HAL_PTE_R | HAL_PTE_W | HAL_PTE_U,
			   AREA_STACK) != 0)
			return -1;
	}
	uint64_t at = argv_base;
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;
		at -= n;
		if (vm_write(&p->vm, at, argv[i], n) != 0 ||
		    vm_write(&p->vm, argv_base + i * sizeof(uint64_t), &at, sizeof(at)) != 0)
			return -1;
	}
	uint64_t null = 0;
	if (vm_write(&p->vm, argv_base + argc * sizeof(uint64_t), &null, sizeof(null)) != 0)
		return -1;
	hal_tf_set_sp(tf, sp);
	hal_tf_set_arg(tf, 0, argc);
	hal_tf_set_arg(tf, 1, argv_base);
	return 0;
}
