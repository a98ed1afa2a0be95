"""A child cgroup with a CPU quota, a memory limit and (where it can) a disk throttle, for bench/old_laptop.py.

cgroup v2 (`cpu.max`, `memory.max`, `io.max`) where the unified hierarchy has the cpu and memory controllers,
cgroup v1 otherwise (`cpu.cfs_quota_us` / `cpu.cfs_period_us`, `memory.limit_in_bytes`, `blkio.throttle.*`). The
group is made under the cgroup this process is already in, so any limit set on it still holds. A process enters it
with `enter()` (e.g. as `preexec_fn`, between fork and exec), or `shell_prefix()` for a command spawned by another
tool; `remove()` deletes it once its processes have ended.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path


class CgroupUnavailable(RuntimeError):
    """The limits cannot be set here (not root, no cpu or memory controller): the caller says so and stops."""


@dataclass(frozen=True)
class Limits:
    cpu_quota_us: int = 40_000  # 40 % of one core
    cpu_period_us: int = 100_000
    memory_bytes: int = 3 * 2**30
    # cgroup v1 cpu.shares (default 1024; v2 cpu.weight = shares × 100 / 1024): above the default, the group gets its
    # quota even while other work loads the machine; the quota still caps it. 0: left as it is.
    cpu_shares: int = 0
    disk_device: str | None = None  # "major:minor" of the disk the data is on; None: no disk throttle
    read_bps: int = 0
    write_bps: int = 0
    read_iops: int = 0
    write_iops: int = 0

    def describe(self) -> str:
        cpu = f"CPU {self.cpu_quota_us / self.cpu_period_us:.0%} of one core"
        text = f"{cpu} ({self.cpu_quota_us} µs every {self.cpu_period_us} µs), memory {self.memory_bytes / 2**30:g} GiB"
        if self.cpu_shares:
            text += f", cpu.shares {self.cpu_shares}"
        if self.disk_device:
            text += (
                f", disk {self.disk_device}: read {self.read_bps / 2**20:g} MiB/s {self.read_iops} IOPS, "
                f"write {self.write_bps / 2**20:g} MiB/s {self.write_iops} IOPS"
            )
        return text


@dataclass
class Plan:
    """What to create: each directory with the files to write in it (in order), and where a pid is written."""

    version: int
    directories: dict[Path, dict[str, str]] = field(default_factory=dict)
    procs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _mounts(mounts_text: str) -> tuple[Path | None, dict[str, Path]]:
    """The cgroup2 mount, and each v1 controller's mount."""
    unified, v1 = None, {}
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 4:
            continue
        where, kind, options = Path(parts[1]), parts[2], parts[3].split(",")
        if kind == "cgroup2":
            unified = where
        elif kind == "cgroup":
            for option in options:
                v1.setdefault(option, where)
    return unified, v1


def _own(self_cgroup_text: str) -> tuple[str, dict[str, str]]:
    """This process's v2 path, and its v1 path per controller (from /proc/self/cgroup)."""
    unified, v1 = "/", {}
    for line in self_cgroup_text.splitlines():
        number, _, rest = line.partition(":")
        controllers, _, path = rest.partition(":")
        if number == "0" and controllers == "":
            unified = path or "/"
        for controller in controllers.split(","):
            v1[controller] = path
    return unified, v1


def _io_lines(limits: Limits) -> dict[str, str]:
    values = {"rbps": limits.read_bps, "wbps": limits.write_bps, "riops": limits.read_iops, "wiops": limits.write_iops}
    return {key: str(value) for key, value in values.items() if value}


def plan(name: str, limits: Limits, mounts_text: str, self_cgroup_text: str) -> Plan:
    """The directories and files of a child cgroup `name` with `limits`, from /proc/mounts and /proc/self/cgroup."""
    unified, v1 = _mounts(mounts_text)
    own_unified, own_v1 = _own(self_cgroup_text)
    if unified is not None:
        available = unified / own_unified.lstrip("/") / "cgroup.controllers"
        controllers = set(available.read_text().split()) if available.exists() else set()
        if {"cpu", "memory"} <= controllers:
            directory = unified / own_unified.lstrip("/") / name
            files = {"cpu.max": f"{limits.cpu_quota_us} {limits.cpu_period_us}", "memory.max": str(limits.memory_bytes)}
            if limits.cpu_shares:
                files["cpu.weight"] = str(max(1, min(10_000, limits.cpu_shares * 100 // 1024)))
            result = Plan(2, {directory: files}, [directory / "cgroup.procs"])
            io = _io_lines(limits)
            if limits.disk_device and io and "io" in controllers:
                files["io.max"] = f"{limits.disk_device} " + " ".join(f"{k}={v}" for k, v in io.items())
            elif limits.disk_device:
                result.notes.append("disk not throttled: no io controller in the cgroup v2 hierarchy")
            return result
    if "cpu" not in v1 or "memory" not in v1:
        raise CgroupUnavailable("no cgroup v2 with cpu and memory controllers, and no cgroup v1 cpu and memory mounts")
    result = Plan(1)
    wanted = {
        "cpu": {"cpu.cfs_period_us": str(limits.cpu_period_us), "cpu.cfs_quota_us": str(limits.cpu_quota_us)},
        "memory": {"memory.limit_in_bytes": str(limits.memory_bytes)},
    }
    if limits.cpu_shares:
        wanted["cpu"]["cpu.shares"] = str(limits.cpu_shares)
    if limits.disk_device and "blkio" in v1:
        names = {"rbps": "read_bps_device", "wbps": "write_bps_device", "riops": "read_iops_device",
                 "wiops": "write_iops_device"}  # fmt: skip
        wanted["blkio"] = {
            f"blkio.throttle.{names[k]}": f"{limits.disk_device} {v}" for k, v in _io_lines(limits).items()
        }
        result.notes.append(
            "disk: cgroup v1 blkio throttles reads and the writes a process submits itself (fsync, direct I/O); "
            "buffered writes flushed later by the kernel are not counted"
        )
    elif limits.disk_device:
        result.notes.append("disk not throttled: no blkio controller mounted")
    for controller, files in wanted.items():
        directory = v1[controller] / own_v1.get(controller, "/").lstrip("/") / name
        result.directories.setdefault(directory, {}).update(files)
        if directory / "cgroup.procs" not in result.procs:
            result.procs.append(directory / "cgroup.procs")
    return result


class Cgroup:
    """The child cgroup made from a plan: enter it, remove it."""

    def __init__(self, made: Plan) -> None:
        self.plan = made
        self.version = made.version
        self.notes = made.notes

    @classmethod
    def create(cls, name: str, limits: Limits) -> Cgroup:
        """Make the group now (CgroupUnavailable when it cannot be: not root, no controllers, a refused value)."""
        if os.geteuid() != 0:
            raise CgroupUnavailable(f"not root (uid {os.geteuid()}): cannot create cgroups")
        made = plan(name, limits, Path("/proc/mounts").read_text(), Path("/proc/self/cgroup").read_text())
        group = cls(made)
        try:
            group.apply()
        except OSError as error:
            group.remove()
            raise CgroupUnavailable(f"cannot set up the cgroup: {error}") from error
        return group

    def apply(self) -> None:
        for directory, files in self.plan.directories.items():
            directory.mkdir()
            for file_name, value in files.items():
                (directory / file_name).write_text(value + "\n")

    def enter(self) -> None:
        """Move the calling process into the group (its children follow)."""
        for procs in self.plan.procs:
            procs.write_text(f"{os.getpid()}\n")

    def shell_prefix(self) -> list[str]:
        """`sh -c` that moves itself into the group and then runs the command after it (exec, same pid)."""
        moves = " && ".join(f"echo $$ > '{procs}'" for procs in self.plan.procs)
        return ["sh", "-c", f'{moves} && exec "$@"', "sh"]

    def remove(self) -> None:
        """Delete the group's directories (a group empties once its processes have ended; retried for a moment)."""
        for directory in reversed(list(self.plan.directories)):
            for _ in range(50):
                try:
                    directory.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.1)
