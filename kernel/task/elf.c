/*
 * elf.c - load a program from its ELF image into a new address space
 * (chapter 4+).
 *
 * Every PT_LOAD segment becomes an area with the segment's permissions;
 * the bytes of the file are copied in and the rest stays zero (BSS). The
 * pages of a segment no one writes come from the text cache
 * (mm/textcache.c): a program run again maps the same frames.
 * Above the program come an empty heap for sbrk; the user stack sits at
 * USER_STACK_TOP with an unmapped guard page below it. Anything malformed
 * — bad magic, another machine, segments outside the file or overlapping,
 * addresses in the kernel half — is refused with a message.
 */
#include "task/task.h"

#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4

struct elf_header {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

/* Check the header and the segment table; NULL if fine, else why not. */
static const char *elf_check(const uint8_t *img, uint64_t size)
{
	const struct elf_header *h = (const void *)img;
	if (size < sizeof(*h) || memcmp(h->ident,
					"\x7f"
					"ELF",
					4) != 0)
		return "not an ELF file";
	if (h->ident[4] != 2 || h->ident[5] != 1)
		return "not a 64-bit little-endian ELF";
	if (h->type != 2)
		return "not an executable";
	if (h->machine != hal_elf_machine())
		return "built for another machine";
	if (h->phentsize != sizeof(struct elf_phdr) || h->phnum == 0 || h->phnum > 16 ||
	    h->phoff > size || size - h->phoff < (uint64_t)h->phnum * sizeof(struct elf_phdr))
		return "bad program header table";
	const struct elf_phdr *ph = (const void *)(img + h->phoff);
	for (int i = 0; i < h->phnum; i++) {
		if (ph[i].type != PT_LOAD)
			continue;
		if (ph[i].filesz > ph[i].memsz || ph[i].offset > size ||
		    size - ph[i].offset < ph[i].filesz)
			return "segment outside the file";
		if (ph[i].vaddr < USER_BASE || ph[i].memsz > hal_user_end() ||
		    ph[i].vaddr > hal_user_end() - ph[i].memsz)
			return "segment outside user space";
	}
	return NULL;
}

static int segment_flags(uint32_t pf)
{
	int f = HAL_PTE_U;
	if (pf & PF_R)
		f |= HAL_PTE_R;
	if (pf & PF_W)
		f |= HAL_PTE_W;
	if (pf & PF_X)
		f |= HAL_PTE_X;
	return f;
}

/* A segment no one writes (code, constants): every page from the text
   cache, the same frames as the last run of the program if they are still
   kept (mm/textcache.c). */
static int map_cached(struct vm *vm, const struct elf_phdr *ph, const uint8_t *img, uint64_t start,
		      uint64_t end, int flags)
{
	if (vm_add_area(vm, start, end, flags, AREA_PROGRAM) != 0)
		return -1;
	uint64_t data = ph->vaddr, data_end = ph->vaddr + ph->filesz;
	for (uint64_t va = start; va < end; va += HAL_PAGE_SIZE) {
		/* the file's bytes on this page: [from, to) */
		uint64_t from = va > data ? va : data;
		uint64_t to = va + HAL_PAGE_SIZE < data_end ? va + HAL_PAGE_SIZE : data_end;
		const uint8_t *bytes = img;
		size_t off = 0, n = 0;
		if (from < to) {
			bytes = img + ph->offset + (from - data);
			off = from - va;
			n = to - from;
		}
		uint64_t pa = textcache_get(va, off, bytes, n, flags);
		if (pa == 0)
			return -1;
		if (vm_map_frame(vm, va, pa) != 0) {
			frame_free(pa);
			return -1;
		}
	}
	return 0;
}

static int load_segments(struct proc *p, const uint8_t *img, uint64_t *top)
{
	const struct elf_header *h = (const void *)img;
	const struct elf_phdr *ph = (const void *)(img + h->phoff);
	*top = USER_BASE;
	for (int i = 0; i < h->phnum; i++) {
		if (ph[i].type != PT_LOAD || ph[i].memsz == 0)
			continue;
		uint64_t start = ROUND_DOWN(ph[i].vaddr, HAL_PAGE_SIZE);
		uint64_t end = ROUND_UP(ph[i].vaddr + ph[i].memsz, HAL_PAGE_SIZE);
		int flags = segment_flags(ph[i].flags);
		int err = flags & HAL_PTE_W ? vm_map(&p->vm, start, end, flags, AREA_PROGRAM)
					    : map_cached(&p->vm, &ph[i], img, start, end, flags);
		if (err != 0) {
			printf("[kernel] %s: segment [%p, %p) overlaps or no memory\n", p->name,
			       (void *)start, (void *)end);
			return -1;
		}
		if ((flags & HAL_PTE_W) &&
		    vm_write(&p->vm, ph[i].vaddr, img + ph[i].offset, ph[i].filesz) != 0)
			return -1;
		if (end > *top)
			*top = end;
	}
	return 0;
}

int program_load(struct proc *p, int index, const struct app *a, struct trapframe *tf)
{
	(void)index;
	const uint8_t *img = a->start;
	const char *why = elf_check(img, a->end - a->start);
	if (why != NULL) {
		printf("[kernel] %s: cannot load: %s\n", a->name, why);
		return -1;
	}
	if (vm_init(&p->vm) != 0) {
		printf("[kernel] %s: no memory for a page table\n", a->name);
		return -1;
	}
	uint64_t top;
	int stack = HAL_PTE_R | HAL_PTE_W | HAL_PTE_U;
	if (load_segments(p, img, &top) != 0 || top >= USER_STACK_TOP - USER_STACK_SIZE ||
	    vm_map(&p->vm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP, stack, AREA_STACK) !=
		0) {
		printf("[kernel] %s: cannot load: out of memory or bad layout\n", a->name);
		vm_destroy(&p->vm);
		return -1;
	}
	p->vm.heap_start = p->vm.brk = top + HAL_PAGE_SIZE; /* a guard page after the program */
	hal_tf_init(tf, ((const struct elf_header *)img)->entry, USER_STACK_TOP);
	return 0;
}

void program_unload(struct proc *p)
{
	vm_destroy(&p->vm);
}
