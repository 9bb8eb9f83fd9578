/*
 * time.h - what gettimeofday (169) fills in: seconds and microseconds
 * since boot. Shared by the kernel and the user library.
 */
#ifndef ABI_TIME_H
#define ABI_TIME_H

#include <stdint.h>

struct timeval {
	uint64_t sec;
	uint64_t usec;
};

#endif
