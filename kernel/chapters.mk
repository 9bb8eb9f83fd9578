# The chapter ladder, in one place: which kernel sources and which user
# programs each chapter links. CHAPTER=N builds the kernel of chapter N.
# docs/ladder.md maps the files a later chapter replaces (tests/test_ladder.py
# checks it against these lists).
# Chapters implemented on each arch (make test skips, and reports, the rest).
CHAPTERS_riscv64 := 1 2 3 4 5 6 7 8 9
CHAPTERS_aarch64 := 1 2 3 4 5 6 7 8 9
CHAPTERS_loongarch64 := 1 2 3 4 5 6 7 8 9
CHAPTERS_x86_64 := 1 2 3 4 5 6 7 8 9

KERNEL_CH1 := main.c lib/printf.c lib/string.c lib/panic.c
# Chapter 2: traps, system calls, and a batch of programs run one by one.
KERNEL_CH2 := $(KERNEL_CH1) trap.c irq.c syscall/syscall.c syscall/sys_io.c syscall/sys_task.c \
	task/app.c task/slot.c mm/pagepool.c task/batch.c task/nosignal.c task/nosync.c
# Chapter 3: every program resident at once, switched by yield and the timer.
KERNEL_CH3 := $(KERNEL_CH1) trap.c irq.c syscall/syscall.c syscall/sys_io.c syscall/sys_task.c \
	syscall/sys_time.c syscall/sys_sched.c syscall/sys_sleep.c task/app.c task/slot.c \
	mm/pagepool.c task/multiprog.c task/sched.c task/rr.c task/wait.c task/clock.c \
	drivers/console.c task/nosignal.c task/nosync.c

# Chapter 4: address spaces — frames, heap, ELF loading, sbrk, mmap/munmap.
KERNEL_CH4 := $(KERNEL_CH1) trap.c irq.c syscall/syscall.c syscall/sys_io.c syscall/sys_task.c \
	syscall/sys_time.c syscall/sys_sched.c syscall/sys_mem.c task/app.c task/elf.c \
	mm/frame.c mm/kmalloc.c mm/vm.c mm/uaccess.c mm/textcache.c task/multiprog.c task/sched.c task/rr.c \
	task/wait.c task/clock.c drivers/console.c syscall/sys_sleep.c task/nosignal.c task/nosync.c

# Chapter 5: processes — fork, exec, waitpid, spawn, stride scheduling, a shell.
KERNEL_CH5 := $(KERNEL_CH1) trap.c irq.c syscall/syscall.c syscall/sys_io.c syscall/sys_task.c \
	syscall/sys_time.c syscall/sys_sched.c syscall/sys_mem.c syscall/sys_read.c \
	syscall/sys_proc.c syscall/sys_sleep.c task/app.c task/elf.c mm/frame.c mm/kmalloc.c \
	mm/vm.c mm/uaccess.c mm/textcache.c task/proc.c task/sched.c task/stride.c task/wait.c task/clock.c \
	drivers/console.c task/nofiles.c task/nosignal.c task/nosync.c task/args.c

# Chapter 6: disks and files — virtio-blk over MMIO and PCI, a block cache,
# a VFS with easy-fs and FAT32, file system calls, programs loaded from files.
KERNEL_CH6 := $(filter-out syscall/sys_read.c syscall/sys_io.c task/app.c task/nofiles.c,\
	$(KERNEL_CH5)) drivers/blk.c drivers/devices.c \
	drivers/fdt.c drivers/pci.c drivers/virtio.c drivers/virtio_mmio.c drivers/virtio_pci.c \
	drivers/virtio_blk.c drivers/virtio_input.c drivers/keyboard.c fs/bcache.c fs/inode.c fs/dircache.c fs/path.c fs/mount.c \
	fs/file.c fs/fdtable.c fs/fslock.c fs/inode_file.c fs/console_file.c fs/easyfs.c \
	fs/easyfs_alloc.c fs/easyfs_inode.c fs/easyfs_dir.c fs/easyfs_log.c \
	fs/fat32.c fs/fat32_fat.c fs/fat32_dirent.c fs/fat32_name.c fs/fat32_dir.c \
	fs/program.c syscall/sys_fs.c syscall/sys_disk.c

# Chapter 7: inter-process communication — pipes (a file kind), dup, signals
# and process groups.
KERNEL_CH7 := $(filter-out task/nosignal.c,$(KERNEL_CH6)) ipc/pipe.c syscall/sys_pipe.c \
	task/signal.c syscall/sys_signal.c syscall/sys_ioctl.c

# Chapter 8: threads, mutexes, semaphores, condition variables, deadlock detection.
KERNEL_CH8 := $(filter-out task/nosync.c,$(KERNEL_CH7)) sync/sync.c sync/mutex.c \
	sync/semaphore.c sync/condvar.c sync/deadlock.c syscall/sys_thread.c syscall/sys_sync.c

# Chapter 9, part 1: device interrupts — the console and the disk
# interrupt instead of being polled (the controllers are the hal's);
# irqstat shows the counts. Part 2: input events (the virtio-input driver
# is linked from chapter 6 with the others, and takes a device only once
# interrupts are on) and the screen (virtio-gpu, the framebuffer calls),
# with the console drawn on it (fbcon.c, and the font the Makefile makes).
KERNEL_CH9 := $(KERNEL_CH8) syscall/sys_irqstat.c syscall/sys_input.c \
	drivers/virtio_gpu.c syscall/sys_fb.c drivers/fbcon.c
# Part 3: the network (virtio-net, lwIP in net/, sockets).
KERNEL_CH9 += drivers/virtio_net.c net/net.c net/sys_arch.c net/socket.c syscall/sys_socket.c \
	syscall/sys_poll.c

APPS_CH2 := ch2b_bad_address ch2b_bad_instructions ch2b_bad_register ch2b_hello_world \
	ch2b_power_3 ch2b_power_5 ch2b_power_7 ch2_null_store
APPS_CH3 := $(APPS_CH2) ch3_sleep ch3_sleep1 ch3_spin ch3_taskinfo ch3b_yield0 ch3b_yield1 \
	ch3b_yield2

APPS_CH4 := $(APPS_CH3) ch4_bad_pointers ch4_exec_data ch4_exec_heap ch4_exec_stack \
	ch4_load_fault ch4_mmap0 ch4_mmap1 ch4_mmap2 ch4_mmap3 ch4_mmap_holes ch4_store_fault \
	ch4_unmap ch4_unmap2 ch4_unmap_full ch4b_sbrk

APPS_CH5 := $(APPS_CH4) bench bench_nop ch5_argv ch5_cow ch5_exit0 ch5_exit1 ch5_forkbomb ch5_getpid ch5_getppid ch5_prio_hog ch5_prot ch5_setprio ch5_sleep_cpu ch5_spawn0 \
	ch5_spawn1 ch5_stride ch5_stride0 ch5_stride1 ch5_stride2 ch5_stride3 ch5_stride4 \
	ch5_stride5 ch5_taskinfo_bound ch5_usertest ch5b_exit ch5b_forktest ch5b_forktest2 ch5b_forktest_simple \
	ch5b_forktree ch5b_initproc ch5b_user_shell
# what make grade boots (tests/grade.py): a few base programs, then the lab's tests
APPS_CH5 += ch5_labtest

APPS_CH6 := $(APPS_CH5) bench_fs cat ch6_bigdir ch6_diskstat crashtest ch6_dirs ch6_fill ch6_fs_bad ch6_keep ch6_paths \
	fuzz ch6_usertest ch6_file0 ch6_file1 ch6_file2 ch6_file3 ch6b_cat ch6b_filetest_simple huge_write ls
APPS_CH6 += ch6_labtest

# Chapter 7: pipes, arguments, redirection, signals; rCore's ch7 programs, a
# shell with pipelines (user_shell) and the initproc that starts it.
APPS_CH7 := $(APPS_CH6) bench_pipe ch7_bad ch7_signal_frames ch7_usertest ch7b_usertest \
	cmdline_args count_lines getchar infloop initproc pipe_large_test pipetest priv_csr \
	priv_inst run_pipe_test sig_simple sig_simple2 sig_tests stack_overflow store_fault \
	until_timeout user_shell
# pipes, dup and exec arguments (the kernel side's own tests, tests/expect/ch7_pipes.py):
APPS_CH7 += ch7_args ch7_dup ch7_pipe_atomic ch7_pipe_bad ch7_pipe_block ch7_pipe_cow \
	ch7_pipe_eof ch7_pipe_large ch7_pipe_usertest

# Chapter 8: threads, mutexes, semaphores, condition variables and deadlock
# detection; rCore's ch8 programs, the lab's race adders and deadlock tests.
APPS_CH8 := $(APPS_CH7) adder adder_atomic adder_mutex_blocking adder_mutex_spin \
	adder_peterson_spin adder_peterson_yield adder_simple_spin adder_simple_yield \
	barrier_condvar bench_thread ch8_bad ch8_deadlock_mutex1 ch8_deadlock_sem1 \
	ch8_deadlock_sem2 ch8_usertest ch8b_usertest early_exit early_exit2 eisenberg mpsc_sem \
	peterson phil_din_mutex race_adder race_adder_atomic race_adder_loop \
	race_adder_mutex_spin stackful_coroutine stackless_coroutine sync_sem test_condvar \
	threads threads_arg
# the kernel side's own test (tests/expect/ch8_core.py)
APPS_CH8 += ch8_threads_core ch8_labtest

# Chapter 9, part 1: the interrupt counts, and a CPU-bound thread that
# must keep running while another waits for the disk.
APPS_CH9 := $(APPS_CH8) ch9_disk_dead ch9_overlap ch9_read_overlap inputdev_event irqstat
# part 2: drawing on the screen (rCore's gui_shape and gui_tri), and the
# framebuffer calls' bad input
APPS_CH9 += ch9_fb_bad gui_shape gui_tri
# the keyboard and the mouse: rCore's gui_move and gui_snake, our paint
APPS_CH9 += gui_move gui_snake paint
# part 3: the network
APPS_CH9 += bench_net ch9_net_bad httpd httpget tcp_echo udp_echo

# How programs are embedded in the kernel (chapters 2-5); from chapter 6
# they live in the disk image instead: flat binaries (chapters 2-3) or ELF files.
APP_FORMAT_CH2 := %.bin
APP_FORMAT_CH3 := %.bin
APP_FORMAT_CH4 := bin/%
APP_FORMAT_CH5 := bin/%

# Chapters whose kernel reads its programs and files from a disk image (the
# Makefile builds one and gives QEMU the drive; the tests make a fresh one).
DISK_CHAPTERS := 6 7 8 9
# Chapters whose QEMU has a display (virtio-gpu, on the disk's transport;
# headless unless a window is asked for) and a keyboard (virtio-input).
GPU_CHAPTERS := 9

# The first process when INIT is not given: ch5b_initproc (and its shell,
# ch5b_user_shell) in chapters 5-6; from chapter 7 initproc, which starts
# user_shell (pipes, redirection, process groups for Ctrl-C).
INIT_CH7 := initproc
INIT_CH8 := $(INIT_CH7)
INIT_CH9 := $(INIT_CH7)

KERNEL_SRCS = $(KERNEL_CH$(CHAPTER))
APP_FORMAT = $(APP_FORMAT_CH$(CHAPTER))
APPS = $(APPS_CH$(CHAPTER))
