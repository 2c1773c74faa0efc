// Measures how long ConfigLoader takes for a large generated configuration, and how fast RangeIndex answers
// address -> range and IpRange iterates. Not part of the test run. Sends nothing anywhere.
//
//   ./mvnw -q -B -ntp -pl controller-daemon -am package -DskipTests
//   $(scripts/find-java) -cp "controller-daemon/target/lib/*" scripts/bench/ConfigLoadBench.java [RANGES]
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.phonecontroller.config.ConfigLoadResult;
import org.phonecontroller.config.ConfigLoader;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.ranges.IpAddresses;
import org.phonecontroller.ranges.IpRange;
import org.phonecontroller.ranges.RangeIndex;

public class ConfigLoadBench {
    public static void main(String[] args) throws Exception {
        int ranges = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path folder = Files.createTempDirectory("config-bench");
        StringBuilder yaml = new StringBuilder("phoneManagers:\n  a: { address: 10.0.0.1 }\n  b: { address: 10.0.0.2 }\n"
                + "ranges:\n");
        for (int i = 0; i < ranges; i++) { // one /24 each, 10.16.0.0 upwards
            yaml.append("  - { name: r").append(i).append(", addresses: [10.").append(16 + i / 256).append('.')
                    .append(i % 256).append(".0/24], primary: a, fallback: b, protocols: [snmp:sip-ua-generic] }\n");
        }
        Path config = Files.writeString(folder.resolve("controller.yaml"), yaml);
        Path credentials = Files.writeString(folder.resolve("credentials.yaml"),
                "default:\n  snmp: { version: 2c, community: bench }\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));

        ConfigLoader loader = new ConfigLoader();
        ControllerConfig loaded = null;
        for (int round = 0; round < 8; round++) { // the first rounds warm the JIT up
            long start = System.nanoTime();
            ConfigLoadResult result = loader.load(config);
            long micros = (System.nanoTime() - start) / 1000;
            loaded = ((ConfigLoadResult.Valid) result).config();
            System.out.printf("load %,d ranges (%,d bytes): %,d us%n", ranges, yaml.length(), micros);
        }

        RangeIndex<RangeConfig> index = loaded.rangeIndex();
        long lookups = 2_000_000;
        long found = 0;
        long start = System.nanoTime();
        for (long i = 0; i < lookups; i++) {
            InetAddress address = IpAddresses.fromBytes(new byte[] {10, (byte) (16 + (i % ranges) / 256),
                    (byte) (i % 256), (byte) (i % 251)});
            if (index.lookup(address).isPresent()) {
                found++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("RangeIndex over %,d blocks: %,.0f lookups/s (%,d found)%n", ranges, lookups / seconds, found);

        start = System.nanoTime();
        long count = 0;
        for (InetAddress address : IpRange.parse("10.32.0.0/12")) {
            count += address.getAddress()[3] == 0 ? 1 : 0;
        }
        count = count * 256; // every 256th address ends in .0
        seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("IpRange iteration: %,d addresses in %.2f s (%,.0f addresses/s)%n", count, seconds,
                count / seconds);
        Files.delete(config);
        Files.delete(credentials);
        Files.delete(folder);
    }
}
