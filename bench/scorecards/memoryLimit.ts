/*
 * A kernel-enforced memory limit for a benchmark child: a memory cgroup, the
 * mechanism behind a container's memory limit. Inside it the kernel kills the
 * process when it needs more, and Node sizes its JavaScript heap from the
 * limit (`process.constrainedMemory()`), as it does in a container; on a
 * large machine without a limit V8 lets its heap grow far beyond what the
 * work needs before it collects. Creating a cgroup needs root and a writable
 * cgroup file system (v1 or v2); where that is missing the caller is told
 * why and runs without the limit.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = '/sys/fs/cgroup';

/** A memory cgroup made for one child process. */
export interface MemoryCgroup {
  /** The command and arguments that start `command` inside the cgroup. */
  wrap(command: string, args: string[]): [string, string[]];
  /** Removes the cgroup; call after the child has exited. */
  dispose(): void;
}

/** Where a memory cgroup can be made, and its file names. */
interface Hierarchy {
  parent: string;
  limitFiles: string[];
}

function hierarchy(): Hierarchy | string {
  const v2 = path.join(ROOT, 'cgroup.controllers');
  if (fs.existsSync(v2)) {
    if (!fs.readFileSync(v2, 'utf8').split(/\s+/).includes('memory')) {
      return 'the cgroup v2 hierarchy has no memory controller';
    }
    return { parent: ROOT, limitFiles: ['memory.max', 'memory.swap.max'] };
  }
  const v1 = path.join(ROOT, 'memory');
  if (fs.existsSync(path.join(v1, 'memory.limit_in_bytes'))) {
    return {
      parent: v1,
      limitFiles: ['memory.limit_in_bytes', 'memory.memsw.limit_in_bytes'],
    };
  }
  return `no memory cgroup hierarchy under ${ROOT}`;
}

/**
 * Makes a memory cgroup limited to `limitMb` (swap included where the kernel
 * accounts it), or answers why it cannot.
 */
export function createMemoryCgroup(
  limitMb: number,
  name: string,
): MemoryCgroup | { unavailable: string } {
  const found = hierarchy();
  if (typeof found === 'string') return { unavailable: found };
  const dir = path.join(found.parent, name);
  try {
    fs.mkdirSync(dir);
  } catch (error) {
    return { unavailable: `cannot create a cgroup: ${String(error)}` };
  }
  try {
    const bytes = String(limitMb * 2 ** 20);
    const [memory, swap] = found.limitFiles;
    fs.writeFileSync(path.join(dir, memory), bytes);
    // cgroup v1 limits memory plus swap in one file, v2 swap alone; either
    // way no swap beyond the memory limit, as in a container without swap.
    const swapFile = path.join(dir, swap);
    if (fs.existsSync(swapFile)) {
      fs.writeFileSync(swapFile, swap === 'memory.swap.max' ? '0' : bytes);
    }
  } catch (error) {
    fs.rmdirSync(dir);
    return { unavailable: `cannot set the memory limit: ${String(error)}` };
  }
  return {
    wrap(command, args) {
      // The shell moves itself into the cgroup, then becomes the command,
      // so the child is limited from its first allocation.
      return [
        '/bin/sh',
        [
          '-c',
          'echo $$ > "$0" && exec "$@"',
          path.join(dir, 'cgroup.procs'),
          command,
          ...args,
        ],
      ];
    },
    dispose() {
      fs.rmdirSync(dir);
    },
  };
}
