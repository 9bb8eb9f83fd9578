/*
 * uaccess.c - checked copies between the kernel and user memory
 * (chapter 4+). Every user page is looked up in the task's page table and
 * must be mapped for user access with the permission the copy needs;
 * the bytes are then copied through the kernel's direct map. A bad
 * pointer makes the copy fail with -EFAULT; it can never fault the kernel.
 * The direct map ignores the user page's permissions, so a write into a
 * copy-on-write page must first get this process its own copy, as a
 * store from user mode would (vm_fault_cow).
 */
#include "task/task.h"
#include "abi/errno.h"

/* Kernel address of user byte va, if its page allows `need`; else NULL. */
static uint8_t *user_byte(struct proc *p, uint64_t va, int need)
{
	uint64_t pa;
	int flags;
	if (va >= hal_user_end() || !hal_pt_translate(p->vm.pt, va, &pa, &flags))
		return NULL;
	if ((need & HAL_PTE_W) && !(flags & HAL_PTE_W)) {
		int cow = vm_fault_cow(&p->vm, va);
		if (cow < 0)
			printf("[kernel] %s: out of memory for a copy-on-write page at %p\n",
			       p->name, (void *)va);
		if (cow <= 0 || !hal_pt_translate(p->vm.pt, va, &pa, &flags))
			return NULL;
	}
	if ((flags & (need | HAL_PTE_U)) != (need | HAL_PTE_U))
		return NULL;
	return hal_phys_to_virt(pa);
}

/* Copy n bytes between kernel buffer k and user address u, page by page. */
static int copy(struct proc *p, uint64_t u, uint8_t *k, size_t n, bool to_user)
{
	if (u + n < u)
		return -EFAULT; /* wraps around */
	while (n > 0) {
		uint8_t *b = user_byte(p, u, to_user ? HAL_PTE_W : HAL_PTE_R);
		if (b == NULL)
			return -EFAULT;
		size_t chunk = HAL_PAGE_SIZE - (u % HAL_PAGE_SIZE);
		if (chunk > n)
			chunk = n;
		if (to_user)
			memcpy(b, k, chunk);
		else
			memcpy(k, b, chunk);
		u += chunk;
		k += chunk;
		n -= chunk;
	}
	return 0;
}

int copy_to_user(struct proc *p, uint64_t dst, const void *src, size_t n)
{
	return copy(p, dst, (uint8_t *)src, n, true);
}

int copy_from_user(struct proc *p, void *dst, uint64_t src, size_t n)
{
	return copy(p, src, dst, n, false);
}

int check_user(struct proc *p, uint64_t va, size_t n, bool write)
{
	if (va + n < va || va + n > hal_user_end())
		return -EFAULT;
	for (uint64_t page = ROUND_DOWN(va, HAL_PAGE_SIZE); page < va + n; page += HAL_PAGE_SIZE)
		if (user_byte(p, page, write ? HAL_PTE_W : HAL_PTE_R) == NULL)
			return -EFAULT;
	return 0;
}

long copy_str_from_user(struct proc *p, char *dst, uint64_t src, size_t cap)
{
	for (size_t i = 0; i < cap; i++) {
		uint8_t *b = user_byte(p, src + i, HAL_PTE_R);
		if (b == NULL)
			return -EFAULT;
		dst[i] = *b;
		if (dst[i] == '\0')
			return i;
	}
	return -36; /* ENAMETOOLONG */
}
