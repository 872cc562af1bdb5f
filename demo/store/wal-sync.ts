import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Makes SQLite's commits durable without blocking the event loop. With `synchronous = NORMAL`
 * in WAL mode, a COMMIT hands its frames to the -wal file with write() and returns without
 * an fsync (SQLite still syncs around checkpoints and when the WAL is reused); an
 * fdatasync of that file, run on libuv's thread pool, then puts every frame written before
 * it on disk, and recovery replays them after a power loss. So a commit is as durable as
 * with `synchronous = FULL` once `durable()`, asked after it returned, has resolved.
 *
 * One fdatasync runs at a time: the commits that return while one runs share the next.
 * After a failed fdatasync the kernel may have dropped the pages it could not write, and a
 * later one would succeed without them, so every later call fails too: restart the server.
 */
export class WalSync {
  private fd: number | null = null
  /** The fdatasync running now, or null. */
  private running: Promise<void> | null = null
  /** The fdatasync that starts when the running one ends: it covers the commits since it started. */
  private queued: Promise<void> | null = null
  private failed: Error | null = null

  constructor(
    private readonly walFile: string,
    /** fs.fdatasync; a test passes one it controls. */
    private readonly sync: (fd: number, done: (error: Error | null) => void) => void = fdatasync,
  ) {}

  /** Resolves once every commit that returned before this call is on disk. */
  durable(): Promise<void> {
    if (this.queued) return this.queued
    if (!this.running) return this.start()
    this.queued = this.running.catch(() => {}).then(() => this.start())
    return this.queued
  }

  /** Resolves once the commits that returned before this call are on disk, without asking for another fdatasync. */
  settled(): Promise<void> {
    return this.queued ?? this.running ?? (this.failed ? Promise.reject(this.failed) : Promise.resolve())
  }

  /** Waits for the fdatasync in flight, then lets go of the file. */
  async close(): Promise<void> {
    await this.settled().catch(() => {})
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
  }

  private start(): Promise<void> {
    this.queued = null
    const run = this.flush().finally(() => {
      if (this.running === run) this.running = null
    })
    this.running = run
    return run
  }

  private flush(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed)
    try {
      this.fd ??= this.open()
    } catch (error) {
      return Promise.reject(this.fail(error as Error))
    }
    const fd = this.fd
    return new Promise((resolve, reject) => this.sync(fd, (error) => (error ? reject(this.fail(error)) : resolve())))
  }

  // Opened after the first commit, which creates the file; its folder is synced once, so the
  // file's own name survives a power loss too.
  private open(): number {
    const fd = openSync(this.walFile, 'r')
    const folder = openSync(dirname(this.walFile), 'r')
    try {
      fsyncSync(folder)
    } finally {
      closeSync(folder)
    }
    return fd
  }

  private fail(error: Error): Error {
    this.failed ??= new Error(`cannot make the database durable (fdatasync of the WAL failed): ${error.message}`)
    return this.failed
  }
}
