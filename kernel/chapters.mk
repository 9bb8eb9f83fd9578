# Which kernel sources each chapter links: the chapter ladder, in one place.
CHAPTERS := 1
MAX_CHAPTER := 1

KERNEL_CH1 := main.c lib/printf.c lib/string.c lib/panic.c

KERNEL_SRCS = $(KERNEL_CH$(CHAPTER))
