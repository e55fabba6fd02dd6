package io.rivulet.runtime.state.rocksdb;

/**
 * Keeps native RocksDB handles alive while a checkpoint I/O thread still uses them: a snapshot takes a
 * lease in its synchronous part and returns it when released; {@link #closeAndWait} (task thread, on close)
 * refuses new leases and waits for the outstanding ones, so the database is never closed under a running
 * snapshot write.
 */
final class ResourceGuard {
  private int leases;
  private boolean closed;

  /** A lease; closing it twice is harmless. */
  final class Lease implements AutoCloseable {
    private boolean returned;

    @Override
    public void close() {
      synchronized (ResourceGuard.this) {
        if (!returned) {
          returned = true;
          leases--;
          ResourceGuard.this.notifyAll();
        }
      }
    }
  }

  synchronized Lease acquire() {
    if (closed) {
      throw new IllegalStateException("the RocksDB state backend is closed");
    }
    leases++;
    return new Lease();
  }

  synchronized void closeAndWait() {
    closed = true;
    boolean interrupted = false;
    while (leases > 0) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true; // native handles must not be freed under a running write: keep waiting
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
