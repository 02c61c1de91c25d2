#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for the live scale-out test (run as root).
#   Tools/slurm/cluster.sh install   Debian's slurm-wlm and munge
#   Tools/slurm/cluster.sh start     write slurm.conf for this node, start munged, slurmctld and slurmd, wait for idle
#   Tools/slurm/cluster.sh stop      stop the daemons this script started, by their pids
# State lives in $FACET_SLURM_STATE (default /tmp/facet-slurm): the config, the spool folders, the pid files and
# the daemons' logs.
set -euo pipefail
state=${FACET_SLURM_STATE:-/tmp/facet-slurm}

install() {
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
}

start() {
    mkdir -p "$state"/{spool/ctld,spool/d,log,run}
    local host cpus memory
    host=$(hostname -s)
    cpus=$(nproc)
    # slurmd refuses a node whose configured memory exceeds what it finds; leave some headroom.
    memory=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) * 9 / 10 ))
    cat > "$state/slurm.conf" <<CONF
ClusterName=facet
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state/spool/ctld
SlurmdSpoolDir=$state/spool/d
SlurmctldPidFile=$state/run/slurmctld.pid
SlurmdPidFile=$state/run/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
MinJobAge=600
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
    export SLURM_CONF="$state/slurm.conf"
    if [ ! -s /etc/munge/munge.key ]; then
        mkdir -p /etc/munge
        dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
        chmod 400 /etc/munge/munge.key
    fi
    mkdir -p /run/munge /var/log/munge /var/lib/munge
    munged --force --pid-file="$state/run/munged.pid" --socket=/run/munge/munge.socket.2
    slurmctld -f "$SLURM_CONF"
    slurmd -f "$SLURM_CONF"
    for _ in $(seq 60); do
        if sinfo -h -o %T 2>/dev/null | grep -qx idle; then
            echo "slurm: node $host idle ($cpus CPUs, $memory MB); SLURM_CONF=$SLURM_CONF"
            return 0
        fi
        sleep 1
    done
    echo "slurm: the node did not become idle within 60 s; see $state/log" >&2
    sinfo -N -l >&2 || true
    return 1
}

stop() {
    for daemon in slurmd slurmctld munged; do
        local pidfile="$state/run/$daemon.pid"
        [ -s "$pidfile" ] || continue
        local pid
        pid=$(cat "$pidfile")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        rm -f "$pidfile"
    done
}

"${1:?usage: cluster.sh install|start|stop}"
