/*
 * slot.c - program memory for chapters 2 and 3.
 *
 * Before the kernel has a frame allocator (chapter 4), each program gets a
 * fixed slot of SLOT_SIZE bytes in the kernel's BSS. Its own page table
 * maps that slot at USER_BASE, so every program is linked at the same
 * address yet they all stay resident. The flat binary goes at the bottom,
 * the stack grows down from the top. User memory is reached through the
 * slot, after a range check.
 */
#include "task/task.h"

#define SLOT_SIZE (128 * 1024)
#define STACK_RESERVE (16 * 1024)

static uint8_t slots[MAX_TASKS][SLOT_SIZE] __attribute__((aligned(HAL_PAGE_SIZE)));

int program_load(struct proc *p, int slot, const struct app *a, struct trapframe *tf)
{
	uint64_t size = a->end - a->start;
	if (slot < 0 || slot >= MAX_TASKS || size > SLOT_SIZE - STACK_RESERVE) {
		printf("[kernel] %s: %lu bytes do not fit in a %d KiB slot\n", a->name, size,
		       SLOT_SIZE / 1024);
		return -1;
	}
	p->mem = slots[slot];
	p->mem_size = SLOT_SIZE;
	memset(p->mem, 0, SLOT_SIZE);
	memcpy(p->mem, a->start, size);
	hal_sync_icache(p->mem, size);

	p->vm.pt = hal_pt_create();
	if (p->vm.pt == NULL)
		panic("no memory for a page table");
	uint64_t pa = hal_virt_to_phys(p->mem);
	int flags = HAL_PTE_R | HAL_PTE_W | HAL_PTE_X | HAL_PTE_U;
	for (uint64_t off = 0; off < SLOT_SIZE; off += HAL_PAGE_SIZE)
		if (hal_pt_map(p->vm.pt, USER_BASE + off, pa + off, flags) != 0)
			panic("mapping a program slot failed");
	hal_tf_init(tf, USER_BASE, USER_BASE + SLOT_SIZE);
	return 0;
}

void program_unload(struct proc *p)
{
	if (p->vm.pt != NULL) {
		for (uint64_t off = 0; off < p->mem_size; off += HAL_PAGE_SIZE)
			hal_pt_unmap(p->vm.pt, USER_BASE + off);
		hal_pt_destroy(p->vm.pt);
	}
	p->vm.pt = NULL;
	p->mem = NULL;
}

/* Kernel pointer to user range [va, va+len) of `t`, or NULL if it is not
   all inside the program's slot. */
static void *slot_ptr(struct proc *p, uint64_t va, uint64_t len)
{
	if (va < USER_BASE || len > p->mem_size || va - USER_BASE > p->mem_size - len)
		return NULL;
	return p->mem + (va - USER_BASE);
}

int copy_to_user(struct proc *p, uint64_t dst, const void *src, size_t n)
{
	void *k = slot_ptr(p, dst, n);
	if (k == NULL)
		return -14; /* EFAULT */
	memcpy(k, src, n);
	return 0;
}

int copy_from_user(struct proc *p, void *dst, uint64_t src, size_t n)
{
	void *k = slot_ptr(p, src, n);
	if (k == NULL)
		return -14; /* EFAULT */
	memcpy(dst, k, n);
	return 0;
}

int check_user(struct proc *p, uint64_t va, size_t n, bool write)
{
	(void)write; /* the whole slot is read-write */
	return slot_ptr(p, va, n) == NULL ? -14 : 0;
}

/* Chapters 2-3 have no fork: no page is ever copy-on-write. */
int vm_fault_cow(struct vm *vm, uint64_t va)
{
	(void)vm, (void)va;
	return 0;
}
