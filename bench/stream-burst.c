/*
 * Burst generator for `tsaudit stream` tests and benchmarks.
 *
 * usage: tsaudit-burst [N [P]]
 * Makes N getppid(2) calls in total (default 1) and exits 0. With P > 1 (default 1) the calls are split over
 * P child processes forked from this one (the same binary, so the same rule matches them) that run in
 * parallel; this process then only waits for them. One process alone cannot produce events as fast as a
 * receiver can take them on a multi-core machine, so the benchmark runs one generator per CPU.
 *
 * getppid is cheap, has no side effects and is rarely audited, so a rule of the form
 *   -a always,exit -F arch=b64 -S getppid -F exe=<path of this binary> -k <key>
 * yields exactly N events, each from a process running this binary (with P = 1: from this process only).
 * The raw syscall is used so that no libc caching can ever skip the kernel entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void burst(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
	long p = argc > 2 ? strtol(argv[2], NULL, 10) : 1;
	if (n < 0 || p < 1 || p > 1024) {
		fprintf(stderr, "tsaudit-burst: bad arguments (usage: tsaudit-burst [N [P]], N >= 0, 1 <= P <= 1024)\n");
		return 2;
	}
	if (p == 1) {
		burst(n);
		return 0;
	}
	int failed = 0;
	long started = 0;
	for (long i = 0; i < p; i++) {
		/* shares differ by at most one call and add up to n */
		long share = n / p + (i < n % p ? 1 : 0);
		pid_t pid = fork();
		if (pid == 0) {
			burst(share);
			_exit(0);
		}
		if (pid < 0) {
			perror("tsaudit-burst: fork");
			failed = 1;
			break;
		}
		started++;
	}
	for (int status; started > 0; started--) {
		if (wait(&status) < 0) {
			perror("tsaudit-burst: wait");
			return 1;
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed = 1;
	}
	return failed;
}
