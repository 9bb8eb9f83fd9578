/*
 * log.h - log macros with a level chosen at build time (make LOG=...).
 *
 * Each line is coloured like rCore's logger: error red, warn yellow,
 * info blue, debug green, trace grey. Messages above LOG_LEVEL compile
 * to nothing.
 */
#ifndef LOG_H
#define LOG_H

#define LOG_ERROR 1
#define LOG_WARN 2
#define LOG_INFO 3
#define LOG_DEBUG 4
#define LOG_TRACE 5

#ifndef LOG_LEVEL
#define LOG_LEVEL LOG_INFO
#endif

#define log_at(level, colour, tag, fmt, ...)                                                       \
	do {                                                                                       \
		if ((level) <= LOG_LEVEL)                                                          \
			printf("\x1b[" colour "m[" tag "] " fmt "\x1b[0m\n", ##__VA_ARGS__);       \
	} while (0)

#define error(fmt, ...) log_at(LOG_ERROR, "31", "ERROR", fmt, ##__VA_ARGS__)
#define warn(fmt, ...) log_at(LOG_WARN, "93", " WARN", fmt, ##__VA_ARGS__)
#define info(fmt, ...) log_at(LOG_INFO, "34", " INFO", fmt, ##__VA_ARGS__)
#define debug(fmt, ...) log_at(LOG_DEBUG, "32", "DEBUG", fmt, ##__VA_ARGS__)
#define trace(fmt, ...) log_at(LOG_TRACE, "90", "TRACE", fmt, ##__VA_ARGS__)

#endif
