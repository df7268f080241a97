/*
 * The "floor" receiver of the stream benchmark: the least work a unicast audit receiver can do.
 *
 * usage: tsaudit-floor N KEY [IDLE_MS]
 * Registers itself as the audit daemon (AUDIT_SET pid), enlarges its socket receive buffer with
 * SO_RCVBUFFORCE, and reads the kernel's messages with recvmmsg(2) in batches. It counts the events of the
 * burst (an event is ours when its SYSCALL record carries key="KEY"; it is complete when its EOE record
 * arrives), writes nothing per event, and stops when N events are complete, when none of our records arrived for
 * IDLE_MS (default 2000) after one of ours, or on SIGINT/SIGTERM. It then clears the audit pid
 * and prints one line of results:
 *   floor events=E syscall_records=S messages=M enobufs=B gaps=G first_ms=T0 last_ms=T1 cpu_ticks=C clk_tck=H
 * events: complete events of ours; gaps: serials never seen (in any record) between our lowest serial and
 * the highest serial seen (so that a loss at the end of the burst shows once any later record arrived); *_ms: wall clock (ms since the epoch) of our first and last complete event; cpu_ticks: utime +
 * stime of this process from /proc/self/stat (children excluded), in clock ticks.
 * With N = 0 it registers and unregisters at once (this also makes the kernel notice a dead holder of
 * the audit pid and release it).
 * "ready" is printed on stdout (and flushed) once the kernel accepted the pid.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MSG_MAX 9000 /* MAX_AUDIT_MESSAGE_LENGTH (8970) plus the netlink header */

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int64_t wall_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int64_t mono_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Sends AUDIT_SET with the pid (0 = unregister) and waits for the kernel's ACK; returns 0 or an errno. */
static int set_pid(int fd, uint32_t pid)
{
	struct {
		struct nlmsghdr h;
		struct audit_status s;
	} req;
	memset(&req, 0, sizeof req);
	req.h.nlmsg_len = sizeof req;
	req.h.nlmsg_type = AUDIT_SET;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.h.nlmsg_seq = pid ? 1 : 2;
	req.s.mask = AUDIT_STATUS_PID;
	req.s.pid = pid;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	if (sendto(fd, &req, sizeof req, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0)
		return errno;
	static char buf[MSG_MAX];
	for (int tries = 0; tries < 100000; tries++) {
		ssize_t n = recv(fd, buf, sizeof buf, 0);
		if (n < 0) {
			if (errno == EINTR || errno == ENOBUFS)
				continue;
			return errno;
		}
		struct nlmsghdr *h = (struct nlmsghdr *)buf;
		if (n >= (ssize_t)sizeof *h && h->nlmsg_type == NLMSG_ERROR && h->nlmsg_seq == req.h.nlmsg_seq) {
			struct nlmsgerr *e = NLMSG_DATA(h);
			return -e->error;
		}
		/* anything else (events queued for us already) is skipped while waiting for the ACK */
	}
	return ETIMEDOUT;
}

/* "audit(1700000000.123:4567): ..." -> 4567, or 0 when the text has no stamp */
static uint64_t serial_of(const char *text, size_t len)
{
	const char *p = memchr(text, ':', len < 40 ? len : 40);
	if (!p || len < 8 || memcmp(text, "audit(", 6) != 0)
		return 0;
	return strtoull(p + 1, NULL, 10);
}

static long cpu_ticks(void)
{
	FILE *f = fopen("/proc/self/stat", "r");
	if (!f)
		return -1;
	char buf[1024];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	/* fields after "(comm) ": state is field 3, utime field 14, stime field 15 */
	char *p = strrchr(buf, ')');
	if (!p)
		return -1;
	unsigned long utime = 0, stime = 0;
	if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2)
		return -1;
	return (long)(utime + stime);
}

/* Serials are tracked in a bitmap over a window that starts a little before the first serial seen. */
static uint8_t *seen, *ours;
static uint64_t base, span;

static int in_window(uint64_t s)
{
	return s >= base && s - base < span;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: tsaudit-floor N KEY [IDLE_MS]\n");
		return 2;
	}
	long want = strtol(argv[1], NULL, 10);
	char needle[300];
	snprintf(needle, sizeof needle, " key=\"%s\"", argv[2]);
	size_t needle_len = strlen(needle);
	long idle_ms = argc > 3 ? strtol(argv[3], NULL, 10) : 2000;

	struct sigaction sa = { .sa_handler = on_signal };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (fd < 0) {
		perror("tsaudit-floor: socket");
		return 1;
	}
	int rcvbuf = 64 << 20;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) < 0)
		perror("tsaudit-floor: SO_RCVBUFFORCE (continuing with the default buffer)");
	struct timeval tick = { .tv_sec = 0, .tv_usec = 100000 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof tick); /* to notice signals and idleness */

	int err = set_pid(fd, (uint32_t)getpid());
	if (err) {
		fprintf(stderr, "tsaudit-floor: setting the audit pid failed: %s\n", strerror(err));
		return 1;
	}
	printf("ready\n");
	fflush(stdout);

	span = (uint64_t)(want > 0 ? want : 0) * 4 + (1u << 22);
	seen = calloc(span / 8 + 1, 1);
	ours = calloc(span / 8 + 1, 1);
	if (!seen || !ours) {
		fprintf(stderr, "tsaudit-floor: out of memory\n");
		set_pid(fd, 0);
		return 1;
	}

	static char bufs[BATCH][MSG_MAX];
	struct mmsghdr mm[BATCH];
	struct iovec iov[BATCH];
	long events = 0, syscalls = 0, messages = 0, enobufs = 0;
	uint64_t lo = UINT64_MAX, hi = 0, hi_all = 0;
	int64_t first_ms = 0, last_ms = 0, last_ours = 0;
	int have_base = 0;

	while (!stop && events < want) {
		for (int i = 0; i < BATCH; i++) {
			iov[i].iov_base = bufs[i];
			iov[i].iov_len = MSG_MAX;
			memset(&mm[i].msg_hdr, 0, sizeof mm[i].msg_hdr);
			mm[i].msg_hdr.msg_iov = &iov[i];
			mm[i].msg_hdr.msg_iovlen = 1;
		}
		int n = recvmmsg(fd, mm, BATCH, MSG_WAITFORONE, NULL);
		if (n < 0) {
			if (errno == ENOBUFS)
				enobufs++;
			else if (errno != EAGAIN && errno != EINTR) {
				perror("tsaudit-floor: recvmmsg");
				break;
			}
			n = 0;
		}
		for (int i = 0; i < n; i++) {
			struct nlmsghdr *h = (struct nlmsghdr *)bufs[i];
			size_t len = mm[i].msg_len;
			if (len < NLMSG_HDRLEN)
				continue;
			messages++;
			/* one record per datagram; the kernel's nlmsg_len for audit records leaves out the header
			 * (a long-standing quirk), so the datagram length is what bounds the text */
			const char *text = NLMSG_DATA(h);
			size_t tlen = len - NLMSG_HDRLEN;
			uint64_t s = serial_of(text, tlen);
			if (!s)
				continue;
			if (!have_base) {
				base = s > 4096 ? s - 4096 : 0;
				have_base = 1;
			}
			if (in_window(s)) {
				seen[(s - base) / 8] |= 1 << ((s - base) % 8);
				if (s > hi_all)
					hi_all = s;
			}
			if (h->nlmsg_type == AUDIT_SYSCALL && memmem(text, tlen, needle, needle_len)) {
				syscalls++;
				last_ours = mono_ms();
				if (in_window(s))
					ours[(s - base) / 8] |= 1 << ((s - base) % 8);
				if (s < lo)
					lo = s;
				if (s > hi)
					hi = s;
			} else if (h->nlmsg_type == AUDIT_EOE && in_window(s) && (ours[(s - base) / 8] & (1 << ((s - base) % 8)))) {
				events++;
				last_ms = wall_ms();
				last_ours = mono_ms();
				if (!first_ms)
					first_ms = last_ms;
			}
		}
		if (last_ours && mono_ms() - last_ours >= idle_ms)
			break; /* the burst is over (or the rest of it was lost) */
	}

	err = set_pid(fd, 0);
	if (err)
		fprintf(stderr, "tsaudit-floor: clearing the audit pid failed: %s\n", strerror(err));
	long gaps = 0;
	if (syscalls > 0)
		for (uint64_t s = lo; s <= (hi_all > hi ? hi_all : hi); s++)
			if (!in_window(s) || !(seen[(s - base) / 8] & (1 << ((s - base) % 8))))
				gaps++;
	printf("floor events=%ld syscall_records=%ld messages=%ld enobufs=%ld gaps=%ld first_ms=%lld last_ms=%lld cpu_ticks=%ld clk_tck=%ld\n",
	       events, syscalls, messages, enobufs, gaps, (long long)first_ms, (long long)last_ms, cpu_ticks(),
	       sysconf(_SC_CLK_TCK));
	return err ? 1 : 0;
}
