"""bench/cgroup_limit.py: the cgroup files for 40 % of one core and 3 GB, under cgroup v2 and v1, in the right place."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_cgroup_limit():
    spec = importlib.util.spec_from_file_location("cgroup_limit", ROOT / "bench" / "cgroup_limit.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["cgroup_limit"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


cgroup_limit = _load_cgroup_limit()
LIMITS = cgroup_limit.Limits(
    cpu_shares=8192, disk_device="254:0", read_bps=80 * 2**20, write_bps=40 * 2**20, write_iops=100
)


def _v1_mounts(root: Path, *own: str) -> str:
    """/proc/mounts of a cgroup v1 machine whose hierarchies are folders of `root` (with this process's groups)."""
    for folder in ("cpu", "memory", "blkio", *own):
        (root / folder).mkdir(parents=True, exist_ok=True)
    lines = [f"cgroup {root / c} cgroup rw,relatime,{c} 0 0" for c in ("cpu", "cpuacct", "memory", "blkio", "pids")]
    return "\n".join([f"tmpfs {root} tmpfs rw 0 0", *lines, f"cgroup2 {root / 'unified'} cgroup2 rw,relatime 0 0"])


def test_v2_writes_cpu_max_memory_max_and_io_max_under_its_own_group(tmp_path):
    own = tmp_path / "user.slice" / "bench"
    own.mkdir(parents=True)
    (own / "cgroup.controllers").write_text("cpuset cpu io memory pids\n")
    mounts = f"cgroup2 {tmp_path} cgroup2 rw,nosuid 0 0\n"

    plan = cgroup_limit.plan("old-laptop", LIMITS, mounts, "0::/user.slice/bench\n")
    cgroup_limit.Cgroup(plan).apply()

    group = own / "old-laptop"
    assert plan.version == 2 and plan.procs == [group / "cgroup.procs"]
    assert (group / "cpu.max").read_text() == "40000 100000\n"
    assert (group / "memory.max").read_text() == f"{3 * 2**30}\n"
    assert (group / "cpu.weight").read_text() == "800\n"
    assert (group / "io.max").read_text() == f"254:0 rbps={80 * 2**20} wbps={40 * 2**20} wiops=100\n"


def test_v1_when_the_unified_hierarchy_lacks_cpu_and_memory(tmp_path):
    (tmp_path / "unified").mkdir()
    (tmp_path / "unified" / "cgroup.controllers").write_text("hugetlb\n")
    own = "4:memory:/process_api/abc\n1:cpu:/\n7:blkio:/\n0::/\n"

    plan = cgroup_limit.plan("old-laptop", cgroup_limit.Limits(), _v1_mounts(tmp_path, "memory/process_api/abc"), own)
    cgroup_limit.Cgroup(plan).apply()

    cpu, memory = tmp_path / "cpu" / "old-laptop", tmp_path / "memory" / "process_api" / "abc" / "old-laptop"
    assert plan.version == 1
    assert (cpu / "cpu.cfs_quota_us").read_text() == "40000\n"
    assert (cpu / "cpu.cfs_period_us").read_text() == "100000\n"
    assert (memory / "memory.limit_in_bytes").read_text() == f"{3 * 2**30}\n"
    assert plan.procs == [cpu / "cgroup.procs", memory / "cgroup.procs"]
    assert not (tmp_path / "blkio" / "old-laptop").exists()  # no disk limit asked
    assert not (cpu / "cpu.shares").exists()  # nor a priority


def test_v1_disk_throttle_per_device_and_the_shell_prefix_moves_into_every_hierarchy(tmp_path):
    plan = cgroup_limit.plan("old-laptop", LIMITS, _v1_mounts(tmp_path), "1:cpu:/\n4:memory:/\n7:blkio:/\n")
    cgroup_limit.Cgroup(plan).apply()

    blkio = tmp_path / "blkio" / "old-laptop"
    assert (tmp_path / "cpu" / "old-laptop" / "cpu.shares").read_text() == "8192\n"
    assert (blkio / "blkio.throttle.write_bps_device").read_text() == f"254:0 {40 * 2**20}\n"
    assert (blkio / "blkio.throttle.write_iops_device").read_text() == "254:0 100\n"
    assert not (blkio / "blkio.throttle.read_iops_device").exists()  # 0: not limited
    prefix = cgroup_limit.Cgroup(plan).shell_prefix()
    assert prefix[:2] == ["sh", "-c"] and all(str(procs) in prefix[2] for procs in plan.procs)
    assert len(plan.procs) == 3


def test_no_cpu_or_memory_controller_is_refused_not_ignored(tmp_path):
    mounts = f"cgroup {tmp_path / 'pids'} cgroup rw,pids 0 0\n"
    with pytest.raises(cgroup_limit.CgroupUnavailable):
        cgroup_limit.plan("old-laptop", LIMITS, mounts, "1:pids:/\n")
