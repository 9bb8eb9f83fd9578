/* bench_nop - the tiny program bench execs: exits at once. */
int main(void)
{
	return 0;
}
