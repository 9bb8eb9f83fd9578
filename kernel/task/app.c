/*
 * app.c - the table of user programs the build embedded in the kernel
 * image (see scripts/mkapps.sh and APPS_CHn in kernel/chapters.mk).
 */
#include "task/task.h"

extern const struct app apps[];

int app_count(void)
{
	int n = 0;
	while (apps[n].name != NULL)
		n++;
	return n;
}

const struct app *app_get(int i)
{
	return i >= 0 && i < app_count() ? &apps[i] : NULL;
}

const struct app *app_find(const char *name)
{
	for (int i = 0; apps[i].name != NULL; i++)
		if (strcmp(apps[i].name, name) == 0)
			return &apps[i];
	return NULL;
}

void app_put(const struct app *a)
{
	(void)a; /* embedded programs stay where they are */
}
