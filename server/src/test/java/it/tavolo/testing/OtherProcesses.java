package it.tavolo.testing;

import it.tavolo.App;
import it.tavolo.config.DatabaseUrl;
import java.util.HashMap;
import java.util.Map;

/**
 * More server processes on the shared test server's database, for the tests across processes
 * (ClosuresAcrossProcessesTest, NotificationsAcrossProcessesTest, RevocationAcrossProcessesTest,
 * ThreadsAcrossProcessesTest). Each is an App of this JVM that shares nothing with the others but
 * the database, exactly as a process does; each is given DATABASE_URL as in a deployment of
 * several, so each LISTENs and NOTIFYs (TAVOLO_CLUSTER's default for an external database), and
 * TAVOLO_DEMO=false (the shared server already seeded the demo). Stateless: callers keep the Apps
 * they start and stop them.
 */
public final class OtherProcesses {
  private OtherProcesses() {}

  /** The shared test server's database as a DATABASE_URL. */
  public static String databaseUrl() {
    DatabaseUrl db = TestServer.app().databaseUrl();
    return "postgresql://" + db.user() + (db.password() == null ? "" : ":" + db.password())
        + "@" + db.host() + ":" + db.port() + "/" + db.database();
  }

  /** A new process on the shared database. */
  public static App start() {
    return start(Map.of());
  }

  /** A new process on the shared database, with these settings too. */
  public static App start(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(settings);
    env.put("DATABASE_URL", databaseUrl());
    env.putIfAbsent("TAVOLO_DEMO", "false");
    return TestServer.startApp(TestServer.config(env));
  }

  /** Stops those started (nulls are those whose start failed). */
  public static void stop(App... apps) {
    for (App a : apps) {
      if (a != null) {
        a.stop();
      }
    }
  }
}
