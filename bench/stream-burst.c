/*
 * Burst generator for `tsaudit stream` tests and benchmarks.
 *
 * Calls getppid(2) N times (argv[1], default 1) and exits. getppid is cheap, has no side effects and is
 * rarely audited, so a rule of the form
 *   -a always,exit -F arch=b64 -S getppid -F exe=<path of this binary> -k <key>
 * yields exactly N events, each from this process only.
 * The raw syscall is used so that no libc caching can ever skip the kernel entry.
 */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	return 0;
}
