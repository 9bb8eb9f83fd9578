/* ch8_deadlock_mutex1 - the lab's deadlock test with one mutex: with
   detection on, a thread locking a blocking mutex it already holds would
   wait forever, so the second mutex_lock must return DEADLOCK (-0xdead). */
#include "ulib.h"

int main(void)
{
	assert(enable_deadlock_detect(1) == 0);
	long mid = mutex_blocking_create();
	assert(mid >= 0);
	assert(mutex_lock(mid) == 0);
	assert(mutex_lock(mid) == DEADLOCK);
	mutex_unlock(mid);
	test_ok("deadlock test mutex 1 OK!");
	return 0;
}
