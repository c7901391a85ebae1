//! System administration and process-introspection calls. Those with a host meaning that does
//! not depend on the guest's architecture pass through (mount, namespaces, keys, landlock,
//! quotas, ...); those tied to x86 hardware or to inspecting/filtering the process's own
//! machine-level behaviour are refused with the reason.

use super::host::{nr, unified};
use super::table::Table;
use libc::{
    SYS_acct, SYS_add_key, SYS_bpf, SYS_chroot, SYS_delete_module, SYS_kcmp, SYS_keyctl,
    SYS_lookup_dcookie, SYS_mount, SYS_pivot_root, SYS_process_vm_readv, SYS_process_vm_writev,
    SYS_quotactl, SYS_reboot, SYS_request_key, SYS_setdomainname, SYS_sethostname, SYS_setns,
    SYS_swapoff, SYS_swapon, SYS_umount2, SYS_unshare, SYS_vhangup,
};

const REMOVED: &str = "removed from Linux long ago (ENOSYS on x86_64 kernels too)";
const NEVER: &str = "reserved slot, never implemented by Linux (ENOSYS on x86_64 kernels too)";

pub fn register(t: &mut Table) {
    t.unsupported(101, "ptrace", "a guest tracer would see the translator's aarch64 registers and code, not x86_64 guest state");
    t.unsupported(134, "uselib", "loads an a.out library into the host kernel's view of the process; removed from modern kernels");
    t.unsupported(
        136,
        "ustat",
        "deprecated and absent on aarch64; statfs gives the same information",
    );
    t.unsupported(
        139,
        "sysfs",
        "obsolete and absent on aarch64; /proc/filesystems gives the same information",
    );
    t.passthrough(153, "vhangup", SYS_vhangup);
    t.unsupported(154, "modify_ldt", "x86 segment descriptor tables do not exist on aarch64 and the translator models only flat segments with fs/gs bases");
    t.passthrough(155, "pivot_root", SYS_pivot_root);
    t.unsupported(156, "_sysctl", REMOVED);
    t.passthrough(161, "chroot", SYS_chroot);
    t.passthrough(163, "acct", SYS_acct);
    t.passthrough(165, "mount", SYS_mount);
    t.passthrough(166, "umount2", SYS_umount2);
    t.passthrough(167, "swapon", SYS_swapon);
    t.passthrough(168, "swapoff", SYS_swapoff);
    t.passthrough(169, "reboot", SYS_reboot);
    t.passthrough(170, "sethostname", SYS_sethostname);
    t.passthrough(171, "setdomainname", SYS_setdomainname);
    t.unsupported(
        172,
        "iopl",
        "x86 I/O privilege levels do not exist on aarch64",
    );
    t.unsupported(
        173,
        "ioperm",
        "x86 I/O port permissions do not exist on aarch64",
    );
    t.unsupported(174, "create_module", REMOVED);
    t.unsupported(
        175,
        "init_module",
        "a kernel module built for x86_64 cannot load into the aarch64 host kernel",
    );
    t.passthrough(176, "delete_module", SYS_delete_module);
    t.unsupported(177, "get_kernel_syms", REMOVED);
    t.unsupported(178, "query_module", REMOVED);
    t.passthrough(179, "quotactl", SYS_quotactl);
    t.unsupported(180, "nfsservctl", REMOVED);
    t.unsupported(181, "getpmsg", NEVER);
    t.unsupported(182, "putpmsg", NEVER);
    t.unsupported(183, "afs_syscall", NEVER);
    t.unsupported(184, "tuxcall", NEVER);
    t.unsupported(185, "security", NEVER);
    t.unsupported(205, "set_thread_area", "32-bit x86 TLS descriptors; 64-bit guests use arch_prctl(ARCH_SET_FS), which is translated");
    t.unsupported(211, "get_thread_area", "32-bit x86 TLS descriptors; 64-bit guests use arch_prctl(ARCH_GET_FS), which is translated");
    t.passthrough(212, "lookup_dcookie", SYS_lookup_dcookie);
    t.unsupported(236, "vserver", NEVER);
    t.unsupported(
        246,
        "kexec_load",
        "an x86_64 kernel image cannot be booted by the aarch64 host",
    );
    t.passthrough(248, "add_key", SYS_add_key);
    t.passthrough(249, "request_key", SYS_request_key);
    t.passthrough(250, "keyctl", SYS_keyctl);
    t.passthrough(272, "unshare", SYS_unshare);
    t.unsupported(298, "perf_event_open", "hardware events and samples would describe the translator's aarch64 code, not the guest's x86_64 instructions");
    t.passthrough(308, "setns", SYS_setns);
    t.passthrough(310, "process_vm_readv", SYS_process_vm_readv);
    t.passthrough(311, "process_vm_writev", SYS_process_vm_writev);
    t.passthrough(312, "kcmp", SYS_kcmp);
    t.unsupported(
        313,
        "finit_module",
        "a kernel module built for x86_64 cannot load into the aarch64 host kernel",
    );
    t.unsupported(317, "seccomp", "a guest filter checks x86_64 syscall numbers and AUDIT_ARCH_X86_64 but would be applied to the translator's aarch64 host syscalls");
    t.unsupported(
        320,
        "kexec_file_load",
        "an x86_64 kernel image cannot be booted by the aarch64 host",
    );
    t.passthrough(321, "bpf", SYS_bpf);
    t.passthrough(428, "open_tree", unified(428));
    t.passthrough(429, "move_mount", unified(429));
    t.passthrough(430, "fsopen", unified(430));
    t.passthrough(431, "fsconfig", unified(431));
    t.passthrough(432, "fsmount", unified(432));
    t.passthrough(433, "fspick", unified(433));
    t.passthrough(442, "mount_setattr", unified(442));
    t.passthrough(443, "quotactl_fd", unified(443));
    t.passthrough(444, "landlock_create_ruleset", unified(444));
    t.passthrough(445, "landlock_add_rule", unified(445));
    t.passthrough(446, "landlock_restrict_self", unified(446));
    t.unsupported(453, "map_shadow_stack", "x86 CET shadow stacks are not modelled by the translator (the CPUID it reports has no CET), so glibc never asks for one");
    t.passthrough(457, "statmount", nr::STATMOUNT);
    t.passthrough(458, "listmount", nr::LISTMOUNT);
    t.passthrough(459, "lsm_get_self_attr", nr::LSM_GET_SELF_ATTR);
    t.passthrough(460, "lsm_set_self_attr", nr::LSM_SET_SELF_ATTR);
    t.passthrough(461, "lsm_list_modules", nr::LSM_LIST_MODULES);
}
