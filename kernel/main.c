/*
 * main.c - the kernel's first C function and the boot sequence.
 *
 * The arch's boot code sets up a stack and calls kernel_main() on the boot
 * CPU. kernel_main() greets, shows where the kernel sits in memory, runs
 * what this chapter adds, and powers off.
 */
#include "lib/lib.h"
#include "task/task.h"
#include "irq.h"
#if CHAPTER >= 6
#include "drivers/blk.h"
#endif
#if CHAPTER >= 9
#include "drivers/gpu.h"
#include "net/net.h"
#endif

extern char kernel_start[], kernel_end[];
extern char kernel_text_start[], kernel_text_end[];
extern char kernel_rodata_start[], kernel_rodata_end[];
extern char kernel_data_start[], kernel_data_end[];
extern char kernel_bss_start[], kernel_bss_end[];

static const char *log_names[] = {"off", "error", "warn", "info", "debug", "trace"};

static void show_layout(void)
{
	info("kernel image [%p, %p) at physical %p", kernel_start, kernel_end,
	     (void *)hal_virt_to_phys(kernel_start));
	info(".text   [%p, %p)", kernel_text_start, kernel_text_end);
	info(".rodata [%p, %p)", kernel_rodata_start, kernel_rodata_end);
	info(".data   [%p, %p)", kernel_data_start, kernel_data_end);
	info(".bss    [%p, %p)", kernel_bss_start, kernel_bss_end);
	struct hal_mem_range r[8];
	int n = hal_mem_ranges(r, 8);
	for (int i = 0; i < n; i++)
		info("free RAM [%p, %p) %lu KiB", (void *)r[i].start, (void *)r[i].end,
		     (r[i].end - r[i].start) / 1024);
}

void kernel_main(int cpu)
{
	printf("\n=== TeachOS: arch %s, chapter %d, cpu %d, LOG=%s ===\n", hal_arch_name(), CHAPTER,
	       cpu, log_names[LOG_LEVEL]);
	printf("Hello, world!\n");
	show_layout();
	error("log level error is shown");
	warn("log level warn is shown");
	info("log level info is shown");
	debug("log level debug is shown");
	trace("log level trace is shown");

	/* What each chapter adds to the boot sequence. */
#if CHAPTER >= 2
	hal_trap_init();
#endif
#if CHAPTER >= 4
	frame_init();
	kmalloc_selftest();
#endif
#if CHAPTER >= 3
	hal_timer_init();
	info("timer: %lu Hz, preemption %s", hal_time_freq(), PREEMPT ? "on" : "off");
#endif
#if CHAPTER >= 9
	irq_init();
	console_irq_init();
#endif
#if CHAPTER >= 6
	devices_init();
#if CHAPTER >= 9
	fbcon_init(); /* the console on the screen, if there is one */
	net_init();
#endif
	if (vfs_mount_root() != 0) {
		printf("[kernel] no root file system, so no programs to run; powering off\n");
		hal_power_off(true);
	}
#endif
#if CHAPTER >= 2
	run_apps();
#endif
	info("chapter 1 done, powering off");
	hal_power_off(false);
}
