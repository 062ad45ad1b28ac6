import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Embedded Neo4j Community with Bolt on loopback and APOC core loaded from a plugin folder.
 * Local development and tests only: authentication is disabled.
 *
 * Usage: java -cp 'lib/*' Launcher.java <home dir> <plugin dir> <bolt port> <page cache MiB>
 *        [<transaction timeout ms, 0 = unbounded>]
 */
public class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            System.err.println(
                    "usage: Launcher <home> <plugins> <bolt-port> <pagecache-mib> [<tx-timeout-ms>]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path plugins = Path.of(args[1]).toAbsolutePath();
        int boltPort = Integer.parseInt(args[2]);
        long pageCacheMib = Long.parseLong(args[3]);
        // db.transaction.timeout: the server terminates a longer transaction (0 = unbounded).
        Duration transactionTimeout = Duration.ofMillis(args.length == 5 ? Long.parseLong(args[4]) : 0);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMib))
                .setConfig(GraphDatabaseSettings.transaction_timeout, transactionTimeout)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
        System.out.println("neo4j embedded: bolt://127.0.0.1:" + boltPort + " ready (transaction timeout "
                + transactionTimeout.toMillis() + " ms)");
        Thread.currentThread().join();
    }
}
