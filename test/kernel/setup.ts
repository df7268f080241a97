// Runs in every kernel test worker. The flag makes tsaudit's real netlink socket refuse to send the two
// settings that could take this machine down (failure=2 panic, enabled=2 immutable): those paths are tested
// against a fake socket only.
process.env.TSAUDIT_KERNEL_TEST = '1';
