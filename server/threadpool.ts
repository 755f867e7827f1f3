/**
 * Imported first by server/main.ts: every room's log flush (a write that returns once on disk) runs on libuv's
 * thread pool. A flush waiting on the disk holds its thread without using the CPU; with the default
 * of 4 threads (or 16), 25 classes' small writes queued behind other rooms' flushes. The pool
 * starts on first use, so setting its size here, before any file work, takes effect.
 */
process.env.UV_THREADPOOL_SIZE ??= "64";
