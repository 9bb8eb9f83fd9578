/*
 * socket.h - sockets (chapter 9): Linux's numbers and its IPv4 address
 * layout. Port and address are in network byte order (big-endian), as on
 * Linux: htons(7), and 10.0.2.2 is the bytes 10, 0, 2, 2 in memory.
 * Shared by the kernel and the user library.
 */
#ifndef ABI_SOCKET_H
#define ABI_SOCKET_H

#include <stdint.h>

#define AF_INET 2
#define SOCK_STREAM 1	    /* TCP */
#define SOCK_DGRAM 2	    /* UDP */
#define SOCK_NONBLOCK 04000 /* or'd into socket()'s type: -EAGAIN, no sleep */
#define SOL_SOCKET 1
#define SO_REUSEADDR 2
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2
#define INADDR_ANY 0

struct sockaddr_in {
	uint16_t sin_family; /* AF_INET */
	uint16_t sin_port;   /* network order */
	uint32_t sin_addr;   /* network order */
	uint8_t sin_zero[8];
};

#endif
