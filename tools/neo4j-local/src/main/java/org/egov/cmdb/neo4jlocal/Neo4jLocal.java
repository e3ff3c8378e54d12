package org.egov.cmdb.neo4jlocal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community in this JVM with Bolt on a loopback port over a data directory, for machines
 * with neither a Docker engine nor a Neo4j package. It prints one line starting with
 * {@code NEO4J_LOCAL_READY} when Bolt accepts connections and shuts down cleanly on SIGTERM.
 */
public final class Neo4jLocal {
  private static final String USAGE =
      "usage: neo4j-local --data DIR [--port 7687] [--host 127.0.0.1] [--pagecache 128m]"
          + " [--tx-timeout-seconds 60]";

  private Neo4jLocal() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("neo4j-local: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(64);
      return;
    }
    Path home = options.data.toAbsolutePath();
    Files.createDirectories(home);

    // Neo4j's own store lock would also refuse a second instance, but only deep inside its start-up
    // and with a stack trace: this lock answers first, and plainly.
    FileChannel lockChannel = new RandomAccessFile(home.resolve("neo4j-local.lock").toFile(), "rw").getChannel();
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      System.err.println("neo4j-local: another instance is already running on data directory " + home);
      System.exit(75);
      return;
    }

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress(options.host, options.port))
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes)
            .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(options.txTimeoutSeconds))
            // Committed transactions are already durable; do not wait 10 s for idle Bolt sessions.
            .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2))
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("neo4j-local: shutting down");
                  dbms.shutdown();
                  System.out.println("neo4j-local: stopped, data kept in " + home);
                  stopped.countDown();
                },
                "neo4j-local-shutdown"));

    if (!dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(TimeUnit.MINUTES.toMillis(5))) {
      System.err.println("neo4j-local: the database did not become available within 5 minutes");
      System.exit(70);
    }
    waitForBolt(options.host, options.port);
    System.out.println(
        "NEO4J_LOCAL_READY bolt://" + options.host + ":" + options.port + " data=" + home);
    System.out.flush();
    stopped.await();
    lock.release();
  }

  private static void waitForBolt(String host, int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1000);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    System.err.println("neo4j-local: Bolt did not accept connections on " + host + ":" + port);
    System.exit(70);
  }

  /** The command line, validated. */
  private static final class Options {
    Path data;
    String host = "127.0.0.1";
    int port = 7687;
    long pageCacheBytes = ByteUnit.mebiBytes(128);
    long txTimeoutSeconds = 60;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value for " + name);
        }
        String value = args[++i];
        switch (name) {
          case "--data" -> o.data = Path.of(value);
          case "--host" -> o.host = value;
          case "--port" -> o.port = parsePort(value);
          case "--pagecache" -> o.pageCacheBytes = parseBytes(value);
          case "--tx-timeout-seconds" -> o.txTimeoutSeconds = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (o.data == null) {
        throw new IllegalArgumentException("--data is required");
      }
      return o;
    }

    private static int parsePort(String value) {
      int port = Integer.parseInt(value);
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("--port must be 1..65535");
      }
      return port;
    }

    private static long parseBytes(String value) {
      String v = value.trim().toLowerCase();
      long unit = 1;
      if (v.endsWith("g")) {
        unit = ByteUnit.gibiBytes(1);
      } else if (v.endsWith("m")) {
        unit = ByteUnit.mebiBytes(1);
      } else if (v.endsWith("k")) {
        unit = ByteUnit.kibiBytes(1);
      }
      String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
      try {
        return Long.parseLong(digits) * unit;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad size " + value + " (use e.g. 128m or 2g)");
      }
    }
  }
}
