/* ch6_file3 - many create/write/unlink rounds of the same name. */
#include "ulib.h"

int main(void)
{
	static const char piece[] = "some random long long long long long long long long string";
	static char test_str[sizeof(piece) * 50];
	size_t len = 0;
	for (int i = 0; i < 50; i++, len += sizeof(piece) - 1)
		memcpy(test_str + len, piece, sizeof(piece) - 1);
	for (int i = 0; i < 10; i++) {
		long fd = open("fname3", O_CREATE | O_WRONLY);
		if (fd < 0) {
			printf("failed to create file\n");
			return -1;
		}
		for (int k = 0; k < 50; k++)
			write(fd, test_str, len);
		close(fd);
		assert(unlink("fname3") == 0);
		assert(open("fname3", O_RDONLY) < 0);
		printf("test iteration %d\n", i);
	}
	test_ok("Test mass open/unlink OK!");
	return 0;
}
